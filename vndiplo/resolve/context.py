"""What linking one document's facts needs to know: the session, the document, its date, what it touched."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from vndiplo.store.dates import day_span
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
    persons: list[EntityRow] = field(default_factory=list)  # persons linked from this document so far
    previous: set[int] = field(default_factory=set)  # entities this document supported before re-linking
    # Entities and links made now are not flushed one by one (a flush per row costs more than its
    # SQL): lookups check these in memory first, and ids are read after one flush at the end.
    added: dict[EntityRow, list] = field(default_factory=dict)  # entity -> sources linked now
    created: list[EntityRow] = field(default_factory=list)  # entities created for this document
    pending: dict[tuple[str, str], EntityRow] = field(default_factory=dict)  # (type, key) -> created entity
    events: list[tuple[EntityRow, set[int]]] = field(default_factory=list)  # events linked now, participants

    def note(self, ent: EntityRow, src, new: bool) -> None:
        """Record a link made now."""
        self.added.setdefault(ent, []).append(src)
        if new:
            self.created.append(ent)
            self.pending[(ent.type, ent.key)] = ent
