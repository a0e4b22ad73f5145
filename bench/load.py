"""HTTP load: 50 concurrent clients against `vndiplo serve` on 127.0.0.1, over generated events.

    python bench/load.py                              # 100,000 events, 50 clients, 20 s
    python bench/load.py --events 20000 --seconds 10
    python bench/load.py --db /tmp/load.db            # reuse a store built by an earlier run

Builds a SQLite store with bench/store_bench.py's generator and bulk loader
(unless --db names one that exists), starts `vndiplo serve` as a subprocess on
a free port of 127.0.0.1 (never another address), and keeps `--clients`
concurrent clients busy for `--seconds`, each request drawn from a mix of
search, country dossier, country timeline (/api/events?country=), person and
event pages. Prints throughput, per-route p50/p95/p99 latency and errors (any
non-2xx answer or failed connection), then stops the server. Asserts nothing.
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


def start_server(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "serve", "--db", str(db), "--host", HOST,
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"vndiplo serve exited ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
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


async def client_loop(i: int, base: str, until: float, persons, events, lat: dict, errors: dict,
                      timeout: float) -> None:
    rng = random.Random(1000 + i)
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        while time.perf_counter() < until:
            route, path, params = request_for(rng, persons, events)
            t0 = time.perf_counter()
            try:
                r = await client.get(path, params=params)
                ok = 200 <= r.status_code < 300
            except httpx.HTTPError:
                ok = False
            lat.setdefault(route, []).append(time.perf_counter() - t0)
            if not ok:
                errors[route] = errors.get(route, 0) + 1


async def run_load(base: str, clients: int, seconds: float, persons, events,
                   timeout: float) -> tuple[dict, dict, float]:
    lat: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    t0 = time.perf_counter()
    await asyncio.gather(*(client_loop(i, base, t0 + seconds, persons, events, lat, errors, timeout)
                           for i in range(clients)))
    return lat, errors, time.perf_counter() - t0


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None, help="a SQLite store file (built there if missing)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds before a request counts as an error")
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="vndiplo-load-")) / "load.db"
    if not db.exists():
        build_store(db, args.events)
    port = free_port()
    server = start_server(db, port)
    base = f"http://{HOST}:{port}"
    try:
        persons, events = targets(base)
        err.print(f"serving {db} at {base}; {args.clients} clients for {args.seconds:g} s")
        lat, errors, wall = asyncio.run(run_load(base, args.clients, args.seconds, persons, events,
                                                       args.timeout))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    total = sum(len(v) for v in lat.values())
    table = Table(title=f"vndiplo HTTP load: {args.clients} clients, {wall:.1f} s, {total:,} requests, "
                        f"{total / wall:,.1f} req/s (nproc {os.cpu_count()})")
    for col in ("route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"):
        table.add_column(col, justify="left" if col == "route" else "right")
    for route in MIX:
        xs = lat.get(route, [])
        if xs:
            table.add_row(route, f"{len(xs):,}", f"{len(xs) / wall:,.1f}", f"{pct(xs, .5):.1f}",
                          f"{pct(xs, .95):.1f}", f"{pct(xs, .99):.1f}", str(errors.get(route, 0)))
    every = [x for v in lat.values() for x in v]
    table.add_row("all", f"{total:,}", f"{total / wall:,.1f}", f"{pct(every, .5):.1f}", f"{pct(every, .95):.1f}",
                  f"{pct(every, .99):.1f}", str(sum(errors.values())))
    Console().print(table)


if __name__ == "__main__":
    main()
