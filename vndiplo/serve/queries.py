"""Read-side queries the CLI, the HTTP API and the web pages share (plain dicts out).

Events and persons are the store's resolved entities, read page by page
through its indexes (`vndiplo.serve.resolved`); a store whose facts were never
resolved is grouped in Python instead (`vndiplo.serve.unresolved`). Views
that must read whole tables (the country list, anniversaries, the network)
are kept per store version (`memo`), which database triggers move on every
write.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vndiplo.resolve.events import event_countries
from vndiplo.resolve.facets import LEVELS, VENUES
from vndiplo.resolve.persons import HOME
from vndiplo.store.keys import role_key
from vndiplo.serve import resolved, unresolved
from vndiplo.serve.datemarks import latest_of
from vndiplo.serve.charts import money
from vndiplo.serve.english import mechanism_english
from vndiplo.serve.memo import memo
from vndiplo.serve.facts import (
    StoredFact, country_name, date_bounds, label, level_rank, load_facts, name_key, resolve_country,
)
from vndiplo.serve.resolved import distinct_roles
from vndiplo.store.models import DocumentRow, FactRow, SentenceRow

__all__ = [
    "NotFound", "list_documents", "document_texts", "get_document", "list_events", "get_event", "list_persons",
    "get_person", "list_countries", "country_dossier", "list_figures", "list_anniversaries",
    "network", "HOME",
]



class NotFound(LookupError):
    """No stored item matches the given id or name."""


def _page(items: list, limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


# -- documents -------------------------------------------------------------------------------

def _doc_summary(r: DocumentRow, n_facts: int = 0, duplicate_of: str | None = None) -> dict[str, Any]:
    return {"doc": r.doc_id, "title": r.title, "published": r.published, "outlet": r.outlet,
            "url": r.url, "source": r.source, "facts": n_facts, "near_duplicate_of": duplicate_of,
            "similarity": r.similarity if duplicate_of else None}


def list_documents(s: Session, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stored documents, newest first (by publication date, then the latest stored; undated last)."""
    # Page ids on the `published` index, then read the page's rows: sorting whole rows (their texts
    # included) to show 50 of them would read the store.
    q = select(DocumentRow.id, DocumentRow.published.label("date_start"))
    total, ids = resolved.newest_first(s, q, DocumentRow.published, DocumentRow.id, limit, offset)
    by_id = {r.id: r for r in s.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)))} if ids else {}
    rows = [by_id[i] for i in ids if i in by_id]
    counts = dict(s.execute(select(FactRow.document_id, func.count(FactRow.id))
                            .where(FactRow.document_id.in_(ids))
                            .group_by(FactRow.document_id)).all()) if ids else {}
    dup_ids = {r.near_duplicate_of for r in rows if r.near_duplicate_of}
    dups = dict(s.execute(select(DocumentRow.id, DocumentRow.doc_id).where(DocumentRow.id.in_(dup_ids))).all()) \
        if dup_ids else {}
    copies: dict[int, list[str]] = defaultdict(list)  # later documents that nearly duplicate one of the page
    if ids:
        for of, doc_id in s.execute(select(DocumentRow.near_duplicate_of, DocumentRow.doc_id)
                                    .where(DocumentRow.near_duplicate_of.in_(ids)).order_by(DocumentRow.doc_id)):
            copies[of].append(doc_id)
    return {"total": total, "limit": limit, "offset": offset,
            "items": [{**_doc_summary(r, counts.get(r.id, 0), dups.get(r.near_duplicate_of)),
                       "near_duplicates": copies.get(r.id, [])} for r in rows]}


def document_texts(s: Session, doc_ids: list[str]) -> dict[str, str]:
    """The cleaned texts of several documents (what an event page highlights its sources in)."""
    rows = s.execute(select(DocumentRow.doc_id, DocumentRow.text).where(DocumentRow.doc_id.in_(set(doc_ids))))
    return {doc_id: text or "" for doc_id, text in rows}


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

def _view(s: Session):
    """Entity views paged in SQL for a resolved store; grouping in Python for one never resolved."""
    return resolved if resolved.has_entities(s) else unresolved


def _country(country: str | None) -> str | None:
    if not country:
        return None
    code = resolve_country(country)
    if code is None:
        raise NotFound(f"unknown country {country!r}")
    return code


SORTS = ("newest", "oldest", "sources")


