#!/usr/bin/env python3
"""CPU time of `vndiplo --help` and of a usage error: what every command pays before it starts.

    python bench/bench_cli_startup.py [--runs 10]

Prints the median and best user+system CPU seconds of the real console script (children's rusage),
and the modules `import vndiplo.serve.cli` pulls in that are heavy (the extraction pipeline, the
store, Rich, FastAPI): with lazy command modules there should be none.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
from pathlib import Path

VNDIPLO = str(Path(sys.executable).with_name("vndiplo"))
HEAVY = ("vndiplo.extract.pipeline", "vndiplo.store.db", "sqlalchemy", "rich.console", "fastapi", "pyarrow")


def cpu_of(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    for label, argv in (("vndiplo --help", [VNDIPLO, "--help"]), ("vndiplo events --kind bogus",
                                                                   [VNDIPLO, "events", "--kind", "bogus"])):
        times = [cpu_of(argv) for _ in range(args.runs)]
        print(f"{label:<30} CPU s: median {statistics.median(times):.3f}, best {min(times):.3f} ({args.runs} runs)")
    code = "import sys, vndiplo.serve.cli; print(' '.join(m for m in %r if m in sys.modules))" % (HEAVY,)
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    print(f"heavy modules imported by the CLI's startup: {loaded or 'none'}")


if __name__ == "__main__":
    main()
