"""The `vndiplo ingest / docs / show` commands run as a user runs them, on bad input too."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import require_shared
from tests.read.ingest_paths import EXAMPLES, ROOT, SEEDS
from vndiplo.store.models import DocumentRow, RemovedSpanRow, SentenceRow

GOOD = ("Bộ trưởng Ngoại giao tiếp Đại sứ Lào\n\nNgày 3/6, tại Hà Nội, Bộ trưởng Ngoại giao đã tiếp Đại sứ Lào. "
        "Hai bên nhất trí thúc đẩy hợp tác kinh tế, thương mại và giao lưu nhân dân giữa hai nước./.\n")


def vndiplo(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "vndiplo", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=300)


def bad_corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder with one good page and every kind of bad input; returns it and file -> expected reason."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\n \t\n")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (d / "nul.txt").write_bytes(GOOD.encode("utf-8").replace(b"Hai b", b"Hai\x00b"))
    html = (EXAMPLES / "vn-sg-2025-03-balakrishnan.html").read_text(encoding="utf-8")
    (d / "cut-head.html").write_text(html[: html.index("</head>") - 40], encoding="utf-8")
    (d / "mojibake.txt").write_bytes(GOOD.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8") * 3)
    (d / "noise.txt").write_bytes(bytes((i * 37 + 129) % 127 + 129 for i in range(4000)))  # no encoding fits
    (d / "title-only.txt").write_text("Chỉ có một dòng tiêu đề\n", encoding="utf-8")
    with open(d / "huge.txt", "wb") as f:  # 50 MB, sparse: refused by its size before reading
        f.truncate(50 * 1024 * 1024)
    (d / "sub").mkdir()
    (d / "sub" / "loop").symlink_to(d, target_is_directory=True)  # a symlink loop
    other = ("Thứ trưởng điện đàm với Thứ trưởng Ngoại giao Nhật Bản\n\nTối 5/6, Thứ trưởng Ngoại giao đã điện đàm "
             "với Thứ trưởng Ngoại giao Nhật Bản về chuẩn bị chuyến thăm cấp cao sắp tới.")
    (d / "bad.jsonl").write_text(json.dumps({"id": "rec-ok", "text": other}, ensure_ascii=False)
                                 + '\n{"id": 2,\n', encoding="utf-8")
    expected = {"empty.txt": "empty file", "blank.txt": "empty file", "image.txt": "NUL",
                "nul.txt": "NUL", "cut-head.html": "no article text", "mojibake.txt": "garbled", "noise.txt": "not UTF-8",
                "title-only.txt": "no article body", "huge.txt": "file too large", "bad.jsonl:2": "invalid JSON"}
    return d, expected


def test_bad_inputs_each_get_one_error_line_and_the_batch_goes_on(tmp_path):
    d, expected = bad_corpus(tmp_path)
    # Truncated but readable HTML and a page in English are stored, with a warning line.
    html = (EXAMPLES / "vn-sg-2025-03-balakrishnan.html").read_text(encoding="utf-8")
    (d / "cut-body.html").write_text(html[: html.index("Bộ trưởng Vivian Balakrishnan khẳng định")], encoding="utf-8")
    (d / "english.txt").write_text("Ministers meet in Kuala Lumpur\n\nThe foreign ministers of the two countries "
                                   "met on Tuesday and agreed to expand trade, investment and tourism ties.\n",
                                   encoding="utf-8")
    db = tmp_path / "v.db"
    r = vndiplo("ingest", str(d), "--db", str(db))
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    errors = [ln for ln in lines if ln.startswith("error:")]
    assert len(errors) == len(expected), r.stderr
    for name, reason in expected.items():
        (line,) = [ln for ln in errors if f"{d}/{name}" in ln or f"{d}/sub/loop/{name}" in ln]
        assert reason in line, line
    warnings = [ln for ln in lines if ln.startswith("warning:")]
    assert any("cut-body.html" in w and "truncated" in w for w in warnings), r.stderr
    assert any("english.txt" in w and "not Vietnamese" in w for w in warnings), r.stderr
    assert lines[-1] == f"4 ingested, 0 unchanged, 0 near-duplicate, {len(expected)} failed"

    again = vndiplo("ingest", str(d), "--db", str(db))
    assert again.returncode == 1 and again.stderr.splitlines()[-1] == \
        f"0 ingested, 4 unchanged, 0 near-duplicate, {len(expected)} failed"

    out = json.loads(vndiplo("docs", "--db", str(db), "--json").stdout)
    assert sorted(x["doc_id"] for x in out) == ["cut-body", "english", "good", "rec-ok"]
    langs = {x["doc_id"]: x["language"] for x in out}
    assert langs["english"] == "en" and langs["good"] == "vi"


def test_bad_inputs_leave_nothing_half_written(store, store_url, tmp_path):
    d, expected = bad_corpus(tmp_path)
    r = vndiplo("ingest", str(d), "--db", store_url, "-v")
    assert r.returncode == 1
    assert "ingested: " in r.stderr and "-> good" in r.stderr
    with store.session() as s:
        docs = s.scalars(select(DocumentRow)).all()
        assert sorted(x.doc_id for x in docs) == ["good", "rec-ok"]
        for doc in docs:
            assert doc.sentences and len(doc.text) > 50
        ids = {x.id for x in docs}
        assert {x.document_id for x in s.scalars(select(SentenceRow))} == ids
        assert {x.document_id for x in s.scalars(select(RemovedSpanRow))} <= ids


def test_max_size_is_configurable(tmp_path):
    (tmp_path / "page.txt").write_text(GOOD * 10, encoding="utf-8")  # about 2.6 KB
    r = vndiplo("ingest", str(tmp_path / "page.txt"), "--db", str(tmp_path / "v.db"), "--max-size", "0.001")
    assert r.returncode == 1 and "file too large" in r.stderr and "page.txt" in r.stderr


def test_missing_path_is_an_error_naming_it(tmp_path):
    r = vndiplo("ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "v.db"))
    assert r.returncode == 1 and f"{tmp_path / 'nope'}: no such file or directory" in r.stderr


def test_docs_and_show_on_the_example_corpus(tmp_path):
    require_shared()
    db = str(tmp_path / "v.db")
    r = vndiplo("ingest", str(EXAMPLES), str(SEEDS), "--db", db, "-v")
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines()[-1] == "19 ingested, 0 unchanged, 1 near-duplicate, 0 failed"
    assert "near-duplicate: " in r.stderr and "similarity" in r.stderr
    out = json.loads(vndiplo("docs", "--db", db, "--json").stdout)
    assert len(out) == 20
    by_id = {x["doc_id"]: x for x in out}
    assert by_id["vn-th-2025-07-08-kuala-lumpur"]["near_duplicate_of"] == "vn-th-2025-07-08-kuala-lumpur-b"
    table = vndiplo("docs", "--db", db)
    assert table.returncode == 0 and "20 documents" in table.stdout

    shown = vndiplo("show", "003_e72812686307d908", "--db", db)
    assert shown.returncode == 0
    assert "author: Quang Hòa" in shown.stdout and "horoscope" in shown.stdout
    assert "Chiều ngày 2/6" in shown.stdout
    js = json.loads(vndiplo("show", "003_e72812686307d908", "--db", db, "--json").stdout)
    assert js["removed_spans"] and all(js["text"].find(x["text"]) == -1 for x in js["removed_spans"]
                                       if x["reason"] == "horoscope")

    missing = vndiplo("show", "no-such-doc", "--db", db)
    assert missing.returncode == 1 and "no-such-doc" in missing.stderr


@pytest.mark.parametrize("month", ["2025-07", "2025-08", "2025-10"])
def test_example_corpus_has_the_thai_trade_target_each_month(month):
    from vndiplo.read import iter_documents

    docs = [d for d in iter_documents([EXAMPLES]) if (d.published or "").startswith(month)]
    assert any("25 tỷ USD" in d.text and "Thái Lan" in d.text for d in docs)