def list_events(s: Session, country: str | None = None, person: str | None = None, kind: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 50,
                offset: int = 0, level: str | None = None, venue: str | None = None,
                sort: str = "newest") -> dict[str, Any]:
    """Events filtered by country (code or name), person, kind, date range, level of the participants
    (LEVELS: head, minister, deputy, party, assembly, province) and venue (bilateral, multilateral);
    newest first, or `sort` oldest / sources (the most reported first)."""
    if level and level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    if venue and venue not in VENUES:
        raise ValueError(f"venue must be one of {', '.join(VENUES)}")
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    return _view(s).events_page(s, _country(country), person, kind, since, until, limit, offset,
                                level=level, venue=venue, sort=sort)


def get_event(s: Session, event_id: int) -> dict[str, Any]:
    """One event with every source; `event_id` is the event's id or the id of any of its facts."""
    e = _view(s).event_by_id(s, event_id)
    if e is None:
        raise NotFound(f"no event {event_id}")
    return e


# -- persons ---------------------------------------------------------------------------------

def list_persons(s: Session, q: str | None = None, country: str | None = None, limit: int = 50,
                 offset: int = 0) -> dict[str, Any]:
    """Persons, most active first, optionally filtered by a name fragment or a country."""
    code = resolve_country(country) if country else None
    if country and code is None:
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    return _view(s).persons_page(s, q, code, limit, offset)


def get_person(s: Session, name: str) -> dict[str, Any]:
    """A person: roles over time (first and last seen, with sources) and meetings, newest first."""
    p = _view(s).person_view(s, name)
    if p is None:
        raise NotFound(f"no person {name!r}")
    return p


# -- figures, anniversaries ------------------------------------------------------------------

def _figure(f: StoredFact) -> dict[str, Any]:
    p = f.payload
    return {"id": f.id, "metric": p.get("metric"), "metric_label": label("metric", p.get("metric")),
            "parties": p.get("parties") or [], "value": p.get("value"), "unit": p.get("unit") or "USD",
            "period": p.get("period"), "period_kind": period_kind(p.get("period")),
            "change_pct": p.get("change_pct"), "is_target": bool(p.get("is_target")),
            "named": f.source.published, "source": f.source.as_dict()}


def period_kind(period: str | None) -> str:
    """"year" for a whole calendar year (2024), "part" for part of one (2025-01/2025-06, 2025-03, a
    year to date), "span" for several years, "" when unknown: the chart never joins a year and a part."""
    b = date_bounds(period)
    if not b:
        return ""
    a, z = b
    if a[:4] != z[:4]:
        return "span"
    return "year" if (a[5:], z[5:]) == ("01-01", "12-31") else "part"


