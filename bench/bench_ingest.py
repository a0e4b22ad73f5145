"""Measure the read stage and the ingest into a store; prints figures, asserts nothing.

Usage: python scripts/bench_ingest.py [--copies N] [--db URL] [PATH...]
Default: the example corpus and the shared seeds, copied N times (each copy made
unique by one added sentence, so every copy is stored), into a fresh SQLite file.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vndiplo.read import iter_documents  # noqa: E402
from vndiplo.store import open_store  # noqa: E402
from vndiplo.store.ingest import Ingestor  # noqa: E402


def _default_paths() -> list[Path]:
    out = [ROOT / "examples" / "corpus"]
    for shared in (ROOT.parent / "shared", Path("/work/shared")):
        if (shared / "corpus" / "seeds").is_dir():
            out.append(shared / "corpus" / "seeds")
            break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    paths = args.paths or _default_paths()

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus"
        src.mkdir()
        n_files = 0
        for p in paths:
            files = [p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file())
            for f in files:
                data = f.read_bytes()
                for i in range(args.copies):
                    extra = f"Bản sao thứ {i} của bài viết, dùng để đo tốc độ."
                    target = src / f"{f.stem}-copy{i}{f.suffix}"
                    if f.suffix == ".jsonl":
                        out = data.replace(b'"id": "', f'"id": "c{i}-'.encode()) \
                            .replace(b'\\n\\n', f"\\n\\n{extra}\\n\\n".encode(), 1)
                    elif f.suffix == ".html":
                        out = data.replace(b"<p", f"<p>{extra}</p><p".encode(), 1)
                    else:
                        out = data.replace(b"\n\n", f"\n\n{extra}\n\n".encode(), 1)
                    target.write_bytes(out)
                    n_files += 1
        size = sum(f.stat().st_size for f in src.iterdir())

        t0 = time.perf_counter()
        docs = [d for d in iter_documents([src]) if not isinstance(d, Exception)]
        t_read = time.perf_counter() - t0
        print(f"read+clean: {len(docs)} documents from {n_files} files ({size / 1e6:.1f} MB) in {t_read:.2f} s "
              f"= {len(docs) / t_read:.1f} docs/s, {size / 1e6 / t_read:.2f} MB/s")

        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = open_store(url)
        try:
            for label in ("first ingest", "re-ingest (unchanged)"):
                t0 = time.perf_counter()
                counts: dict[str, int] = {}
                for o in Ingestor(store).ingest_paths([src]):
                    counts[o.status] = counts.get(o.status, 0) + 1
                dt = time.perf_counter() - t0
                total = sum(counts.values())
                print(f"{label}: {total} documents in {dt:.2f} s = {total / dt:.1f} docs/s  {counts}")
        finally:
            store.close()


if __name__ == "__main__":
    main()
