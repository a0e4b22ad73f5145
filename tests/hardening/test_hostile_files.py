"""Hostile files: each is reported with a clear reason, the batch goes on, memory stays bounded."""
from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.hardening.hostile import build

MEMORY_LIMIT = 3 * 1024 ** 3  # address space for the whole ingest process (Python + libraries + work)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    files = build(folder / "in")
    db = folder / "store.db"
    cmd = [sys.executable, "-m", "vndiplo", "ingest", str(folder / "in"), "--db", str(db), "-v"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600,
                          preexec_fn=_limit_memory, env={**os.environ, "COLUMNS": "200"})
    yield files, db, proc
    os.chmod(files["unreadable.txt"], 0o644)


def _stored(db) -> dict[str, str]:
    with sqlite3.connect(db) as c:
        return dict(c.execute("select doc_id, text from documents"))


def test_batch_finishes_under_a_memory_limit_and_exits_1(hostile_run):
    _, _, proc = hostile_run
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "invalid_utf8.txt", "big_50mb.txt",
                                  "zipbomb.txt", "gzipbomb.txt", "script_only.html"])
def test_each_hostile_file_gets_an_error_line_naming_it(hostile_run, name):
    files, _, proc = hostile_run
    lines = [ln for ln in proc.stderr.splitlines() if name in ln]
    assert lines, f"no line names {name}:\n{proc.stderr[-3000:]}"
    assert any(("error" in ln.lower() or "failed" in ln.lower()) for ln in lines), lines


def test_readable_pages_among_the_hostile_ones_are_stored_whole(hostile_run):
    _, db, _ = hostile_run
    stored = _stored(db)
    assert "good" in stored and stored["good"].rstrip().endswith("./.")
    # the same page in other encodings is decoded, not garbled
    for name, day in [("utf16_bom", "9/7"), ("utf16_nobom", "10/7"), ("windows1258", "11/7")]:
        assert name in stored, f"{name} not stored"
        assert f"Chiều {day}, tại Hà Nội, Bộ trưởng Ngoại giao Lê Hoài Trung" in stored[name]
    for text in stored.values():
        assert "\x00" not in text and "\ufffd" not in text


def test_one_huge_line_and_broken_html_do_not_hang_or_crash(hostile_run):
    _, db, proc = hostile_run
    stored = _stored(db)
    for name in ("one_5mb_line.txt", "nested.html", "unclosed.html"):
        assert name.rsplit(".", 1)[0] in stored or any(name in ln for ln in proc.stderr.splitlines())


def test_symlink_loop_is_walked_once(hostile_run):
    files, db, proc = hostile_run
    assert proc.stderr.count("good.txt") <= 2  # not re-read through the loop
    with sqlite3.connect(db) as c:
        assert c.execute("select count(*) from documents where doc_id='good'").fetchone()[0] == 1


def test_unreadable_file_is_reported_with_its_reason(tmp_path):
    """Root reads any file, so the read runs in a child that gives up root first."""
    from vndiplo.read import ReadError, read_file

    files = build(tmp_path / "in")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop privileges, read, report through the pipe
        os.close(r)
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            try:
                read_file(files["unreadable.txt"])
                msg = {"error": None}
            except ReadError as e:
                msg = {"error": str(e)}
            except Exception as e:  # any other exception is a failure of the reader
                msg = {"crash": repr(e)}
            os.write(w, json.dumps(msg).encode())
        finally:
            os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.waitpid(pid, 0)
    os.chmod(files["unreadable.txt"], 0o644)
    msg = json.loads(data)
    assert "crash" not in msg, msg
    assert msg["error"] and "unreadable.txt" in msg["error"] and "ermission" in msg["error"]
