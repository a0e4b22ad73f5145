"""`vndiplo crawl / fetch / sources / watch` run as a user runs them, against the local test site."""
from __future__ import annotations

import json

from sqlalchemy import select

from tests.gather.conftest import CONTACT, counts, errors, vndiplo, vndiplo_process
from tests.gather.site import (A1, A2, A3, A4, BOMB, BUSY, CRAWL_DELAY, FEED_DATE_A2, FLAKY, HOST, HUGE, MISSING,
                               LINKS_HOST, MOVED, OLD, OLD_PATH, PDF, RSS_ETAG, SECRET, SITE, SITEMAP_HOST, SLOW,
                               TAG, VIDEO)
from vndiplo.store import open_store
from vndiplo.store.acquired import FetchedPageRow, SourceRow
from vndiplo.store.models import DocumentRow

RSS = f"{SITE}/rss/thoi-su.rss"
ATOM = f"{SITE}/atom/the-gioi.xml"
CLUTTER = ("Tin liên quan", "Theo dõi Báo Ngoại giao", "Đọc nhiều", "Đăng nhập", "Chia sẻ Facebook", "Giấy phép số")


def _docs(url: str) -> dict[str, DocumentRow]:
    """Stored documents by the path of their URL."""
    store = open_store(url)
    try:
        with store.session() as s:
            return {r.url.removeprefix(SITE): r for r in s.scalars(select(DocumentRow))}
    finally:
        store.close()


def _pages(url: str) -> dict[str, FetchedPageRow]:
    store = open_store(url)
    try:
        with store.session() as s:
            return {r.url.removeprefix(SITE): r for r in s.scalars(select(FetchedPageRow))}
    finally:
        store.close()


def test_crawl_a_feed_stores_its_articles_politely_and_a_second_run_fetches_nothing_new(site, store_url):
    r = vndiplo_process(site, "crawl", RSS, "--db", store_url, "--no-extract")
    assert r.returncode == 0, r.stderr
    c = counts(r.stderr)
    assert (c["found"], c["fetched"], c["stored"], c["failed"]) == (5, 4, 4, 0), r.stderr

    # What the site saw: robots.txt first and once, the feed, each article once, without tracking
    # parameters; never the disallowed folder, videos, tags, or another site.
    paths = site.paths()
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1 and paths[1] == "/rss/thoi-su.rss"
    assert sorted(paths[2:]) == sorted([A1.path, A2.path, A3.path, OLD.path])
    assert SECRET.path not in paths and VIDEO not in paths and TAG not in paths
    assert {h.host for h in site.log} == {HOST}
    assert {h.headers["user-agent"].split("/")[0] for h in site.log} == {"vndiplo"}
    assert all("vndiplo" in h.headers["user-agent"] and CONTACT in h.headers["user-agent"] for h in site.log)
    # robots.txt asks for a pause between requests: every request started at least that long after the last.
    gaps = [b.at - a.at for a, b in zip(site.log, site.log[1:])]
    assert min(gaps) >= CRAWL_DELAY, gaps

    docs = _docs(store_url)
    assert set(docs) == {A1.path, A2.path, A3.path, OLD.path}
    d1 = docs[A1.path]
    assert (d1.title, d1.outlet, d1.published, d1.published_source) == (A1.title, HOST, "2025-07-14", "metadata")
    assert d1.source == SITE + A1.path
    assert A1.body[1] in d1.text and not any(c in d1.text for c in CLUTTER), d1.text
    assert (docs[A2.path].published, docs[A2.path].published_source) == (FEED_DATE_A2, "feed")  # page has none
    assert docs[A3.path].published == "2025-07-10"  # from its JSON-LD
    assert len({d.content_hash for d in docs.values()}) == 4

    # The raw page and its headers are kept: it can be cleaned again without fetching it.
    page = _pages(store_url)[A1.path]
    assert page.status == 200 and page.body.decode("utf-8").startswith("<!DOCTYPE html>")
    assert A1.body[0] in page.body.decode("utf-8")
    assert page.etag and page.headers["etag"] == page.etag and page.headers["content-type"].startswith("text/html")
    assert page.feed_published == "2025-07-14" and page.found_in == RSS and page.document_id == d1.id
    assert page.canonical_url == SITE + A1.path

    site.clear()
    again = vndiplo(site, "crawl", RSS, "--db", store_url, "--no-extract")
    assert again.returncode == 0, again.stderr
    assert site.paths() == ["/robots.txt", "/rss/thoi-su.rss"]
    c = counts(again.stderr)
    assert (c["fetched"], c["stored"], c["failed"]) == (0, 0, 0)
    assert len(_docs(store_url)) == 4


