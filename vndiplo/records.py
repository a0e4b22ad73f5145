"""The typed facts extraction produces, and their export as SCHEMA.md records.

Every fact carries the character span of its evidence in the text it was read
from (`span`, a pair of offsets), so a store can link it back to its source sentence.
`to_record(doc)` gives the public JSON Lines shape of ../shared/eval/SCHEMA.md.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

__all__ = [
    "Anniversary", "Event", "Fact", "Figure", "Location", "Mechanism", "Participant",
    "Person", "Relation", "FACT_TYPES", "from_record",
]


@dataclass
class Fact:
    """Base of every extracted fact: where in the text it was read."""

    type: ClassVar[str] = "fact"
    evidence: str = ""
    span: tuple[int, int] = (0, 0)

    def payload(self) -> dict[str, Any]:
        """The fact's own fields, without provenance."""
        d = asdict(self)
        d.pop("evidence", None)
        d.pop("span", None)
        return d

    def to_record(self, doc: str) -> dict[str, Any]:
        """The SCHEMA.md record for document `doc`."""
        return {"type": self.type, "doc": doc, **self.payload(), "evidence": self.evidence}


@dataclass
class Participant:
    name: str
    country: str | None = None
    role: str | None = None


@dataclass
class Location:
    place: str | None = None
    country: str | None = None


@dataclass
class Event(Fact):
    type: ClassVar[str] = "event"
    kind: str = "meeting"
    date: str | None = None
    participants: list[Participant] = field(default_factory=list)
    location: Location | None = None
    occasion: str | None = None


@dataclass
class Person(Fact):
    type: ClassVar[str] = "person"
    name: str = ""
    country: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class Figure(Fact):
    type: ClassVar[str] = "figure"
    metric: str = "other"
    parties: list[str] = field(default_factory=list)
    value: float | int | None = None
    unit: str = "USD"
    period: str | None = None
    change_pct: float | None = None
    is_target: bool = False


@dataclass
class Anniversary(Fact):
    type: ClassVar[str] = "anniversary"
    name: str = ""
    years: int | None = None
    start: str | None = None
    date: str | None = None
    parties: list[str] = field(default_factory=list)


@dataclass
class Mechanism(Fact):
    type: ClassVar[str] = "mechanism"
    name: str = ""
    parties: list[str] = field(default_factory=list)
    session: int | None = None
    period: str | None = None


@dataclass
class Relation(Fact):
    type: ClassVar[str] = "relation"
    parties: list[str] = field(default_factory=list)
    level: str = "other"


FACT_TYPES: dict[str, type[Fact]] = {
    c.type: c for c in (Event, Person, Figure, Anniversary, Mechanism, Relation)
}


def from_record(rec: dict[str, Any]) -> Fact:
    """Rebuild a typed fact from a SCHEMA.md record (inverse of `to_record`)."""
    cls = FACT_TYPES[rec["type"]]
    kw = {k: v for k, v in rec.items() if k not in ("type", "doc")}
    if "span" in kw:
        kw["span"] = tuple(kw["span"])
    if cls is Event:
        kw["participants"] = [Participant(**p) for p in kw.get("participants") or []]
        loc = kw.get("location")
        kw["location"] = Location(**loc) if loc else None
    return cls(**kw)
