"""Read-side queries the CLI, the HTTP API and the web pages share (plain dicts out).

Events are the store's resolved event entities (vndiplo.resolve) when the
store has them; a store whose facts were never resolved falls back to grouping
here: event records with the same participants on overlapping dates are one
event with several sources. Person records and event participants with the
same name (marks and case ignored) are one person.
"""
from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vndiplo.serve.charts import money
from vndiplo.serve.facts import store_version
from vndiplo.serve.facts import (
    Source, StoredFact, country_name, date_bounds, label, level_rank, load_facts, name_key, overlaps,
    resolve_country,
)
from vndiplo.resolve.names import role_key
from vndiplo.store.entities import EntityRow, EntitySourceRow
from vndiplo.store.models import DocumentRow, FactRow, SentenceRow

__all__ = [
    "NotFound", "list_documents", "get_document", "list_events", "get_event", "list_persons",
    "get_person", "list_countries", "country_dossier", "list_figures", "list_anniversaries",
    "network", "HOME",
]

HOME = "VN"  # the country whose diplomacy the knowledge base follows


class NotFound(LookupError):
    """No stored item matches the given id or name."""


def _page(items: list, limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


# -- documents -------------------------------------------------------------------------------

def _doc_summary(r: DocumentRow, n_facts: int = 0) -> dict[str, Any]:
    return {"doc": r.doc_id, "title": r.title, "published": r.published, "outlet": r.outlet,
            "url": r.url, "source": r.source, "facts": n_facts}


def list_documents(s: Session, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stored documents, newest first."""
    total = s.scalar(select(func.count(DocumentRow.id))) or 0
    counts = dict(s.execute(select(FactRow.document_id, func.count(FactRow.id)).group_by(FactRow.document_id)).all())
    rows = s.scalars(select(DocumentRow).order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.doc_id)
                     .limit(limit).offset(offset)).all()
    return {"total": total, "limit": limit, "offset": offset,
            "items": [_doc_summary(r, counts.get(r.id, 0)) for r in rows]}


def get_document(s: Session, doc_id: str) -> dict[str, Any]:
    """One document: metadata, cleaned text, sentence offsets and its facts as records."""
    r = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
    if r is None:
        raise NotFound(f"no document {doc_id!r}")
    sents = s.execute(select(SentenceRow.start, SentenceRow.end).where(SentenceRow.document_id == r.id)
                      .order_by(SentenceRow.idx)).all()
    facts = s.scalars(select(FactRow).where(FactRow.document_id == r.id).order_by(FactRow.id)).all()
    return {**_doc_summary(r, len(facts)), "text": r.text,
            "sentences": [[a, b] for a, b in sents],
            "records": [{"id": f.id, "type": f.type, **(f.payload or {}), "evidence": f.evidence,
                         "span": [f.start, f.end]} for f in facts]}


# -- events ----------------------------------------------------------------------------------

def _event_countries(p: dict) -> set[str]:
    cs = {x.get("country") for x in p.get("participants") or [] if x.get("country")}
    loc = p.get("location") or {}
    if loc.get("country"):
        cs.add(loc["country"])
    return cs


def _same_event(a: StoredFact, b: StoredFact) -> bool:
    ka, kb = a.extra["names"], b.extra["names"]
    if not ka or not kb or not (ka <= kb or kb <= ka):
        return False
    return overlaps(a.payload.get("date"), b.payload.get("date"))


# Building every event costs time in proportion to the whole store, so the list is kept per
# database and rebuilt only when the store changes (documents, facts or resolved entities).
_EVENTS_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> (stamp, events)
_EVENTS_LOCK = threading.Lock()


def _events_stamp(s: Session) -> str:
    e = s.execute(select(func.count(EntityRow.id), func.max(EntityRow.id), func.max(EntityRow.updated_at))).one()
    n_src = s.scalar(select(func.count(EntitySourceRow.id)))
    return f"{store_version(s)}|{e[0]}:{e[1]}:{e[2]}:{n_src}"


def _events(s: Session) -> list[dict[str, Any]]:
    """Every event, merged across articles, newest first (shared: callers must not change it)."""
    key, stamp = s.get_bind(), _events_stamp(s)
    hit = _EVENTS_CACHE.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    with _EVENTS_LOCK:  # one build at a time: concurrent requests wait for it instead of repeating it
        hit = _EVENTS_CACHE.get(key)
        if hit and hit[0] == stamp:
            return hit[1]
        events = _build_events(s)
        _EVENTS_CACHE[key] = (stamp, events)
        return events


def _build_events(s: Session) -> list[dict[str, Any]]:
    """Every event, merged across articles, newest first (resolved entities when the store has them)."""
    if s.scalar(select(func.count(EntityRow.id)).where(EntityRow.type == "event")):
        return _entity_events(s)
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


def _first_value(variants: Any) -> Any:
    """The most supported variant of a resolved field (lists of {value, sources}), or the value itself."""
    if isinstance(variants, list):
        return variants[0].get("value") if variants else None
    return variants


def _distinct_roles(roles: list[str]) -> list[str]:
    """Roles without the spelling variants of the same office ("Bộ trưởng Bộ Ngoại giao" = "Bộ trưởng Ngoại giao")."""
    seen, out = set(), []
    for r in roles:
        k = role_key(r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _entity_events(s: Session) -> list[dict[str, Any]]:
    """Events as `vndiplo.resolve` merged them, each with the facts (sources) that support it."""
    sources: dict[int, list[dict]] = defaultdict(list)
    q = (select(EntitySourceRow.entity_id, FactRow.evidence, FactRow.start, FactRow.end, DocumentRow.doc_id,
                DocumentRow.title, DocumentRow.published, DocumentRow.outlet, DocumentRow.url)
         .join(EntityRow, EntityRow.id == EntitySourceRow.entity_id)
         .join(FactRow, FactRow.id == EntitySourceRow.fact_id)
         .join(DocumentRow, DocumentRow.id == EntitySourceRow.document_id)
         .where(EntityRow.type == "event", EntitySourceRow.role == "subject")
         .order_by(EntitySourceRow.date, EntitySourceRow.id))
    for r in s.execute(q):
        sources[r.entity_id].append(Source(r.doc_id, r.title, r.published, r.outlet, r.url, r.evidence or "",
                                           r.start, r.end).as_dict())
    out = []
    for e in s.scalars(select(EntityRow).where(EntityRow.type == "event")):
        d = e.data or {}
        date_ = _first_value(d.get("dates")) or (
            e.date_start if e.date_start == e.date_end else "/".join(x for x in (e.date_start, e.date_end) if x)) or None
        loc = _first_value(d.get("location")) or None
        parts = [{"name": p.get("name"), "country": p.get("country"),
                  "role": ", ".join(_distinct_roles(p.get("roles") or [])) or p.get("role"),
                  "country_name": country_name(p.get("country"))} for p in d.get("participants") or []]
        out.append({
            "id": e.id, "kind": d.get("kind"), "kind_label": label("kind", d.get("kind")), "date": date_,
            "sort_date": e.date_start, "participants": parts,
            "location": ({"place": loc.get("place"), "country": loc.get("country"),
                          "country_name": country_name(loc.get("country"))} if isinstance(loc, dict) else None),
            "occasion": _first_value(d.get("occasion")) or None,
            "countries": sorted(d.get("countries") or []),
            "sources": sources.get(e.id, []),
        })
    out.sort(key=lambda e: (e["sort_date"] or "", e["id"]), reverse=True)
    return out


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
    return {
        "id": min(f.id for f in group), "kind": p.get("kind"), "kind_label": label("kind", p.get("kind")),
        "date": d, "sort_date": bounds[0] if bounds else None, "participants": parts,
        "location": ({"place": loc.get("place"), "country": loc.get("country"),
                      "country_name": country_name(loc.get("country"))} if loc else None),
        "occasion": next((f.payload["occasion"] for f in group if f.payload.get("occasion")), None),
        "countries": sorted(set().union(*(_event_countries(f.payload) for f in group))),
        "sources": [f.source.as_dict() for f in group],
    }


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


def list_events(s: Session, country: str | None = None, person: str | None = None, kind: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    """Events, newest first, filtered by country (code or name), person, kind and date range."""
    items = _events(s)
    if country:
        code = resolve_country(country)
        if code is None:
            raise NotFound(f"unknown country {country!r}")
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
    return _page(items, limit, offset)


def get_event(s: Session, event_id: int) -> dict[str, Any]:
    """One event with every source; `event_id` is the id of any of its facts."""
    for e in _events(s):
        if e["id"] == event_id:
            return e
    # An id of a merged-away fact still finds its event.
    row = s.get(FactRow, event_id)
    if row is not None and row.type == "event":
        doc = s.get(DocumentRow, row.document_id)
        for e in _events(s):
            if any(src["doc"] == doc.doc_id and src["span"] == [row.start, row.end] for src in e["sources"]):
                return e
    raise NotFound(f"no event {event_id}")


# -- persons ---------------------------------------------------------------------------------

def _persons(s: Session, events: list[dict] | None = None) -> dict[str, dict[str, Any]]:
    events = _events(s) if events is None else events
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
        r = p["roles"].setdefault(role_key(role), {"role": role, "first": when, "last": when, "sources": []})
        if when and (not r["first"] or when < r["first"]):
            r["first"] = when
        if when and (not r["last"] or when > r["last"]):
            r["last"] = when
        if doc not in r["sources"]:
            r["sources"].append(doc)

    for f in load_facts(s, ["person"]):
        if not f.get("name"):
            continue
        p = entry(f.payload["name"], f.payload.get("country"))
        p["sources"].append(f.source.as_dict())
        for role in f.get("roles", []):
            add_role(p, role, f.source.published, f.source.doc_id)
    for e in events:
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


def list_persons(s: Session, q: str | None = None, country: str | None = None, limit: int = 50,
                 offset: int = 0) -> dict[str, Any]:
    """Persons, most active first, optionally filtered by a name fragment or a country."""
    people = list(_persons(s).values())
    if q:
        words = name_key(q).split()
        people = [p for p in people if all(w in p["key"].split() or w in p["key"] for w in words)]
    if country:
        code = resolve_country(country)
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


def get_person(s: Session, name: str) -> dict[str, Any]:
    """A person: roles over time (first and last seen, with sources) and meetings, newest first."""
    p = _find_person(_persons(s), name)
    if p is None:
        raise NotFound(f"no person {name!r}")
    out = _person_summary(p)
    out["roles"] = sorted(p["roles"].values(), key=lambda r: (r["first"] or "", r["role"]))
    seen, meetings = set(), []
    for e in sorted(p["events"], key=lambda e: (e["sort_date"] or "", e["id"]), reverse=True):
        if e["id"] in seen:
            continue
        seen.add(e["id"])
        others = [x for x in e["participants"] if name_key(x["name"] or "") != p["key"]]
        meetings.append({**e, "with": others})
    out["meetings"] = meetings
    out["sources"] = p["sources"]
    return out


# -- figures, anniversaries ------------------------------------------------------------------

def _figure(f: StoredFact) -> dict[str, Any]:
    p = f.payload
    return {"id": f.id, "metric": p.get("metric"), "metric_label": label("metric", p.get("metric")),
            "parties": p.get("parties") or [], "value": p.get("value"), "unit": p.get("unit") or "USD",
            "period": p.get("period"), "change_pct": p.get("change_pct"), "is_target": bool(p.get("is_target")),
            "named": f.source.published, "source": f.source.as_dict()}


def list_figures(s: Session, country: str | None = None, metric: str | None = None,
                 target: bool | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Figures (actuals and targets), in the order of the period they cover."""
    items = [_figure(f) for f in load_facts(s, ["figure"])]
    if country:
        code = resolve_country(country)
        if code is None:
            raise NotFound(f"unknown country {country!r}")
        items = [x for x in items if code in x["parties"]]
    if metric:
        items = [x for x in items if x["metric"] == metric]
    if target is not None:
        items = [x for x in items if x["is_target"] == target]
    items.sort(key=lambda x: ((date_bounds(x["period"]) or ("",))[0], x["named"] or "", x["id"]))
    return _page(items, limit, offset)


def _next_occurrence(a: dict, today: date) -> tuple[str | None, int | None]:
    """The next date (on or after today) an anniversary falls on, and how many years it marks."""
    start = a.get("start")
    if start and len(start) == 10:
        y, m, d = int(start[:4]), int(start[5:7]), int(start[8:10])
        for year in (today.year, today.year + 1):
            try:
                when = date(year, m, d)
            except ValueError:  # 29 February
                when = date(year, 3, 1)
            if when >= today:
                return when.isoformat(), year - y
    dt = a.get("date")
    if dt and len(dt) == 10 and dt >= today.isoformat():
        return dt, a.get("years")
    return None, None


def list_anniversaries(s: Session, country: str | None = None, today: date | None = None,
                       days: int = 366) -> list[dict[str, Any]]:
    """Anniversaries falling in the next `days` days (recurring from their start date), soonest first."""
    today = today or date.today()
    code = resolve_country(country) if country else None
    by_key: dict[tuple, dict] = {}
    for f in load_facts(s, ["anniversary"]):
        p = f.payload
        if code and code not in (p.get("parties") or []):
            continue
        when, years = _next_occurrence(p, today)
        if when is None or (date.fromisoformat(when) - today).days > days:
            continue
        k = (when, p.get("start"), name_key(p.get("name") or ""))
        item = by_key.setdefault(k, {"name": p.get("name"), "start": p.get("start"), "date": when,
                                     "years": years, "parties": p.get("parties") or [],
                                     "milestone": bool(years and years % 5 == 0), "sources": []})
        item["sources"].append(f.source.as_dict())
    return sorted(by_key.values(), key=lambda a: (a["date"], a["name"] or ""))


# -- countries -------------------------------------------------------------------------------

def _codes_of(f: StoredFact) -> set[str]:
    p = f.payload
    if f.type == "event":
        return _event_countries(p)
    if f.type == "person":
        return {p["country"]} if p.get("country") else set()
    return set(p.get("parties") or [])


def list_countries(s: Session) -> list[dict[str, Any]]:
    """Every country, organisation or province the facts name, with fact counts, busiest first."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in load_facts(s):
        for c in _codes_of(f):
            counts[c][f.type] += 1
    items = [{"code": c, "name": country_name(c), "facts": sum(n.values()), "by_type": dict(n)}
             for c, n in counts.items() if c != HOME]
    return sorted(items, key=lambda x: (-x["facts"], x["code"]))


def _with_home(parties: list[str], code: str) -> bool:
    return code in parties and (HOME in parties or code == HOME)


def country_dossier(s: Session, country: str, today: date | None = None) -> dict[str, Any]:
    """Everything known about one country's relationship with Vietnam.

    Framework (relationship levels named, with sources), the latest meeting and
    the targets named in its sources, recent events, trade figures and targets,
    mechanisms with their sessions, commitments with their status, and
    upcoming anniversaries.
    """
    code = resolve_country(country)
    if code is None:
        raise NotFound(f"unknown country {country!r}")
    events = [e for e in _events(s) if code in e["countries"]]
    facts = load_facts(s, ["relation", "figure", "mechanism"])

    levels: dict[str, dict] = {}
    for f in facts:
        if f.type == "relation" and _with_home(f.get("parties", []), code):
            lv = f.get("level", "other")
            r = levels.setdefault(lv, {"level": lv, "label": label("level", lv), "label_en": label("level", lv, "en"),
                                       "first": f.source.published, "last": f.source.published, "sources": []})
            r["last"] = max(filter(None, [r["last"], f.source.published]), default=None)
            r["sources"].append(f.source.as_dict())
    framework = sorted(levels.values(), key=lambda r: level_rank(r["level"]))

    figures = [_figure(f) for f in facts if f.type == "figure" and _with_home(f.get("parties", []), code)]
    actuals = sorted((x for x in figures if not x["is_target"] and x["period"]),
                     key=lambda x: (date_bounds(x["period"]) or ("", ""))[::-1])
    # A target restated in several articles is listed once, with its most recent statement.
    targets, seen = [], set()
    for x in sorted((x for x in figures if x["is_target"]), key=lambda x: x["named"] or "", reverse=True):
        k = (x["metric"], x["value"], x["unit"], x["period"], tuple(sorted(x["parties"])))
        if k not in seen:
            seen.add(k)
            targets.append(x)

    bilateral = [e for e in events if HOME in e["countries"] and code != HOME
                 and any(p["country"] == code for p in e["participants"])
                 and any(p["country"] == HOME for p in e["participants"])]
    latest = None
    if bilateral:
        latest = dict(bilateral[0])
        docs = {src["doc"] for src in latest["sources"]}
        named = [x for x in figures if x["is_target"] and x["source"]["doc"] in docs]
        latest["targets"] = [t for t in targets if any(
            (n["metric"], n["value"], n["period"]) == (t["metric"], t["value"], t["period"]) for n in named)]

    mechs: dict[str, dict] = {}
    by_office = _latest_by_office(bilateral, code)
    for f in facts:
        if f.type == "mechanism" and code in (f.get("parties") or []):
            k = name_key(f.payload.get("name") or "")
            m = mechs.setdefault(k, {"name": f.payload.get("name"), "parties": f.get("parties", []),
                                     "period": f.payload.get("period"), "sessions": [], "sources": []})
            m["sources"].append(f.source.as_dict())
            if f.payload.get("session") is not None and f.payload["session"] not in [x["session"] for x in m["sessions"]]:
                m["sessions"].append({"session": f.payload["session"], "named": f.source.published,
                                      "doc": f.source.doc_id})
    mechanisms = sorted(mechs.values(), key=lambda m: (-len(m["sources"]), m["name"] or ""))
    for m in mechanisms:
        m["sessions"].sort(key=lambda x: x["session"])

    commitments = _commitments(targets, actuals, mechanisms, today or date.today())
    return {
        "code": code, "name": country_name(code), "framework": framework, "latest_meeting": latest,
        "latest_by_office": by_office,
        "events": events[:30], "event_count": len(events),
        "trade": {"actuals": actuals, "targets": targets},
        "mechanisms": mechanisms, "commitments": commitments,
        "anniversaries": list_anniversaries(s, code, today),
    }


def _latest_by_office(bilateral: list[dict], code: str, limit: int = 12) -> list[dict[str, Any]]:
    """For each pair of offices (a Vietnamese role, a counterpart role), the latest event between their holders.

    Answers "when did Vietnam's foreign minister last meet Cambodia's" even when
    the office holders changed or a newer meeting at another level exists.
    """
    best: dict[tuple[str, str], dict] = {}
    for e in bilateral:  # newest first: the first event seen for a pair is its latest
        home = [p for p in e["participants"] if p["country"] == HOME]
        other = [p for p in e["participants"] if p["country"] == code]
        for a in home:
            for b in other:
                for ra in _distinct_roles((a["role"] or "").split(", ")):
                    for rb in _distinct_roles((b["role"] or "").split(", ")):
                        if not ra.strip() or not rb.strip():
                            continue
                        k = (role_key(ra), role_key(rb))
                        if k not in best:
                            best[k] = {"home_role": ra.strip(), "home_name": a["name"], "other_role": rb.strip(),
                                       "other_name": b["name"], "event_id": e["id"], "date": e["date"],
                                       "kind": e["kind"]}
    rows = sorted(best.values(), key=lambda r: ((date_bounds(r["date"]) or ("",))[0], r["home_role"]), reverse=True)
    return rows[:limit]


def _commitments(targets: list[dict], actuals: list[dict], mechanisms: list[dict], today: date) -> list[dict]:
    """Targets and time-bound programmes, each with a status read from the figures and dates."""
    out = []
    for t in targets:
        same = [a for a in actuals if a["metric"] == t["metric"] and set(a["parties"]) == set(t["parties"])]
        last = same[-1] if same else None
        if last and t["value"] and last["value"] is not None and last["value"] >= t["value"]:
            status = "reached"
        elif t["period"] and (date_bounds(t["period"]) or ("9999",) * 2)[1] < today.isoformat():
            status = "deadline passed"
        else:
            status = "open"
        out.append({"kind": "target", "what": f"{label('metric', t['metric'])}: {money(t['value'], t['unit'])}",
                    "value": t["value"], "unit": t["unit"], "period": t["period"], "named": t["named"],
                    "status": status, "latest_actual": last, "source": t["source"]})
    for m in mechanisms:
        b = date_bounds(m["period"])
        if not b:
            continue
        status = "completed" if b[1] < today.isoformat() else ("in force" if b[0] <= today.isoformat() else "planned")
        out.append({"kind": "programme", "what": m["name"], "value": None, "unit": None, "period": m["period"],
                    "named": m["sources"][0]["published"], "status": status, "latest_actual": None,
                    "source": m["sources"][0]})
    return out


# -- network ---------------------------------------------------------------------------------

def network(s: Session, country: str | None = None, limit: int = 60) -> dict[str, Any]:
    """Who met whom: persons as nodes, one edge per pair that took part in the same events."""
    code = resolve_country(country) if country else None
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    for e in _events(s):
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
