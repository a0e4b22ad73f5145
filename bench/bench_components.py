"""CPU time of each extraction component, per article (pages read once, extracted N times).

    python bench/bench_components.py [--repeat 20] [FILES or FOLDERS...]

Default input: the seed pages and the example corpus. `analyze` (sentences and gazetteer
names) is timed as its own row; every annotator and extractor of the pipeline follows in
pipeline order, so a new component shows up here without editing this script. CPU time
(time.process_time) is steadier than wall time on a shared machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vndiplo.extract import pipeline  # noqa: E402
from vndiplo.extract.doc import analyze  # noqa: E402
from vndiplo.read import ReadError, iter_documents  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    paths = args.paths or [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "examples" / "corpus"]
    docs = [d for d in iter_documents(paths) if not isinstance(d, ReadError)]
    if not docs:
        raise SystemExit("no readable pages under " + ", ".join(map(str, paths)))
    steps = [(f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}", fn)
             for fn in (*pipeline.ANNOTATORS, *pipeline.EXTRACTORS)]
    spent = {"analyze": 0.0, **{name: 0.0 for name, _ in steps}}
    n = chars = facts = 0
    for _ in range(args.repeat):
        for d in docs:
            t = time.process_time()
            doc = analyze(d.text, d.published, d.title)
            spent["analyze"] += time.process_time() - t
            for name, fn in steps:
                t = time.process_time()
                out = fn(doc)
                spent[name] += time.process_time() - t
                facts += len(out or [])
            n += 1
            chars += len(doc.text)
    total = sum(spent.values())
    print(f"{n} articles ({len(docs)} pages x {args.repeat}), {chars // n} chars and {facts / n:.1f} facts each")
    print(f"{'component':24s} {'ms/article':>10s} {'share':>6s}")
    for name, v in spent.items():
        print(f"{name:24s} {1000 * v / n:10.3f} {100 * v / total:5.1f}%")
    print(f"{'whole pipeline':24s} {1000 * total / n:10.3f}  = {n / total:,.0f} articles/s per core")


if __name__ == "__main__":
    main()
