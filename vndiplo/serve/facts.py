"""Reading stored facts back with their source documents, and the small helpers the queries share.

The read side works on the `facts` table now (one row per extracted fact, its
SCHEMA.md payload as JSON). Facts are loaded per type with their document's
metadata in one query; grouping across articles (one event from several
sources, one person over time) happens in `vndiplo.serve.queries`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from vndiplo.data.gazetteer import gazetteer, table
from vndiplo.store.dates import day_span
from vndiplo.resolve.facets import english_name, event_levels, event_venue, role_english
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.text import search_key

__all__ = [
    "Source", "StoredFact", "load_facts", "date_bounds", "overlaps", "name_key", "label",
    "level_rank", "country_name", "resolve_country", "widen_role", "facet_fields", "english_fields",
]


@dataclass(frozen=True)
class Source:
    """The document a fact was read from, and where in it."""

    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    evidence: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc_id, "title": self.title, "published": self.published,
                "outlet": self.outlet, "url": self.url, "evidence": self.evidence,
                "span": [self.start, self.end]}


@dataclass
class StoredFact:
    id: int
    type: str
    payload: dict[str, Any]
    source: Source
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        v = self.payload.get(key)
        return default if v is None else v


def load_facts(session: Session, types: Iterable[str] | None = None, ids=None) -> list[StoredFact]:
    """Every stored fact of `types` (all types if None) with its document, oldest document first;
    only those whose id is in `ids` (a SELECT of fact ids) if given."""
    q = (select(FactRow.id, FactRow.type, FactRow.payload, FactRow.evidence, FactRow.start, FactRow.end,
                DocumentRow.doc_id, DocumentRow.title, DocumentRow.published, DocumentRow.outlet,
                DocumentRow.url)
         .join(DocumentRow, DocumentRow.id == FactRow.document_id)
         .order_by(DocumentRow.published, DocumentRow.doc_id, FactRow.id))
    if types is not None:
        q = q.where(FactRow.type.in_(list(types)))
    if ids is not None:
        q = q.where(FactRow.id.in_(ids))
    out = []
    for r in session.execute(q):
        src = Source(r.doc_id, r.title, r.published, r.outlet, r.url, r.evidence or "", r.start, r.end)
        out.append(StoredFact(r.id, r.type, dict(r.payload or {}), src))
    return out


# -- dates ---------------------------------------------------------------------------------

# The read side's dates are the resolver's: one reading of SCHEMA.md dates and ranges.
date_bounds = day_span


def overlaps(a: str | None, b: str | None) -> bool:
    """Whether two SCHEMA.md dates can be the same day (an unknown date overlaps anything)."""
    x, y = date_bounds(a), date_bounds(b)
    if x is None or y is None:
        return True
    return x[0] <= y[1] and y[0] <= x[1]


def widen_role(held: dict, key: str, role: str, when: str | None, doc: str) -> None:
    """Note one dated mention of an office in `held` (role key -> {role, first, last, sources})."""
    r = held.setdefault(key, {"role": role, "first": when, "last": when, "sources": []})
    if when and (not r["first"] or when < r["first"]):
        r["first"] = when
    if when and (not r["last"] or when > r["last"]):
        r["last"] = when
    if doc not in r["sources"]:
        r["sources"].append(doc)


# -- names and labels ----------------------------------------------------------------------

_NONWORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """The comparison form of a name: no marks, no case, no punctuation, single spaces."""
    return _NONWORD.sub(" ", search_key(name)).strip()


@functools.cache
def _labels() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["group"], r["code"]): r for r in table("labels")}


def label(group: str, code: str | None, lang: str = "vi") -> str:
    """The display label of a level, kind or metric code (the code itself if unknown)."""
    if not code:
        return ""
    r = _labels().get((group, code))
    return r[lang] if r else code


def level_rank(level: str) -> int:
    r = _labels().get(("level", level))
    return int(r["rank"]) if r and r.get("rank") else 99


def country_name(code: str | None, lang: str = "vi") -> str:
    """A country's (organisation's, province's) name: Vietnamese, or English (ISO short name) for "en"."""
    if not code:
        return ""
    if lang == "en":
        return english_name(code)
    if code.startswith("ORG:"):
        return code[4:]
    return gazetteer().country_name(code)


def english_fields(e: dict[str, Any]) -> dict[str, Any]:
    """Add the English names of an event's kind, participants' countries and roles (in place)."""
    e["kind_label_en"] = label("kind", e.get("kind"), "en")
    for p in e.get("participants") or []:
        p["country_name_en"] = country_name(p.get("country"), "en")
        p["role_en"] = ", ".join(role_english(r) for r in (p.get("role") or "").split(", ") if r) or None
    if e.get("location"):
        e["location"]["country_name_en"] = country_name(e["location"].get("country"), "en")
    return e


def facet_fields(participants: list[dict], occasion: Any, countries: Iterable[str]) -> dict[str, Any]:
    """An event's levels (highest first) and venue, as the events list shows and filters them; `occasion`
    is a text or a resolved field's variants."""
    if isinstance(occasion, list):
        occasion = " ; ".join(str(v.get("value")) for v in occasion if isinstance(v, dict) and v.get("value"))
    return {"levels": event_levels(participants), "venue": event_venue(participants, occasion, countries)}


def resolve_country(name_or_code: str) -> str | None:
    """An ISO code (or ORG:/subdivision code) for a code or a Vietnamese or English name."""
    s = name_or_code.strip()
    if not s:
        return None
    g = gazetteer()
    up = s.upper()
    if up in g.countries or up in g.subdivisions or up in g.organisations:
        return up
    if up.startswith("ORG:"):
        return up
    hit = g.lookup(s)
    if hit is None:
        return None
    kind, code, country = hit
    if kind == "city":
        return country
    return code
