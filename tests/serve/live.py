"""A real `vndiplo serve` process on a free port of 127.0.0.1, for tests that need the real server
(uvicorn's own HTTP parsing, worker processes, the event loop under load)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

ROOT = Path(__file__).resolve().parents[2]

# Short pages, each a different diplomatic report (different names, places, days): distinct content.
COUNTERPARTS = [("Campuchia", "Prak Sokhonn"), ("Lào", "Thongsavanh Phomvihane"), ("Thái Lan", "Maris Sangiampongsa"),
                ("Nhật Bản", "Iwaya Takeshi"), ("Hàn Quốc", "Cho Tae-yul"), ("Indonesia", "Sugiono"),
                ("Philippines", "Enrique Manalo"), ("Singapore", "Vivian Balakrishnan")]
PLACES = ["Hà Nội", "Kuala Lumpur", "Viêng Chăn", "Phnôm Pênh", "Jakarta"]


def page(i: int) -> str:
    """The i-th distinct short page: a meeting on a day of 2025 with one counterpart."""
    country, name = COUNTERPARTS[i % len(COUNTERPARTS)]
    day, month = 1 + i % 28, 1 + (i // 28) % 12
    place = PLACES[i % len(PLACES)]
    return (f"date 2025-{month:02d}-{day:02d} Bộ trưởng Ngoại giao hội đàm với Bộ trưởng Ngoại giao {country}\n\n"
            f"Ngày {day}/{month}, tại {place}, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm với Bộ trưởng "
            f"Ngoại giao {country} {name}. Hai bên nhất trí tăng cường hợp tác lần thứ {i + 1} "
            f"trong khuôn khổ số {1000 + i}.\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(db: str, log: Path, *args: str) -> Iterator[str]:
    """`vndiplo serve --db DB ARGS` until the block ends; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "serve", "--db", db, "--port", str(port), *args],
                            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                if httpx.get(f"{base}/api/documents", params={"limit": 1}, timeout=10).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.time() < deadline, "the server did not start: " + log.read_text(errors="replace")
            time.sleep(0.2)
        yield base
    finally:  # the server and its worker processes (one process group)
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # workers that outlived their supervisor
        except ProcessLookupError:
            pass
        out.close()
