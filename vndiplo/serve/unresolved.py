"""Read-side views for a store whose facts were never resolved into entities: grouping here.

Event records with the same participants on overlapping dates are one event
with several sources; person records and event participants with the same
name (marks and case ignored) are one person. This reads whole tables, so it
serves small stores; `vndiplo resolve` (run by every extraction into the
store) makes the indexed views of `vndiplo.serve.resolved` available instead.
The shapes are those of `vndiplo.serve.queries`.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from sqlalchemy.orm import Session

from vndiplo.resolve.events import event_countries
from vndiplo.store.keys import role_key
from vndiplo.serve.facts import (
    StoredFact, country_name, date_bounds, english_fields, facet_fields, label, load_facts, name_key, overlaps, widen_role,
)
from vndiplo.serve.datemarks import from_payloads
from vndiplo.serve.memo import memo
from vndiplo.store.models import DocumentRow, FactRow

__all__ = ["events", "events_page", "event_by_id", "bilateral_events", "persons_page", "person_view", "network"]


def _page(items: list, limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


def _same_event(a: StoredFact, b: StoredFact) -> bool:
    ka, kb = a.extra["names"], b.extra["names"]
    if not ka or not kb or not (ka <= kb or kb <= ka):
        return False
    return overlaps(a.payload.get("date"), b.payload.get("date"))


def events(s: Session) -> list[dict[str, Any]]:
    """Every event, merged across articles, newest first (built once per store version; shared:
    callers must not change it)."""
    return memo(s, "unresolved events", lambda: _build_events(s))


def _build_events(s: Session) -> list[dict[str, Any]]:
    """Every event: event facts with the same participants on overlapping dates are one, newest first."""
    facts = load_facts(s, ["event"])
    groups: list[list[StoredFact]] = []
    for f in facts:
        f.extra["names"] = frozenset(name_key(p["name"]) for p in f.get("participants", []) if p.get("name"))
        for g in groups:
            if _same_event(g[0], f):
                g.append(f)
                break
        else:
            groups.append([f])
    events = [_merge_event(g) for g in groups]
    events.sort(key=lambda e: (e["sort_date"] or "", e["id"]), reverse=True)
    return events


def _merge_event(group: list[StoredFact]) -> dict[str, Any]:
    # The most precise date and the longest participant list win; every source is kept.
    best = max(group, key=lambda f: (len(f.get("participants", [])), len(f.get("date", "") or "")))
    dates = [f.payload.get("date") for f in group if f.payload.get("date")]
    d = min(dates, key=_width) if dates else None
    p = best.payload
    bounds = date_bounds(d) or date_bounds(best.source.published)
    parts = [{"name": x.get("name"), "country": x.get("country"), "role": x.get("role"),
              "country_name": country_name(x.get("country"))} for x in p.get("participants") or []]
    loc = p.get("location") or None
    return english_fields({
        "id": min(f.id for f in group), "kind": p.get("kind"), "kind_label": label("kind", p.get("kind")),
        "date": d, "sort_date": bounds[0] if bounds else None, "participants": parts,
        "location": ({"place": loc.get("place"), "country": loc.get("country"),
                      "country_name": country_name(loc.get("country"))} if loc else None),
        "occasion": next((f.payload["occasion"] for f in group if f.payload.get("occasion")), None),
        "countries": sorted(set().union(*(event_countries(f.payload) for f in group))),
        **facet_fields(parts, " ; ".join(f.payload["occasion"] for f in group if f.payload.get("occasion")),
                       set().union(*(event_countries(f.payload) for f in group))),
        "sources": [f.source.as_dict() for f in group],
        **from_payloads([f.payload for f in group], d,
                        max((f.source.published for f in group if f.source.published), default=None)),
    })


def _width(d: str) -> int:
    b = date_bounds(d)
    if not b:
        return 10 ** 6
    return (date.fromisoformat(b[1]) - date.fromisoformat(b[0])).days


def _person_in(e: dict, key: str) -> bool:
    for p in e["participants"]:
        k = name_key(p["name"] or "")
        if k == key or (len(key.split()) >= 2 and set(key.split()) <= set(k.split())):
            return True
    return False


def events_page(s: Session, code: str | None = None, person: str | None = None, kind: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 50,
                offset: int = 0, level: str | None = None, venue: str | None = None,
                sort: str = "newest") -> dict[str, Any]:
    """Events filtered by country code, person, kind, date range, level and venue; newest first
    (`sort`: oldest, sources = the most reported first; undated last)."""
    items = events(s)
    if code:
        items = [e for e in items if code in e["countries"]]
    if person:
        key = name_key(person)
        items = [e for e in items if _person_in(e, key)]
    if kind:
        items = [e for e in items if e["kind"] == kind]
    if since:
        items = [e for e in items if e["sort_date"] and (date_bounds(e["date"]) or (e["sort_date"],) * 2)[1] >= since]
    if until:
        items = [e for e in items if e["sort_date"] and e["sort_date"] <= until]
    if level:
        items = [e for e in items if level in e["levels"]]
    if venue:
        items = [e for e in items if e["venue"] == venue]
    if sort == "oldest":
        dated = [e for e in items if e["sort_date"]]
        items = sorted(dated, key=lambda e: (e["sort_date"], e["id"])) + [e for e in items if not e["sort_date"]]
    elif sort == "sources":
        items = sorted(items, key=lambda e: len(e["sources"]), reverse=True)  # stable: newest first within
    return _page(items, limit, offset)


def event_by_id(s: Session, event_id: int) -> dict[str, Any] | None:
    """One event with every source; `event_id` is the id of any of its facts."""
    for e in events(s):
        if e["id"] == event_id:
            return e
    # An id of a merged-away fact still finds its event.
    row = s.get(FactRow, event_id)
    if row is not None and row.type == "event":
        doc = s.get(DocumentRow, row.document_id)
        for e in events(s):
            if any(src["doc"] == doc.doc_id and src["span"] == [row.start, row.end] for src in e["sources"]):
                return e
    return None


# -- persons (named in person facts and as event participants) --------------------------------

def _persons(s: Session) -> dict[str, dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}

    def entry(name: str, country: str | None) -> dict[str, Any]:
        k = name_key(name)
        p = people.setdefault(k, {"name": name, "key": k, "country": country, "roles": {}, "events": [],
                                  "sources": []})
        if country and not p["country"]:
            p["country"] = country
        return p

    def add_role(p: dict, role: str, when: str | None, doc: str) -> None:
        role = role.strip()
        if not role:
            return
        # One office however it is spelt ("Bộ trưởng Bộ Ngoại giao" = "Bộ trưởng Ngoại giao").
        widen_role(p["roles"], role_key(role), role, when, doc)

    for f in load_facts(s, ["person"]):
        if not f.get("name"):
            continue
        p = entry(f.payload["name"], f.payload.get("country"))
        p["sources"].append(f.source.as_dict())
        for role in f.get("roles", []):
            add_role(p, role, f.source.published, f.source.doc_id)
    for e in events(s):
        when = e["sort_date"]
        for part in e["participants"]:
            if not part["name"]:
                continue
            p = entry(part["name"], part["country"])
            p["events"].append(e)
            for role in (part["role"] or "").split(", "):
                add_role(p, role, when, e["sources"][0]["doc"])
    return people


def _person_summary(p: dict) -> dict[str, Any]:
    roles = sorted(p["roles"].values(), key=lambda r: (r["first"] or "", r["role"]))
    latest = max((r["last"] or "" for r in roles), default="")
    return {"name": p["name"], "country": p["country"], "country_name": country_name(p["country"]),
            "current_roles": [r["role"] for r in roles if (r["last"] or "") == latest],
            "events": len(p["events"]), "documents": len({x["doc"] for x in p["sources"]}
                                                         | {src["doc"] for e in p["events"] for src in e["sources"]})}


def persons_page(s: Session, q: str | None = None, code: str | None = None, limit: int = 50,
                 offset: int = 0) -> dict[str, Any]:
    """Persons, most active first, optionally filtered by a name fragment or a country."""
    people = list(_persons(s).values())
    if q:
        words = name_key(q).split()
        people = [p for p in people if all(w in p["key"].split() or w in p["key"] for w in words)]
    if code:
        people = [p for p in people if p["country"] == code]
    items = sorted((_person_summary(p) for p in people), key=lambda x: (-x["events"], x["name"]))
    return _page(items, limit, offset)


def _find_person(people: dict[str, dict], name: str) -> dict | None:
    key = name_key(name)
    if key in people:
        return people[key]
    words = set(key.split())
    hits = [p for p in people.values() if words and words <= set(p["key"].split())]
    return hits[0] if len(hits) == 1 else None


def person_view(s: Session, name: str) -> dict[str, Any] | None:
    """A person: roles over time (first and last seen, with sources) and meetings, newest first."""
    p = _find_person(_persons(s), name)
    if p is None:
        return None
    out = _person_summary(p)
    out["roles"] = sorted(p["roles"].values(), key=lambda r: (r["first"] or "", r["role"]))
    seen, meetings = set(), []
    for e in sorted(p["events"], key=lambda e: (e["sort_date"] or "", e["id"]), reverse=True):
        if e["id"] in seen:
            continue
        seen.add(e["id"])
        others = [x for x in e["participants"] if name_key(x["name"] or "") != p["key"]]
        meetings.append({**e, "with": others})
    out["meetings"], out["meeting_count"] = meetings, len(meetings)
    out["sources"] = p["sources"]
    return out


def network(s: Session, code: str | None = None, limit: int = 60) -> dict[str, Any]:
    """Who met whom: persons as nodes, one edge per pair that took part in the same events."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    for e in events(s):
        if code and code not in e["countries"]:
            continue
        ps = [p for p in e["participants"] if p["name"]]
        for p in ps:
            k = name_key(p["name"])
            n = nodes.setdefault(k, {"id": k, "name": p["name"], "country": p["country"], "events": 0})
            n["events"] += 1
        for i, a in enumerate(ps):
            for b in ps[i + 1:]:
                ka, kb = sorted((name_key(a["name"]), name_key(b["name"])))
                if ka == kb:
                    continue
                ed = edges.setdefault((ka, kb), {"source": ka, "target": kb, "events": []})
                ed["events"].append(e["id"])
    keep = sorted(nodes.values(), key=lambda n: (-n["events"], n["name"]))[:limit]
    ids = {n["id"] for n in keep}
    return {"nodes": keep, "edges": [{**ed, "weight": len(ed["events"])} for ed in edges.values()
                                     if ed["source"] in ids and ed["target"] in ids]}


def bilateral_events(s: Session, a: str, b: str) -> Iterable[dict[str, Any]]:
    """Events involving both countries, newest first."""
    return (e for e in events(s) if a in e["countries"] and b in e["countries"])
