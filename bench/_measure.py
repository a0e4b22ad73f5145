"""Timing and peak memory of a command and all its child processes (read from /proc), and the machine."""
from __future__ import annotations

import os
import platform
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    seconds: float
    peak_mb: float  # largest sum of resident memory over the process tree
    cpu_seconds: float  # user + system time of the whole tree (less sensitive to a busy machine)
    returncode: int
    stderr: str


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d.name))
    return kids


def tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and its descendants, in MB."""
    kids, total, todo = _children(), 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        todo += kids.get(p, [])
    return total / 2**20


def run(cmd: list[str], stdout=subprocess.DEVNULL, env: dict | None = None, cwd: str | None = None) -> Run:
    """Run `cmd`, sampling its process tree's memory every 0.2 s."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.2)

    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    th = threading.Thread(target=sample, daemon=True)
    th.start()
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)  # rusage of the child and every descendant it reaped
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    th.join()
    return Run(seconds, peak[0], usage.ru_utime + usage.ru_stime, proc.returncode, "".join(err))


def machine() -> str:
    """nproc, RAM, CPU model and load, for the report."""
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kb = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")).split()[1])
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPUs ({model}), {mem_kb / 2**20:.1f} GiB RAM, Python {platform.python_version()}, "
            f"load average at start {load[0]:.1f}")
