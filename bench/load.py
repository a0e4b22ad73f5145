"""HTTP load: 50 concurrent clients against `vndiplo serve` on 127.0.0.1, over generated events.

    python bench/load.py                              # 100,000 events, 50 clients, 100 req/s for 20 s
    python bench/load.py --rate 0                     # every client back to back: the most it serves
    python bench/load.py --warmup 20                  # measured after 20 s of the same load
    python bench/load.py --events 20000 --seconds 10 --workers 1
    python bench/load.py --db /tmp/load.db            # reuse a store built by an earlier run
    python bench/load.py --write-rate 2               # mixed: also 2 pages/s POSTed (ingest), 8 at most at once

Builds a SQLite store with bench/store_bench.py's generator and bulk loader
(unless --db names one that exists), starts `vndiplo serve --workers N` as a
subprocess on a free port of 127.0.0.1 (never another address), and runs
`--clients` concurrent clients for `--seconds`: by default a fixed number of
requests (`--rate` a second in all) on a fixed schedule, latency counted from
each request's scheduled time; with `--rate 0` each client sends back to back.
Requests are drawn from a mix of search, country dossier, country timeline
(/api/events?country=), person and event pages. Prints throughput, per-route
p50/p95/p99 latency and errors (any non-2xx answer or failed connection), then
stops the server. Asserts nothing.

Mixed read/write mode (`--write-rate W`): the server runs with a token and, next
to the readers, pages are POSTed to /api/documents on their own fixed schedule
(W a second, at most `--write-concurrency` in flight): the example corpus's
pages, each made distinct by a numbered closing sentence. Their latency (read,
extract, resolve, store) is the "ingest" row; reads are measured as before, so
the table shows what writes cost readers. The store is copied first (writes
change it), unless --keep-writes.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from store_bench import COUNTRIES, bulk_load, generate  # noqa: E402
from vndiplo.store import open_store  # noqa: E402

HOST = "127.0.0.1"
TOKEN = "bench-load-token"
SEARCH_TERMS = ["da nang", "Bộ trưởng Ngoại giao", "hội đàm", "thanh pho ho chi minh", "Geneva", "Nguyễn Văn",
                "quoc phong an ninh", "Thái Lan", "dang", "Phúc", "\"tai ha noi\"", "2,2 tỷ", "Việt - Lào"]
# Route name -> share of requests.
MIX = {"search": 30, "country dossier": 15, "country timeline": 25, "person": 15, "event": 15}

err = Console(stderr=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def build_store(path: Path, n_events: int) -> None:
    t0 = time.perf_counter()
    docs = generate(n_events)
    store = open_store(f"sqlite:///{path}")
    counts = bulk_load(store, docs)
    store.close()
    err.print(f"built {path}: {n_events:,} events, {sum(counts.values()):,} rows in {time.perf_counter() - t0:.1f} s")


def start_server(db: Path, port: int, workers: int, cache_mb: float, token: str | None = None) -> subprocess.Popen:
    log = tempfile.TemporaryFile()  # not a pipe: a server writing more than a pipe holds would block
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "serve", "--db", str(db), "--host", HOST,
                             "--port", str(port), "--workers", str(workers), "--cache-mb", str(cache_mb),
                             *(["--token", token] if token else [])], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=log)
    proc.log = log
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"vndiplo serve exited ({proc.returncode}): {log.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://{HOST}:{port}/openapi.json", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("vndiplo serve did not answer within 60 s")


def targets(base: str) -> tuple[list[str], list[int]]:
    """Person names and event ids to ask for, read from the running server."""
    persons = [p["name"] for p in httpx.get(f"{base}/api/persons", params={"limit": 200}, timeout=600).json()["items"]]
    events = [e["id"] for e in httpx.get(f"{base}/api/events", params={"limit": 200}, timeout=600).json()["items"]]
    if not persons or not events:
        raise SystemExit("the store has no persons or events to ask for")
    return persons, events


def request_for(rng: random.Random, persons: list[str], events: list[int]) -> tuple[str, str, dict]:
    route = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    c = rng.choice(list(COUNTRIES))
    if route == "search":
        return route, "/api/search", {"q": rng.choice(SEARCH_TERMS), "offset": rng.choice([0, 0, 0, 20])}
    if route == "country dossier":
        return route, f"/api/countries/{c}", {}
    if route == "country timeline":
        return route, "/api/events", {"country": c, "offset": rng.choice([0, 0, 20, 200])}
    if route == "person":
        return route, f"/api/persons/{rng.choice(persons)}", {}
    return route, f"/api/events/{rng.choice(events)}", {}


async def client_loop(i: int, client: httpx.AsyncClient, start: float, times: list[float], until: float,
                      persons, events, lat: dict, errors: dict) -> None:
    """One client: its requests at their scheduled `times` (seconds after `start`), or back to back when
    `times` is empty, until `until`. Latency counts from the scheduled time (a late send is the server's
    delay too), so a slow server cannot hide behind fewer requests."""
    rng = random.Random(1000 + i)
    for k in range(len(times) if times else 10**9):
        due = start + times[k] if times else time.perf_counter()
        if due >= until:
            break
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        route, path, params = request_for(rng, persons, events)
        hit = False
        try:
            r = await client.get(path, params=params)
            ok = 200 <= r.status_code < 300
            hit = r.headers.get("x-cache") == "hit"
            why = str(r.status_code)
        except httpx.HTTPError as e:
            ok, why = False, type(e).__name__
        took = time.perf_counter() - due
        lat.setdefault("_when", []).append((due - start, took))
        lat.setdefault(route, []).append(took)
        lat.setdefault((route, hit), []).append(took)
        if not ok:
            errors[route] = errors.get(route, 0) + 1
            errors.setdefault("_why", []).append(f"{route} {why}")


def pages_to_post() -> list[str]:
    """The example corpus's text pages (what a client would post)."""
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    if not pages:
        raise SystemExit("no example pages under examples/corpus to post")
    return pages


