"""Read-side views over resolved entities, paged in SQL: what a large store is served from.

Every list pages and counts on the store's narrow indexes (`entity_countries`
for country timelines, `entities (type, date_start)` for the whole timeline,
`entity_sources (entity_id | fact_id)` for sources and participants) and only
then loads the rows of the page, so a request costs the size of its page, not
of the store. The shapes are those of `vndiplo.serve.queries`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from sqlalchemy import Select, and_, distinct, exists, false, func, select, text
from sqlalchemy.orm import Session, aliased

from vndiplo.store.keys import role_key
from vndiplo.serve.datemarks import marks
from vndiplo.serve.facts import Source, country_name, english_fields, facet_fields, label, name_key, widen_role
from vndiplo.serve.memo import memo
from vndiplo.store.entities import EntityCountryRow, EntityRow, EntitySourceRow, PersonRoleRow
from vndiplo.store.event_facets import EventFacetRow
from vndiplo.store.models import DocumentRow, FactRow

__all__ = ["has_entities", "distinct_roles", "country_counts", "newest_first", "events_page", "event_by_id", "events_of", "bilateral_events", "persons_page",
           "person_view", "facts_of_country", "network"]

TOPIC_TYPES = ("relation", "series", "mechanism", "commitment")  # entities whose `country` is a party pair


def has_entities(s: Session) -> bool:
    """Whether the store's facts were resolved (then every view reads entities)."""
    return s.scalar(select(exists().where(EntityRow.type.in_(("event", "person"))))) or False


# -- events ----------------------------------------------------------------------------------

def distinct_roles(roles: list[str]) -> list[str]:
    """Roles without the spelling variants of the same office ("Bộ trưởng Bộ Ngoại giao" = "Bộ trưởng Ngoại giao")."""
    seen, out = set(), []
    for r in roles:
        k = role_key(r)
        if r.strip() and k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _first_value(variants: Any) -> Any:
    """The most supported variant of a resolved field (lists of {value, sources}), or the value itself."""
    if isinstance(variants, list):
        return variants[0].get("value") if variants else None
    return variants


def _sources(s: Session, entity_ids: list[int], role: str = "subject") -> dict[int, list[dict]]:
    """The supporting facts of several entities, each as a Source dict, oldest first."""
    out: dict[int, list[dict]] = defaultdict(list)
    if not entity_ids:
        return out
    q = (select(EntitySourceRow.entity_id, FactRow.evidence, FactRow.start, FactRow.end, DocumentRow.doc_id,
                DocumentRow.title, DocumentRow.published, DocumentRow.outlet, DocumentRow.url)
         .join(FactRow, FactRow.id == EntitySourceRow.fact_id)
         .join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
         .where(EntitySourceRow.entity_id.in_(entity_ids), EntitySourceRow.role == role)
         .order_by(EntitySourceRow.date, EntitySourceRow.id))
    for r in s.execute(q):
        out[r.entity_id].append(Source(r.doc_id, r.title, r.published, r.outlet, r.url, r.evidence or "",
                                       r.start, r.end).as_dict())
    return out


def _event(e, sources: list[dict]) -> dict[str, Any]:
    """An event's view from its entity row (id, date_start, date_end, data) and its sources."""
    d = e.data or {}
    date_ = _first_value(d.get("dates")) or (
        e.date_start if e.date_start == e.date_end else "/".join(x for x in (e.date_start, e.date_end) if x)) or None
    loc = _first_value(d.get("location")) or None
    parts = [{"name": p.get("name"), "country": p.get("country"),
              "role": ", ".join(distinct_roles(p.get("roles") or [])) or p.get("role"),
              "country_name": country_name(p.get("country")), "person_id": p.get("person_id")}
             for p in d.get("participants") or []]
    return english_fields({
        "id": e.id, "kind": d.get("kind"), "kind_label": label("kind", d.get("kind")), "date": date_,
        "sort_date": e.date_start, "participants": parts,
        "location": ({"place": loc.get("place"), "country": loc.get("country"),
                      "country_name": country_name(loc.get("country"))} if isinstance(loc, dict) else None),
        "occasion": _first_value(d.get("occasion")) or None,
        "countries": sorted(d.get("countries") or []),
        **facet_fields(d.get("participants") or [], d.get("occasion"), d.get("countries") or []),
        "sources": sources,
        **marks(d),
    })


