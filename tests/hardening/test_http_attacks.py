"""Hostile requests against the HTTP API, on SQLite and PostgreSQL: every parameter of every GET
endpoint in the OpenAPI schema gets injection strings, full-text-search syntax, huge values, control
characters and out-of-range numbers; the server answers 2xx or 4xx, never 5xx, never a stack trace,
and the store keeps its rows. Also the write path (token), body and page-size caps, and CORS."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.serve.conftest import seeded, seeded_ro  # noqa: F401  (the seed-page stores, reused)
from vndiplo.serve.api import MAX_BODY, MAX_LIMIT, create_app
from vndiplo.store.models import DocumentRow

SQL = ["' OR 1=1 --", "1; DROP TABLE documents", '" OR ""="']
FTS = ['"', "NEAR(", "a AND", "*", "Việt - Lào", "2,2 tỷ", "(((", 'ngoai giao"']
HUGE = ["x" * 10_000, "Việt " * 2_000]
CONTROL = ["\x00", "a\x00b", "\x01\x02\x1b[31m\x7f", "\r\n\t", "\ufeff\u200b"]
NUMBERS = ["-1", "0", "-9223372036854775809", "99999999999999999999999999", "2147483648", "1e309", "NaN"]
HOSTILE = SQL + FTS + HUGE + CONTROL + NUMBERS

TRACE_MARKS = ("Traceback", 'File "')


@pytest.fixture(scope="module")
def client(seeded_ro):
    with TestClient(create_app(store=seeded_ro), raise_server_exceptions=False) as c:
        yield c


def _doc_count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(DocumentRow))


def _get_operations(spec: dict):
    """(path template, parameters) of every GET operation the schema documents."""
    for path, ops in spec["paths"].items():
        if "get" in ops:
            yield path, ops["get"].get("parameters", [])


def _fill(path: str, params: list[dict], name: str | None = None, value: str | None = None) -> str:
    """The path with each path parameter set: to `value` for `name`, else to a harmless default."""
    for p in params:
        if p["in"] == "path":
            v = value if p["name"] == name else ("1" if p["schema"].get("type") == "integer" else "KH")
            path = path.replace("{" + p["name"] + "}", _quote(v))
    return path


def _each_get_parameter(client, values: list[str]):
    """(path template, parameter name, value, response) for each value in each query or path parameter of
    every GET operation the schema documents, the other path parameters left harmless."""
    spec = client.get("/openapi.json").json()
    for path, params in _get_operations(spec):
        for p in params:
            if p["in"] not in ("query", "path"):
                continue
            for value in values:
                if p["in"] == "path":
                    r = client.get(_fill(path, params, p["name"], value))
                else:
                    r = client.get(_fill(path, params), params={p["name"]: value})
                yield path, p["name"], value, r


def _quote(v: str) -> str:
    from urllib.parse import quote

    return quote(v, safe="")


def _bad(r) -> str | None:
    """Why a response breaks the rules, or None."""
    if r.status_code >= 500 or r.status_code < 200:
        return f"status {r.status_code}"
    for mark in TRACE_MARKS:
        if mark in r.text:
            return f"{mark!r} in the body"
    return None


def test_every_get_parameter_survives_hostile_values(client, seeded_ro):
    before = _doc_count(seeded_ro)
    assert before > 0
    failures, tried, params_seen = [], 0, set()
    for path, name, value, r in _each_get_parameter(client, HOSTILE):
        params_seen.add((path, name))
        tried += 1
        why = _bad(r)
        if why:
            failures.append(f"{path} {name}={value[:40]!r}: {why}")
    # The schema must have offered real work: every list endpoint's filters and every page's id.
    assert {("/api/search", "q"), ("/api/events", "country"), ("/api/countries/{country}", "country"),
            ("/api/events/{event_id}", "event_id"), ("/api/documents", "limit")} <= params_seen
    assert tried == len(params_seen) * len(HOSTILE)
    assert not failures, "\n".join(failures)
    assert _doc_count(seeded_ro) == before


def test_all_parameters_hostile_at_once(client, seeded_ro):
    """Every query parameter of an operation set at the same time (the search's combined filters)."""
    spec = client.get("/openapi.json").json()
    failures = []
    for path, params in _get_operations(spec):
        query = [p for p in params if p["in"] == "query"]
        if not query:
            continue
        for value in SQL + FTS + CONTROL:
            r = client.get(_fill(path, params), params={p["name"]: value for p in query})
            if _bad(r):
                failures.append(f"{path} all={value!r}: {_bad(r)}")
    assert not failures, "\n".join(failures)
    assert _doc_count(seeded_ro) > 0


@pytest.mark.parametrize("q", FTS + SQL)
def test_search_syntax_is_text_not_operators(client, q):
    """Search treats FTS/SQL syntax as words: a 200 with a well-formed answer, or a 4xx naming q."""
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200 or 400 <= r.status_code < 500, r.text
    if r.status_code == 200:
        body = r.json()
        assert isinstance(body["items"], list) and body["total"] >= len(body["items"])
    page = client.get("/search", params={"q": q})
    assert page.status_code < 500 and "Traceback" not in page.text


def test_real_words_still_found_next_to_operators(client):
    """Stripping operators must not strip the words: a phrase with a quote and a dash still matches."""
    plain = client.get("/api/search", params={"q": "Campuchia"}).json()["total"]
    assert plain > 0
    assert client.get("/api/search", params={"q": 'Campuchia"'}).json()["total"] == plain
    assert client.get("/api/search", params={"q": "Campuchia -"}).json()["total"] == plain


def test_page_size_is_capped(client):
    for path in ("/api/documents", "/api/events", "/api/persons", "/api/figures"):
        r = client.get(path, params={"limit": 100000})
        assert r.status_code == 422, (path, r.status_code)
        ok = client.get(path, params={"limit": MAX_LIMIT})
        assert ok.status_code == 200 and len(ok.json()["items"]) <= MAX_LIMIT
    assert client.get("/api/search", params={"q": "Campuchia", "limit": 100000}).status_code == 422


def test_read_only_by_default(client, seeded_ro):
    before = _doc_count(seeded_ro)
    page = "date 2025-11-02 Tin mới\n\nChiều 2/11, tại Hà Nội, Thủ tướng tiếp Đại sứ Lào.\n".encode()
    for headers in ({}, {"Authorization": "Bearer anything"}, {"Authorization": "Bearer "}):
        r = client.post("/api/documents", params={"doc_id": "intruder"}, content=page, headers=headers)
        assert 400 <= r.status_code < 500, r.status_code
    assert _doc_count(seeded_ro) == before
    assert client.get("/api/documents/intruder").status_code == 404


def test_token_wrong_right_and_body_cap(seeded):
    before = _doc_count(seeded)
    page = ("date 2025-11-04 Tin mới\n\nNgày 3/11, tại Hà Nội, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm "
            "với Bộ trưởng Ngoại giao Lào Thongsavanh Phomvihane.\n").encode()
    with TestClient(create_app(store=seeded, token="t0ken-ABC"), raise_server_exceptions=False) as c:
        for auth in ("Bearer wrong", "Bearer t0ken-AB", "Bearer t0ken-ABCD", "t0ken-abc", "Basic dDB rZW4=",
                     "Bearer t\u00f6ken-ABC".encode(), ""):
            r = c.post("/api/documents", params={"doc_id": "guarded"}, content=page, headers={"Authorization": auth})
            assert r.status_code in (401, 403), (auth, r.status_code)
        assert _doc_count(seeded) == before
        # Over the cap: refused by its declared length, and by its streamed size when no length is given.
        big = b"a" * (MAX_BODY + 1)
        r = c.post("/api/documents", params={"doc_id": "big"}, content=big,
                   headers={"Authorization": "Bearer t0ken-ABC"})
        assert r.status_code == 413
        chunked = c.post("/api/documents", params={"doc_id": "big"}, content=iter([big[:MAX_BODY], b"b" * 10]),
                         headers={"Authorization": "Bearer t0ken-ABC"})
        assert chunked.status_code == 413
        assert _doc_count(seeded) == before
        events_before = c.get("/api/events", params={"limit": 1}).json()["total"]  # read (and cached) first
        ok = c.post("/api/documents", params={"doc_id": "guarded"}, content=page,
                    headers={"Authorization": "Bearer t0ken-ABC"})
        assert ok.status_code == 201, ok.text
        # The new page's event is served at once: nothing read before the write is served stale.
        assert ok.json()["facts"] > 0
        assert c.get("/api/events", params={"limit": 1}).json()["total"] == events_before + 1
    assert _doc_count(seeded) == before + 1


def test_cors_closed_by_default(client):
    for path in ("/api/countries", "/api/search?q=Campuchia", "/"):
        r = client.get(path, headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in r.headers, path
    pre = client.options("/api/countries", headers={"Origin": "http://evil.example",
                                                    "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
