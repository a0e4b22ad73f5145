"""Provenance: deleting or re-extracting a document removes exactly the support it gave (both stores)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.store_articles import TALKS_TEXT, talks_facts
from tests.store_helpers import gold_facts, ingest_article, ingest_seeds_with_gold
from vndiplo.resolve import delete_document, reextract_document
from vndiplo.store import query
from vndiplo.store.entities import EntityRow, EntitySourceRow
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.store.search import search

OCT = "002_d08307e42bcacef1"


def _doc(s, doc_id):
    return s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))


def _entities(store):
    with store.session() as s:
        return {(e.type, e.label, e.country): (e.id, e.n_sources) for e in s.scalars(select(EntityRow))}


def test_every_fact_links_to_its_document_and_span(store):
    ingest_seeds_with_gold(store)
    with store.session() as s:
        facts = s.scalars(select(FactRow)).all()
        assert len(facts) == 104
        for f in facts:
            if f.evidence and f.end > f.start:
                assert f.document.text[f.start:f.end] == f.evidence
        for src in s.scalars(select(EntitySourceRow)):
            assert s.get(FactRow, src.fact_id).document_id == src.document_id


def test_delete_keeps_what_other_documents_support(store, tmp_path):
    ingest_seeds_with_gold(store)
    ingest_article(store, tmp_path, "talks_oct", "2025-10-28", TALKS_TEXT, talks_facts())
    with store.session() as s:
        n_facts = s.scalar(select(func.count()).select_from(FactRow))
        n_oct = s.scalar(select(func.count()).select_from(FactRow).where(FactRow.document_id == _doc(s, OCT).id))
        delete_document(s, _doc(s, OCT))
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FactRow)) == n_facts - n_oct
        # no source points to the deleted document; no entity is left without a source
        assert s.scalar(select(func.count()).select_from(EntitySourceRow).where(
            EntitySourceRow.document_id.not_in(select(DocumentRow.id)))) == 0
        assert s.scalar(select(func.count()).select_from(EntityRow).where(
            EntityRow.id.not_in(select(EntitySourceRow.entity_id)))) == 0
        assert query.find_persons(s, "Motegi")["total"] == 0  # only the deleted article named him
        trung = query.person_detail(s, query.find_persons(s, "Lê Hoài Trung")["items"][0]["id"])
        assert {x["doc_id"] for x in trung["sources"]} == {"talks_oct"}
        ev = query.event_detail(s, trung["events"][0]["id"])
        assert [x["doc_id"] for x in ev["sources"]] == ["talks_oct"]
        assert [k["value"] for k in ev["kinds"]] == ["talks"]  # the deleted version is gone, the other stays
        prak = query.person_detail(s, query.find_persons(s, "Prak Sokhonn")["items"][0]["id"])
        assert {x["doc_id"] for x in prak["sources"]} == {"000_932f4bf3cbdf01e5", "001_c4a3399497a2fc57"}
        target = [c for c in query.commitments(s, "TH")["items"] if c["kind"] == "target"][0]
        assert [m["doc_id"] for m in target["mentions"]] == ["000_932f4bf3cbdf01e5"]
        assert search(s, "Motegi").total == 0
        assert search(s, "Sihasak").total > 0


def test_reextracting_the_same_facts_keeps_entities_and_ids(store):
    ingest_seeds_with_gold(store)
    before = _entities(store)
    with store.session() as s:
        row = _doc(s, OCT)
        reextract_document(s, row, gold_facts(OCT, row.text))
    assert _entities(store) == before


def test_reextracting_fewer_facts_drops_only_their_support(store):
    ingest_seeds_with_gold(store)
    before = _entities(store)
    with store.session() as s:
        row = _doc(s, OCT)
        facts = [f for f in gold_facts(OCT, row.text)
                 if "Motegi" not in f.evidence and getattr(f, "name", "") != "Motegi Toshimitsu"]
        reextract_document(s, row, facts)
    after = _entities(store)
    gone = set(before) - set(after)
    assert ("person", "Motegi Toshimitsu", "JP") in gone
    assert all(k[0] in ("person", "event", "mechanism", "relation") for k in gone)
    assert after[("person", "Lê Hoài Trung", "VN")][0] == before[("person", "Lê Hoài Trung", "VN")][0]


def test_an_interrupted_reextraction_leaves_the_previous_facts(store):
    ingest_seeds_with_gold(store)
    before = _entities(store)
    with store.session() as s:
        n_facts = s.scalar(select(func.count()).select_from(FactRow))

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted):
        with store.session() as s:
            reextract_document(s, _doc(s, OCT), [])
            raise Interrupted  # e.g. Ctrl-C between two documents' work
    assert _entities(store) == before
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FactRow)) == n_facts