def events_of(s: Session, ids: list[int], with_sources: bool = True) -> list[dict[str, Any]]:
    """The events `ids`, in that order, each with its sources."""
    if not ids:
        return []
    # Plain rows, not ORM objects: a page of events is read-only, and identity-mapping it costs more than the query.
    rows = {e.id: e for e in s.execute(select(EntityRow.id, EntityRow.date_start, EntityRow.date_end, EntityRow.data)
                                       .where(EntityRow.id.in_(ids)))}
    srcs = _sources(s, list(rows)) if with_sources else {}
    return [_event(rows[i], srcs.get(i, [])) for i in ids if i in rows]


def newest_first(s: Session, q: Select, date_col, id_col, limit: int, offset: int,
                 oldest: bool = False) -> tuple[int, list[int]]:
    """Count `q` (selecting an id and a `date_start`) and page its ids newest first (`oldest`: oldest
    first), undated last.

    Two index-ordered reads (dated, then undated) rather than one `NULLS LAST` sort, which
    neither engine can take from an ascending index backwards."""
    total, dated = _count(s, q)
    ids: list[int] = []
    order = (date_col.asc(), id_col.asc()) if oldest else (date_col.desc(), id_col.desc())
    if offset < dated:
        ids = list(s.scalars(q.where(date_col.is_not(None)).order_by(*order).limit(limit).offset(offset)))
    if len(ids) < limit and total > dated:
        ids += list(s.scalars(q.where(date_col.is_(None)).order_by(id_col.desc())
                              .limit(limit - len(ids)).offset(max(0, offset - dated))))
    return int(total), ids


def _count(s: Session, q: Select) -> tuple[int, int]:
    """Rows of `q`, and rows of `q` with a `date_start`: once per store version and query."""
    sub = q.subquery()
    counting = select(func.count(), func.count(sub.c.date_start))
    compiled = counting.compile()
    # Counting reads every matching index entry (100,000 for Vietnam's whole timeline): once per store version.
    total, dated = memo(s, ("count", str(compiled), repr(sorted(compiled.params.items()))),
                        lambda: tuple(s.execute(counting).one()))
    return int(total), int(dated)


def _holding(q: Select, words: list[str], most: int = 8) -> Select:
    """`q` kept to persons whose key holds the longest few distinct `words` (a cheap filter in SQL;
    callers that need every word check the rest: a hostile 10,000-word name must not become
    10,000 conditions)."""
    longest = sorted(set(words), key=len, reverse=True)
    if longest and len(longest[0]) > EntityRow.key.type.length:
        # No stored key holds a word longer than the key itself, and such a LIKE pattern could pass
        # SQLite's 50,000-byte limit (an error, not "no match").
        return q.where(false())
    for w in longest[:most]:
        q = q.where(EntityRow.key.contains(w, autoescape=True))
    return q


def person_ids(s: Session, name: str, min_words: int = 2) -> list[int]:
    """Persons a name designates: the same name (marks, case, punctuation ignored) or, for `min_words`
    words or more, every person whose name holds all of them (by default "Sokhonn" alone must be the
    whole name)."""
    key = name_key(name)
    words = key.split()
    if not words:
        return []
    q = _holding(select(EntityRow.id, EntityRow.key).where(EntityRow.type == "person"), words)
    out = []
    for pid, k in s.execute(q):
        nk = name_key(k)
        if nk == key or (len(words) >= min_words and set(words) <= set(nk.split())):
            out.append(pid)
    return out


def _events_with_persons(pids: list[int]) -> Select:
    """Ids of the events whose facts name one of the persons `pids` as a participant."""
    part = aliased(EntitySourceRow)
    subj = aliased(EntitySourceRow)
    return (select(subj.entity_id).join(part, part.fact_id == subj.fact_id)
            .where(part.entity_id.in_(pids), part.role == "participant", subj.role == "subject"))


