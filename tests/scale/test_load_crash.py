"""`vndiplo load` killed with SIGKILL while it resolves entities leaves no document without its entities
and search entries: the load, resolution included, is one transaction, so the store is as it was; and
loading again gives the store an uninterrupted load gives."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parents[2]


def _load(out: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vndiplo", "load", str(out), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return c.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or locked by the writer
        return 0


def state(db: Path) -> dict:
    """What a load leaves: documents, facts, entities by type, search entries, documents without an entry."""
    with sqlite3.connect(db) as c:
        q = lambda sql: c.execute(sql).fetchall()  # noqa: E731
        return {"documents": q("SELECT doc_id, content_hash FROM documents ORDER BY doc_id"),
                "facts": q("SELECT count(*) FROM facts")[0][0],
                "entities": q("SELECT type, key, n_sources FROM entities ORDER BY type, key, n_sources"),
                "entries": q("SELECT kind, count(*) FROM search_entries GROUP BY kind ORDER BY kind"),
                "unindexed": q("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM search_entries e "
                               "WHERE e.document_id = d.id AND e.kind = 'document')")[0][0]}


def test_load_killed_while_resolving_leaves_the_store_as_it_was(spark_output, tmp_path):
    out = spark_output["dir"]
    clean = tmp_path / "clean.db"
    assert _load(out, clean).wait(timeout=600) == 0
    whole = state(clean)
    assert whole["documents"] and whole["entities"] and whole["unindexed"] == 0

    db = tmp_path / "killed.db"
    subprocess.run([sys.executable, "-c", f"from vndiplo.store import open_store; open_store({str(db)!r}).close()"],
                   cwd=ROOT, check=True, timeout=300)  # an empty, migrated store
    proc = _load(out, db)
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()
    # Resolution has begun once the load says so (or, for a load that commits before resolving, once
    # documents are visible to another connection).
    deadline = time.time() + 600
    while not any("resolving" in line for line in said) and not _count(db, "SELECT count(*) FROM documents"):
        assert proc.poll() is None, "".join(said)[-2000:]
        assert time.time() < deadline
        time.sleep(0.005)
    assert proc.poll() is None, "the load ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    after = state(db)
    # Nothing of the load is there: never documents without their entities or search entries.
    assert after["documents"] == [] and after["facts"] == 0 and after["entities"] == [], \
        {k: (len(v) if isinstance(v, list) else v) for k, v in after.items()}

    assert _load(out, db).wait(timeout=600) == 0
    assert state(db) == whole
