"""Rows to Documents (read.rows) and one row through read -> extract (scale.rows), without Spark."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.scale.conftest import corpus_files, row_of
from vndiplo.read import ReadError
from vndiplo.read.rows import document_from_row, normalise_published
from vndiplo.scale.rows import DOCUMENT_FIELDS, ERROR_FIELDS, RECORD_FIELDS, process_row, year_of


def test_document_from_row_builds_a_document():
    row = row_of(corpus_files()[0])
    body_start = row["text"].split("\n")[0][:60]
    d = document_from_row({**row, "id": 7, "published": "2024-3-5", "url": "https://x.vn/a"}, "f.jsonl:3")
    assert (d.doc_id, d.source, d.published, d.url) == ("7", "f.jsonl:3", "2024-03-05", "https://x.vn/a")
    assert body_start in d.text
    if row["title"]:
        assert d.title == row["title"] and d.text.startswith(row["title"])


@pytest.mark.parametrize("row", [
    {"id": "x", "text": 12},
    {"id": "x", "text": " \n "},
    {"id": "x"},
    ["id", "x"],
])
def test_bad_rows_raise_read_errors_naming_the_input(row):
    with pytest.raises(ReadError) as e:
        document_from_row(row, "in.jsonl:9")
    assert str(e.value).startswith("in.jsonl:9: ")


@pytest.mark.parametrize("value, want", [
    ("2025-07", "2025-07"), ("2025", "2025"), ("2025-07-08T10:00:00+07:00", "2025-07-08"),
    (dt.date(2020, 1, 2), "2020-01-02"), (dt.datetime(2020, 1, 2, 3, 4), "2020-01-02"),
    ("2025-13-01", "2025"), ("", None), (None, None), ("hôm qua", None), (2025, None),
])
def test_normalise_published(value, want):
    assert normalise_published(value) == want
    assert year_of(value) == (want[:4] if want else "unknown")


def test_process_row_gives_a_document_and_its_records():
    row = row_of(corpus_files()[0])
    out = process_row(json.dumps(row, ensure_ascii=False), "c.jsonl:1")
    assert out.error is None and out.document["doc_id"] == row["id"]
    assert set(out.document) == set(DOCUMENT_FIELDS)
    assert out.document["n_facts"] == len(out.records)
    for r in out.records:
        assert set(r) == set(RECORD_FIELDS) and json.loads(r["record"])["doc"] == row["id"]
        assert out.document["text"][r["start"]:r["end"]] or r["start"] == r["end"]


@pytest.mark.parametrize("line, stage", [
    ('{"id": "x", "published": "2023-01-01", "text": 5}', "read"),
    ("{broken", "read"),
    ("42", "read"),
])
def test_process_row_never_raises(line, stage):
    out = process_row(line, "c.jsonl:4")
    assert out.document is None and not out.records
    assert set(out.error) == set(ERROR_FIELDS)
    assert out.error["stage"] == stage and out.error["source"] == "c.jsonl:4"
    assert out.error["error"].startswith("c.jsonl:4")
