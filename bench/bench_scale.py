"""Scale benchmark: articles/s and peak memory of (a) `vndiplo extract` in one process, (b) the same
with --jobs 0 (all cores), (c) `vndiplo spark-extract --master local[2]`, and the time of
`vndiplo load` into SQLite and into a throwaway PostgreSQL, at several corpus sizes.

    python bench/bench_scale.py [--sizes 1000,10000,100000] [--workdir /tmp/vndiplo-bench] [--skip a,b,c,load]

Every figure is a real run of the CLI in a subprocess (memory: the whole process tree,
JVM and Python workers included; CPU: user+system time of the reaped process tree, which
misses Spark's JVM and the PostgreSQL server, hence n/a for Spark). Prints Markdown tables; numbers should grow linearly.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _measure import machine, run  # noqa: E402

PY = sys.executable


def make_corpus(n: int, workdir: Path) -> Path:
    path = workdir / f"corpus-{n}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".part")
        r = run([PY, str(ROOT / "bench" / "make_corpus.py"), str(n), "-o", str(tmp)])
        if r.returncode:
            sys.exit(r.stderr)
        tmp.rename(path)
    return path


def cli_reads_jsonl(workdir: Path) -> bool:
    """Whether the read stage reads .jsonl files row by row (then the CLI takes the corpus as is)."""
    from vndiplo.read import read_file

    probe = workdir / "probe.jsonl"
    probe.write_text('{"id": "a", "text": "Một."}\n{"id": "b", "text": "Hai."}\n', encoding="utf-8")
    try:
        return len(read_file(probe)) == 2
    except Exception:
        return False


def as_text_files(corpus: Path) -> Path:
    """The corpus as one plain-text page per document ("date YYYY-MM-DD title" first line)."""
    d = corpus.with_suffix(".txt.d")
    if d.is_dir():
        return d
    tmp = corpus.with_suffix(".txt.part")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            head = f"date {r['published']} {r['title'] or ''}\n\n" if r["published"] else \
                (f"{r['title']}\n\n" if r["title"] else "")
            (tmp / f"{r['id']}.txt").write_text(head + r["text"], encoding="utf-8")
    tmp.rename(d)
    return d


def vndiplo(*args: str, **kw):
    return run([PY, "-m", "vndiplo", *args], cwd=str(ROOT), **kw)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/vndiplo-bench"))
    ap.add_argument("--skip", default="", help="comma-separated: a,b,c,load")
    ap.add_argument("--json", type=Path, help="also write the results here")
    a = ap.parse_args(argv)
    skip = set(filter(None, a.skip.split(",")))
    a.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}", flush=True)
    jsonl_cli = cli_reads_jsonl(a.workdir)

    pg = None
    if "load" not in skip:
        from tests.pgserver import PgServer, find_bindir

        pg = PgServer().start() if find_bindir() else None
    results = []
    try:
        for n in (int(x) for x in a.sizes.split(",")):
            corpus = make_corpus(n, a.workdir)
            cli_input = str(corpus if jsonl_cli else as_text_files(corpus))
            out = a.workdir / f"out-{n}"

            def record(what: str, r, count: int = n) -> None:
                ok = "" if r.returncode in (0, 1) else f" (exit {r.returncode}: {r.stderr[-300:]})"
                results.append({"size": n, "what": what, "seconds": r.seconds, "per_s": count / r.seconds,
                                "cpu_s": r.cpu_seconds, "peak_mb": r.peak_mb, "note": ok})
                print(f"{n:>8} {what:<34} {r.seconds:8.1f} s {count / r.seconds:8.1f}/s "
                      f"cpu {r.cpu_seconds:8.1f} s {r.peak_mb:7.0f} MB{ok}", flush=True)

            with open("/dev/null", "w") as devnull:
                if "a" not in skip:
                    record("(a) extract, 1 process", vndiplo("extract", cli_input, "--format", "records",
                                                             stdout=devnull))
                if "b" not in skip:
                    record("(b) extract --jobs 0 (all cores)",
                           vndiplo("extract", cli_input, "--format", "records", "--jobs", "0", stdout=devnull))
            if "c" not in skip or ("load" not in skip and not (out / "documents").is_dir()):
                shutil.rmtree(out, ignore_errors=True)
                record("(c) spark-extract local[2]",
                       vndiplo("spark-extract", str(corpus), str(out), "--master", "local[2]"))
            if "load" not in skip:
                db = a.workdir / f"load-{n}.db"
                db.unlink(missing_ok=True)
                record("load into SQLite", vndiplo("load", str(out), "--db", str(db), "--no-resolve"))
                record("load into SQLite again (no-op)",
                       vndiplo("load", str(out), "--db", str(db), "--no-resolve"))
                if pg is not None:
                    record("load into PostgreSQL (COPY)",
                           vndiplo("load", str(out), "--db", pg.create_database(), "--no-resolve"))
    finally:
        if pg is not None:
            pg.stop()

    print("\n| articles | run | wall s | articles/s | CPU s | peak MB |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['size']} | {r['what']}{r['note']} | {r['seconds']:.1f} | {r['per_s']:.1f} | "
              f"{'n/a' if 'spark' in r['what'] else format(r['cpu_s'], '.1f')} | {r['peak_mb']:.0f} |")
    sizes = sorted({r["size"] for r in results})
    if len(sizes) > 1:
        print("\nGrowth (time ratio between consecutive sizes; linear = size ratio):")
        for what in dict.fromkeys(r["what"] for r in results):
            t = {r["size"]: r["seconds"] for r in results if r["what"] == what}
            steps = [f"{b // a_}x size: {t[b] / t[a_]:.1f}x time" for a_, b in zip(sizes, sizes[1:]) if a_ in t and b in t]
            print(f"- {what}: " + "; ".join(steps))
    if a.json:
        a.json.write_text(json.dumps({"machine": machine(), "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                      "results": results}, indent=1))


if __name__ == "__main__":
    main()
