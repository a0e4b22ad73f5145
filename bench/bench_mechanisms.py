"""Time the mechanism, relation and party-context components on the seed pages repeated N times.

Usage: python scripts/bench_mechanisms.py [N] [seed folder]   (prints CPU-time figures, asserts nothing)
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vndiplo.extract import context, mechanisms, relations  # noqa: E402
from vndiplo.extract.doc import analyze  # noqa: E402
from vndiplo.read import read_file  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "shared/corpus/seeds"
    if not folder.is_dir():
        folder = Path("/work/shared/corpus/seeds")
    texts = [d for p in sorted(folder.glob("*.txt")) for d in read_file(p)]
    mechanisms.extract(analyze(texts[0].text))  # build the compiled rules once
    t0 = time.process_time()
    docs = [analyze(d.text, d.published, d.title) for _ in range(n) for d in texts]
    t_analyze = time.process_time() - t0
    timings = {}

    def fresh():  # the components cache their per-document work on the Doc: start clean each run
        for doc in docs:
            for k in [k for k in doc.__dict__ if k.startswith("_vndiplo")]:
                del doc.__dict__[k]

    def every_sentence(doc):
        return [context.parties_at(doc, s.start, s.end) for s in doc.sentences]

    for name, fn in (("mechanisms", mechanisms.extract), ("relations", relations.extract),
                     ("parties_at (every sentence)", every_sentence)):
        best = None
        for _ in range(3):  # best of three: the machine is shared
            fresh()
            t0 = time.process_time()
            count = sum(len(fn(doc)) for doc in docs)
            secs = time.process_time() - t0
            best = secs if best is None else min(best, secs)
        timings[name] = (best, count)
    print(f"{len(docs)} documents ({len(texts)} seeds x {n}); analyze: {t_analyze:.2f} s "
          f"({len(docs) / t_analyze:.0f} docs/s)")
    for name, (secs, count) in timings.items():
        print(f"{name:<28} {secs:6.2f} s  {len(docs) / secs:8.0f} docs/s  "
              f"{secs / len(docs) * 1000:6.2f} ms/doc  ({count} results)")


if __name__ == "__main__":
    main()
