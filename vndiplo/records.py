"""The typed facts extraction produces, and their export as SCHEMA.md records.

Every fact carries the character span of its evidence in the text it was read
from (`span`, a pair of offsets), so a store can link it back to its source sentence.
`to_record(doc)` gives the public JSON Lines shape of ../shared/eval/SCHEMA.md.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, ClassVar

__all__ = [
    "Anniversary", "Event", "Fact", "Figure", "Location", "Mechanism", "Participant",
    "Person", "Relation", "FACT_TYPES", "from_record", "validate_record",
]


@dataclass
class Fact:
    """Base of every extracted fact: where in the text it was read."""

    type: ClassVar[str] = "fact"
    evidence: str = ""
    span: tuple[int, int] = (0, 0)

    def payload(self) -> dict[str, Any]:
        """The fact's own fields, without provenance (what dataclasses.asdict gives, less evidence and span)."""
        return {n: _plain(getattr(self, n)) for n in _field_names(type(self)) if n not in _PROVENANCE}

    # fields the store keeps that the SCHEMA.md records leave out (provenance for the UI, not facts)
    INTERNAL: ClassVar[tuple[str, ...]] = ()

    def to_record(self, doc: str) -> dict[str, Any]:
        """The SCHEMA.md record for document `doc`."""
        body = {k: v for k, v in self.payload().items() if k not in self.INTERNAL}
        return {"type": self.type, "doc": doc, **body, "evidence": self.evidence}

    def to_full_record(self, doc: str) -> dict[str, Any]:
        """The record with the internal fields too (for our own pipelines: Spark rows, loads)."""
        return {"type": self.type, "doc": doc, **self.payload(), "evidence": self.evidence}


_PROVENANCE = frozenset({"evidence", "span"})
_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(obj: Any) -> Any:
    """The copy dataclasses.asdict makes of a value (dataclasses to dicts, containers rebuilt, anything
    else deep-copied), with plain values (str, numbers, None) passed through as deepcopy would: asdict's
    general path costs more than the rest of writing a record."""
    t = type(obj)
    if t in _ATOMS:
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return {n: _plain(getattr(obj, n)) for n in _field_names(t)}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return t(*[_plain(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return t(_plain(v) for v in obj)
    if isinstance(obj, dict):
        return t((_plain(k), _plain(v)) for k, v in obj.items())
    return copy.deepcopy(obj)


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
    # how the date was known (DATE_BASES): the text wrote it whole; the text gave the day and the page's
    # date line the year; the date line's month for news with no day of its own; a day carried from an
    # earlier sentence; or a year guessed from other dates the text cites (shown as guessed)
    date_basis: str | None = None
    INTERNAL: ClassVar[tuple[str, ...]] = ("date_basis",)


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


_CODE = r"^(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?|ORG:[A-Za-z0-9&+\-]+)$"
_DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?$"
DATE_BASES = frozenset({"text", "date_line", "date_line_month", "context", "inferred_year"})
# (a tuple, in SCHEMA.md's order: the CLI lists them in it)
EVENT_KINDS = ("talks", "meeting", "courtesy_call", "reception", "phone_call", "visit", "interview",
               "conference", "message", "signing")
METRICS = frozenset({"trade_turnover", "export", "import", "investment", "aid", "other"})
LEVELS = frozenset({"comprehensive_strategic_partnership", "strategic_partnership",
                    "comprehensive_partnership", "comprehensive_strategic_cooperative_partnership",
                    "special_relationship", "traditional_friendship", "community_with_shared_future", "other"})


def validate_record(rec: dict[str, Any]) -> list[str]:
    """Problems that make `rec` an invalid SCHEMA.md record (empty when valid)."""
    import re

    bad: list[str] = []
    t = rec.get("type")
    if t not in FACT_TYPES:
        return [f"unknown type {t!r}"]
    if not isinstance(rec.get("doc"), str) or not rec["doc"]:
        bad.append("doc missing")

    def code_ok(c) -> bool:
        return isinstance(c, str) and re.match(_CODE, c) is not None

    def date_ok(d) -> bool:
        return d is None or (isinstance(d, str) and re.match(_DATE, d) is not None)

    for p in rec.get("parties") or []:
        if not code_ok(p):
            bad.append(f"bad party code {p!r}")
    if t == "event":
        if rec.get("kind") not in EVENT_KINDS:
            bad.append(f"bad kind {rec.get('kind')!r}")
        if not date_ok(rec.get("date")):
            bad.append(f"bad date {rec.get('date')!r}")
        if rec.get("date_basis") is not None and rec["date_basis"] not in DATE_BASES:
            bad.append(f"bad date_basis {rec['date_basis']!r}")
        for p in rec.get("participants") or []:
            if not p.get("name"):
                bad.append("participant without name")
            if p.get("country") is not None and not code_ok(p["country"]):
                bad.append(f"bad participant country {p['country']!r}")
    elif t == "person":
        if not rec.get("name"):
            bad.append("person without name")
        if rec.get("country") is not None and not code_ok(rec["country"]):
            bad.append(f"bad country {rec['country']!r}")
    elif t == "figure":
        if rec.get("metric") not in METRICS:
            bad.append(f"bad metric {rec.get('metric')!r}")
        if not isinstance(rec.get("value"), (int, float)):
            bad.append("figure without numeric value")
        if not date_ok(rec.get("period")):
            bad.append(f"bad period {rec.get('period')!r}")
    elif t == "anniversary":
        if not isinstance(rec.get("years"), int):
            bad.append("anniversary without integer years")
        for k in ("start", "date"):
            if not date_ok(rec.get(k)):
                bad.append(f"bad {k} {rec.get(k)!r}")
    elif t == "mechanism":
        if not rec.get("name"):
            bad.append("mechanism without name")
        if rec.get("period") is not None and not re.match(r"^\d{4}/\d{4}$", str(rec["period"])):
            bad.append(f"bad period {rec.get('period')!r}")
    elif t == "relation":
        if rec.get("level") not in LEVELS:
            bad.append(f"bad level {rec.get('level')!r}")
    return bad
