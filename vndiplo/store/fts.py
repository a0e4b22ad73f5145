"""Full-text index maintenance: folded text of every document and fact in `search_entries`.

The index holds `vndiplo.text.search_key(text)` (no marks, đ -> d, lower
case), so "da nang" finds "Đà Nẵng" on SQLite (FTS5, no reliance on its
remove_diacritics, which keeps đ) and on PostgreSQL (tsvector 'simple') alike.

Entries are added automatically when a DocumentRow or FactRow is flushed
through the ORM (a `before_flush` hook, so `save_document` and
`replace_facts` need no change) and cascade away with their document or
fact. Rows written around the ORM (bulk loads) are caught up by
`index_missing`.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from vndiplo.store.entities import SearchEntryRow
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.text import search_key

__all__ = ["fact_search_text", "index_missing", "query_tokens"]

_TOKEN = re.compile(r"[^\W_]+")


def query_tokens(query: str) -> list[str]:
    """The folded words of a user query (what both backends match on)."""
    return _TOKEN.findall(search_key(query or ""))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def fact_search_text(evidence: str, payload: dict | None) -> str:
    """Evidence first (snippets are cut from it), then the names and labels of the payload."""
    extra = " ".join(s for s in _strings(payload or {}) if s and s not in evidence)
    return f"{evidence}\n{extra}" if extra else evidence


def _document_entry(row: DocumentRow) -> SearchEntryRow:
    return SearchEntryRow(document=row, kind="document", key=search_key(row.text or ""))


def _fact_entry(row: FactRow) -> SearchEntryRow:
    entry = SearchEntryRow(fact=row, kind="fact", key=search_key(fact_search_text(row.evidence or "", row.payload)))
    if row.document_id is not None:
        entry.document_id = row.document_id
    else:
        entry.document = row.document
    return entry


@event.listens_for(Session, "before_flush")
def _index_new_rows(session: Session, _ctx, _instances) -> None:
    for obj in list(session.new):
        if isinstance(obj, DocumentRow):
            session.add(_document_entry(obj))
        elif isinstance(obj, FactRow):
            session.add(_fact_entry(obj))
    for obj in list(session.dirty):  # a document stored again with new text (a re-ingest)
        if isinstance(obj, DocumentRow) and obj.id is not None and inspect(obj).attrs.text.history.has_changes():
            with session.no_autoflush:
                for entry in session.scalars(select(SearchEntryRow).where(
                        SearchEntryRow.document_id == obj.id, SearchEntryRow.kind == "document")):
                    entry.key = search_key(obj.text or "")


def index_missing(session: Session, batch: int = 2000) -> int:
    """Index documents and facts that have no entry yet (after bulk loads); returns the count.

    Anti-joins (NOT EXISTS) find what is missing: PostgreSQL runs a large NOT IN as a per-row
    subplan once its set outgrows work_mem. Entries go in by Core executemany, not one ORM
    object at a time; SQLite's FTS5 triggers fire all the same.
    """
    n = 0
    doc_entry = select(SearchEntryRow.id).where(SearchEntryRow.document_id == DocumentRow.id,
                                                SearchEntryRow.kind == "document").exists()
    doc_ids = session.scalars(select(DocumentRow.id).where(~doc_entry).order_by(DocumentRow.id)).all()
    for i in range(0, len(doc_ids), batch):
        rows = session.execute(select(DocumentRow.id, DocumentRow.text)
                               .where(DocumentRow.id.in_(doc_ids[i:i + batch]))).all()
        session.execute(insert(SearchEntryRow), [
            {"document_id": d_id, "fact_id": None, "kind": "document", "key": search_key(text or "")}
            for d_id, text in rows])
        n += len(rows)
    fact_entry = select(SearchEntryRow.id).where(SearchEntryRow.fact_id == FactRow.id).exists()
    fact_ids = session.scalars(select(FactRow.id).where(~fact_entry).order_by(FactRow.id)).all()
    for i in range(0, len(fact_ids), batch):
        rows = session.execute(select(FactRow.id, FactRow.document_id, FactRow.evidence, FactRow.payload)
                               .where(FactRow.id.in_(fact_ids[i:i + batch]))).all()
        session.execute(insert(SearchEntryRow), [
            {"document_id": d_id, "fact_id": f_id, "kind": "fact",
             "key": search_key(fact_search_text(ev or "", payload))}
            for f_id, d_id, ev, payload in rows])
        n += len(rows)
    return n
