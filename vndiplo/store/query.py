"""Read-side queries over the resolved store: what the CLI, the HTTP API and the web UI show.

Every function takes an open SQLAlchemy `Session` (from `Store.session()`)
and returns plain JSON-ready dicts and lists. Paginated lists return
`{"total", "limit", "offset", "items"}`. Dates are ISO strings
(YYYY-MM-DD; a record's own date may be a month, a year or a range).
Every entity carries its `sources`: document, fact, evidence and span, so a
reader can always go back to the sentence a claim was read from.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from vndiplo.store.keys import pair_key, role_key
from vndiplo.store.entities import EntityCountryRow, EntityRow, EntitySourceRow, PersonRoleRow
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.text import search_key

__all__ = ["timeline", "event_detail", "person_detail", "find_persons", "office_holders", "commitments",
           "country_pair", "entity_sources", "summary", "entity_summary"]


def _page(total: int, limit: int, offset: int, items: list) -> dict:
    return {"total": int(total), "limit": int(limit), "offset": int(offset), "items": items}


def entity_summary(e: EntityRow) -> dict[str, Any]:
    """The short form of any entity (lists, links)."""
    return {"id": e.id, "type": e.type, "label": e.label, "country": e.country,
            "date_start": e.date_start, "date_end": e.date_end, "n_sources": e.n_sources}


def entity_sources(session: Session, entity_id: int, role: str | None = None) -> list[dict]:
    """Every fact supporting an entity: document, date, evidence and span, oldest first."""
    q = (select(EntitySourceRow, FactRow, DocumentRow)
         .join(FactRow, FactRow.id == EntitySourceRow.fact_id)
         .join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
         .where(EntitySourceRow.entity_id == entity_id)
         .order_by(EntitySourceRow.date, EntitySourceRow.id))
    if role:
        q = q.where(EntitySourceRow.role == role)
    out = []
    for src, fact, doc in session.execute(q):
        out.append({"document_id": doc.id, "doc_id": doc.doc_id, "title": doc.title, "published": doc.published,
                    "url": doc.url, "fact_id": fact.id, "fact_type": fact.type, "role": src.role,
                    "date": src.date, "evidence": fact.evidence, "span": [fact.start, fact.end],
                    "says": src.data})
    return out


def timeline(session: Session, country: str, limit: int = 50, offset: int = 0, date_from: str | None = None,
             date_to: str | None = None, kind: str | None = None, newest_first: bool = False) -> dict:
    """Events involving `country` (a participant's or the host country), ordered by date, one page.

    Args:
        country: ISO code ("TH"), or "VN" for every event of Vietnam's diplomacy.
        date_from, date_to: YYYY-MM-DD bounds on the event's first day (inclusive).
        kind: only events of this kind (talks, meeting, visit, ...).
        newest_first: order from the latest event back.
    """
    ec = EntityCountryRow
    # Page and count on the (country, entity_type, date_start, entity_id) index alone, then load the page.
    q = select(ec.entity_id, ec.date_start).where(ec.country == country, ec.entity_type == "event")
    if date_from:
        q = q.where(ec.date_start >= date_from)
    if date_to:
        q = q.where(ec.date_start <= date_to)
    if kind:
        q = q.where(ec.entity_id.in_(select(EntityRow.id).where(EntityRow.type == "event", EntityRow.key == kind)))
    total = session.scalar(select(func.count()).select_from(q.subquery()))
    order = (ec.date_start.desc(), ec.entity_id.desc()) if newest_first else (ec.date_start, ec.entity_id)
    ids = [r[0] for r in session.execute(q.order_by(*order).limit(limit).offset(offset))]
    by_id = {e.id: e for e in session.scalars(select(EntityRow).where(EntityRow.id.in_(ids)))} if ids else {}
    items = []
    for e in (by_id[i] for i in ids if i in by_id):
        d = e.data or {}
        items.append({**entity_summary(e), "kind": d.get("kind"), "participants": d.get("participants", []),
                      "countries": d.get("countries", []),
                      "location": (d.get("location") or [{}])[0].get("value") if d.get("location") else None,
                      "occasion": (d.get("occasion") or [{}])[0].get("value") if d.get("occasion") else None})
    return _page(total, limit, offset, items)


def event_detail(session: Session, event_id: int) -> dict | None:
    """One event: its fields with every variant the sources gave (most supported first), participants, sources."""
    e = session.get(EntityRow, event_id)
    if e is None or e.type != "event":
        return None
    d = e.data or {}
    return {**entity_summary(e), "kind": d.get("kind"), "kinds": d.get("kinds", []), "dates": d.get("dates", []),
            "locations": d.get("location", []), "occasions": d.get("occasion", []),
            "participants": d.get("participants", []), "countries": d.get("countries", []),
            "sources": entity_sources(session, e.id)}


def find_persons(session: Session, name: str | None = None, country: str | None = None,
                 limit: int = 50, offset: int = 0) -> dict:
    """Persons whose name contains `name` (marks and case ignored), optionally of one country."""
    q = select(EntityRow).where(EntityRow.type == "person")
    if name:
        needle = " ".join(search_key(name).split())
        # A key never holds more than its column's length (and SQLite refuses LIKE patterns over 50,000 bytes).
        q = q.where(EntityRow.key.contains(needle, autoescape=True) if len(needle) <= EntityRow.key.type.length
                    else false())
    if country:
        q = q.where(EntityRow.country == country)
    total = session.scalar(select(func.count()).select_from(q.subquery()))
    items = [entity_summary(e) for e in
             session.scalars(q.order_by(EntityRow.n_sources.desc(), EntityRow.id).limit(limit).offset(offset))]
    return _page(total, limit, offset, items)


def person_detail(session: Session, person_id: int) -> dict | None:
    """One person: names as written (aliases), dated role history, events taken part in, sources."""
    e = session.get(EntityRow, person_id)
    if e is None or e.type != "person":
        return None
    roles: dict[str, dict] = {}
    rows = session.execute(
        select(PersonRoleRow, DocumentRow.doc_id).join(EntitySourceRow, EntitySourceRow.id == PersonRoleRow.source_id)
        .join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
        .where(PersonRoleRow.person_id == e.id).order_by(PersonRoleRow.date, PersonRoleRow.id)).all()
    for r, doc_id in rows:
        g = roles.setdefault(r.role_key, {"role": r.role, "role_key": r.role_key, "first": r.date,
                                          "last": r.date, "sources": []})
        if r.date and (g["first"] is None or r.date < g["first"]):
            g["first"] = r.date
        if r.date and (g["last"] is None or r.date > g["last"]):
            g["last"] = r.date
        if doc_id not in g["sources"]:
            g["sources"].append(doc_id)
    took_part = select(EntitySourceRow.fact_id).where(EntitySourceRow.entity_id == e.id,
                                                      EntitySourceRow.role == "participant")
    events = session.scalars(
        select(EntityRow).where(EntityRow.type == "event", EntityRow.id.in_(
            select(EntitySourceRow.entity_id).where(EntitySourceRow.fact_id.in_(took_part))))
        .order_by(EntityRow.date_start, EntityRow.id)).all()
    return {**entity_summary(e), "name": e.label, "aliases": (e.data or {}).get("aliases", []),
            "roles": sorted(roles.values(), key=lambda g: (g["first"] or "", g["role_key"])),
            "events": [entity_summary(x) for x in events], "sources": entity_sources(session, e.id)}


def office_holders(session: Session, country: str, role: str, prefix: bool = False) -> list[dict]:
    """Who held an office of `country` when, from the roles the articles give, in order of first mention.

    `role` is compared as an office ("Bộ trưởng Bộ Ngoại giao" = "Bộ trưởng Ngoại giao"); with
    `prefix`, longer titles starting with it count too ("Bộ trưởng Ngoại giao và Hợp tác quốc tế").
    """
    k = role_key(role)
    cond = PersonRoleRow.role_key.startswith(k) if prefix else PersonRoleRow.role_key == k
    rows = session.execute(
        select(PersonRoleRow.person_id, EntityRow.label, func.min(PersonRoleRow.date), func.max(PersonRoleRow.date),
               func.count()).join(EntityRow, EntityRow.id == PersonRoleRow.person_id)
        .where(PersonRoleRow.country == country, cond)
        .group_by(PersonRoleRow.person_id, EntityRow.label)).all()
    out = [{"person_id": pid, "name": label, "first": first, "last": last, "mentions": n}
           for pid, label, first, last, n in rows]
    return sorted(out, key=lambda r: (r["first"] or "9999", r["person_id"]))


def _latest_actual(session: Session, commitment: EntityRow) -> dict | None:
    d = commitment.data or {}
    series = session.scalar(select(EntityRow).where(
        EntityRow.type == "series", EntityRow.key == "|".join([d.get("metric") or "other", commitment.country or "",
                                                              d.get("unit") or ""])))
    if series is None:
        return None
    actuals = entity_sources(session, series.id, role="actual")

    def when(s):  # the end of the period the figure covers, else the day it was reported
        from vndiplo.store.dates import day_span
        span = day_span((s["says"] or {}).get("period"))
        return (span[1] if span else "", s["date"] or "")

    if not actuals:
        return None
    best = max(actuals, key=when)
    says = best["says"] or {}
    return {"value": says.get("value"), "unit": says.get("unit"), "period": says.get("period"),
            "change_pct": says.get("change_pct"), "doc_id": best["doc_id"], "date": best["date"],
            "evidence": best["evidence"], "span": best["span"]}


def _is_commitment(e: EntityRow) -> bool:
    return e.type == "commitment" or (e.type == "mechanism" and bool((e.data or {}).get("period")))


def _commitment_item(session: Session, e: EntityRow) -> dict:
    d = e.data or {}
    item = {**entity_summary(e), "kind": "target" if e.type == "commitment" else "programme",
            "first_seen": d.get("first_seen"), "last_seen": d.get("last_seen"),
            "mentions": entity_sources(session, e.id)}
    if e.type == "commitment":
        item.update(metric=d.get("metric"), value=d.get("value"), unit=d.get("unit"), parties=d.get("parties"),
                    latest_actual=_latest_actual(session, e))
    else:
        item.update(name=e.label, period=d.get("period"), parties=(e.country or "").split("-"))
    return item


def commitments(session: Session, country: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """Targets and dated programmes followed across articles: first seen, every mention, latest actual figure.

    Items of kind "target" (a figure goal, e.g. 25 billion USD of trade) carry `latest_actual`
    (the reported figure of the same metric and parties covering the latest period);
    items of kind "programme" are mechanisms with a period (e.g. an action programme 2026-2030).
    `country` keeps those whose parties include it. Ordered by first mention.
    """
    q = select(EntityRow).where(EntityRow.type.in_(("commitment", "mechanism")))
    if country:
        q = q.where(EntityRow.id.in_(select(EntityCountryRow.entity_id).where(EntityCountryRow.country == country)))
    found = [e for e in session.scalars(q.order_by(EntityRow.date_start, EntityRow.id)) if _is_commitment(e)]
    items = [_commitment_item(session, e) for e in found[offset:offset + limit]]
    return _page(len(found), limit, offset, items)


def country_pair(session: Session, a: str, b: str) -> dict:
    """Everything about one country pair: relationship frameworks (when stated), figures, mechanisms
    with their sessions, commitments, and the number of shared events."""
    pair = pair_key([a, b])
    ents = session.scalars(select(EntityRow).where(EntityRow.country == pair).order_by(
        EntityRow.date_start, EntityRow.id)).all()
    out: dict[str, Any] = {"pair": pair, "relations": [], "figures": [], "mechanisms": [], "commitments": []}
    for e in ents:
        d = e.data or {}
        if e.type == "relation":
            out["relations"].append({**entity_summary(e), "level": d.get("level"), "first_stated": d.get("first_seen"),
                                     "last_stated": d.get("last_seen"), "sources": entity_sources(session, e.id)})
        elif e.type == "series":
            out["figures"].extend({"metric": (s["says"] or {}).get("metric"), **(s["says"] or {}),
                                   "doc_id": s["doc_id"], "date": s["date"], "evidence": s["evidence"],
                                   "span": s["span"]} for s in entity_sources(session, e.id))
        elif e.type == "mechanism":
            out["mechanisms"].append({**entity_summary(e), "name": e.label, "period": d.get("period"),
                                      "sessions": d.get("sessions", []), "names": d.get("names", []),
                                      "first_seen": d.get("first_seen"), "last_seen": d.get("last_seen")})
    out["commitments"] = [_commitment_item(session, e) for e in ents if _is_commitment(e)]
    a_ev = select(EntityCountryRow.entity_id).where(EntityCountryRow.country == a,
                                                    EntityCountryRow.entity_type == "event")
    out["events"] = session.scalar(select(func.count()).select_from(EntityCountryRow).where(
        EntityCountryRow.country == b, EntityCountryRow.entity_type == "event",
        EntityCountryRow.entity_id.in_(a_ev)))
    return out


def summary(session: Session) -> dict[str, Any]:
    """Counts: documents, facts per type, entities per type (persons, events, commitments...)."""
    facts = dict(session.execute(select(FactRow.type, func.count()).group_by(FactRow.type)).all())
    ents = dict(session.execute(select(EntityRow.type, func.count()).group_by(EntityRow.type)).all())
    return {"documents": session.scalar(select(func.count()).select_from(DocumentRow)),
            "documents_extracted": session.scalar(select(func.count()).select_from(DocumentRow).where(
                DocumentRow.extracted_at.is_not(None))),
            "facts": {k: int(v) for k, v in sorted(facts.items())},
            "entities": {k: int(v) for k, v in sorted(ents.items())}}