def test_a_sitemap_index_with_every_kind_of_bad_page_names_each_failure_and_goes_on(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "crawl", f"{SITE}/sitemap_index.xml", "--db", db, "--no-extract")
    assert r.returncode == 1, r.stderr
    lines = errors(r.stderr)
    expected = {MISSING: "HTTP 404", SLOW: "timed out", HUGE: "too large", BOMB: "too large (decompressed",
                PDF: "not an HTML page (application/pdf)"}
    assert len(lines) == len(expected), r.stderr
    for path, reason in expected.items():
        (line,) = [ln for ln in lines if f"{SITE}{path}:" in ln]
        assert reason in line, line

    paths = site.paths()
    assert "/sitemaps/bai-viet-2025-07.xml.gz" in paths and "/sitemaps/kiem-tra.xml" in paths
    assert SECRET.path not in paths and VIDEO not in paths
    assert paths.count(BUSY.path) == 2 and paths.count(FLAKY.path) == 2  # 429 then 200; 500 then 200
    assert paths.count(MISSING) == 1  # a 404 is not tried again
    assert paths.count(SLOW) == 2  # one retry (VNDIPLO_FETCH_RETRIES=1)
    busy = site.hits(BUSY.path)
    assert busy[1].at - busy[0].at >= 1.0  # the 429 said Retry-After: 1
    assert paths.count(A3.path) == 1  # listed with a tracking parameter, fetched under its clean URL

    docs = _docs(f"sqlite:///{db}")
    assert set(docs) == {A1.path, A3.path, A4.path, MOVED.path, BUSY.path, FLAKY.path}
    moved = docs[MOVED.path]  # stored under the URL it names itself, after the redirect
    assert moved.source == SITE + OLD_PATH and moved.published == "2025-07-12"
    pages = _pages(f"sqlite:///{db}")
    assert pages[OLD_PATH].final_url == SITE + MOVED.path
    assert pages[PDF].error.startswith("not an HTML page") and not pages[PDF].body
    assert pages[SLOW].transient and not pages[MISSING].transient

    site.clear()
    again = vndiplo(site, "crawl", f"{SITE}/sitemap_index.xml", "--db", db, "--no-extract")
    # Only the page that failed for a passing reason (a timeout) is tried again.
    articles = [p for p in site.paths() if p.endswith(".html")]
    assert articles == [SLOW, SLOW], site.paths()
    assert errors(again.stderr) == [ln for ln in errors(again.stderr) if SLOW in ln]
    assert len(_docs(f"sqlite:///{db}")) == 6


def test_a_home_page_leads_to_its_feed(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "crawl", SITE + "/", "--db", db, "--no-extract")
    assert r.returncode == 0, r.stderr
    assert "/rss/thoi-su.rss" in site.paths()
    assert {A1.path, A2.path, A3.path} <= set(_docs(f"sqlite:///{db}"))


def test_a_home_page_without_feeds_leads_to_its_sitemap_or_else_to_its_own_links(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "crawl", f"http://{SITEMAP_HOST}/", f"http://{LINKS_HOST}/", "--db", db, "--no-extract")
    assert r.returncode == 0, r.stderr
    assert "/so-do/bai-viet.xml" in site.paths(SITEMAP_HOST)  # named in its robots.txt
    for host in (SITEMAP_HOST, LINKS_HOST):
        assert sorted(p for p in site.paths(host) if p.endswith(".html")) == sorted([A3.path, A4.path])
        assert TAG not in site.paths(host) and "/thoi-su/" not in site.paths(host)
    store = open_store(f"sqlite:///{db}")
    with store.session() as s:
        rows = list(s.scalars(select(DocumentRow)))
    store.close()
    # The same two articles on two sites: the second copy of each is the same content, stored once.
    assert len(rows) == 2 and {r.outlet for r in rows} == {SITEMAP_HOST}
    assert counts(r.stderr)["stored"] == 2


