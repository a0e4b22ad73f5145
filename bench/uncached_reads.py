"""Uncached search and country timelines, in process: the cost of computing an answer, with no answer
cache and no HTTP in the way.

    python bench/uncached_reads.py /tmp/load.db        # a store built by bench/load.py (10^5 events)

Runs the search terms of bench/load.py twice each and 21 timeline pages (7 countries, offsets 0, 20,
200) through `vndiplo.serve.search.search` and `vndiplo.serve.queries.list_events`, and prints
p50/p95/max. Asserts nothing.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import SEARCH_TERMS  # noqa: E402
from vndiplo.serve import queries  # noqa: E402
from vndiplo.serve.search import _ranked, search  # noqa: E402
from vndiplo.store import open_store  # noqa: E402

COUNTRIES = ["KH", "TH", "LA", "JP", "US", "CN", "VN"]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000


def timed(fn, args_list) -> list[float]:
    out = []
    for args in args_list:
        t = time.perf_counter()
        fn(*args)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    store = open_store(sys.argv[1], migrate=False)
    with store.session() as s:
        search(s, "warm", None, None, None, 20, 0)
        rows = [
            ("search: scored match (all)", timed(lambda q: _ranked(s, q), [(q,) for q in SEARCH_TERMS * 2])),
            ("search: whole answer", timed(lambda q: search(s, q, None, None, None, 20, 0),
                                           [(q,) for q in SEARCH_TERMS * 2])),
            ("country timeline", timed(lambda c, o: queries.list_events(s, c, None, None, None, None, 50, o),
                                       [(c, o) for c in COUNTRIES for o in (0, 20, 200)])),
        ]
    store.close()
    for name, xs in rows:
        print(f"{name:28s} n={len(xs):3d}  p50 {pct(xs, .5):7.1f} ms  p95 {pct(xs, .95):7.1f} ms  "
              f"max {max(xs) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
