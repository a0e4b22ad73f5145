"""Uncached search and country timelines, in process: the cost of computing an answer, with no answer
cache and no HTTP in the way.

    python bench/uncached_reads.py /tmp/load.db        # a store built by bench/load.py (10^5 events)
    python bench/uncached_reads.py /tmp/load.db --repeat 5

Runs the search terms of bench/load.py `--repeat` times each (default 2) and 21 timeline pages
(7 countries, offsets 0, 20, 200) as often through `vndiplo.serve.search.search` and
`vndiplo.serve.queries.list_events`, and prints p50/p95/max of the wall time and of the CPU time
of each call (the steadier figure on a shared machine), and the load average. Asserts nothing.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import SEARCH_TERMS, pct  # noqa: E402
from vndiplo.serve import queries  # noqa: E402
from vndiplo.serve.search import _ranked, search  # noqa: E402
from vndiplo.store import open_store  # noqa: E402

COUNTRIES = ["KH", "TH", "LA", "JP", "US", "CN", "VN"]


def timed(fn, args_list) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for args in args_list:
        t, c = time.perf_counter(), time.thread_time()
        fn(*args)
        wall.append(time.perf_counter() - t)
        cpu.append(time.thread_time() - c)
    return wall, cpu


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--server", action="store_true",
                    help="run in a server's process: build the app and its start-up warm-up first (its heap, "
                         "its garbage collector state), as `vndiplo serve` does")
    args = ap.parse_args()
    n = args.repeat
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    store = open_store(args.store, migrate=False)
    if args.server:
        from vndiplo.serve import api

        app = api.create_app(store=store, cache_mb=0)
        if hasattr(api, "_warm"):  # older code has no warm-up
            api._warm(app)
    with store.session() as s:
        search(s, "warm", None, None, None, 20, 0)
        rows = [
            ("search: scored match (all)", timed(lambda q: _ranked(s, q), [(q,) for q in SEARCH_TERMS * n])),
            ("search: whole answer", timed(lambda q: search(s, q, None, None, None, 20, 0),
                                           [(q,) for q in SEARCH_TERMS * n])),
            ("country timeline", timed(lambda c, o: queries.list_events(s, c, None, None, None, None, 50, o),
                                       [(c, o) for c in COUNTRIES for o in (0, 20, 200)] * n)),
        ]
    store.close()
    for name, (wall, cpu) in rows:
        print(f"{name:28s} n={len(wall):3d}  wall p50 {pct(wall, .5):6.1f} p95 {pct(wall, .95):6.1f} "
              f"max {max(wall) * 1000:6.1f} ms | CPU p50 {pct(cpu, .5):6.1f} p95 {pct(cpu, .95):6.1f} "
              f"max {max(cpu) * 1000:6.1f} ms")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
