"""Start-up time and resident memory of `vndiplo serve` (one process, or a supervisor and its workers).

    python bench/serve_memory.py /tmp/load.db            # one process
    python bench/serve_memory.py /tmp/load.db --workers 2

Starts the real command on a free port of 127.0.0.1, prints the seconds until the first answer
(/api/countries/KH), then the resident memory (VmRSS) of every process of its tree 3 s later, and
again after 20 requests of five kinds; stops the server. Asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def tree(root: int, workers: int) -> list[tuple[int, str, int | None]]:
    kids = subprocess.run(["ps", "-o", "pid=", "--ppid", str(root)], capture_output=True, text=True).stdout.split()
    return [(root, "supervisor" if workers > 1 else "server", rss_mb(root))] + \
        [(int(k), "child", rss_mb(int(k))) for k in kids if rss_mb(int(k))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "serve", "--db", args.db, "--port", str(port),
                             "--workers", str(args.workers)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while True:
            try:
                r = httpx.get(f"{base}/api/countries/KH", timeout=120)
                break
            except httpx.HTTPError:
                if proc.poll() is not None:
                    raise SystemExit(f"vndiplo serve exited ({proc.returncode})")
                time.sleep(0.05)
        print(f"first answer after {time.perf_counter() - t0:.2f} s (status {r.status_code})")
        time.sleep(3)
        print("idle (MB):", tree(proc.pid, args.workers))
        for path in ["/api/events", "/api/search?q=hoi+dam", "/api/countries/TH", "/api/persons?limit=50", "/"]:
            for _ in range(4):
                httpx.get(base + path, timeout=120)
        print("after 20 requests (MB):", tree(proc.pid, args.workers))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