def test_duplicate_links_tracking_parameters_and_mobile_mirrors_are_fetched_once(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "crawl", ATOM, RSS, "--db", db, "--no-extract")
    assert r.returncode == 0, r.stderr
    paths = site.paths()
    for a in (A1, A2, A3):
        assert paths.count(a.path) == 1, paths
    assert not [p for p in paths if "?" in p]
    assert {h.host for h in site.log} == {HOST}  # the m. mirror was read as the desktop site
    assert set(_docs(f"sqlite:///{db}")) == {A1.path, A2.path, A3.path, OLD.path}


def test_fetch_keeps_the_page_and_a_refetch_asks_whether_it_changed(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "fetch", f"{SITE}{A1.path}?utm_source=zalo#top", "--db", db)
    assert r.returncode == 0, r.stderr
    assert counts(r.stderr)["stored"] == 1 and site.paths() == ["/robots.txt", A1.path]
    (doc,) = _docs(f"sqlite:///{db}").values()
    assert doc.published == "2025-07-14" and doc.title == A1.title

    site.clear()
    same = vndiplo(site, "fetch", SITE + A1.path, "--db", db)
    assert same.returncode == 0 and site.paths() == []  # seen: not fetched again
    assert counts(same.stderr)["skipped"] == 1

    refetch = vndiplo(site, "fetch", SITE + A1.path, "--db", db, "--refetch", "-v")
    assert refetch.returncode == 0, refetch.stderr
    (hit,) = site.hits(A1.path)
    assert hit.status == 304 and hit.headers["if-none-match"] == _pages(f"sqlite:///{db}")[A1.path].etag
    assert "not modified" in refetch.stderr
    assert len(_docs(f"sqlite:///{db}")) == 1


def test_fetch_names_each_bad_url_and_stores_the_rest(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "fetch", "ftp://baongoaigiao.example/x", SITE + MISSING, SITE + A2.path, SITE + SECRET.path,
                "--db", db)
    assert r.returncode == 1
    lines = errors(r.stderr)
    assert len(lines) == 2, r.stderr
    assert "ftp://baongoaigiao.example/x" in lines[0] and "not an http(s) URL" in lines[0]
    assert SITE + MISSING in lines[1] and "HTTP 404" in lines[1]
    assert SECRET.path not in site.paths()  # robots.txt said no: skipped, not a failure
    assert set(_docs(f"sqlite:///{db}")) == {A2.path}


def test_since_and_max_pages_bound_a_run(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "crawl", RSS, "--db", db, "--no-extract", "--since", "2025-07-12")
    assert r.returncode == 0, r.stderr
    paths = site.paths()
    assert A3.path not in paths and OLD.path not in paths  # the feed dates them before --since
    assert set(_docs(f"sqlite:///{db}")) == {A1.path, A2.path}

    site.clear()
    db2 = str(tmp_path / "w.db")
    r = vndiplo(site, "crawl", RSS, "--db", db2, "--no-extract", "--max-pages", "1")
    assert r.returncode == 0 and counts(r.stderr)["fetched"] == 1
    assert len([p for p in site.paths() if p.endswith(".html")]) == 1

    bad = vndiplo(site, "crawl", RSS, "--db", db2, "--since", "last week")
    assert bad.returncode == 2 and "--since 'last week'" in bad.stderr


def test_follow_reaches_articles_linked_from_fetched_pages(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "crawl", RSS, "--db", db, "--no-extract", "--follow")
    assert r.returncode == 0, r.stderr
    paths = site.paths()
    assert A4.path in paths  # only linked from A1's related news
    assert VIDEO not in paths and "/video/" not in paths and TAG not in paths and "/dang-nhap" not in paths
    assert paths.count(A2.path) == 1  # also linked from every page's most-read box, with a tracking parameter
    assert A4.path in _docs(f"sqlite:///{db}")


