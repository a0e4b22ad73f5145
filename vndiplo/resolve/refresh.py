"""Recomputing an entity's resolved view from its remaining sources (or removing it when none remain).

Disagreeing sources are never overwritten: each field keeps its variants,
every variant with the documents that give it, most supported first.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vndiplo.resolve.dates import day_span, span_days
from vndiplo.resolve.names import clean_name, exact_key, is_unmarked
from vndiplo.store.entities import EntityCountryRow, EntityRow, EntitySourceRow
from vndiplo.store.models import DocumentRow

__all__ = ["refresh", "variants"]


def variants(pairs: Iterable[tuple[Any, str]]) -> list[dict]:
    """[(value, doc_id)] -> [{"value", "sources"}], the most supported value first; None values skipped."""
    groups: dict[str, dict] = {}
    for value, doc in pairs:
        if value is None or value == "" or value == {}:
            continue
        k = json.dumps(value, ensure_ascii=False, sort_keys=True)
        g = groups.setdefault(k, {"value": value, "sources": []})
        if doc not in g["sources"]:
            g["sources"].append(doc)
    order = list(groups)
    return sorted(groups.values(), key=lambda g: (-len(g["sources"]), order.index(
        json.dumps(g["value"], ensure_ascii=False, sort_keys=True))))


def _top(vs: list[dict]):
    return vs[0]["value"] if vs else None


def _person(ent: EntityRow, srcs) -> list[str]:
    names = [(clean_name(s.data.get("name") or ""), d) for s, d in srcs]
    counts = Counter(n for n, _ in names if n)
    first = {n: i for i, (n, _) in reversed(list(enumerate(names)))}
    # Marked over unmarked (Bùi Thanh Sơn, not Bui Thanh Son), full over partial, common, then first seen.
    label = sorted(counts, key=lambda n: (is_unmarked(n), -len(n.split()), -counts[n], first[n]))[0] \
        if counts else ent.label
    countries = Counter(s.data.get("country") for s, _ in srcs if s.data.get("country"))
    ent.label = label
    if countries:
        ent.country = countries.most_common(1)[0][0]
    ent.data = {"exact": sorted({exact_key(n) for n in counts}), "unmarked": all(is_unmarked(n) for n in counts),
                "aliases": variants(((s.data.get("name") or "").strip(), d) for s, d in srcs)}  # as written
    return [ent.country] if ent.country else []


def _event(session: Session, ent: EntityRow, srcs) -> list[str]:
    fields = {f: variants(((s.data or {}).get(f), d) for s, d in srcs)
              for f in ("kind", "date", "location", "occasion")}
    dated = [v for v in fields["date"] if day_span(v["value"])]
    best = sorted(dated, key=lambda v: (span_days(day_span(v["value"])), -len(v["sources"])))
    if best:
        ent.date_start, ent.date_end = day_span(best[0]["value"])
    fact_ids = [s.fact_id for s, _ in srcs]
    parts = session.execute(
        select(EntitySourceRow.entity_id, EntitySourceRow.data, EntityRow.label, EntityRow.country)
        .join(EntityRow, EntityRow.id == EntitySourceRow.entity_id)
        .where(EntitySourceRow.fact_id.in_(fact_ids), EntitySourceRow.role == "participant")
        .order_by(EntitySourceRow.ordinal, EntitySourceRow.id)).all()
    people: dict[int, dict] = {}
    for pid, data, label, country in parts:
        p = people.setdefault(pid, {"person_id": pid, "name": label, "country": country, "roles": []})
        for r in (data or {}).get("roles") or []:
            if r not in p["roles"]:
                p["roles"].append(r)
    countries = {p["country"] for p in people.values() if p["country"]}
    for s, _ in srcs:
        loc = (s.data or {}).get("location") or {}
        countries |= {p.get("country") for p in (s.data or {}).get("participants") or [] if p.get("country")}
        if loc.get("country"):
            countries.add(loc["country"])
    ent.label = " – ".join(p["name"] for p in sorted(people.values(), key=lambda p: p["country"] != "VN"))
    ent.data = {**fields, "kind": _top(fields["kind"]), "kinds": fields["kind"], "dates": fields["date"],
                "participants": list(people.values()), "countries": sorted(countries)}
    ent.key = ent.data["kind"] or "event"
    return sorted(countries)


def _topic(ent: EntityRow, srcs) -> list[str]:
    dates = sorted(s.date for s, _ in srcs if s.date)
    ent.date_start, ent.date_end = (dates[0], dates[-1]) if dates else (None, None)
    payloads = [(s.data or {}, d) for s, d in srcs]
    data: dict[str, Any] = {"first_seen": ent.date_start, "last_seen": ent.date_end}
    if ent.type == "mechanism":
        data["names"] = variants((p.get("name"), d) for p, d in payloads)
        data["period"] = _top(variants((p.get("period"), d) for p, d in payloads))
        data["sessions"] = sorted(({"session": v["value"], "sources": v["sources"]}
                                   for v in variants((p.get("session"), d) for p, d in payloads)),
                                  key=lambda x: x["session"] if isinstance(x["session"], int) else 0)
        ent.label = _top(data["names"]) or ent.label
    elif ent.type == "commitment":
        p0 = payloads[0][0]
        data.update(metric=p0.get("metric"), parties=sorted(p0.get("parties") or []), value=p0.get("value"),
                    unit=p0.get("unit"), periods=variants((p.get("period"), d) for p, d in payloads))
        ent.label = f"{p0.get('metric')} {ent.country or ''} {p0.get('value'):,} {p0.get('unit') or ''}".strip() \
            if isinstance(p0.get("value"), (int, float)) else ent.key
    elif ent.type == "relation":
        p0 = payloads[0][0]
        data.update(level=p0.get("level"), parties=sorted(p0.get("parties") or []))
    elif ent.type == "series":
        data["actuals"] = sum(1 for s, _ in srcs if s.role == "actual")
        data["targets"] = sum(1 for s, _ in srcs if s.role == "target")
    ent.data = data
    return [c for c in (ent.country or "").split("-") if c]


def refresh(session: Session, ids: Iterable[int]) -> int:
    """Recompute the entities `ids` from their sources; delete those left without one. Returns deletions."""
    removed = 0
    for eid in sorted(set(ids)):
        ent = session.get(EntityRow, eid)
        if ent is None:
            continue
        srcs = session.execute(
            select(EntitySourceRow, DocumentRow.doc_id).join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
            .where(EntitySourceRow.entity_id == eid).order_by(EntitySourceRow.date, EntitySourceRow.id)).all()
        session.execute(delete(EntityCountryRow).where(EntityCountryRow.entity_id == eid))
        if not srcs:
            session.delete(ent)
            removed += 1
            continue
        ent.n_sources = len(srcs)
        if ent.type == "person":
            countries = _person(ent, srcs)
            dates = sorted(s.date for s, _ in srcs if s.date)
            ent.date_start, ent.date_end = (dates[0], dates[-1]) if dates else (None, None)
        elif ent.type == "event":
            countries = _event(session, ent, srcs)
        else:
            countries = _topic(ent, srcs)
        for c in countries:
            session.add(EntityCountryRow(entity_id=eid, entity_type=ent.type, country=c, date_start=ent.date_start))
    session.flush()
    return removed
