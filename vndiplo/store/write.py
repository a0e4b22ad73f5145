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
from vndiplo.store.fts import set_document_facets
from vndiplo.store.models import DocumentRow, FactRow, RemovedSpanRow, SentenceRow

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


def save_document(session: Session, doc: Document) -> tuple[DocumentRow, str]:
    """Store `doc`; returns (row, "ingested" | "updated" | "unchanged").

    Content already stored (same hash, under any id) is "unchanged". A new
    version of a stored document (same id, same file) replaces the old one,
    its sentences, removed spans and now stale facts: "updated". The same id
    from another file raises DocumentConflict.
    """
    found = session.scalar(select(DocumentRow).where(DocumentRow.content_hash == doc.content_hash))
    if found is not None:
        return found, "unchanged"
    same_id = session.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc.doc_id))
    if same_id is not None:
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
        return same_id, "updated"
    row = DocumentRow(doc_id=doc.doc_id)
    _fill(row, doc)
    session.add(row)
    session.flush()
    return row, "ingested"


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