def test_sources_and_one_watch_run_keep_the_store_current(site, store_url):
    db = store_url
    assert vndiplo(site, "watch", "--db", db).returncode == 2  # nothing to watch yet
    r = vndiplo(site, "sources", "add", RSS + "?utm_source=x", ATOM, "--db", db)
    assert r.returncode == 0 and r.stderr.count("added:") == 2
    assert "already listed" in vndiplo(site, "sources", "add", RSS, "--db", db).stderr

    w = vndiplo(site, "watch", "--db", db, "--no-extract")
    assert w.returncode == 0, w.stderr
    assert set(_docs(db)) == {A1.path, A2.path, A3.path, OLD.path}
    listed = json.loads(vndiplo(site, "sources", "list", "--db", db, "--json").stdout)
    assert [s["url"] for s in listed] == [ATOM, RSS]
    assert all(s["last_crawled_at"] for s in listed)
    assert next(s for s in listed if s["url"] == RSS)["last_outcome"].startswith("feed: ")

    site.clear()
    w = vndiplo(site, "watch", "--db", db, "--no-extract")
    assert w.returncode == 0, w.stderr
    assert [p for p in site.paths() if p.endswith(".html")] == []
    (feed,) = site.hits("/rss/thoi-su.rss")  # asked whether it changed since the last run: it did not
    assert feed.status == 304 and feed.headers["if-none-match"] == RSS_ETAG
    listed = json.loads(vndiplo(site, "sources", "list", "--db", db, "--json").stdout)
    assert next(s for s in listed if s["url"] == RSS)["last_outcome"].startswith("unchanged: ")

    assert vndiplo(site, "sources", "remove", ATOM, "--db", db).returncode == 0
    assert vndiplo(site, "sources", "remove", ATOM, "--db", db).returncode == 1
    store = open_store(db)
    with store.session() as s:
        assert [r.url for r in s.scalars(select(SourceRow))] == [RSS]
    store.close()
    assert vndiplo(site, "watch", "--every", "soon", "--db", db).returncode == 2


def test_crawl_extracts_and_resolves_what_it_stored(site, tmp_path):
    db = str(tmp_path / "v.db")
    r = vndiplo(site, "fetch", SITE + A1.path, "--db", db)
    assert r.returncode == 0
    r = vndiplo(site, "crawl", ATOM, "--db", db)
    assert r.returncode == 0, r.stderr
    assert "extracted" in r.stderr
    summary = json.loads(vndiplo(site, "summary", "--db", db, "--json").stdout)
    assert summary["documents"] == 3 and summary["documents_extracted"] == 3
    assert sum(summary["facts"].values()) > 0 and sum(summary["entities"].values()) > 0


def test_reclean_rebuilds_documents_from_the_kept_pages_without_fetching(site, tmp_path):
    db = str(tmp_path / "v.db")
    assert vndiplo(site, "crawl", RSS, "--db", db, "--no-extract").returncode == 0
    before = {p: (d.doc_id, d.title, d.published, d.published_source, d.text) for p, d in _docs(f"sqlite:///{db}").items()}
    gone = before[A2.path][0]
    assert vndiplo(site, "delete", gone, "--db", db).returncode == 0
    assert A2.path not in _docs(f"sqlite:///{db}")

    site.clear()
    r = vndiplo(site, "reclean", "--db", db)
    assert r.returncode == 0, r.stderr
    assert site.log == []  # nothing fetched
    assert counts(r.stderr)["stored"] == 1  # the deleted one; the others are unchanged
    after = {p: (d.doc_id, d.title, d.published, d.published_source, d.text) for p, d in _docs(f"sqlite:///{db}").items()}
    assert after == before  # the same document again, the feed's date included

    unknown = vndiplo(site, "reclean", SITE + MOVED.path, "--db", db)
    assert unknown.returncode == 1 and errors(unknown.stderr) == [
        f"error: {SITE}{MOVED.path}: no page kept for this URL (fetch it first)"]


def test_a_crawl_killed_halfway_leaves_whole_documents_and_the_next_run_finishes_the_job(site, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT
    from tests.gather.conftest import FAST

    db = str(tmp_path / "v.db")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(FAST, VNDIPLO_PROXY=site.proxy, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "crawl", f"{SITE}/sitemap_index.xml", "--db", db,
                             "--no-extract"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while SLOW not in site.paths() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)  # while it waits on the slow page, after some pages were stored
    proc.wait()
    store = open_store(f"sqlite:///{db}")
    with store.session() as s:
        first = list(s.scalars(select(DocumentRow)))
        assert first and all(d.text and d.sentences for d in first)  # whole documents, or none
    store.close()
    fetched_before = {p for p in site.paths() if p.endswith(".html")}

    site.clear()
    r = vndiplo(site, "crawl", f"{SITE}/sitemap_index.xml", "--db", db, "--no-extract")
    assert r.returncode == 1  # the slow, huge, bomb, missing and PDF pages still fail
    assert set(_docs(f"sqlite:///{db}")) == {A1.path, A3.path, A4.path, MOVED.path, BUSY.path, FLAKY.path}
    again = [p for p in site.paths() if p.endswith(".html")]
    assert not (set(again) & (fetched_before - {SLOW})), again  # what was stored was not fetched again
