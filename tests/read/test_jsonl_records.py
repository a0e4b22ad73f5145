"""JSON Lines as written in the wild: a record of one paragraph and no title is an article; records are
split on "\\n" only (U+2028, U+2029, U+0085 are characters inside a record's strings, and line numbers stay
right); a file larger than the size limit is streamed, the limit applying to each record."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from vndiplo.read import Document, ReadError, iter_documents
from vndiplo.read.loader import DEFAULT_MAX_BYTES, iter_file

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]

PARAGRAPH = ("Chiều 8/7, tại Kuala Lumpur, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao "
             "Thái Lan Maris Sangiampongsa. Hai bên nhất trí thúc đẩy kim ngạch thương mại song phương đạt 25 tỷ USD.")


def _record(i: int, **extra) -> dict:
    return {"id": f"rec-{i}", "text": PARAGRAPH.replace("8/7", f"{1 + i % 28}/7") + f" Lần thứ {i}.", **extra}


def test_a_record_of_one_paragraph_without_title_is_an_article(tmp_path):
    p = tmp_path / "plain.jsonl"
    p.write_text(json.dumps({"id": "one", "text": PARAGRAPH}, ensure_ascii=False) + "\n"
                 + json.dumps({"text": PARAGRAPH.replace("8/7", "9/7"), "published": "2025-07-09"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    out = list(iter_file(p))
    assert all(isinstance(d, Document) for d in out), out
    assert [d.doc_id for d in out] == ["one", "plain-2"]
    assert "Maris Sangiampongsa" in out[0].text and out[1].published == "2025-07-09"


def test_records_split_on_newline_only(tmp_path):
    p = tmp_path / "separators.jsonl"
    texts = [PARAGRAPH + "\u2028Dòng mới.", PARAGRAPH.replace("8/7", "10/7") + "\u2029Đoạn mới.",
             PARAGRAPH.replace("8/7", "11/7") + "\x85Tiếp.", PARAGRAPH.replace("8/7", "12/7")]
    lines = [json.dumps({"id": f"sep-{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    assert all(("\u2028" in line or "\u2029" in line or "\x85" in line) for line in lines[:3])  # raw, not escaped
    p.write_text("\n".join(lines[:2]) + "\n\n" + "\r\n".join(lines[2:]) + "\n", encoding="utf-8")
    out = list(iter_file(p))
    assert [type(x).__name__ for x in out] == ["Document"] * 4, out
    assert [d.doc_id for d in out] == ["sep-0", "sep-1", "sep-2", "sep-3"]
    assert [d.source for d in out] == [f"{p}:1", f"{p}:2", f"{p}:4", f"{p}:5"]
    assert "Dòng mới" in out[0].text and "Đoạn mới" in out[1].text and "Tiếp" in out[2].text
    bad = tmp_path / "bad.jsonl"
    bad.write_text(lines[0] + "\n{broken\u2028\n" + lines[1] + "\n", encoding="utf-8")
    out = list(iter_file(bad))
    assert [type(x).__name__ for x in out] == ["Document", "ReadError", "Document"]
    assert out[1].source == f"{bad}:2" and out[2].source == f"{bad}:3"


def test_a_file_over_the_limit_is_streamed_record_by_record(tmp_path):
    p = tmp_path / "big.jsonl"
    with p.open("w", encoding="utf-8") as f:
        f.write(json.dumps(_record(0), ensure_ascii=False) + "\n")
        # One record over the limit by itself (text of 21 MB), between two good ones.
        f.write('{"id": "huge", "text": "' + "a" * (DEFAULT_MAX_BYTES + 2**20) + '"}\n')
        f.write(json.dumps(_record(2), ensure_ascii=False) + "\n")
    assert p.stat().st_size > DEFAULT_MAX_BYTES
    out = list(iter_file(p))
    assert [type(x).__name__ for x in out] == ["Document", "ReadError", "Document"], out
    assert out[1].source == f"{p}:2" and "too large" in out[1].reason
    assert [d.doc_id for d in (out[0], out[2])] == ["rec-0", "rec-2"] and out[2].source == f"{p}:3"


def test_the_size_limit_is_per_record_for_the_cli(tmp_path):
    """`vndiplo ingest --max-size` refuses a .txt file over the limit, but reads a larger .jsonl whose
    records are each under it."""
    p = tmp_path / "many.jsonl"
    p.write_text("".join(json.dumps(_record(i), ensure_ascii=False) + "\n" for i in range(60)), encoding="utf-8")
    assert p.stat().st_size > 0.01 * 2**20  # the file is over --max-size; each record is under it
    assert all(isinstance(d, Document) for d in iter_documents([p], max_bytes=1000))
    db = tmp_path / "s.db"
    r = subprocess.run([sys.executable, "-m", "vndiplo", "ingest", str(p), "--db", str(db), "--max-size", "0.01"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "0 failed" in r.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == 60
    txt = tmp_path / "big.txt"
    txt.write_text(PARAGRAPH * 100, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "vndiplo", "ingest", str(txt), "--db", str(db), "--max-size", "0.01"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "too large" in r.stderr


def test_an_unreadable_record_fails_alone(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(json.dumps(_record(0), ensure_ascii=False).encode() + b"\n"
                  + b'{"id": "x", "text": "\xff\xfe\x00\x00"}\n'
                  + json.dumps(_record(2), ensure_ascii=False).encode() + b"\n")
    out = list(iter_file(p))
    assert isinstance(out[0], Document) and isinstance(out[-1], Document) and out[-1].source == f"{p}:3"
    assert all(isinstance(x, ReadError) and x.source == f"{p}:2" for x in out[1:-1])
