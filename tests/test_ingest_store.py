"""Ingest into a real store (SQLite and PostgreSQL): dedup, near-duplicates, idempotency, atomicity."""
from __future__ import annotations

import shutil

from sqlalchemy import select

from tests.conftest import needs_shared
from tests.read.ingest_paths import EXAMPLES, SEEDS
from vndiplo.read import read_file
from vndiplo.read.sentences import split_sentences
from vndiplo.store.signatures import MinHashRow
from vndiplo.store.ingest import Ingestor
from vndiplo.store.models import DocumentRow, FactRow, RemovedSpanRow, SentenceRow

PAIR = ("vn-th-2025-07-08-kuala-lumpur-b", "vn-th-2025-07-08-kuala-lumpur")


def dump(store) -> dict:
    """Everything ingest writes, as plain values."""
    with store.session() as s:
        docs = sorted(tuple((c.key, repr(getattr(r, c.key))) for c in DocumentRow.__table__.columns)
                      for r in s.scalars(select(DocumentRow)))
        sents = sorted((r.document_id, r.idx, r.start, r.end) for r in s.scalars(select(SentenceRow)))
        spans = sorted((r.document_id, r.start, r.end, r.reason, r.text) for r in s.scalars(select(RemovedSpanRow)))
        sigs = sorted((r.document_id, r.hashvalues) for r in s.scalars(select(MinHashRow)))
    return {"documents": docs, "sentences": sents, "removed": spans, "signatures": sigs}


def run(store, *paths):
    return list(Ingestor(store).ingest_paths(paths))


@needs_shared
def test_seeds_and_examples_ingest_and_a_second_run_changes_nothing(store):
    first = run(store, SEEDS, EXAMPLES)
    statuses = [o.status for o in first]
    assert statuses.count("failed") == 0
    assert statuses.count("near_duplicate") == 1
    assert len(first) == 20
    before = dump(store)
    assert len(before["documents"]) == 20 and len(before["signatures"]) == 20
    second = run(store, SEEDS, EXAMPLES)
    assert {o.status for o in second} == {"unchanged"}
    assert dump(store) == before


@needs_shared
def test_stored_document_is_complete(store):
    run(store, SEEDS)
    (doc,) = read_file(next(SEEDS.glob("003_*")))
    with store.session() as s:
        row = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc.doc_id))
        assert row.text == doc.text and row.raw_text == doc.raw_text
        assert row.author == "Quang Hòa" and row.outlet == "baoquocte.vn" and row.language == "vi"
        assert [(x.start, x.end) for x in row.sentences] == [(x.start, x.end) for x in split_sentences(doc.text)]
        assert len(row.removed) == len(doc.removed) > 20
        for r in row.removed:
            assert row.raw_text[r.start:r.end] == r.text


def test_near_duplicate_from_another_outlet_is_linked(store):
    out = {o.doc_id: o for o in run(store, EXAMPLES)}
    assert out[PAIR[1]].status == "near_duplicate" and PAIR[0] in out[PAIR[1]].detail
    with store.session() as s:
        rows = {r.doc_id: r for r in s.scalars(select(DocumentRow))}
        dup = rows[PAIR[1]]
        assert dup.near_duplicate_of == rows[PAIR[0]].id and 0.35 <= dup.similarity < 1.0
        linked = [r.doc_id for r in rows.values() if r.near_duplicate_of is not None]
        assert linked == [PAIR[1]]


def test_signatures_persist_so_a_later_run_finds_earlier_documents(store, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(EXAMPLES / f"{PAIR[0]}.txt", tmp_path / "a")
    shutil.copy(EXAMPLES / f"{PAIR[1]}.txt", tmp_path / "b")
    assert [o.status for o in run(store, tmp_path / "a")] == ["ingested"]
    (o,) = run(store, tmp_path / "b")  # a new Ingestor: the index is loaded from the store
    assert o.status == "near_duplicate" and PAIR[0] in o.detail


@needs_shared
def test_same_content_under_another_name_is_stored_once(store, tmp_path):
    src = next(SEEDS.glob("000_*"))
    shutil.copy(src, tmp_path / "copy-of-000.txt")
    a = run(store, src)
    b = run(store, tmp_path / "copy-of-000.txt")
    assert a[0].status == "ingested"
    assert b[0].status == "unchanged" and src.stem in b[0].detail
    with store.session() as s:
        assert len(s.scalars(select(DocumentRow)).all()) == 1


def test_a_changed_file_replaces_its_document_and_drops_stale_facts(store, tmp_path):
    p = tmp_path / "readout.txt"
    p.write_text(" date 2025-05-02 Thứ trưởng tiếp Đại sứ\n\nNgày 2/5, Thứ trưởng Ngoại giao tiếp Đại sứ "
                 "Pháp. Hai bên nhất trí tăng cường hợp tác giáo dục và văn hóa.\n", encoding="utf-8")
    run(store, p)
    with store.session() as s:
        row = s.scalar(select(DocumentRow))
        s.add(FactRow(document_id=row.id, type="event", payload={}, evidence="x", start=0, end=1))
    p.write_text(p.read_text(encoding="utf-8").replace("giáo dục", "quốc phòng"), encoding="utf-8")
    (o,) = run(store, p)
    assert o.status == "updated"
    with store.session() as s:
        (row,) = s.scalars(select(DocumentRow)).all()
        assert "quốc phòng" in row.text and row.extracted_at is None
        assert s.scalars(select(FactRow)).all() == []
        assert len(s.scalars(select(SentenceRow)).all()) == len(split_sentences(row.text))
        assert len(s.scalars(select(MinHashRow)).all()) == 1


def test_the_same_id_from_another_file_fails_and_writes_nothing(store, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text("Tiêu đề\n\nNgày 1/6, Bộ trưởng Ngoại giao gặp Đại sứ Lào. Hai bên "
                                           "nhất trí hợp tác.\n", encoding="utf-8")
    (tmp_path / "y" / "same.txt").write_text("Tiêu đề khác\n\nNgày 2/6, Bộ trưởng Ngoại giao gặp Đại sứ Campuchia. "
                                           "Hai bên nhất trí hợp tác.\n", encoding="utf-8")
    a, b = run(store, tmp_path / "x", tmp_path / "y")
    assert a.status == "ingested"
    assert b.status == "failed" and "already used by" in b.detail and str(tmp_path / "x") in b.detail
    before = dump(store)
    assert len(before["documents"]) == 1 and len(before["signatures"]) == 1
