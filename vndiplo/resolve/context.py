"""What linking one document's facts needs to know: the session, the document, its date, what it touched."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from vndiplo.resolve.dates import day_span
from vndiplo.store.entities import EntityRow
from vndiplo.store.models import DocumentRow, FactRow

__all__ = ["DocContext", "document_date"]


def document_date(row: DocumentRow, facts: list[FactRow]) -> str | None:
    """The day a document speaks from: its publication date, else its earliest dated event."""
    span = day_span(row.published)
    if span:
        return span[0]
    starts = [s[0] for f in facts if f.type == "event" for s in [day_span((f.payload or {}).get("date"))] if s]
    return min(starts) if starts else None


@dataclass
class DocContext:
    session: Session
    doc: DocumentRow
    date: str | None  # see document_date
    touched: set[int] = field(default_factory=set)  # entity ids to refresh afterwards
    persons: list[EntityRow] = field(default_factory=list)  # persons linked from this document so far
    previous: set[int] = field(default_factory=set)  # entities this document supported before re-linking
    added: dict[int, list] = field(default_factory=dict)  # entity id -> sources linked now (EntitySourceRow)
    created: set[int] = field(default_factory=set)  # entities created for this document

    def note(self, ent: EntityRow, src, new: bool) -> None:
        """Record a link made now (the entity must have its id)."""
        self.touched.add(ent.id)
        self.added.setdefault(ent.id, []).append(src)
        if new:
            self.created.add(ent.id)
