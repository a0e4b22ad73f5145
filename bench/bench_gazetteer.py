"""Print how long the gazetteer takes to build and to scan text.

Usage: python scripts/bench_gazetteer.py [TEXT_FILE_OR_DIR ...]
(default: the seed pages in $VNDIPLO_SHARED/corpus/seeds, /work/shared by default).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from vndiplo.text import nfc


def _texts(args: list[str]) -> list[str]:
    roots = [Path(a) for a in args] or [Path(os.environ.get("VNDIPLO_SHARED", "/work/shared")) / "corpus" / "seeds"]
    files = [f for r in roots for f in (sorted(r.glob("*.txt")) if r.is_dir() else [r])]
    if not files:
        sys.exit(f"bench_gazetteer: no text files in {', '.join(map(str, roots))}")
    return [nfc(f.read_text(encoding="utf-8")) for f in files]


def main() -> None:
    texts = _texts(sys.argv[1:])
    t0 = time.perf_counter()
    from vndiplo.data.gazetteer import Gazetteer

    g = Gazetteer()
    build = time.perf_counter() - t0
    corpus = "\n".join(texts)
    size_kb = len(corpus.encode("utf-8")) / 1024
    rounds = max(1, int(200 / max(size_kb, 1)))
    t1, c1 = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        found = g.find_places(corpus)
    scan = (time.perf_counter() - t1) / rounds
    cpu = (time.process_time() - c1) / rounds
    print(f"names: {len(g._strong)} strong, {len(g._weak)} weak")
    print(f"build gazetteer: {build * 1000:.0f} ms")
    print(f"find_places: {size_kb:.1f} KB in {scan * 1000:.2f} ms = {scan * 1000 / size_kb:.3f} ms/KB, "
          f"{len(found)} mentions (CPU {cpu * 1000 / size_kb:.3f} ms/KB; wall time varies with machine load)")


if __name__ == "__main__":
    main()
