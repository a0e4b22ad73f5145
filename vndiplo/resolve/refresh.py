"""Recomputing an entity's resolved view from its sources (or removing it when none remain).

Disagreeing sources are never overwritten: each field keeps its variants,
every variant with the documents that give it, most supported first.

Two paths give the same result: `refresh` recomputes an entity from all its
sources (after it lost some, or when it is new), `merge_added` folds only the
sources linked just now into the stored view, so a person or a relation named
in thousands of articles costs no more to update than a new one.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from vndiplo.store.dates import day_span, span_days
from vndiplo.resolve.facets import write_event_facets
from vndiplo.resolve.identity import repair_fused
from vndiplo.resolve.names import clean_name as _clean_name, exact_key, is_unmarked
from vndiplo.resolve.persons import HOME
from vndiplo.resolve.topics import split_pair
from vndiplo.store.entities import EntityCountryRow, EntityRow, EntitySourceRow
from vndiplo.store.models import DocumentRow

__all__ = ["refresh", "merge_added", "subtract", "variants", "merge_variants", "SUBTRACT_ABOVE"]


def clean_name(name: str) -> str:
    """The name as a person's label shows it: no titles, a fused next word cut back."""
    return repair_fused(_clean_name(name))


def _vkey(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def merge_variants(vs: list[dict] | None, triples: Iterable[tuple[Any, str, str | None]]) -> list[dict]:
    """Add (value, doc_id, date) to variants [{"value", "sources", "first"}]; most supported first,
    then first seen, then value; each variant's sources sorted. Empty values are skipped."""
    groups = {_vkey(v["value"]): {**v, "sources": list(v["sources"])} for v in vs or []}
    for value, doc, date in triples:
        if value is None or value == "" or value == {}:
            continue
        g = groups.setdefault(_vkey(value), {"value": value, "sources": [], "first": date or ""})
        if doc not in g["sources"]:
            g["sources"].append(doc)
            g["sources"].sort()  # sorted, not in arrival order: the same support gives the same data
        if date and (not g.get("first") or date < g["first"]):
            g["first"] = date
    return sorted(groups.values(), key=lambda g: (-len(g["sources"]), g.get("first") or "", _vkey(g["value"])))


def variants(triples: Iterable[tuple[Any, str, str | None]]) -> list[dict]:
    return merge_variants([], triples)


def _top(vs: list[dict]):
    return vs[0]["value"] if vs else None


def _dates(ent: EntityRow, dates: Iterable[str | None]) -> None:
    ds = [d for d in dates if d]
    if ent.date_start:
        ds.append(ent.date_start)
    if ent.date_end:
        ds.append(ent.date_end)
    ent.date_start, ent.date_end = (min(ds), max(ds)) if ds else (None, None)


def _person_label(aliases: list[dict], fallback: str) -> str:
    # Marked over unmarked (Bùi Thanh Sơn, not Bui Thanh Son), full over partial, most documents, first seen.
    names = [(clean_name(v["value"]), len(v["sources"]), v.get("first") or "") for v in aliases]
    names = [n for n in names if n[0]]
    if not names:
        return fallback
    return sorted(names, key=lambda n: (is_unmarked(n[0]), -len(n[0].split()), -n[1], n[2], n[0]))[0][0]


def _person(ent: EntityRow, triples: list, full: bool) -> None:
    """triples: (source data, doc_id, date).

    The country is the one most documents give (a figure of data/persons.tsv keeps the table's); the
    others stay in `countries` as disagreements, each with the documents that say it. A canonical
    (table) or original (bracketed in the text) spelling is the label."""
    data = {} if full else dict(ent.data or {})
    aliases = merge_variants(data.get("aliases"), (((d.get("name") or "").strip(), doc, date)
                                                   for d, doc, date in triples))
    countries = merge_variants(data.get("countries"), ((d.get("country"), doc, date) for d, doc, date in triples))
    named = merge_variants(data.get("named"), ((d.get("canonical") or d.get("original"), doc, date)
                                               for d, doc, date in triples))
    known = data.get("known_country") or next((d["known_country"] for d, _, _ in triples
                                               if d.get("known_country")), None)
    cleaned = {clean_name(v["value"]) for v in aliases} - {""}
    ent.label = _top(named) or _person_label(aliases, ent.label)
    ent.data = {"exact": sorted({exact_key(n) for n in cleaned}), "unmarked": all(is_unmarked(n) for n in cleaned),
                "aliases": aliases, "countries": countries, "named": named}
    if known:
        ent.data["known_country"] = known
        ent.country = known
    elif countries:
        ent.country = countries[0]["value"]
def _topic(ent: EntityRow, triples: list, roles: list[str], full: bool) -> None:
    old = {} if full else dict(ent.data or {})
    data: dict[str, Any] = {}
    if ent.type == "mechanism":
        data["names"] = merge_variants(old.get("names"), ((p.get("name"), d, t) for p, d, t in triples))
        data["periods"] = merge_variants(old.get("periods"), ((p.get("period"), d, t) for p, d, t in triples))
        data["period"] = _top(data["periods"])
        sessions = merge_variants([{"value": x["session"], "sources": x["sources"], "first": x.get("first")}
                                   for x in old.get("sessions", [])],
                                  ((p.get("session"), d, t) for p, d, t in triples))
        data["sessions"] = sorted(({"session": v["value"], "sources": v["sources"], "first": v["first"]}
                                   for v in sessions), key=lambda x: x["session"] if isinstance(x["session"], int) else 0)
        ent.label = _top(data["names"]) or ent.label
    elif ent.type == "commitment":
        p0 = old if old.get("metric") else triples[0][0]
        data.update(metric=p0.get("metric"), parties=sorted(p0.get("parties") or []), value=p0.get("value"),
                    unit=p0.get("unit"),
                    periods=merge_variants(old.get("periods"), ((p.get("period"), d, t) for p, d, t in triples)))
        v = p0.get("value")
        ent.label = f"{p0.get('metric')} {ent.country or ''} {v:,} {p0.get('unit') or ''}".strip() \
            if isinstance(v, (int, float)) else ent.key
    elif ent.type == "relation":
        p0 = old if old.get("level") else triples[0][0]
        data.update(level=p0.get("level"), parties=sorted(p0.get("parties") or []))
    elif ent.type == "series":
        data["actuals"] = old.get("actuals", 0) + sum(1 for r in roles if r == "actual")
        data["targets"] = old.get("targets", 0) + sum(1 for r in roles if r == "target")
    # The parties as the facts give them: the entity's pair key cannot be split back safely, since
    # subdivision codes hold a hyphen too ("CN-YN" is Yunnan).
    data.setdefault("parties", sorted({x for p, _, _ in triples for x in (p.get("parties") or []) if x}
                                      | set(old.get("parties") or [])))
    _dates(ent, (t for _, _, t in triples))
    data["first_seen"], data["last_seen"] = ent.date_start, ent.date_end
    ent.data = data


def _event(session: Session, ent: EntityRow, srcs: list[EntitySourceRow], docs: list[str]) -> list[str]:
    triples = [(s.data or {}, d, s.date) for s, d in zip(srcs, docs)]
    fields = {f: variants((p.get(f), d, t) for p, d, t in triples) for f in ("kind", "date", "location", "occasion")}
    dated = [v for v in fields["date"] if day_span(v["value"])]
    best = sorted(dated, key=lambda v: (span_days(day_span(v["value"])), -len(v["sources"]), v["first"]))
    if best:
        ent.date_start, ent.date_end = day_span(best[0]["value"])
    parts = session.execute(
        select(EntitySourceRow.entity_id, EntitySourceRow.data, EntityRow.label, EntityRow.country)
        .join(EntityRow, EntityRow.id == EntitySourceRow.entity_id)
        .where(EntitySourceRow.fact_id.in_([s.fact_id for s in srcs]), EntitySourceRow.role == "participant")
        .order_by(EntitySourceRow.ordinal, EntitySourceRow.id)).all()
    people: dict[int, dict] = {}
    for pid, data, label, country in parts:
        p = people.setdefault(pid, {"person_id": pid, "name": label, "country": country, "roles": []})
        for r in (data or {}).get("roles") or []:
            if r not in p["roles"]:
                p["roles"].append(r)
    countries = {p["country"] for p in people.values() if p["country"]}
    for p, _, _ in triples:
        loc = p.get("location") or {}
        countries |= {x.get("country") for x in p.get("participants") or [] if x.get("country")}
        if loc.get("country"):
            countries.add(loc["country"])
    ent.label = " – ".join(p["name"] for p in sorted(people.values(), key=lambda p: p["country"] != HOME))
    ent.data = {**fields, "kind": _top(fields["kind"]), "kinds": fields["kind"], "dates": fields["date"],
                "participants": list(people.values()), "countries": sorted(countries)}
    ent.data.update(_date_provenance(triples, best[0]["value"] if best else None, srcs))
    ent.key = ent.data["kind"] or "event"
    return sorted(countries)


def _date_provenance(triples: list, chosen: str | None, srcs: list[EntitySourceRow]) -> dict[str, Any]:
    """Whether the event's date was guessed (vndiplo.serve.datemarks); for an undated event, the latest
    date of its documents."""
    from vndiplo.serve.datemarks import from_payloads

    days = [s.date for s in srcs if s.date]
    return from_payloads([p for p, _, _ in triples], chosen, max(days) if days else None)


def _countries(ent: EntityRow) -> list[str]:
    if ent.type == "event":
        return list((ent.data or {}).get("countries", []))
    if ent.type == "person":
        return [ent.country] if ent.country else []
    parties = (ent.data or {}).get("parties")
    return list(parties) if parties else split_pair(ent.country)


def _write_countries(session: Session, ents: list[EntityRow]) -> None:
    """Replace the country index rows of `ents` (one DELETE for all of them)."""
    if not ents:
        return
    session.execute(delete(EntityCountryRow).where(EntityCountryRow.entity_id.in_([e.id for e in ents])))
    for ent in ents:
        for c in _countries(ent):
            session.add(EntityCountryRow(entity_id=ent.id, entity_type=ent.type, country=c,
                                         date_start=ent.date_start))
    write_event_facets(session, ents)  # an event's levels and venue, for the events list's filters


def refresh(session: Session, ids: Iterable[int]) -> int:
    """Recompute the entities `ids` from all their sources; delete those left without one. Returns deletions."""
    removed = 0
    session.flush()
    rewrite: list[EntityRow] = []
    for eid in sorted(set(ids)):
        ent = session.get(EntityRow, eid)
        if ent is None:
            continue
        rows = session.execute(
            select(EntitySourceRow, DocumentRow.doc_id).join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
            .where(EntitySourceRow.entity_id == eid).order_by(EntitySourceRow.date, EntitySourceRow.id)).all()
        if not rows:
            session.delete(ent)  # its country rows cascade
            removed += 1
            continue
        srcs, docs = [r[0] for r in rows], [r[1] for r in rows]
        ent.n_sources = len(srcs)
        triples = [(s.data or {}, d, s.date) for s, d in zip(srcs, docs)]
        ent.date_start = ent.date_end = None
        if ent.type == "person":
            _person(ent, triples, full=True)
            _dates(ent, (s.date for s in srcs))
        elif ent.type == "event":
            _event(session, ent, srcs, docs)
        else:
            _topic(ent, triples, [s.role for s in srcs], full=True)
        rewrite.append(ent)
    with session.no_autoflush:
        _write_countries(session, rewrite)
    session.flush()
    return removed


def merge_added(session: Session, added: dict[int, list[EntitySourceRow]], doc_id: str) -> None:
    """Fold sources just linked (all from document `doc_id`) into entities that lost none."""
    events = [eid for eid in added if (e := session.get(EntityRow, eid)) is not None and e.type == "event"]
    refresh(session, events)  # few sources each, and participants come from several rows: recompute
    rewrite: list[EntityRow] = []
    for eid, srcs in sorted(added.items()):
        ent = session.get(EntityRow, eid)
        if ent is None or ent.type == "event":
            continue
        before = (ent.country, ent.date_start)
        triples = [(s.data or {}, doc_id, s.date) for s in srcs]
        if ent.type == "person":
            _person(ent, triples, full=False)
            _dates(ent, (s.date for s in srcs))
        else:
            _topic(ent, triples, [s.role for s in srcs], full=False)
        if (ent.country, ent.date_start) != before:
            rewrite.append(ent)
    with session.no_autoflush:
        _write_countries(session, rewrite)
    session.flush()


SUBTRACT_ABOVE = 20  # entities with more sources than this lose a document's support by subtraction


def _drop(vs: list[dict] | None, doc_id: str) -> list[dict]:
    out = []
    for v in vs or []:
        sources = [d for d in v.get("sources", []) if d != doc_id]
        if sources:
            out.append({**v, "sources": sources})
    return sorted(out, key=lambda g: (-len(g["sources"]), g.get("first") or "", _vkey(g["value"])))


def subtract(session: Session, ids: Iterable[int], doc_id: str) -> set[int]:
    """Take document `doc_id`'s support out of entities whose sources from it were just deleted.

    Widely supported entities (a minister named in thousands of articles) are updated in place,
    so re-extracting one article does not re-read all their sources; the others, and events,
    are returned for a full `refresh`. Variants keep the first-seen date they had.
    """
    session.flush()
    full: set[int] = set()
    rewrite: list[EntityRow] = []
    for eid in sorted(set(ids)):
        ent = session.get(EntityRow, eid)
        if ent is None:
            continue
        if ent.type == "event" or (ent.n_sources or 0) <= SUBTRACT_ABOVE:
            full.add(eid)
            continue
        n, first, last = session.execute(
            select(func.count(), func.min(EntitySourceRow.date), func.max(EntitySourceRow.date))
            .where(EntitySourceRow.entity_id == eid)).one()
        if not n:
            full.add(eid)
            continue
        data = dict(ent.data or {})
        for key in ("aliases", "names", "periods", "countries", "named"):
            if key in data:
                data[key] = _drop(data[key], doc_id)
        if "sessions" in data:
            data["sessions"] = [{**x, "sources": [d for d in x["sources"] if d != doc_id]}
                                for x in data["sessions"] if [d for d in x["sources"] if d != doc_id]]
        if ent.type == "person":
            cleaned = {clean_name(v["value"]) for v in data.get("aliases", [])} - {""}
            ent.label = _top(data.get("named", [])) or _person_label(data.get("aliases", []), ent.label)
            if data.get("countries") and not data.get("known_country"):
                ent.country = data["countries"][0]["value"]
            data.update(exact=sorted({exact_key(x) for x in cleaned}), unmarked=all(is_unmarked(x) for x in cleaned))
        elif ent.type == "mechanism":
            ent.label = _top(data.get("names", [])) or ent.label
            data["period"] = _top(data.get("periods", []))
        elif ent.type == "series":
            roles = dict(session.execute(select(EntitySourceRow.role, func.count()).where(
                EntitySourceRow.entity_id == eid).group_by(EntitySourceRow.role)).all())
            data.update(actuals=roles.get("actual", 0), targets=roles.get("target", 0))
        before = ent.date_start
        ent.n_sources, ent.date_start, ent.date_end = n, first, last
        if ent.type != "person":
            data["first_seen"], data["last_seen"] = first, last
        ent.data = data
        if ent.date_start != before:
            rewrite.append(ent)
    with session.no_autoflush:
        _write_countries(session, rewrite)
    session.flush()
    return full
