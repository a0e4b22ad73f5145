"""Cold start of `vndiplo serve`: seconds from launching the command to its first answers.

    python bench/serve_start.py /tmp/load.db                 # one process, 3 runs
    python bench/serve_start.py /tmp/load.db --workers 2 --runs 5

Each run starts the real command on a free port of 127.0.0.1 (its own fresh process, the store
already migrated), polls until the socket accepts, then asks in turn for the home page, a search
(`/api/search?q=hoi+dam`), a country dossier (`/api/countries/KH`) and its web page (`/countries/KH`),
one request at a time, and prints when each answer arrived (seconds since launch), with the CPU
seconds the server's process tree had used by then (steadier than wall time on a shared machine).
Then it stops the server. Also prints the load average. Asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
FIRST = [("home", "/"), ("search", "/api/search?q=hoi+dam"), ("dossier", "/api/countries/KH"),
         ("dossier page", "/countries/KH")]
TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(root: int) -> float:
    """User + system CPU seconds of `root` and its live children (and the children it reaped)."""
    pids = [root] + [int(p) for p in subprocess.run(["ps", "-o", "pid=", "--ppid", str(root)],
                                                    capture_output=True, text=True).stdout.split()]
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        except OSError:
            pass
    return total / TICK


def one_run(db: str, workers: int) -> dict[str, tuple[float, float]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    out: dict[str, tuple[float, float]] = {}
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit(f"vndiplo serve exited ({proc.returncode})")
                time.sleep(0.02)
        out["listening"] = (time.perf_counter() - t0, cpu_s(proc.pid))
        with httpx.Client(base_url=base, timeout=120) as client:
            for name, path in FIRST:
                r = client.get(path)
                r.raise_for_status()
                out[name] = (time.perf_counter() - t0, cpu_s(proc.pid))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}")
    runs = [one_run(args.db, args.workers) for _ in range(args.runs)]
    print(f"{'answer':14s} {'wall s (median, each run)':40s} CPU s (median)")
    for name in ["listening"] + [n for n, _ in FIRST]:
        walls = [r[name][0] for r in runs]
        cpus = [r[name][1] for r in runs]
        print(f"{name:14s} {statistics.median(walls):5.2f}  ({', '.join(f'{w:.2f}' for w in walls)})"
              f"{'':{max(0, 30 - 7 * len(walls))}s} {statistics.median(cpus):5.2f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
