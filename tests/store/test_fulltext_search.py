"""Full-text search folds marks and đ, takes any user text, ranks and pages (SQLite FTS5 and PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import insert

import pytest

from tests.store_helpers import seeded_store
from vndiplo.store.fts import index_missing
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.store.search import search, snippet


def _docs(page):
    return {h.doc_id for h in page.hits}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(request, tmp_path_factory):
    """One store per backend for this module: the seeds' gold facts plus our two articles."""
    s = seeded_store(request, tmp_path_factory)
    yield s
    s.close()


def test_folding_marks_and_d(seeded):
    with seeded.session() as s:
        page = search(s, "da nang")
        assert page.total >= 1 and "talks_oct" in _docs(page)
        top = page.hits[0]
        assert top.doc_id == "talks_oct" and "[Đà] [Nẵng]" in top.snippet
        for q in ("Đà Nẵng", "ĐÀ NẴNG", "Da Nang", "đà nẵng", "dà nang"):
            assert search(s, q).total == page.total, q
        gi = search(s, "ngoai giao", limit=100)
        assert gi.total > 20 and "[Ngoại] [giao]" in " ".join(h.snippet for h in gi.hits)
        assert {h.doc_id for h in search(s, "doi tac chien luoc", limit=100).hits} >= {"talks_oct", "000_932f4bf3cbdf01e5"}
        assert search(s, "Hoà").total == search(s, "Hòa").total > 0  # old and new tone placement


def test_user_text_is_never_engine_syntax(seeded):
    with seeded.session() as s:
        assert search(s, "Việt - Lào").total > 0
        money = search(s, "2,2 tỷ")
        assert money.total > 0 and "[2],[2] [tỷ]" in money.hits[0].snippet
        for q in ('a"b', "AND", "OR NOT", "*", "(", ":", "NEAR(x y)", "'; drop table documents; --", "-", "&|!"):
            search(s, q)  # no syntax error
        assert search(s, "   ").total == 0 and search(s, "").hits == []


def test_phrase_pages_kinds_and_fact_hits(seeded):
    with seeded.session() as s:
        assert search(s, '"nang da"').total == 0
        assert search(s, "nang da").total > 0  # all words, any order
        full = search(s, "Bộ trưởng", limit=1000)
        p1, p2 = search(s, "Bộ trưởng", limit=5), search(s, "Bộ trưởng", limit=5, offset=5)
        assert p1.total == p2.total == full.total > 10
        ids = lambda p: [(h.kind, h.document_id, h.fact_id) for h in p.hits]  # noqa: E731
        assert ids(p1) + ids(p2) == ids(full)[:10]
        assert [h.score for h in full.hits] == sorted((h.score for h in full.hits), reverse=True)
        facts = search(s, "Sihasak", kind="fact")
        assert facts.total > 0 and all(h.kind == "fact" and h.fact_type for h in facts.hits)
        for h in facts.hits:
            doc = s.get(DocumentRow, h.document_id)
            assert "Sihasak" in doc.text[h.span[0]:h.span[1]]
        assert all(h.kind == "document" for h in search(s, "Sihasak", kind="document").hits)


def test_rows_written_around_the_orm_are_indexed_on_catch_up(store):
    text = "Tin đối ngoại\n\nĐoàn công tác thăm Quảng Ngãi và Bình Định."
    with store.session() as s:
        s.execute(insert(DocumentRow).values(doc_id="bulk1", source="bulk", text=text, raw_text=text,
                                             content_hash="h-bulk1"))
    with store.session() as s:
        assert search(s, "quang ngai").total == 0
        assert index_missing(s) == 1
    with store.session() as s:
        assert _docs(search(s, "quang ngai")) == {"bulk1"}
        assert index_missing(s) == 0


def test_snippet_points_into_the_original_text():
    original = "Hai bên nhất trí tổ chức tại Đà Nẵng vào tháng 12."
    assert snippet(original, ["da", "nang"]) == "Hai bên nhất trí tổ chức tại [Đà] [Nẵng] vào tháng 12."


def test_fast_fold_is_the_reference_fold_for_every_character():
    from vndiplo.text import _fold_diacritics_slow, fold_diacritics

    chars = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert fold_diacritics(chars) == _fold_diacritics_slow(chars)
    mixed = "Đà Nẵng 𝄞 Việt Nam ﬁ 한국"  # an astral character takes the reference path
    assert fold_diacritics(mixed) == _fold_diacritics_slow(mixed) and len(fold_diacritics(mixed)) == len(mixed)


def test_a_document_stored_again_with_new_text_is_searched_by_its_new_text(store):
    with store.session() as s:
        row = DocumentRow(doc_id="v1", source="v1.txt", text="Tin cũ\n\nĐoàn thăm Huế.", raw_text="",
                          content_hash="h-v1")
        s.add(row)
    with store.session() as s:
        row = s.query(DocumentRow).filter_by(doc_id="v1").one()
        row.text, row.content_hash = "Tin mới\n\nĐoàn thăm Đà Lạt.", "h-v2"
    with store.session() as s:
        assert _docs(search(s, "da lat")) == {"v1"}
        assert search(s, "hue").total == 0


def test_document_index_follows_new_changed_and_deleted_documents(store):
    """Document search ranks from an index of documents alone (migration 0003): it must follow every
    change of the shared entries, and never hold a fact."""
    from vndiplo.serve.search import search as search_documents

    def found(q):
        with store.session() as s:
            return [i["doc"] for i in search_documents(s, q)["items"]]

    with store.session() as s:
        s.add(DocumentRow(doc_id="d1", source="d1.txt", text="Tin\n\nĐoàn thăm Côn Đảo.", raw_text="",
                          content_hash="h-d1"))
    assert found("con dao") == ["d1"]
    with store.session() as s:
        row = s.query(DocumentRow).filter_by(doc_id="d1").one()
        row.text, row.content_hash = "Tin\n\nĐoàn thăm Phú Quốc.", "h-d1b"
    assert found("con dao") == [] and found("phu quoc") == ["d1"]
    with store.session() as s:
        s.delete(s.query(DocumentRow).filter_by(doc_id="d1").one())
    assert found("phu quoc") == []
    with store.session() as s:  # a fact's words are never a document hit, though the fact is indexed
        doc = DocumentRow(doc_id="d2", source="d2.txt", text="Tin\n\nHai bên hội đàm.", raw_text="",
                          content_hash="h-d2")
        s.add(doc)
        s.flush()
        s.add(FactRow(document_id=doc.id, type="person", payload={"name": "Zyxwv Qrstu"}, evidence="Hai bên",
                      start=5, end=12))
    with store.session() as s:
        assert search(s, "zyxwv", kind="fact").total == 1
    assert found("zyxwv") == [] and found("hoi dam") == ["d2"]
