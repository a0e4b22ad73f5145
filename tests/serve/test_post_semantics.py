"""`POST /api/documents` semantics, on SQLite and PostgreSQL: a page posted again under its id with new
content updates the document (facts and entities follow); an id taken by a document read from a file is
a 409; any id the API accepts (long, Unicode) is stored as given, never used as a file name; what the
API reports as a document's source names the API, not a path on the server; and the token must come
under the Bearer scheme (any case)."""
from __future__ import annotations

from fastapi.testclient import TestClient

from tests.serve.conftest import seeded  # noqa: F401  (the seed-page stores, on both backends)
from vndiplo.serve.api import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

FIRST = ("date 2025-11-05 Bộ trưởng Ngoại giao hội đàm với Bộ trưởng Ngoại giao Lào\n\n"
         "Ngày 4/11, tại Hà Nội, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm với Bộ trưởng Ngoại giao Lào "
         "Thongsavanh Phomvihane.\n")
SECOND = ("date 2025-11-06 Bộ trưởng Ngoại giao hội đàm với Bộ trưởng Ngoại giao Thái Lan\n\n"
          "Ngày 5/11, tại Băng Cốc, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm với Bộ trưởng Ngoại giao "
          "Thái Lan Maris Sangiampongsa.\n")


def _post(c: TestClient, doc_id: str, body: str, headers=AUTH):
    return c.post("/api/documents", params={"doc_id": doc_id}, content=body.encode(), headers=headers)


def test_posting_an_id_again_with_new_content_updates_it(seeded):
    with TestClient(create_app(store=seeded, token=TOKEN), raise_server_exceptions=False) as c:
        total = c.get("/api/documents").json()["total"]
        first = _post(c, "vn-talks-nov", FIRST)
        assert first.status_code == 201 and first.json()["status"] == "ingested", first.text
        la_events = c.get("/api/events", params={"country": "LA"}).json()["total"]
        th_events = c.get("/api/events", params={"country": "TH"}).json()["total"]
        second = _post(c, "vn-talks-nov", SECOND)
        assert second.status_code == 200, second.text
        assert second.json() == {"doc": "vn-talks-nov", "status": "updated", "facts": second.json()["facts"]}
        assert second.json()["facts"] > 0
        doc = c.get("/api/documents/vn-talks-nov").json()
        assert "Maris Sangiampongsa" in doc["text"] and "Thongsavanh" not in doc["text"]
        assert c.get("/api/documents").json()["total"] == total + 1
        # The old report's event went with it; the new one is there.
        assert c.get("/api/events", params={"country": "LA"}).json()["total"] == la_events - 1
        assert c.get("/api/events", params={"country": "TH"}).json()["total"] == th_events + 1
        again = _post(c, "vn-talks-nov", SECOND)
        assert again.status_code == 200 and again.json()["status"] == "unchanged"


def test_an_id_of_a_document_read_from_a_file_is_a_conflict(seeded):
    with TestClient(create_app(store=seeded, token=TOKEN), raise_server_exceptions=False) as c:
        listed = c.get("/api/documents", params={"limit": 200}).json()["items"]
        from_file = next(d for d in listed if not d["source"].startswith("api:"))
        r = _post(c, from_file["doc"], SECOND)
        assert r.status_code == 409, r.text
        assert from_file["doc"] in r.json()["detail"]
        assert c.get(f"/api/documents/{from_file['doc']}").json()["text"] != SECOND


def test_a_long_unicode_id_is_stored_as_given(seeded):
    doc_id = ("Bộ_trưởng_Ngoại_giao_hội_đàm_" * 10)[:200]
    assert len(doc_id.encode()) > 255  # over any file system's name limit
    with TestClient(create_app(store=seeded, token=TOKEN), raise_server_exceptions=False) as c:
        r = _post(c, doc_id, FIRST)
        assert r.status_code == 201, r.text
        assert r.json()["doc"] == doc_id
        doc = c.get(f"/api/documents/{doc_id}")
        assert doc.status_code == 200 and doc.json()["doc"] == doc_id
        assert _post(c, doc_id[:-1] + "x", FIRST).json()["status"] == "unchanged"  # same content, any id


def test_the_source_of_a_posted_page_names_the_api(seeded):
    with TestClient(create_app(store=seeded, token=TOKEN), raise_server_exceptions=False) as c:
        assert _post(c, "api-source", FIRST).status_code == 201
        items = c.get("/api/documents", params={"limit": 200}).json()["items"]
        (mine,) = [d for d in items if d["doc"] == "api-source"]
        assert mine["source"] == "api:api-source"
        doc = c.get("/api/documents/api-source").text
        assert "/tmp" not in doc and "tmp" not in mine["source"]


def test_the_token_needs_the_bearer_scheme_in_any_case(seeded):
    with TestClient(create_app(store=seeded, token=TOKEN), raise_server_exceptions=False) as c:
        for auth in (TOKEN, f"Token {TOKEN}", f"Basic {TOKEN}", f"Bearer{TOKEN}", "Bearer", f"{TOKEN} Bearer"):
            r = _post(c, "scheme", FIRST, headers={"Authorization": auth})
            assert r.status_code == 401, (auth, r.status_code)
            assert r.headers.get("www-authenticate") == "Bearer"
        assert c.get("/api/documents/scheme").status_code == 404
        assert _post(c, "scheme", FIRST, headers={"Authorization": f"bearer {TOKEN}"}).status_code == 201
        assert _post(c, "scheme", FIRST, headers={"Authorization": f"BEARER  {TOKEN} "}).json()["status"] == \
            "unchanged"
