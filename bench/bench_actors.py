"""Time the persons and events components on the seed pages (each page N times).

    /work/venv/bin/python scripts/bench_actors.py [--repeat 100] [FILES...]

Sentence splitting, gazetteer look-up (doc.analyze) and the date annotator run outside the
timer; the figures printed are these components' own CPU time per article (tokenising is
counted in persons.annotate, which does it first), and last the whole pipeline's rate.
"""
from __future__ import annotations

import argparse
import glob
import time
from pathlib import Path

from vndiplo.extract import dates, events, persons
from vndiplo.extract.doc import analyze
from vndiplo.extract.pipeline import extract_doc
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
    timings = {"persons.annotate": 0.0, "events.extract": 0.0, "persons.extract": 0.0}
    n = chars = 0
    for _ in range(args.repeat):
        for d in docs:
            doc = analyze(d.text, d.published, d.title)
            dates.annotate(doc)
            t0 = time.process_time()
            persons.annotate(doc)
            t1 = time.process_time()
            events.extract(doc)
            t2 = time.process_time()
            persons.extract(doc)
            t3 = time.process_time()
            timings["persons.annotate"] += t1 - t0
            timings["events.extract"] += t2 - t1
            timings["persons.extract"] += t3 - t2
            n += 1
            chars += len(doc.text)
    total = sum(timings.values())
    print(f"articles={n} (pages={len(docs)} x {args.repeat}), mean chars={chars // max(n, 1)}")
    for k, v in timings.items():
        print(f"{k:18s} {1000 * v / n:7.3f} ms/article")
    print(f"{'total':18s} {1000 * total / n:7.3f} ms/article = {n / total:,.0f} articles/s")
    t0 = time.process_time()
    for _ in range(max(1, args.repeat // 5)):
        for d in docs:
            extract_doc(analyze(d.text, d.published, d.title))
    m = max(1, args.repeat // 5) * len(docs)
    print(f"whole pipeline     {1000 * (time.process_time() - t0) / m:7.3f} ms/article = "
          f"{m / (time.process_time() - t0):,.0f} articles/s")


if __name__ == "__main__":
    main()