async def writer_loop(base: str, start: float, rate: float, until: float, at_once: int, timeout: float,
                      lat: dict, errors: dict, statuses: dict, first: int) -> None:
    """POST distinct pages at `rate` a second (fixed schedule) with at most `at_once` in flight; latency from
    each page's scheduled time."""
    pages = pages_to_post()
    gate = asyncio.Semaphore(at_once)
    auth = {"Authorization": f"Bearer {TOKEN}"}

    async def one(client: httpx.AsyncClient, k: int, due: float) -> None:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        # A closing sentence of the article's own kind (a footer-like one would be cleaned away as clutter).
        body = pages[k % len(pages)] + f"\n\nHai bên nhất trí tiếp tục trao đổi lần thứ {first + k} về hợp tác kinh tế./.\n"
        async with gate:
            try:
                r = await client.post("/api/documents", params={"doc_id": f"bench-post-{first + k}"},
                                      content=body.encode(), headers=auth)
                ok = r.status_code in (200, 201)
                key = r.json().get("status", str(r.status_code)) if ok else str(r.status_code)
            except httpx.HTTPError as e:
                ok, key = False, type(e).__name__
        lat.setdefault("ingest", []).append(time.perf_counter() - due)
        statuses[key] = statuses.get(key, 0) + 1
        if not ok:
            errors["ingest"] = errors.get("ingest", 0) + 1

    n = int(rate * (until - start))
    async with httpx.AsyncClient(base_url=base, timeout=timeout,
                                 limits=httpx.Limits(max_connections=at_once)) as client:
        await asyncio.gather(*(one(client, k, start + k / rate) for k in range(n)))


