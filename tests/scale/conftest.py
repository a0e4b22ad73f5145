"""One SparkSession and one spark-extract run shared by the scale tests (a session start costs ~7 s)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SEEDS, require_shared
from vndiplo.read import read_file


def _seeds() -> Path:
    require_shared()
    # tests/conftest.py looks for ../shared; a worktree one level deeper finds it further up.
    for d in (SEEDS, *(p / "shared" / "corpus" / "seeds" for p in Path(__file__).resolve().parents)):
        if d.is_dir():
            return d
    return SEEDS


def corpus_files() -> list[Path]:
    """The real pages the scale tests run on: the seeds and the examples, when present."""
    files = sorted(_seeds().glob("*.txt"))
    if EXAMPLES.is_dir():
        files += sorted(p for p in EXAMPLES.rglob("*.txt"))
    assert files, f"no corpus pages found under {SEEDS}"
    return files


def row_of(path: Path) -> dict:
    """The JSON Lines row holding the same document as the file (text after the title line)."""
    (doc,) = read_file(path)
    body = doc.text[len(doc.title):].strip() if doc.title and doc.text.startswith(doc.title) else doc.text
    return {"id": doc.doc_id, "url": None, "title": doc.title, "published": doc.published, "text": body}


# Rows the reader must refuse: each must come back as an error row, never fail the job.
POISON = [
    '{"id": "poison-number", "title": "x", "published": "2024-01-02", "text": 12345}',
    '{"id": "poison-empty", "text": "   "}',
    '{"id": "poison-truncated", "text": "Hà Nội',
    '["not", "an", "object"]',
]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """A JSON Lines corpus (the real pages plus poisoned rows) and the files it came from."""
    d = tmp_path_factory.mktemp("corpus")
    files = corpus_files()
    rows = [row_of(p) for p in files]
    path = d / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            if i == 1:
                f.write(POISON[0] + "\n\n" + POISON[1] + "\n")
        f.write(POISON[2] + "\n" + POISON[3] + "\n")
    return {"jsonl": path, "files": files, "rows": rows}


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark")
    from vndiplo.scale.spark import make_session

    s = make_session("local[2]", "vndiplo-tests", **{"spark.ui.showConsoleProgress": "false",
                                                     "spark.sql.shuffle.partitions": "4"})
    yield s
    s.stop()


@pytest.fixture(scope="session")
def spark_output(spark, corpus, tmp_path_factory):
    """spark-extract run once over the corpus."""
    from vndiplo.scale.spark import spark_extract

    out = tmp_path_factory.mktemp("spark") / "out"
    result = spark_extract(spark, str(corpus["jsonl"]), str(out))
    return {"dir": out, "result": result}


def cli(*args: str):
    """Run the real `vndiplo` command in a subprocess."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-m", "vndiplo", *args], cwd=root, capture_output=True,
                          text=True, timeout=600)
