"""Writing to the store: one document, or one document's facts, per transaction.

Both functions are idempotent: saving the same document again changes
nothing (a changed version of a document replaces it); replacing facts swaps the old set for the new one atomically, so an
interrupted run leaves the previous facts in place.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vndiplo.read.document import Document
from vndiplo.read.sentences import split_sentences
from vndiplo.records import Fact
from vndiplo.store.entities import SearchEntryRow
from vndiplo.store.fts import set_document_facets
from vndiplo.store.models import DocumentRow, FactRow, RemovedSpanRow, SentenceRow
from vndiplo.text import search_key

__all__ = ["save_document", "replace_facts", "DocumentConflict", "EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = "0.1.0"


class DocumentConflict(ValueError):
    """Another input already stored a different document under the same id."""


def _same_file(a: str, b: str) -> bool:
    """Sources name the same file (JSON Lines sources carry a ":line" suffix)."""
    return a == b or a.rsplit(":", 1)[0] == b.rsplit(":", 1)[0]


def _fill(row: DocumentRow, doc: Document) -> None:
    row.source, row.url, row.outlet, row.title = doc.source, doc.url, doc.outlet, doc.title
    row.published, row.published_source = doc.published, doc.published_source
    row.published_confidence, row.author, row.language = doc.published_confidence, doc.author, doc.language
    row.text, row.raw_text, row.content_hash = doc.text, doc.raw_text, doc.content_hash
    row.warnings = list(doc.warnings) or None
    row.sentences = [SentenceRow(idx=i, start=s.start, end=s.end) for i, s in enumerate(split_sentences(doc.text))]
    row.removed = [RemovedSpanRow(start=r.start, end=r.end, reason=r.reason, text=r.text) for r in doc.removed]


def _insert_or_ignore(session: Session, doc: Document) -> int | None:
    """Insert the document's row unless its content hash or doc_id is taken (ON CONFLICT DO NOTHING, on
    SQLite and PostgreSQL alike): a concurrent writer that stored it first is no error. The new row's id,
    or None when nothing was inserted."""
    t = DocumentRow.__table__
    values = {"doc_id": doc.doc_id, "source": doc.source, "url": doc.url, "outlet": doc.outlet, "title": doc.title,
              "published": doc.published, "published_source": doc.published_source,
              "published_confidence": doc.published_confidence, "author": doc.author, "language": doc.language,
              "text": doc.text, "raw_text": doc.raw_text, "content_hash": doc.content_hash,
              "warnings": list(doc.warnings) or None, "ingested_at": datetime.now(timezone.utc)}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - the store runs on SQLite and PostgreSQL only
        raise NotImplementedError(f"no insert-or-ignore for {dialect}")
    stmt = dialect_insert(t).values(**values).on_conflict_do_nothing().returning(t.c.id)
    return session.execute(stmt).scalar()


def _new_row(session: Session, row_id: int, doc: Document) -> DocumentRow:
    """The ORM row of a document just inserted by `_insert_or_ignore`, with its sentences, removed spans
    and its full-text entry (which the ORM hook gives only to rows it inserts itself)."""
    row = session.get(DocumentRow, row_id)
    row.sentences = [SentenceRow(idx=i, start=s.start, end=s.end) for i, s in enumerate(split_sentences(doc.text))]
    row.removed = [RemovedSpanRow(start=r.start, end=r.end, reason=r.reason, text=r.text) for r in doc.removed]
    session.add(SearchEntryRow(document_id=row.id, kind="document", key=search_key(doc.text or "")))
    session.flush()
    return row


def save_document(session: Session, doc: Document) -> tuple[DocumentRow, str]:
    """Store `doc`; returns (row, "ingested" | "updated" | "unchanged").

    Content already stored (same hash, under any id) is "unchanged", also when another process
    stores it at the same moment (the insert is an insert-or-ignore, then the lookups run again). A
    new version of a stored document (same id, same file) replaces the old one, its sentences,
    removed spans and now stale facts: "updated". The same id from another file raises
    DocumentConflict.
    """
    for attempt in range(2):
        found = session.scalar(select(DocumentRow).where(DocumentRow.content_hash == doc.content_hash))
        if found is not None:
            return found, "unchanged"
        same_id = session.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc.doc_id))
        if same_id is not None:
            if same_id.content_hash == doc.content_hash:  # stored by another writer since the lookup above
                return same_id, "unchanged"
            return _update(session, same_id, doc), "updated"
        new_id = _insert_or_ignore(session, doc)
        if new_id is not None:
            return _new_row(session, new_id, doc), "ingested"
        # Taken by a concurrent writer between the lookups and the insert: look again.
    raise DocumentConflict(f"document {doc.doc_id!r} is being written by another process; retry")


def _update(session: Session, same_id: DocumentRow, doc: Document) -> DocumentRow:
    if not _same_file(same_id.source, doc.source):
        raise DocumentConflict(f"document id {doc.doc_id!r} is already used by {same_id.source}")
    session.execute(delete(FactRow).where(FactRow.document_id == same_id.id))
    same_id.sentences.clear()
    same_id.removed.clear()
    session.flush()
    _fill(same_id, doc)
    same_id.near_duplicate_of = same_id.similarity = None
    same_id.extracted_at = same_id.extractor_version = None
    same_id.ingested_at = datetime.now(timezone.utc)
    session.flush()
    set_document_facets(session, same_id.id, [])  # its facts are gone until it is extracted again
    return same_id


def replace_facts(session: Session, row: DocumentRow, facts: Iterable[Fact]) -> list[FactRow]:
    """Swap the document's stored facts for `facts` (call inside one transaction)."""
    session.execute(delete(FactRow).where(FactRow.document_id == row.id))
    out = []
    for f in facts:
        fr = FactRow(document_id=row.id, type=f.type, payload=f.payload(), evidence=f.evidence,
                     start=f.span[0], end=f.span[1])
        session.add(fr)
        out.append(fr)
    row.extracted_at = datetime.now(timezone.utc)
    row.extractor_version = EXTRACTOR_VERSION
    session.flush()  # also creates the document's search entry if the document is new (vndiplo.store.fts)
    set_document_facets(session, row.id, [(fr.type, fr.payload) for fr in out])
    return out
