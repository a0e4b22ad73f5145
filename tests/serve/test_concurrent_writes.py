"""Writes under load, on SQLite and PostgreSQL, through a real `vndiplo serve --workers 2 --token T`:
20 readers read while 40 distinct pages and 5 identical POSTs go in, 8 at a time. No answer is a 5xx,
every document is stored exactly once, readers keep being answered while pages are extracted; and two
CLI ingests of the same files at once both succeed, reporting the other's documents as unchanged."""
from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter

import httpx
from sqlalchemy import text

from tests.serve.conftest import fill
from tests.serve.live import ROOT, live_server, page
from vndiplo.store import open_store

TOKEN = "c0ncurrent-T"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
READS = ["/api/events?country=KH", "/api/countries/KH", "/api/search?q=hoi%20dam", "/api/persons?q=Prak",
         "/api/documents?limit=5", "/api/events?limit=10", "/api/network", "/api/figures"]


async def _load(base: str, n_readers: int = 20, n_distinct: int = 40, n_same: int = 5, at_once: int = 8) -> dict:
    posts: list[tuple[str, int, dict | str]] = []
    reads: list[int] = []
    failures: list[str] = []
    writing = asyncio.Event()
    done = asyncio.Event()
    gate = asyncio.Semaphore(at_once)
    timeout = httpx.Timeout(120, connect=30)

    async def post(client: httpx.AsyncClient, doc_id: str, body: str) -> None:
        async with gate:
            writing.set()
            try:
                r = await client.post(f"{base}/api/documents", params={"doc_id": doc_id}, content=body.encode(),
                                      headers=AUTH)
            except httpx.HTTPError as e:
                failures.append(f"POST {doc_id}: {type(e).__name__}")
                return
            posts.append((doc_id, r.status_code, r.json() if r.headers.get("content-type", "").startswith(
                "application/json") else r.text))

    async def reader(client: httpx.AsyncClient, k: int) -> None:
        await writing.wait()
        i = k
        while not done.is_set():
            url = READS[i % len(READS)]
            i += 1
            try:
                r = await client.get(base + url)
            except httpx.HTTPError as e:
                failures.append(f"GET {url}: {type(e).__name__}")
                continue
            reads.append(r.status_code)

    async with httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(max_connections=64)) as client:
        readers = [asyncio.create_task(reader(client, k)) for k in range(n_readers)]
        same = page(999)
        jobs = [post(client, f"distinct-{i}", page(i)) for i in range(n_distinct)]
        jobs[10:10] = [post(client, "same-page", same) for _ in range(n_same)]  # amid the others
        await asyncio.gather(*jobs)
        reads_while_writing = len(reads)
        done.set()
        await asyncio.gather(*readers)
    return {"posts": posts, "reads": reads, "failures": failures, "reads_while_writing": reads_while_writing}


def test_readers_and_concurrent_posts(store_url, tmp_path):
    store = open_store(store_url)
    fill(store)
    with store.engine.connect() as c:
        before = c.execute(text("SELECT count(*) FROM documents")).scalar_one()
    store.close()

    with live_server(store_url, tmp_path / "serve.log", "--token", TOKEN, "--workers", "2") as base:
        res = asyncio.run(_load(base))
        listed = httpx.get(f"{base}/api/documents", params={"limit": 1}, timeout=30).json()["total"]

    assert res["failures"] == []
    statuses = Counter(code for _, code, _ in res["posts"]) + Counter(res["reads"])
    assert not [c for c in statuses if c >= 500], statuses
    assert len(res["posts"]) == 45 and all(code in (200, 201) for _, code, _ in res["posts"]), res["posts"]
    same = Counter(body["status"] for doc_id, _, body in res["posts"] if doc_id == "same-page")
    assert same == {"ingested": 1, "unchanged": 4}, same
    assert all(body["status"] == "ingested" and body["facts"] > 0
               for doc_id, _, body in res["posts"] if doc_id != "same-page")
    # Readers were answered while the pages were being extracted, not only after.
    assert res["reads_while_writing"] >= 20
    assert all(code == 200 for code in res["reads"])

    store = open_store(store_url, migrate=False)
    try:
        with store.engine.connect() as c:
            rows = c.execute(text("SELECT doc_id, source FROM documents")).all()
            entries = c.execute(text("SELECT count(*) FROM search_entries WHERE kind = 'document'")).scalar_one()
    finally:
        store.close()
    ids = Counter(doc_id for doc_id, _ in rows)
    assert len(rows) == before + 41 == listed == entries
    assert all(n == 1 for n in ids.values())
    assert {f"distinct-{i}" for i in range(40)} | {"same-page"} <= set(ids)
    # What the API stored names the API, not a file of the server's.
    assert {src for doc_id, src in rows if doc_id == "same-page"} == {"api:same-page"}


def _ingest(folder, db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vndiplo", "ingest", str(folder), "--db", db, "-v"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_cli_ingests_of_the_same_files_at_once(store_url, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    n = 20
    for i in range(n):
        (folder / f"p{i:02d}.txt").write_text(page(i), encoding="utf-8")
    open_store(store_url).close()  # the schema first: both runs start on a migrated store
    procs = [_ingest(folder, store_url) for _ in range(2)]
    outs = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    for code, _, err in outs:
        assert code == 0, err[-3000:]
        assert "error:" not in err and "0 failed" in err, err[-3000:]
    ingested = sum(err.count("ingested: ") + err.count("near-duplicate: ") for _, _, err in outs)
    unchanged = sum(err.count("unchanged: ") for _, _, err in outs)
    assert ingested == n and unchanged == n, [e[-1500:] for _, _, e in outs]
    store = open_store(store_url, migrate=False)
    try:
        with store.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM documents")).scalar_one() == n
    finally:
        store.close()
