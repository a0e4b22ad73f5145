"""A safe page: only http(s) addresses become links, no inline script anywhere (a strict
Content-Security-Policy), nosniff and a referrer policy, /docs with no internet, gzip for JSON.

The hostile address is written into the store directly (as a row stored before the reader
checked addresses, or loaded in bulk, would hold it): the page must not make it a link."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.serve.live import live_server
from tests.serve.test_browser import browser  # noqa: F401  (fixture)
from vndiplo.read import read_file
from vndiplo.store import open_store
from vndiplo.store.models import DocumentRow
from vndiplo.store.write import save_document

HOSTILE = "javascript:window.__xss=1;document.title='pwned';void(0)"
PAGE = """Bộ trưởng Lê Minh Khang tiếp Đại sứ Nhật Bản

Chiều 9/4, tại Hà Nội, Bộ trưởng Ngoại giao Lê Minh Khang đã tiếp Đại sứ Nhật Bản tại Việt Nam. Hai bên trao đổi về hợp tác kinh tế.
"""


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("safe")
    db = tmp / "safe.db"
    store = open_store(str(db))
    for name, url in [("hostile", HOSTILE), ("good", "https://baoquocte.vn/bai-1.html")]:
        p = tmp / f"{name}.txt"
        p.write_text(PAGE.replace("Nhật Bản", "Nhật Bản " + name, 1), encoding="utf-8")
        (doc,) = read_file(p)
        with store.session() as s:
            save_document(s, doc)
            s.execute(update(DocumentRow).where(DocumentRow.doc_id == name).values(url=url))
    store.close()
    return db


@pytest.fixture(scope="module")
def client(db_file):
    from fastapi.testclient import TestClient

    from vndiplo.serve.api import create_app

    with TestClient(create_app(str(db_file))) as c:
        yield c


def _inline_scripts(html: str) -> list[str]:
    scripts = [m for m in re.findall(r"<script\b([^>]*)>", html, re.I) if "src=" not in m]
    handlers = re.findall(r"<[^>]+\son[a-z]+\s*=", html, re.I)
    js_links = re.findall(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    return scripts + handlers + js_links


@pytest.mark.parametrize("path", ["/", "/documents/hostile", "/documents/good", "/search?q=Khang", "/countries",
                                  "/network", "/docs", "/nothing-here"])
def test_pages_carry_the_policy_and_no_inline_script(client, path):
    r = client.get(path)
    assert r.status_code in (200, 404)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "<html" in r.text.lower()
    assert _inline_scripts(r.text) == []


def test_only_web_addresses_become_links(client):
    hostile = client.get("/documents/hostile").text
    assert "Lê Minh Khang" in hostile and "javascript:" not in hostile and ">gốc</a>" not in hostile
    good = client.get("/documents/good").text
    assert '<a href="https://baoquocte.vn/bai-1.html" rel="noopener noreferrer">gốc</a>' in good
    search = client.get("/search", params={"q": "Khang"}).text
    assert "javascript:" not in search and 'href="https://baoquocte.vn/bai-1.html"' in search


def test_api_answers_are_policed_and_gzipped(client):
    r = client.get("/api/documents", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert [d["doc"] for d in r.json()["items"]] and "vary" in r.headers
    with client.stream("GET", "/api/documents", headers={"Accept-Encoding": "gzip"}) as raw:
        wire = b"".join(raw.iter_raw())  # the bytes as sent: gzip, smaller than the JSON they carry
    assert gzip.decompress(wire) == r.content and len(wire) < len(r.content)
    plain = client.get("/api/documents", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == r.json()


def test_docs_are_served_from_local_files(client):
    page = client.get("/docs").text
    srcs = re.findall(r"""(?:src|href)="([^"]+)\"""", page)
    assert srcs and all(s.startswith("/") for s in srcs)  # nothing from another host
    for s in srcs:
        r = client.get(s)
        assert r.status_code == 200 and len(r.content) > 100, s
    assert "SwaggerUIBundle" in client.get("/swagger-ui/swagger-ui-bundle.js").text
    assert client.get("/openapi.json").json()["info"]["title"] == "vndiplo"


# -- in a real browser ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(db_file, tmp_path_factory):
    with live_server(str(db_file), tmp_path_factory.mktemp("safe-serve") / "serve.log") as base:
        yield base


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    # No internet: anything not from the server is refused (and counted).
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    pg.outside = outside
    yield pg
    ctx.close()


@pytest.mark.browser
def test_a_javascript_url_never_runs(page, server):
    page.goto(server + "/documents/hostile")
    assert page.locator("h1").first.inner_text().startswith("Bộ trưởng Lê Minh Khang")
    assert page.locator("a[href^='javascript' i]").count() == 0
    links = page.locator("p.muted a")
    for i in range(links.count()):  # click whatever the meta line links to: none may run the address
        links.nth(i).click()
        page.goto(server + "/documents/hostile")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.title() != "pwned"
    # Even a script injected into the page inline is refused by the policy.
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text))
    with pytest.raises(Exception):
        page.add_script_tag(content="window.__xss = 2;")
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.goto(server + "/documents/good")
    assert page.locator("a[href='https://baoquocte.vn/bai-1.html']").count() == 1


@pytest.mark.browser
def test_docs_render_with_no_internet(page, server):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "vndiplo" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 5
    assert page.outside == []
