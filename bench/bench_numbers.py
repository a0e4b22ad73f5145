"""Time the date, figure and anniversary components on the seed pages (each page N times).

    /work/venv/bin/python scripts/bench_numbers.py [--repeat 100] [FILES...]

Sentence splitting and gazetteer look-up (doc.analyze) run outside the timer: the figures
printed are these components' own CPU time per article, with a fresh Doc each time so that the
date scan they share is counted once per article, as in the pipeline.
"""
from __future__ import annotations

import argparse
import glob
import time
from pathlib import Path

from vndiplo.extract import anniversaries, dates, figures
from vndiplo.extract.doc import analyze
from vndiplo.read import read_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=100)
    args = ap.parse_args()
    root = Path(__file__).resolve().parents[1]
    files = args.files or sorted(glob.glob(str(root.parent / "shared/corpus/seeds/*.txt"))) or sorted(
        glob.glob(str(root.parent.parent / "shared/corpus/seeds/*.txt")))
    docs = [d for f in files for d in read_file(Path(f))]
    timings = {"dates": 0.0, "figures": 0.0, "anniversaries": 0.0}
    n = 0
    chars = 0
    for _ in range(args.repeat):
        for d in docs:
            doc = analyze(d.text, d.published, d.title)
            t0 = time.process_time()
            dates.annotate(doc)
            dates.find_dates(doc)
            t1 = time.process_time()
            figures.extract(doc)
            t2 = time.process_time()
            anniversaries.extract(doc)
            t3 = time.process_time()
            timings["dates"] += t1 - t0
            timings["figures"] += t2 - t1
            timings["anniversaries"] += t3 - t2
            n += 1
            chars += len(doc.text)
    total = sum(timings.values())
    print(f"articles={n} (pages={len(docs)} x {args.repeat}), mean chars={chars // max(n, 1)}")
    for k, v in timings.items():
        print(f"{k:14s} {1000 * v / n:7.3f} ms/article")
    print(f"{'total':14s} {1000 * total / n:7.3f} ms/article = {n / total:,.0f} articles/s")


if __name__ == "__main__":
    main()
