"""How fast the read side answers over a bigger store: prints timings, asserts nothing.

Builds a SQLite store (or --db URL) from the seed pages copied N times (each
copy a distinct document: its own id and a marker line, so nothing dedups)
with the gold records as facts, resolved as extraction into the store does,
then times API calls in-process.

    python scripts/bench_serve.py --copies 40
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from tests.conftest import GOLD, SEEDS  # noqa: E402
from vndiplo.read import read_file  # noqa: E402
from vndiplo.records import from_record  # noqa: E402
from vndiplo.resolve import resolve_document  # noqa: E402
from vndiplo.serve.api import create_app  # noqa: E402
from vndiplo.store import open_store  # noqa: E402
from vndiplo.store.write import replace_facts, save_document  # noqa: E402

CALLS = ["/api/countries/KH", "/api/events?country=KH&limit=20", "/api/persons/Prak%20Sokhonn",
         "/api/search?q=kim%20ngach%20thuong%20mai", "/api/search?q=Campuchia&year=2025", "/api/figures?country=LA",
         "/api/network", "/api/documents?limit=50", "/countries/KH", "/search?q=hoi%20dam"]


def build(url: str, copies: int) -> tuple[int, int, float]:
    store = open_store(url)
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in read_file(p)]
    t0, n_docs, n_facts = time.perf_counter(), 0, 0
    for i in range(copies):
        with store.session() as s:
            for d in docs:
                text = d.text + f"\n\n(bản sao {i})"
                copy = replace(d, doc_id=f"{d.doc_id}_{i}", text=text)
                row, _ = save_document(s, copy)
                facts = []
                for rec in json.loads((GOLD / f"{d.doc_id}.json").read_text("utf-8")):
                    j = text.find(rec.get("evidence", ""))
                    facts.append(from_record(dict(rec, span=(j, j + len(rec["evidence"])) if j >= 0 else (0, 0))))
                replace_facts(s, row, facts)
                resolve_document(s, row)
                n_docs += 1
                n_facts += len(facts)
    store.close()
    return n_docs, n_facts, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of the seed pages [20]")
    ap.add_argument("--repeat", type=int, default=5, help="calls per URL [5]")
    ap.add_argument("--db", help="store URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        n_docs, n_facts, secs = build(url, args.copies)
        print(f"store: {n_docs} documents, {n_facts} facts, built and resolved in {secs:.1f} s "
              f"({n_docs / secs:.1f} docs/s)")
        with TestClient(create_app(url)) as c:
            for u in CALLS:
                times = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    r = c.get(u)
                    times.append((time.perf_counter() - t) * 1000)
                    assert r.status_code == 200, (u, r.status_code)
                print(f"{u:45s} median {statistics.median(times):8.1f} ms  max {max(times):8.1f} ms  "
                      f"{len(r.content) / 1024:7.1f} KiB")


if __name__ == "__main__":
    main()
