"""Writing to the store: one document, or one document's facts, per transaction.

Both functions are idempotent: saving the same document again changes
nothing; replacing facts swaps the old set for the new one atomically, so an
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
from vndiplo.store.models import DocumentRow, FactRow, RemovedSpanRow, SentenceRow

__all__ = ["save_document", "replace_facts", "EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = "0.1.0"


def save_document(session: Session, doc: Document) -> tuple[DocumentRow, str]:
    """Insert `doc` unless its content is stored already; returns (row, "ingested" | "unchanged")."""
    found = session.scalar(select(DocumentRow).where(DocumentRow.content_hash == doc.content_hash))
    if found is not None:
        return found, "unchanged"
    row = DocumentRow(
        doc_id=doc.doc_id, source=doc.source, url=doc.url, outlet=doc.outlet, title=doc.title,
        published=doc.published, published_source=doc.published_source,
        published_confidence=doc.published_confidence, author=doc.author, language=doc.language,
        text=doc.text, raw_text=doc.raw_text, content_hash=doc.content_hash,
        warnings=list(doc.warnings) or None,
    )
    row.sentences = [SentenceRow(idx=i, start=s.start, end=s.end) for i, s in enumerate(split_sentences(doc.text))]
    row.removed = [RemovedSpanRow(start=r.start, end=r.end, reason=r.reason, text=r.text) for r in doc.removed]
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
    session.flush()
    return out