def list_figures(s: Session, country: str | None = None, metric: str | None = None,
                 target: bool | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Figures (actuals and targets), in the order of the period they cover."""
    code = _country(country)
    # Every figure (of a country) once per store version: lists are filtered and paged from it.
    items = memo(s, ("figures", code), lambda: sorted(
        (x for x in (_figure(f) for f in _topic_facts(s, code, ["figure"])) if not code or code in x["parties"]),
        key=lambda x: ((date_bounds(x["period"]) or ("",))[0], x["named"] or "", x["id"])))
    if metric:
        items = [x for x in items if x["metric"] == metric]
    if target is not None:
        items = [x for x in items if x["is_target"] == target]
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


def _previous_occurrence(a: dict, today: date) -> tuple[str | None, int | None]:
    """The last date (before today) an anniversary fell on, and how many years it marked."""
    start = a.get("start")
    if start and len(start) == 10:
        y, m, d = int(start[:4]), int(start[5:7]), int(start[8:10])
        for year in (today.year, today.year - 1):
            try:
                when = date(year, m, d)
            except ValueError:  # 29 February
                when = date(year, 3, 1)
            if when < today and year > y:
                return when.isoformat(), year - y
    dt = a.get("date")
    if dt and len(dt) == 10 and dt < today.isoformat():
        return dt, a.get("years")
    return None, None


def list_anniversaries(s: Session, country: str | None = None, today: date | None = None,
                       days: int = 366, past: bool = False) -> list[dict[str, Any]]:
    """Anniversaries falling in the next `days` days (recurring from their start date), soonest first;
    with `past`, those of the last `days` days, latest first."""
    today = today or date.today()
    code = resolve_country(country) if country else None
    by_key: dict[tuple, dict] = {}
    for f in memo(s, "anniversaries", lambda: load_facts(s, ["anniversary"])):
        p = f.payload
        if code and code not in (p.get("parties") or []):
            continue
        when, years = (_previous_occurrence if past else _next_occurrence)(p, today)
        if when is None or abs((date.fromisoformat(when) - today).days) > days:
            continue
        k = (when, p.get("start"), name_key(p.get("name") or ""))
        item = by_key.setdefault(k, {"name": p.get("name"), "start": p.get("start"), "date": when,
                                     "years": years, "parties": p.get("parties") or [],
                                     "milestone": bool(years and years % 5 == 0), "sources": []})
        item["sources"].append(f.source.as_dict())
    return sorted(by_key.values(), key=lambda a: (a["date"], a["name"] or ""), reverse=past)


# -- countries -------------------------------------------------------------------------------

def _codes_of(f: StoredFact) -> set[str]:
    p = f.payload
    if f.type == "event":
        return event_countries(p)
    if f.type == "person":
        return {p["country"]} if p.get("country") else set()
    return set(p.get("parties") or [])


def list_countries(s: Session) -> list[dict[str, Any]]:
    """Every country, organisation or province the facts name, with fact counts, busiest first."""
    return memo(s, "countries", lambda: _count_countries(s))


def _count_countries(s: Session) -> list[dict[str, Any]]:
    if resolved.has_entities(s):  # from the country index, not from every fact's JSON
        counts = resolved.country_counts(s)
        for c, n in _count_facts(s, ["anniversary"]).items():  # anniversaries have no entities
            counts.setdefault(c, {}).update(n)
    else:
        counts = _count_facts(s)
    items = [{"code": c, "name": country_name(c), "name_en": country_name(c, "en"), "facts": sum(n.values()), "by_type": dict(n)}
             for c, n in counts.items() if c != HOME]
    return sorted(items, key=lambda x: (-x["facts"], x["code"]))


def _count_facts(s: Session, types: list[str] | None = None) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    q = select(FactRow.type, FactRow.payload)
    if types:
        q = q.where(FactRow.type.in_(types))
    for i, (ftype, payload) in enumerate(s.execute(q.execution_options(yield_per=5000))):
        for c in _codes_of(StoredFact(i, ftype, payload or {}, None)):
            counts[c][ftype] += 1
    return counts


def _topic_facts(s: Session, code: str | None, types: list[str], view=None) -> list[StoredFact]:
    """Facts of `types` (relations, figures, mechanisms); on a resolved store only those behind the
    entities `code` is a party to (the caller still checks parties), read through the country index."""
    if code and (view or _view(s)) is resolved:
        return load_facts(s, types, ids=resolved.facts_of_country(s, code))
    return load_facts(s, types)


def _with_home(parties: list[str], code: str) -> bool:
    return code in parties and (HOME in parties or code == HOME)


def country_dossier(s: Session, country: str, today: date | None = None) -> dict[str, Any]:
    """Everything known about one country's relationship with Vietnam.

    Framework (relationship levels named, with sources), the latest meeting and
    the targets named in its sources, recent events, trade figures and targets,
    mechanisms with their sessions, commitments with their status, and
    upcoming anniversaries.
    """
    code = _country(country)
    view = _view(s)
    recent = view.events_page(s, code, limit=30)
    facts = _topic_facts(s, code, ["relation", "figure", "mechanism"], view)

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

    bilateral = (e for e in view.bilateral_events(s, HOME, code) if code != HOME
                 and any(p["country"] == code for p in e["participants"])
                 and any(p["country"] == HOME for p in e["participants"]))
    by_office, first = _latest_by_office(bilateral, code)
    first = latest_of(first, _undated_bilateral(s, view, code))
    latest = None
    if first is not None:
        latest = dict(view.event_by_id(s, first["id"]) or first)
        latest["date_from_document"] = not latest.get("date") and bool(latest.get("doc_date"))
        docs = {src["doc"] for src in latest["sources"]}
        named = [x for x in figures if x["is_target"] and x["source"]["doc"] in docs]
        latest["targets"] = [t for t in targets if any(
            (n["metric"], n["value"], n["period"]) == (t["metric"], t["value"], t["period"]) for n in named)]

    mechs: dict[str, dict] = {}
    for f in facts:
        if f.type == "mechanism" and code in (f.get("parties") or []):
            k = name_key(f.payload.get("name") or "")
            m = mechs.setdefault(k, {"name": f.payload.get("name"), "what_en": mechanism_english(f.payload.get("name")),
                                     "parties": f.get("parties", []),
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
        "code": code, "name": country_name(code), "name_en": country_name(code, "en"), "framework": framework, "latest_meeting": latest,
        "latest_by_office": by_office,
        "events": recent["items"], "event_count": recent["total"],
        "trade": {"actuals": actuals, "targets": targets},
        "target_history": _target_history(s, [x for x in figures if x["is_target"]], code),
        "mechanisms": mechanisms, "commitments": commitments,
        "anniversaries": list_anniversaries(s, code, today),
    }


def _target_history(s: Session, targets: list[dict], code: str) -> list[dict[str, Any]]:
    """Each target (a metric by a deadline) with every statement of it: its value, when and where it was
    named, and the persons of that article (those named in the sentence first)."""
    if not targets:
        return []
    docs = {t["source"]["doc"] for t in targets}
    q = (select(FactRow.id).join(DocumentRow, DocumentRow.id == FactRow.document_id)
         .where(DocumentRow.doc_id.in_(docs), FactRow.type == "person"))
    people: dict[str, list[dict]] = defaultdict(list)
    for f in load_facts(s, ["person"], ids=q):
        if f.get("name") and f.get("country") in (HOME, code):
            people[f.source.doc_id].append({"name": f.payload["name"], "country": f.payload.get("country"),
                                            "roles": f.get("roles", [])})
    groups: dict[tuple, dict] = {}
    for t in targets:
        g = groups.setdefault((t["metric"], t["period"] or ""), {
            "metric": t["metric"], "metric_label": t["metric_label"], "period": t["period"], "statements": []})
        ev = t["source"].get("evidence") or ""
        named_here = [p for p in people.get(t["source"]["doc"], []) if p["name"] in ev]
        seen, who = set(), []
        for p in named_here + people.get(t["source"]["doc"], []):
            if p["name"] not in seen and len(who) < 4:
                seen.add(p["name"])
                who.append(p)
        g["statements"].append({"value": t["value"], "unit": t["unit"], "named": t["named"], "by": who,
                                "source": t["source"]})
    out = sorted(groups.values(), key=lambda g: ((date_bounds(g["period"]) or ("9999",))[0], g["metric"] or ""))
    for g in out:
        g["statements"].sort(key=lambda x: (x["named"] or "", x["source"]["doc"]))
    return out


def _undated_bilateral(s: Session, view, code: str) -> list[dict]:
    """Undated events between Vietnam and `code` (resolved stores; the other view dates them by their
    documents already)."""
    if code == HOME or not hasattr(view, "undated_bilateral"):
        return []
    return [e for e in view.undated_bilateral(s, HOME, code)
            if any(p["country"] == code for p in e["participants"]) and any(p["country"] == HOME for p in e["participants"])]


def _latest_by_office(bilateral: Iterable[dict], code: str,
                      limit: int = 12) -> tuple[list[dict[str, Any]], dict | None]:
    """For each pair of offices (a Vietnamese role, a counterpart role), the latest event between their holders;
    and the latest bilateral event. `bilateral` runs newest first.

    Answers "when did Vietnam's foreign minister last meet Cambodia's" even when
    the office holders changed or a newer meeting at another level exists. Only
    the `limit` most recent pairs are kept, so reading stops once an event is
    older than all of them.
    """
    best: dict[tuple[str, str], dict] = {}
    first = None
    for e in bilateral:
        first = first or e
        day = e["sort_date"] or ""
        if len(best) >= limit and day < sorted((r["sort"] for r in best.values()), reverse=True)[limit - 1]:
            break
        home = [p for p in e["participants"] if p["country"] == HOME]
        other = [p for p in e["participants"] if p["country"] == code]
        for a in home:
            for b in other:
                for ra in distinct_roles((a["role"] or "").split(", ")):
                    for rb in distinct_roles((b["role"] or "").split(", ")):
                        k = (role_key(ra), role_key(rb))
                        if k not in best:
                            best[k] = {"home_role": ra.strip(), "home_name": a["name"], "other_role": rb.strip(),
                                       "other_name": b["name"], "event_id": e["id"], "date": e["date"],
                                       "kind": e["kind"], "sort": day}
    rows = sorted(best.values(), key=lambda r: (r["sort"], r["home_role"]), reverse=True)[:limit]
    return [{k: v for k, v in r.items() if k != "sort"} for r in rows], first


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
                    "metric": t["metric"],
                    "value": t["value"], "unit": t["unit"], "period": t["period"], "named": t["named"],
                    "status": status, "latest_actual": last, "source": t["source"]})
    for m in mechanisms:
        b = date_bounds(m["period"])
        if not b:
            continue
        status = "completed" if b[1] < today.isoformat() else ("in force" if b[0] <= today.isoformat() else "planned")
        out.append({"kind": "programme", "what": m["name"], "what_en": m.get("what_en"), "value": None, "unit": None, "period": m["period"],
                    "named": m["sources"][0]["published"], "status": status, "latest_actual": None,
                    "source": m["sources"][0]})
    return out


# -- network ---------------------------------------------------------------------------------

def network(s: Session, country: str | None = None, limit: int = 60) -> dict[str, Any]:
    """Who met whom: persons as nodes, one edge per pair that took part in the same events."""
    code = resolve_country(country) if country else None
    view = _view(s)
    return memo(s, ("network", code, limit), lambda: view.network(s, code, limit))