def events_page(s: Session, code: str | None = None, person: str | None = None, kind: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 50,
                offset: int = 0, level: str | None = None, venue: str | None = None,
                sort: str = "newest") -> dict[str, Any]:
    """Events filtered by country code, person, kind, date range, level of the participants and venue
    (`event_facets`), newest first (`sort`: oldest, sources = the most reported first): one page."""
    if code:
        ec = EntityCountryRow
        q = select(ec.entity_id, ec.date_start).where(ec.country == code, ec.entity_type == "event")
        date_col, id_col = ec.date_start, ec.entity_id
    else:
        q = select(EntityRow.id, EntityRow.date_start).where(EntityRow.type == "event")
        date_col, id_col = EntityRow.date_start, EntityRow.id
    if kind:
        q = q.where(id_col.in_(select(EntityRow.id).where(EntityRow.type == "event", EntityRow.key == kind)))
    for facet, value in (("level", level), ("venue", venue)):
        if value:  # probed per listed event on (entity_id, facet, value): a page reads about its own size
            q = q.where(exists().where(EventFacetRow.entity_id == id_col, EventFacetRow.facet == facet,
                                       EventFacetRow.value == value))
    if person:
        pids = person_ids(s, person)
        if not pids:
            return {"total": 0, "limit": limit, "offset": offset, "items": []}
        q = q.where(id_col.in_(_events_with_persons(pids)))
    if until:
        q = q.where(date_col <= until)
    if since:  # the event's last day on or after `since`
        ends = select(EntityRow.id).where(EntityRow.type == "event",
                                          func.coalesce(EntityRow.date_end, EntityRow.date_start) >= since)
        q = q.where(date_col.is_not(None), id_col.in_(ends))
    if sort == "sources":
        total, _ = _count(s, q)
        # Undated last among equals: SQLite sorts NULLs last in a descending order (and can then read the
        # index backwards); PostgreSQL must be told.
        day = EntityRow.date_start.desc()
        day = day.nulls_last() if s.get_bind().dialect.name == "postgresql" else day
        by = q.join(EntityRow, EntityRow.id == id_col) if code else q  # the list itself when it is entities
        ids = list(s.scalars(by.order_by(EntityRow.n_sources.desc(), day, EntityRow.id.desc())
                             .limit(limit).offset(offset)))
    else:
        total, ids = newest_first(s, q, date_col, id_col, limit, offset, oldest=sort == "oldest")
    return {"total": total, "limit": limit, "offset": offset, "items": events_of(s, ids)}


def event_by_id(s: Session, event_id: int) -> dict[str, Any] | None:
    """An event by its id, or by the id of any fact that reports it."""
    found = s.scalar(select(EntityRow.id).where(EntityRow.id == event_id, EntityRow.type == "event"))
    if found is None:  # the id of a fact that reports it
        found = s.scalar(select(EntityRow.id).join(EntitySourceRow, EntitySourceRow.entity_id == EntityRow.id)
                         .where(EntitySourceRow.fact_id == event_id, EntitySourceRow.role == "subject",
                                EntityRow.type == "event").limit(1))
    events = events_of(s, [found]) if found is not None else []
    return events[0] if events else None


def bilateral_events(s: Session, a: str, b: str, first_chunk: int = 16) -> Iterator[dict[str, Any]]:
    """Events involving both countries, newest first (undated last), without sources, read in chunks that
    double in size (callers often stop after a few)."""
    ea, eb = aliased(EntityCountryRow), aliased(EntityCountryRow)
    base = (select(ea.entity_id).join(eb, and_(eb.entity_id == ea.entity_id, eb.country == b))
            .where(ea.country == a, ea.entity_type == "event"))
    for dated in (True, False):
        q = (base.where(ea.date_start.is_not(None)).order_by(ea.date_start.desc(), ea.entity_id.desc()) if dated
             else base.where(ea.date_start.is_(None)).order_by(ea.entity_id.desc()))
        offset, chunk = 0, first_chunk
        while True:
            ids = list(s.scalars(q.limit(chunk).offset(offset)))
            yield from events_of(s, ids, with_sources=False)
            if len(ids) < chunk:
                break
            offset += chunk
            chunk = min(chunk * 2, 1024)


def undated_bilateral(s: Session, a: str, b: str, limit: int = 200) -> list[dict[str, Any]]:
    """The latest-stored `limit` events involving both countries that have no date (each knows its
    documents' date: `doc_date`)."""
    ea, eb = aliased(EntityCountryRow), aliased(EntityCountryRow)
    ids = list(s.scalars(select(ea.entity_id).join(eb, and_(eb.entity_id == ea.entity_id, eb.country == b))
                         .where(ea.country == a, ea.entity_type == "event", ea.date_start.is_(None))
                         .order_by(ea.entity_id.desc()).limit(limit)))
    return events_of(s, ids, with_sources=False)


# -- persons ---------------------------------------------------------------------------------

def _roles(s: Session, pids: list[int]) -> dict[int, list[dict]]:
    """Each person's roles over time: first and last dated mention, documents; by first mention."""
    by: dict[int, dict[str, dict]] = defaultdict(dict)
    if not pids:
        return {}
    rows = s.execute(
        select(PersonRoleRow.person_id, PersonRoleRow.role, PersonRoleRow.role_key, PersonRoleRow.date,
               EntitySourceRow.role, DocumentRow.doc_id, DocumentRow.published)
        .join(EntitySourceRow, EntitySourceRow.id == PersonRoleRow.source_id)
        .join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
        .where(PersonRoleRow.person_id.in_(pids)).order_by(PersonRoleRow.date, PersonRoleRow.id))
    for pid, role, rk, day, link, doc, published in rows:
        # A person record is dated by its article, as precisely as the article is; a meeting by its day.
        when = (published or day) if link == "subject" else day
        widen_role(by[pid], rk, role, when, doc)
    return {pid: sorted(rs.values(), key=lambda r: (r["first"] or "", r["role"])) for pid, rs in by.items()}


