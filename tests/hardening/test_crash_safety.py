"""kill -9 halfway, re-run, and the store equals that of an uninterrupted run; WAL lets readers
read while a writer writes."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, SEEDS

N_COPIES = 6  # each example and seed page, rewritten this many times: enough documents to kill mid-run


def make_corpus(folder: Path) -> Path:
    """Distinct documents (no two share content) from the example and seed pages."""
    folder.mkdir(parents=True)
    pages = sorted(p for p in [*EXAMPLES.glob("*.txt"), *SEEDS.glob("*.txt")])
    for i in range(N_COPIES):
        for p in pages:
            text = p.read_text(encoding="utf-8")
            (folder / f"{p.stem}_v{i}.txt").write_text(
                text + f"\n\nBản tin số {i} về {p.stem}: hai bên nhất trí tăng cường hợp tác lần thứ {i + 1}./.\n",
                encoding="utf-8")
    return folder


def ingest(corpus: Path, db: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vndiplo", "ingest", str(corpus), "--db", str(db)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def kill_at_a_quarter(proc: subprocess.Popen, done, total: int, patience: float = 600) -> None:
    """kill -9 `proc` once done() reaches a quarter of `total`; fail if it ends before that."""
    deadline = time.time() + patience
    while done() < total // 4 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed: make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < done() < total


def count_docs(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return c.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def dump(db: Path) -> list[tuple]:
    """The store's content, independent of row ids and timestamps."""
    with sqlite3.connect(db) as c:
        docs = c.execute(
            "select d.doc_id, d.content_hash, d.text, d.title, d.published, "
            "(select count(*) from sentences s where s.document_id = d.id), "
            "(select count(*) from removed_spans r where r.document_id = d.id) "
            "from documents d order by d.doc_id").fetchall()
    return docs


def test_ingest_killed_halfway_then_rerun_equals_an_uninterrupted_run(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    total = len(list(corpus.iterdir()))

    clean_db = tmp_path / "clean.db"
    assert ingest(corpus, clean_db).wait(timeout=900) == 0
    assert count_docs(clean_db) == total

    db = tmp_path / "killed.db"
    kill_at_a_quarter(ingest(corpus, db), lambda: count_docs(db), total)

    assert ingest(corpus, db).wait(timeout=900) == 0
    assert dump(db) == dump(clean_db)


def test_readers_read_while_a_writer_ingests(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "wal.db"
    # create the schema first so readers have tables to read
    subprocess.run([sys.executable, "-m", "vndiplo", "ingest", str(next(corpus.iterdir())), "--db", str(db)],
                   cwd=ROOT, check=True, capture_output=True)
    with sqlite3.connect(db) as c:
        assert c.execute("pragma journal_mode").fetchone()[0] == "wal"
    writer = ingest(corpus, db)
    errors: list[str] = []
    seen: list[int] = []

    def reader() -> None:
        from vndiplo.store import open_store
        from vndiplo.store.models import DocumentRow

        store = open_store(f"sqlite:///{db}", migrate=False)
        try:
            while writer.poll() is None:
                try:
                    with store.session() as s:
                        seen.append(s.query(DocumentRow).count())
                        s.query(DocumentRow.text).limit(5).all()
                except Exception as e:  # any error while a writer is busy is a failure
                    errors.append(repr(e))
                time.sleep(0.01)
        finally:
            store.close()

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    assert writer.wait(timeout=900) == 0, writer.stderr.read().decode()[-2000:]
    for t in threads:
        t.join()
    assert errors == []
    assert len(seen) > 10  # readers really read while the writer wrote
    assert max(seen) > min(seen)  # ...and saw its commits arrive
