"""What makes an export joinable with other event data: event codes and stable ids.

- Each event carries its PLOVER event type and mode and its CAMEO code, read from
  data/event_codes.tsv by kind and by where it took place seen from Vietnam (at home, in a
  foreign participant's country, elsewhere).
- Countries are their codes (ISO 3166-1 alpha-2, ISO 3166-2 for provinces, ORG:… for
  organisations): stable by construction.
- A person's id is built from what identifies the person, not from a database row number, so it
  is the same in every export and after `vndiplo resolve` rebuilds the entities: the country and
  the name's loose key ("VN:bui-thanh-son"); persons of one country whose names differ only by
  their marks (Thành / Thanh) add a short hash of the marked name.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from typing import Any, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from vndiplo.data.gazetteer import table
from vndiplo.resolve.names import exact_key
from vndiplo.resolve.persons import HOME
from vndiplo.store.entities import EntityRow, EntitySourceRow
from vndiplo.store.models import DocumentRow

__all__ = ["event_rows", "person_rows", "event_codes", "where_from_home", "person_stable_ids", "fact_links", "fact_countries", "person_column", "HOME"]


@functools.cache
def _codes() -> dict[tuple[str, str], dict[str, str | None]]:
    return {(r["kind"], r["where"]): {"plover_type": r["plover_type"] or None, "plover_mode": r["plover_mode"] or None,
                                      "cameo": r["cameo"] or None, "cameo_name": r["cameo_name"] or None}
            for r in table("event_codes")}


def where_from_home(payload: dict) -> str:
    """home | partner | third | * : where an event record places the event, seen from Vietnam."""
    loc = (payload.get("location") or {}).get("country")
    if not loc:
        return "*"
    if loc == HOME or loc.startswith(HOME + "-"):
        return "home"
    foreign = {p.get("country") for p in payload.get("participants") or []} - {None, HOME}
    if loc in foreign or loc.split("-")[0] in foreign:
        return "partner"
    return "third"


def event_codes(payload: dict) -> dict[str, str | None]:
    """PLOVER type and mode, CAMEO code and name of an event record (all None for an unknown kind)."""
    codes = _codes()
    kind = payload.get("kind") or ""
    found = codes.get((kind, where_from_home(payload))) or codes.get((kind, "*"))
    return dict(found) if found else {"plover_type": None, "plover_mode": None, "cameo": None, "cameo_name": None}


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "x"


def person_stable_ids(s: Session) -> dict[int, str]:
    """entity id -> stable person id, for every resolved person."""
    rows = s.execute(select(EntityRow.id, EntityRow.key, EntityRow.label, EntityRow.country)
                     .where(EntityRow.type == "person")).all()
    base = {i: f"{country or 'XX'}:{_slug(key)}" for i, key, _, country in rows}
    shared = Counter(base.values())
    out = {}
    for i, _, label, _ in rows:
        sid = base[i]
        if shared[sid] > 1:
            sid += "-" + hashlib.sha1(exact_key(label).encode()).hexdigest()[:6]
        out[i] = sid
    return out


def fact_links(s: Session) -> dict[int, dict[str, Any]]:
    """fact id -> the stable ids of the persons it names (participants in order) and its event entity id."""
    ids = person_stable_ids(s)
    out: dict[int, dict[str, Any]] = {}
    rows = s.execute(select(EntitySourceRow.fact_id, EntitySourceRow.entity_id, EntitySourceRow.role,
                            EntitySourceRow.ordinal, EntityRow.type)
                     .join(EntityRow, EntityRow.id == EntitySourceRow.entity_id)
                     .where(EntityRow.type.in_(["person", "event"]))
                     .order_by(EntitySourceRow.fact_id, EntitySourceRow.ordinal)).all()
    for fact_id, eid, role, ordinal, etype in rows:
        link = out.setdefault(fact_id, {"persons": {}, "event_id": None})
        if etype == "event":
            link["event_id"] = eid
        elif eid in ids:
            link["persons"][ordinal if role == "participant" else 0] = ids[eid]
    return out


def fact_countries(fact_type: str, payload: dict) -> list[str]:
    """The country codes a fact names (participants and place, a person's country, the parties)."""
    if fact_type == "event":
        out = {p.get("country") for p in payload.get("participants") or []}
        out.add((payload.get("location") or {}).get("country"))
    elif fact_type == "person":
        out = {payload.get("country")}
    else:
        out = set(payload.get("parties") or [])
    return sorted(c for c in out if c)


def person_column(fact_type: str, payload: dict, persons: dict[int, str]) -> list[str | None]:
    """Stable person ids in the order the fact names them (None: a name resolution made no person of)."""
    if fact_type == "event":
        return [persons.get(i) for i in range(len(payload.get("participants") or []))]
    if fact_type == "person":
        return [persons.get(0)]
    return []


def _top(variants) -> Any:
    return variants[0]["value"] if isinstance(variants, list) and variants else None


def event_rows(s: Session) -> Iterator[dict[str, Any]]:
    """One row per resolved event (the same meeting told by several articles is one row): date, kind,
    PLOVER and CAMEO codes, countries, stable person ids and the documents that tell it."""
    ids = person_stable_ids(s)
    docs: dict[int, set[str]] = {}
    for eid, doc in s.execute(select(EntitySourceRow.entity_id, DocumentRow.doc_id)
                              .join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
                              .join(EntityRow, EntityRow.id == EntitySourceRow.entity_id)
                              .where(EntityRow.type == "event")):
        docs.setdefault(eid, set()).add(doc)
    for e in s.scalars(select(EntityRow).where(EntityRow.type == "event").order_by(EntityRow.date_start, EntityRow.id)):
        d = e.data or {}
        parts = d.get("participants") or []
        payload = {"kind": d.get("kind"), "location": _top(d.get("location")),
                   "participants": [{"country": p.get("country")} for p in parts]}
        yield {"event_id": e.id, "date": _top(d.get("dates")), "date_start": e.date_start, "date_end": e.date_end,
               "date_inferred": bool(d.get("date_inferred")), "doc_date": d.get("doc_date"), "kind": d.get("kind"),
               **event_codes(payload),
               "countries": sorted(d.get("countries") or []),
               "person_ids": [ids.get(p.get("person_id")) for p in parts],
               "documents": sorted(docs.get(e.id, ()))}


def person_rows(s: Session) -> Iterator[dict[str, Any]]:
    """One row per resolved person: stable id, name, country, every spelling, disagreeing countries."""
    ids = person_stable_ids(s)
    for e in s.scalars(select(EntityRow).where(EntityRow.type == "person").order_by(EntityRow.id)):
        d = e.data or {}
        yield {"person_id": ids[e.id], "name": e.label, "country": e.country,
               "spellings": sorted({v["value"] for v in d.get("aliases", []) if v.get("value")}),
               "other_countries": [v["value"] for v in d.get("countries", []) if v.get("value") != e.country],
               "first_seen": e.date_start, "last_seen": e.date_end, "sources": e.n_sources}