def _summaries(s: Session, people: list[EntityRow], n_events: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Name, country, current roles and counts of several persons (`n_events` if the caller counted them)."""
    pids = [p.id for p in people]
    roles = _roles(s, pids)
    part, subj = aliased(EntitySourceRow), aliased(EntitySourceRow)
    n_events = n_events if n_events is not None else dict(s.execute(
        select(part.entity_id, func.count(distinct(subj.entity_id))).join(subj, subj.fact_id == part.fact_id)
        .join(EntityRow, and_(EntityRow.id == subj.entity_id, EntityRow.type == "event"))
        .where(part.entity_id.in_(pids), part.role == "participant", subj.role == "subject")
        .group_by(part.entity_id)).all()) if pids else {}
    n_docs = dict(s.execute(
        select(EntitySourceRow.entity_id, func.count(distinct(EntitySourceRow.document_id)))
        .where(EntitySourceRow.entity_id.in_(pids)).group_by(EntitySourceRow.entity_id)).all()) if pids else {}
    out = []
    for p in people:
        rs = roles.get(p.id, [])
        latest = max((r["last"] or "" for r in rs), default="")
        out.append({"name": p.label, "country": p.country, "country_name": country_name(p.country),
                    "current_roles": [r["role"] for r in rs if (r["last"] or "") == latest],
                    "events": int(n_events.get(p.id, 0)), "documents": int(n_docs.get(p.id, 0)),
                    "id": p.id, "roles": rs})
    return out


def persons_page(s: Session, q: str | None = None, code: str | None = None, limit: int = 50,
                 offset: int = 0) -> dict[str, Any]:
    """Persons, the most often named first, by a name fragment (marks and case ignored) and country."""
    sel = select(EntityRow).where(EntityRow.type == "person")
    words = name_key(q or "").split()
    if words:
        sel = _holding(sel, words)
    if code:
        sel = sel.where(EntityRow.country == code)
    total = s.scalar(select(func.count()).select_from(sel.subquery())) or 0
    people = list(s.scalars(sel.order_by(EntityRow.n_sources.desc(), EntityRow.label, EntityRow.id)
                            .limit(limit).offset(offset)))
    items = [{k: v for k, v in x.items() if k not in ("id", "roles")} for x in _summaries(s, people)]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


def _pick_person(s: Session, name: str) -> EntityRow | None:
    """The person a name designates: the same name, else the only person whose name holds its words."""
    ids = person_ids(s, name, min_words=1)
    if not ids:
        return None
    rows = list(s.scalars(select(EntityRow).where(EntityRow.id.in_(ids))))
    key = name_key(name)
    same = [e for e in rows if name_key(e.key) == key]
    if same:  # the same name in several countries: the most often named
        return max(same, key=lambda e: (e.n_sources or 0, -e.id))
    return rows[0] if len(rows) == 1 else None


def person_view(s: Session, name: str, meetings: int = 50) -> dict[str, Any] | None:
    """A person: roles over time (first and last seen, with documents), the latest `meetings` events
    (all of them page by page: events?person=), sources."""
    p = _pick_person(s, name)
    if p is None:
        return None
    took_part = select(EntityRow.id, EntityRow.date_start).where(
        EntityRow.type == "event", EntityRow.id.in_(_events_with_persons([p.id])))
    count, ids = newest_first(s, took_part, EntityRow.date_start, EntityRow.id, meetings, 0)
    out = _summaries(s, [p], {p.id: count})[0]
    out["meeting_count"] = count
    events = events_of(s, ids)
    events.sort(key=lambda e: (e["sort_date"] or "", e["id"]), reverse=True)
    out["meetings"] = [{**e, "with": [x for x in e["participants"] if x.get("person_id") != p.id]} for e in events]
    out["sources"] = _sources(s, [p.id]).get(p.id, [])
    data = p.data or {}
    out["spellings"] = sorted({v["value"] for v in data.get("aliases", []) if v.get("value")} - {p.label})
    # Countries other sources give: kept and shown, not overwritten (the country is the best supported).
    out["country_disagreements"] = [
        {"country": v["value"], "country_name": country_name(v["value"]), "documents": v["sources"]}
        for v in data.get("countries", []) if v.get("value") and v["value"] != p.country]
    del out["id"]
    return out


# -- topics (relations, figures, mechanisms) ---------------------------------------------------

def facts_of_country(s: Session, code: str) -> Select:
    """Ids of the facts behind the relations, figures, mechanisms and commitments `code` is a party to."""
    return (select(EntitySourceRow.fact_id)
            .join(EntityCountryRow, EntityCountryRow.entity_id == EntitySourceRow.entity_id)
            .where(EntityCountryRow.country == code, EntityCountryRow.entity_type.in_(TOPIC_TYPES)))


# -- countries -------------------------------------------------------------------------------

# Entity types as the fact types that support them ("series" gathers figures; a commitment's target is
# also in its series, so it is not counted twice).
_FACT_TYPE = {"event": "event", "person": "person", "series": "figure", "relation": "relation",
              "mechanism": "mechanism"}


def country_counts(s: Session) -> dict[str, dict[str, int]]:
    """country -> fact type -> facts naming it, read from the country index (entities and their supports)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    if s.get_bind().dialect.name == "sqlite":
        # Every country index row visits its entity for n_sources: through the narrow covering index of
        # migration 0006, not the wide entity rows (at 10^5 events 80 ms instead of 240 ms).
        rows = s.execute(text(
            "SELECT ec.country, ec.entity_type, sum(e.n_sources) FROM entity_countries ec "
            "JOIN entities e INDEXED BY ix_entities_id_sources ON e.id = ec.entity_id "
            "GROUP BY ec.country, ec.entity_type"))
    else:
        rows = s.execute(select(EntityCountryRow.country, EntityCountryRow.entity_type, func.sum(EntityRow.n_sources))
                         .join(EntityRow, EntityRow.id == EntityCountryRow.entity_id)
                         .group_by(EntityCountryRow.country, EntityCountryRow.entity_type))
    for country, etype, n in rows:
        ftype = _FACT_TYPE.get(etype)
        if ftype and n:
            out[country][ftype] = out[country].get(ftype, 0) + int(n)
    return out


# -- network ---------------------------------------------------------------------------------

def network(s: Session, code: str | None = None, limit: int = 60) -> dict[str, Any]:
    """Who met whom: the `limit` persons in the most events as nodes, an edge per pair sharing events."""
    part, subj = aliased(EntitySourceRow), aliased(EntitySourceRow)
    ev = aliased(EntityRow)
    base = (select(part.entity_id.label("person"), subj.entity_id.label("event"), part.fact_id.label("fact"))
            .join(subj, and_(subj.fact_id == part.fact_id, subj.role == "subject"))
            .join(ev, and_(ev.id == subj.entity_id, ev.type == "event"))
            .where(part.role == "participant"))
    if code:
        base = base.where(subj.entity_id.in_(select(EntityCountryRow.entity_id).where(
            EntityCountryRow.country == code, EntityCountryRow.entity_type == "event")))
    b = base.subquery()
    top = s.execute(select(b.c.person, func.count(distinct(b.c.event)).label("n")).group_by(b.c.person)
                    .order_by(func.count(distinct(b.c.event)).desc(), b.c.person).limit(limit)).all()
    counts = {pid: int(n) for pid, n in top}
    people = {e.id: e for e in s.scalars(select(EntityRow).where(EntityRow.id.in_(list(counts))))}
    nodes: dict[str, dict] = {}
    id_of: dict[int, str] = {}
    for pid, n in top:
        e = people[pid]
        k = name_key(e.label)
        id_of[pid] = k
        node = nodes.setdefault(k, {"id": k, "name": e.label, "country": e.country, "events": 0})
        node["events"] += n
    pairs = s.execute(select(b.c.person, b.c.event, b.c.fact).where(b.c.person.in_(list(counts)))).all()
    by_fact: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pid, eid, fid in pairs:
        by_fact[fid].append((pid, eid))
    edges: dict[tuple[str, str], dict] = {}
    for members in by_fact.values():
        for i, (pa, eid) in enumerate(members):
            for pb, _ in members[i + 1:]:
                ka, kb = sorted((id_of[pa], id_of[pb]))
                if ka == kb:
                    continue
                ed = edges.setdefault((ka, kb), {"source": ka, "target": kb, "events": []})
                if eid not in ed["events"]:
                    ed["events"].append(eid)
    keep = sorted(nodes.values(), key=lambda n: (-n["events"], n["name"]))
    return {"nodes": keep, "edges": [{**ed, "weight": len(ed["events"])} for ed in edges.values()]}
