"""Limits of the HTTP server: a 50,000-character name on every GET endpoint (past SQLite's LIKE pattern
limit) is answered, never a 500; HEAD works wherever GET does; and the real server (uvicorn with
vndiplo's protocol) refuses an oversized request head and closes a connection whose head trickles in."""
from __future__ import annotations

import select
import socket
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.hardening.test_http_attacks import _bad, _each_get_parameter, _fill, _get_operations
from tests.serve.conftest import seeded_file, seeded_ro  # noqa: F401  (the seed-page stores, reused)
from tests.serve.live import live_server
from vndiplo.serve.api import create_app

# 50,000 characters and more (a URL carries at most 64 KB, so these are ASCII; the query functions also get
# names of 50,000 letters with marks, over 100 KB, below).
LONG = ["a" * 50_000, "Nguyen-Van-" * 4_546]
WIDE = ["Việt " * 10_000, "Nguyễn Văn " * 4_546, "Nguyen Van " * 4_546]

PAGES = ["/", "/search?q=Campuchia", "/countries", "/countries/KH", "/network", "/persons/Prak%20Sokhonn"]


@pytest.fixture(scope="module")
def client(seeded_ro):
    with TestClient(create_app(store=seeded_ro), raise_server_exceptions=False) as c:
        yield c


def test_a_50000_character_value_on_every_get_parameter(client):
    failures, tried = [], 0
    for path, name, value, r in _each_get_parameter(client, LONG):
        tried += 1
        if _bad(r):
            failures.append(f"{path} {name}={value[:20]!r}…: {_bad(r)}")
    for value in LONG:  # the web pages that take a name or words
        for url in (f"/persons/{value}", "/search", "/events"):
            r = client.get(url, params={"q": value} if url == "/search" else {"person": value})
            tried += 1
            if _bad(r):
                failures.append(f"{url[:30]} {value[:20]!r}…: {_bad(r)}")
    assert tried > 30
    assert not failures, "\n".join(failures)


def test_a_long_name_in_every_query_function(seeded_ro):
    """The functions behind the API, the pages and the CLI, with names too long for SQLite's LIKE."""
    from vndiplo.serve import queries

    with seeded_ro.session() as s:
        for name in LONG + WIDE:
            assert queries.list_persons(s, name, None, 50, 0)["total"] == 0
            assert queries.list_events(s, None, name, None, None, None, 50, 0)["total"] == 0
            with pytest.raises(queries.NotFound):
                queries.get_person(s, name)
        assert queries.list_persons(s, "Prak", None, 50, 0)["total"] > 0  # a real name is still found


def test_head_is_answered_like_get_on_every_get_route(client):
    spec = client.get("/openapi.json").json()
    urls = [_fill(path, params) for path, params in _get_operations(spec)] + PAGES + ["/openapi.json"]
    assert "/api/events" in urls and "/api/countries/KH" in urls
    for url in urls:
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code, (url, head.status_code, get.status_code)
        assert head.content == b"", url
        assert head.headers.get("content-type") == get.headers.get("content-type"), url
        if get.status_code == 200 and "etag" in get.headers:
            assert head.headers["etag"] == get.headers["etag"], url


def _exchange(port: int, chunks, pause: float = 0.0, wait: float = 60) -> bytes:
    """Send `chunks` (pausing between them) on one connection; everything the server answers until it
    closes the connection (or `wait` seconds without a byte, a failure for the callers)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        try:
            for chunk in chunks:
                if select.select([s], [], [], 0)[0]:
                    break  # the server answered already (and closes): stop sending, read what it said
                s.sendall(chunk)
                if pause:
                    time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed the connection while the client was still sending
        data = b""
        try:
            while True:
                got = s.recv(65536)
                if not got:
                    return data
                data += got
        except ConnectionResetError:
            return data


def test_the_real_server_limits_request_heads(seeded_file, tmp_path, monkeypatch):
    monkeypatch.setenv("VNDIPLO_HEAD_TIMEOUT", "1")
    with live_server(str(seeded_file), tmp_path / "serve.log") as base:
        port = int(base.rsplit(":", 1)[1])
        ok = _exchange(port, [b"GET /api/countries/KH HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"])
        assert ok.startswith(b"HTTP/1.1 200"), ok[:200]
        head = b"HEAD /api/countries/KH HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        answer = _exchange(port, [head])
        assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"\r\n\r\n"), answer[:300]

        # One header of 1 MB, sent in pieces: refused once the head passes the limit, connection closed.
        big = [b"GET /api/countries HTTP/1.1\r\nHost: x\r\nX-Big: "] + [b"a" * 65536] * 16
        refused = _exchange(port, big)
        assert refused.startswith(b"HTTP/1.1 431"), refused[:200]

        # A head that trickles in (a header line every 0.3 s, never finished) is closed with 408.
        slow = [b"GET /api/countries HTTP/1.1\r\nHost: x\r\n"] + [b"X-Slow-%d: y\r\n" % i for i in range(60)]
        timed_out = _exchange(port, slow, pause=0.3)
        assert timed_out.startswith(b"HTTP/1.1 408"), timed_out[:200]

        # A connection that sends nothing at all is closed too.
        silent = _exchange(port, [])
        assert silent.startswith(b"HTTP/1.1 408"), silent[:200]

        # A kept-alive connection idle for longer than the head deadline between requests stays usable.
        with httpx.Client(base_url=base, timeout=30) as c:
            answers = []
            for _ in range(3):
                answers.append(c.get("/api/countries/KH").status_code)
                time.sleep(1.5)
            assert answers == [200, 200, 200]
            assert c.get("/api/countries/KH").status_code == 200

        # And the server still answers.
        assert _exchange(port, [b"GET /api/countries/KH HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"]) \
            .startswith(b"HTTP/1.1 200")
