"""The HTTP API over a store built from the seed pages and their gold records, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from vndiplo.serve.api import MAX_BODY, MAX_LIMIT, create_app
from vndiplo.text import search_key


@pytest.fixture(scope="module")
def client(seeded_ro):
    """A client over the shared read-only store (tests that write use `writer` on a fresh one)."""
    with TestClient(create_app(store=seeded_ro), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writer(seeded):
    with TestClient(create_app(store=seeded, token="s3cret"), raise_server_exceptions=False) as c:
        yield c


def test_country_dossier_answers_latest_fm_meeting_and_target(client):
    for ref in ("KH", "kh", "Campuchia", "campuchia", "Cambodia"):
        r = client.get(f"/api/countries/{ref}")
        assert r.status_code == 200, ref
        assert r.json()["code"] == "KH"
    d = client.get("/api/countries/KH").json()
    m = d["latest_meeting"]
    assert m["date"] == "2025-10-27"
    assert {(p["name"], p["country"]) for p in m["participants"]} == {("Lê Hoài Trung", "VN"), ("Prak Sokhonn", "KH")}
    assert [(t["value"], t["unit"], t["is_target"]) for t in m["targets"]] == [(20e9, "USD", True)]
    assert "20 tỷ USD" in m["targets"][0]["source"]["evidence"]
    # Two articles report that meeting: one event, both sources, each with its sentence.
    assert sorted(src["doc"] for src in m["sources"]) == ["002_d08307e42bcacef1", "own_kh_talks"]
    assert m["location"]["place"] == "Kuala Lumpur"
    # Foreign minister to foreign minister, whoever held the office: one row, the latest meeting.
    fm = [r for r in d["latest_by_office"]
          if r["home_role"] == "Bộ trưởng Ngoại giao" and "Ngoại giao và Hợp tác quốc tế" in r["other_role"]]
    assert [(r["date"], r["home_name"], r["other_name"]) for r in fm] == [("2025-10-27", "Lê Hoài Trung", "Prak Sokhonn")]
    dates = [r["date"] for r in d["latest_by_office"]]
    assert "2025-08-14" in dates  # the General Secretary's call with Hun Sen (other offices)
    assert d["framework"][0]["level"] == "traditional_friendship"
    assert len(d["framework"][0]["sources"]) == 4
    assert [(f["period"], f["value"]) for f in d["trade"]["actuals"]] == [
        ("2025-01/2025-05", 5.5e9), ("2025-01/2025-06", 7e9)]
    sessions = {m["name"]: [x["session"] for x in m["sessions"]] for m in d["mechanisms"]}
    # The same commission named two ways in two articles is one mechanism with two sources.
    commission = [m for m in d["mechanisms"] if m["sessions"] and m["sessions"][0]["session"] == 21]
    assert len(commission) == 1 and len(commission[0]["sources"]) == 2
    assert 13 in sum(sessions.values(), [])
    assert d["commitments"][0]["status"] == "open"
    assert d["commitments"][0]["latest_actual"]["value"] == 7e9
    assert d["event_count"] == 6
    assert [e["date"] for e in d["events"]][:2] == ["2025-10-27", "2025-10-25/2025-10-26"]


def test_dossier_from_unresolved_facts(unresolved):
    """A store whose facts were never resolved gives the same answer, grouped by the read side."""
    with TestClient(create_app(store=unresolved)) as c:
        d = c.get("/api/countries/KH").json()
    m = d["latest_meeting"]
    assert (m["date"], [t["value"] for t in m["targets"]]) == ("2025-10-27", [20e9])
    assert sorted(src["doc"] for src in m["sources"]) == ["002_d08307e42bcacef1", "own_kh_talks"]
    assert d["event_count"] == 6


def test_country_unknown_is_404_without_trace(client):
    r = client.get("/api/countries/Atlantis")
    assert r.status_code == 404
    assert r.json() == {"detail": "unknown country 'Atlantis'"}


def test_events_filters_and_pagination(client):
    all_ = client.get("/api/events").json()
    assert all_["total"] == 16
    dates = [e["sort_date"] for e in all_["items"]]
    assert dates == sorted(dates, reverse=True)
    kh = client.get("/api/events", params={"country": "KH"}).json()
    assert kh["total"] == 6
    assert all("KH" in e["countries"] for e in kh["items"])
    talks = client.get("/api/events", params={"kind": "talks"}).json()
    assert [(e["date"], e["participants"][1]["name"]) for e in talks["items"]] == [
        ("2025-06-02", "Bounleua Phandanouvong")]
    person = client.get("/api/events", params={"person": "bui thanh son"}).json()
    assert person["total"] == 8
    window = client.get("/api/events", params={"since": "2025-08-01", "until": "2025-08-31"}).json()
    assert window["total"] == 4
    page = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (16, 5, 5, 5)
    assert page["items"][0]["id"] == all_["items"][5]["id"]
    assert client.get("/api/events", params={"limit": MAX_LIMIT + 1}).status_code == 422
    assert client.get("/api/events", params={"since": "8/7"}).status_code == 422


def test_event_has_every_source_with_span(client):
    e = client.get("/api/events", params={"country": "KH", "limit": 1}).json()["items"][0]
    one = client.get(f"/api/events/{e['id']}").json()
    assert one == e
    src = one["sources"][0]
    doc = client.get(f"/api/documents/{src['doc']}").json()
    a, b = src["span"]
    assert doc["text"][a:b] == src["evidence"]
    assert client.get("/api/events/999999").status_code == 404


def test_person_roles_and_meetings(client):
    p = client.get("/api/persons/prak sokhonn").json()
    assert p["name"] == "Prak Sokhonn" and p["country"] == "KH"
    roles = {r["role"]: (r["first"], r["last"]) for r in p["roles"]}
    assert roles["Phó Thủ tướng"] == ("2025-07", "2025-10-28")  # our own page of 28 October states it too
    assert [m["date"] for m in p["meetings"]] == ["2025-10-27", "2025-08-14/2025-08-15", "2025-07"]
    assert [w["name"] for w in p["meetings"][0]["with"]] == ["Lê Hoài Trung"]
    assert client.get("/api/persons/Sokhonn").json()["name"] == "Prak Sokhonn"
    lst = client.get("/api/persons", params={"country": "KH"}).json()
    assert {x["name"] for x in lst["items"]} >= {"Prak Sokhonn", "Hun Sen", "Sok Chenda Sophea", "Norodom Sihamoni"}
    assert client.get("/api/persons/Nobody Here").status_code == 404


def test_documents_and_figures(client):
    docs = client.get("/api/documents").json()
    assert docs["total"] == 6
    assert [d["doc"] for d in docs["items"][:2]] == ["own_kh_talks", "002_d08307e42bcacef1"]
    assert sum(d["facts"] for d in docs["items"]) == 104 + 4
    figs = client.get("/api/figures", params={"country": "LA", "target": "false"}).json()
    assert [(f["period"], f["change_pct"]) for f in figs["items"]] == [
        ("2024", 33.9), ("2025-01/2025-04", 109.3), ("2025-01/2025-05", 100.4)]


def test_search_is_diacritics_insensitive_ranked_with_snippets_and_facets(client):
    plain = client.get("/api/search", params={"q": "uy ban hon hop"}).json()
    marked = client.get("/api/search", params={"q": "Ủy ban Hỗn hợp"}).json()
    assert plain["total"] == marked["total"] >= 2
    assert [h["doc"] for h in plain["items"]] == [h["doc"] for h in marked["items"]]
    scores = [h["score"] for h in plain["items"]]
    assert scores == sorted(scores, reverse=True)
    parts = [p for sn in marked["items"][0]["snippets"] for p in sn["parts"] if p["hit"]]
    # The phrase is marked as one piece; elsewhere its words are marked one by one.
    assert any(search_key(p["text"]) == "uy ban hon hop" for p in parts)
    assert all(search_key(p["text"]) in ("uy ban hon hop", "uy", "ban", "hon", "hop") for p in parts)
    dd = client.get("/api/search", params={"q": "dang nhan dan campuchia"}).json()
    assert dd["total"] >= 1  # đ folds to d
    res = client.get("/api/search", params={"q": "Campuchia"}).json()
    facets = res["facets"]
    kh = {f["value"]: f["count"] for f in facets["country"]}
    assert kh["KH"] == res["total"] == 5 and kh["JP"] == 1
    jp = client.get("/api/search", params={"q": "Campuchia", "country": "JP"}).json()
    assert [h["doc"] for h in jp["items"]] == ["002_d08307e42bcacef1"]
    only = client.get("/api/search", params={"q": "Campuchia", "year": "2025"}).json()
    assert only["total"] == {f["value"]: f["count"] for f in facets["year"]}["2025"]
    assert client.get("/api/search", params={"q": "zzzqqq"}).json()["total"] == 0


def test_network_and_anniversaries(client):
    net = client.get("/api/network").json()
    names = {n["name"] for n in net["nodes"]}
    assert {"Bùi Thanh Sơn", "Prak Sokhonn", "Lê Hoài Trung"} <= names
    pair = [e for e in net["edges"] if {e["source"], e["target"]} == {"bui thanh son", "prak sokhonn"}]
    assert pair and pair[0]["weight"] == 2
    ann = client.get("/api/anniversaries", params={"days": 3660}).json()
    kh = [a for a in ann if a["name"] == "Quốc khánh Campuchia"]
    assert kh and kh[0]["date"][5:] == "11-09"
    assert kh[0]["years"] == int(kh[0]["date"][:4]) - 1953


def test_etag_and_304(writer):
    client = writer
    r = client.get("/api/countries/KH")
    tag = r.headers["etag"]
    assert client.get("/api/countries/KH", headers={"If-None-Match": tag}).status_code == 304
    assert client.get("/api/countries/LA", headers={"If-None-Match": tag}).status_code == 200
    # A write changes the store, so the old tag no longer matches.
    page = "date 2025-11-02 Thủ tướng tiếp Đại sứ Campuchia\n\nChiều 2/11, tại Hà Nội, Thủ tướng tiếp Đại sứ Campuchia.\n"
    w = writer.post("/api/documents", params={"doc_id": "new_page"}, content=page.encode(),
                    headers={"Authorization": "Bearer s3cret"})
    assert w.status_code == 201, w.text
    assert w.json()["status"] == "ingested" and w.json()["doc"] == "new_page"
    assert client.get("/api/countries/KH", headers={"If-None-Match": tag}).status_code == 200
    again = writer.post("/api/documents", params={"doc_id": "new_page"}, content=page.encode(),
                        headers={"Authorization": "Bearer s3cret"})
    assert again.json()["status"] == "unchanged"
    assert client.get("/api/documents").json()["total"] == 7


def test_ingest_needs_token(seeded, writer):
    client = TestClient(create_app(store=seeded))  # the same store served without a token
    body = "Một trang.".encode()
    r = client.post("/api/documents", params={"doc_id": "x"}, content=body, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert writer.post("/api/documents", params={"doc_id": "x"}, content=body).status_code == 401
    assert writer.post("/api/documents", params={"doc_id": "x"}, content=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    big = writer.post("/api/documents", params={"doc_id": "x"}, content=b"a" * (MAX_BODY + 1),
                      headers={"Authorization": "Bearer s3cret"})
    assert big.status_code == 413
    assert writer.post("/api/documents", params={"doc_id": "../etc"}, content=body,
                       headers={"Authorization": "Bearer s3cret"}).status_code == 422
    assert writer.get("/api/documents").json()["total"] == 6


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in ("/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/events/{event_id}", "/api/persons",
              "/api/persons/{name}", "/api/countries", "/api/countries/{country}", "/api/figures", "/api/search",
              "/api/network", "/api/anniversaries"):
        assert p in paths, p
        for op in paths[p].values():
            assert op.get("description") or op.get("summary")
            assert "$ref" in str(op["responses"]["200" if "200" in op["responses"] else "201"])
    assert "DossierOut" in spec["components"]["schemas"]


def test_cors_closed_by_default(client, seeded_ro):
    r = client.get("/api/countries", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(store=seeded_ro, cors_origins=["http://ok.example"])) as c:
        r = c.get("/api/countries", headers={"Origin": "http://ok.example"})
        assert r.headers["access-control-allow-origin"] == "http://ok.example"


def test_pages_render_vietnamese(client):
    r = client.get("/countries/Campuchia")
    assert r.status_code == 200 and r.headers["content-type"] == "text/html; charset=utf-8"
    html = r.text
    assert "Việt Nam – Campuchia" in html and "20 tỷ USD" in html
    # Both of Cambodia's actuals cover part of 2025 (years to date): marks of their own, never a line.
    assert html.count('class="point part"') == 2 and 'class="series"' not in html
    assert client.get("/search", params={"q": "hoi dam"}).text.count('class="hit"') >= 1
    assert client.get("/countries/ZZ").status_code == 404
    # What a user types is shown escaped, never as markup.
    page = client.get("/search", params={"q": "<script>alert(1)</script> Campuchia"}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_internal_error_has_no_stack_trace(seeded):
    from sqlalchemy import text

    with seeded.engine.begin() as conn:  # a damaged store: the facts table is gone
        conn.execute(text("ALTER TABLE facts RENAME TO facts_gone"))
    with TestClient(create_app(store=seeded), raise_server_exceptions=False) as c:
        r = c.get("/api/countries")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error"}
    assert "Traceback" not in r.text and "facts" not in r.text