async def run_load(base: str, clients: int, seconds: float, rate: float, persons, events,
                   timeout: float, write_rate: float = 0, write_concurrency: int = 8,
                   statuses: dict | None = None, first_post: int = 0) -> tuple[dict, dict, float]:
    lat: dict = {}
    errors: dict[str, int] = {}
    # A fixed schedule: `rate` requests a second in all, spread evenly over the clients, each with its own phase.
    n = int(rate * seconds) if rate else 0
    schedules = [[k / rate for k in range(i, n, clients)] for i in range(clients)] if rate else [[]] * clients
    # Clients (and their connections) are made before the clock starts: making 50 of them takes the
    # client process most of a second, which would count as the server's delay.
    pool = [httpx.AsyncClient(base_url=base, timeout=timeout) for _ in range(clients)]
    try:
        await asyncio.gather(*(c.get("/api/events", params={"limit": 1}) for c in pool))
        t0 = time.perf_counter()
        writes = [writer_loop(base, t0, write_rate, t0 + seconds, write_concurrency, timeout, lat, errors,
                              statuses if statuses is not None else {}, first_post)] if write_rate else []
        await asyncio.gather(*(client_loop(i, pool[i], t0, schedules[i], t0 + seconds, persons, events, lat, errors)
                               for i in range(clients)), *writes)
        return lat, errors, time.perf_counter() - t0
    finally:
        await asyncio.gather(*(c.aclose() for c in pool))


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None, help="a SQLite store file (built there if missing)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--rate", type=float, default=100.0,
                    help="requests per second in all, on a fixed schedule (0: every client back to back)")
    ap.add_argument("--warmup", type=float, default=0.0,
                    help="seconds of the same load first, not measured (a server that has been running a while)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    ap.add_argument("--timeline", action="store_true", help="also print latency per 2 s of the run")
    ap.add_argument("--cache-mb", type=float, default=64, help="the server's answer cache per process (0: none)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds before a request counts as an error")
    ap.add_argument("--write-rate", type=float, default=0.0,
                    help="mixed mode: pages POSTed per second (ingest over HTTP) next to the reads")
    ap.add_argument("--write-concurrency", type=int, default=8, help="mixed mode: POSTs in flight at most")
    ap.add_argument("--keep-writes", action="store_true",
                    help="mixed mode: write into --db itself (default: into a copy, so the store stays as built)")
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="vndiplo-load-")) / "load.db"
    if not db.exists():
        build_store(db, args.events)
    if args.write_rate and not args.keep_writes:
        import shutil
        import sqlite3

        copy = Path(tempfile.mkdtemp(prefix="vndiplo-load-w-")) / "load.db"
        with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)  # the WAL's content too
        shutil.copymode(db, copy)
        err.print(f"mixed mode: writing into a copy of the store, {copy}")
        db = copy
    port = free_port()
    server = start_server(db, port, args.workers, args.cache_mb, TOKEN if args.write_rate else None)
    base = f"http://{HOST}:{port}"
    try:
        persons, events = targets(base)
        mode = f"{args.rate:g} requests/s on a fixed schedule" if args.rate else "back to back"
        if args.write_rate:
            mode += f", plus {args.write_rate:g} POSTs/s ({args.write_concurrency} at most at once)"
        before = httpx.get(f"{base}/api/documents", params={"limit": 1}, timeout=600).json()["total"]
        statuses: dict[str, int] = {}
        err.print(f"serving {db} at {base} ({args.workers} processes); {args.clients} clients for "
                  f"{args.seconds:g} s, {mode}")
        if args.warmup:
            _, warm_errors, _ = asyncio.run(run_load(base, args.clients, args.warmup, args.rate, persons, events,
                                                     args.timeout, args.write_rate, args.write_concurrency,
                                                     statuses, first_post=10**6))
            warm_errors.pop("_why", None)
            err.print(f"warm-up: {args.warmup:g} s, {sum(warm_errors.values())} errors (not counted below)")
            statuses.clear()
        lat, errors, wall = asyncio.run(run_load(base, args.clients, args.seconds, args.rate, persons, events,
                                                 args.timeout, args.write_rate, args.write_concurrency, statuses))
        if args.write_rate:
            after = httpx.get(f"{base}/api/documents", params={"limit": 1}, timeout=600).json()["total"]
            err.print(f"POST answers: {statuses}; documents {before:,} -> {after:,}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    when = lat.pop("_when", [])
    why = errors.pop("_why", [])
    if why:
        from collections import Counter

        err.print(f"errors: {dict(Counter(why))}")
        server.log.seek(0)
        tail = server.log.read().decode(errors="replace")[-3000:]
        if tail.strip():
            err.print(f"server log (end):\n{tail}", markup=False, highlight=False)
    total = sum(len(v) for k, v in lat.items() if isinstance(k, str))  # reads and POSTs
    warm = f", after {args.warmup:g} s of warm-up" if args.warmup else ", from a cold start"
    table = Table(title=f"vndiplo HTTP load: {args.clients} clients, {mode}, {args.workers} server processes{warm}, "
                        f"{wall:.1f} s, {total:,} requests, {total / wall:,.1f} req/s (nproc {os.cpu_count()})")
    for col in ("route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "from cache",
                "uncached p50 ms", "uncached p95 ms"):
        table.add_column(col, justify="left" if col == "route" else "right")

    def row(name: str, xs: list[float], misses: list[float] | None, n_err: int) -> None:
        table.add_row(name, f"{len(xs):,}", f"{len(xs) / wall:,.1f}", f"{pct(xs, .5):.1f}", f"{pct(xs, .95):.1f}",
                      f"{pct(xs, .99):.1f}", str(n_err), f"{1 - len(misses) / len(xs):.0%}" if misses is not None else "-",
                      f"{pct(misses, .5):.1f}" if misses else "-", f"{pct(misses, .95):.1f}" if misses else "-")

    for route in [*MIX, "ingest"]:
        if lat.get(route):
            row(route, lat[route], None if route == "ingest" else lat.get((route, False), []), errors.get(route, 0))
    every = [x for k, v in lat.items() if isinstance(k, str) and k != "ingest" for x in v]
    misses = [x for k, v in lat.items() if isinstance(k, tuple) and not k[1] for x in v]
    row("all reads", every, misses, sum(n for k, n in errors.items() if k != "ingest"))
    Console(width=200).print(table)
    if args.timeline:  # where in the run the slow answers were
        for t0 in range(0, int(args.seconds), 2):
            xs = [x for w, x in when if t0 <= w < t0 + 2]
            if xs:
                print(f"  {t0:3d}-{t0 + 2:<3d} s: {len(xs):4d} requests, p50 {pct(xs, .5):7.1f} ms, "
                      f"p95 {pct(xs, .95):7.1f} ms, max {max(xs) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
