"""Linking figures, targets, mechanisms and relations to their entities.

- series: every figure of one metric between the same parties (actuals and targets);
- commitment: one target (metric, parties, unit, value within rounding) followed across articles;
- mechanism: a standing mechanism or programme between the same parties, its name matched loosely
  (outlets write "Việt Nam - Campuchia" and "Việt Nam-Campuchia", capitalise differently), with
  its sessions;
- relation: a relationship framework (level) of a country pair, with when it was stated.
"""
from __future__ import annotations

from sqlalchemy import select
from rapidfuzz import fuzz

from vndiplo.resolve.context import DocContext
from vndiplo.store.keys import pair_key, split_pair
from vndiplo.store.entities import EntityRow, EntitySourceRow
from vndiplo.store.models import FactRow
from vndiplo.text import search_key

__all__ = ["pair_key", "split_pair", "link_figure", "link_mechanism", "link_relation", "target_key", "mechanism_matches"]


def _get_or_create(ctx: DocContext, type_: str, key: str, **fields) -> EntityRow:
    ent = ctx.pending.get((type_, key)) or ctx.session.scalar(
        select(EntityRow).where(EntityRow.type == type_, EntityRow.key == key))
    if ent is None:
        ent = EntityRow(type=type_, key=key, label=fields.pop("label", key), n_sources=0, data={}, **fields)
        ctx.session.add(ent)
    return ent


def _source(ctx: DocContext, ent: EntityRow, fact: FactRow, role: str = "subject", data=None) -> None:
    new = ent.id is None and ent not in ctx.created
    ent.n_sources = (ent.n_sources or 0) + 1
    src = EntitySourceRow(entity=ent, fact_id=fact.id, document_id=ctx.doc.id, role=role,
                          date=ctx.date, data=data if data is not None else (fact.payload or {}))
    ctx.session.add(src)
    ctx.note(ent, src, new)


def _round(value) -> str:
    try:
        return f"{float(value):.3g}"
    except (TypeError, ValueError):
        return "?"


def target_key(payload: dict) -> str:
    return "|".join([payload.get("metric") or "other", pair_key(payload.get("parties")),
                     payload.get("unit") or "", _round(payload.get("value"))])


def link_figure(ctx: DocContext, fact: FactRow) -> None:
    p = fact.payload or {}
    pair = pair_key(p.get("parties"))
    series_key = "|".join([p.get("metric") or "other", pair, p.get("unit") or ""])
    series = _get_or_create(ctx, "series", series_key, country=pair or None)
    _source(ctx, series, fact, role="target" if p.get("is_target") else "actual")
    if p.get("is_target"):
        _source(ctx, _get_or_create(ctx, "commitment", target_key(p), country=pair or None), fact)


def mechanism_matches(a: str, b: str) -> bool:
    """Two names of one mechanism: the same words give or take spelling, case and punctuation."""
    ka, kb = search_key(a), search_key(b)
    if fuzz.token_sort_ratio(ka, kb) >= 85:
        return True
    shorter = min(len(ka.split()), len(kb.split()))
    return shorter >= 4 and fuzz.token_set_ratio(ka, kb) >= 95


def link_mechanism(ctx: DocContext, fact: FactRow) -> None:
    p = fact.payload or {}
    pair = pair_key(p.get("parties"))
    name = p.get("name") or ""
    cands = list(ctx.session.scalars(select(EntityRow).where(
        EntityRow.type == "mechanism", EntityRow.country == (pair or None))).all()) if pair else []
    cands += [e for e in ctx.created if e.type == "mechanism" and e.country == (pair or None) and e not in cands]
    found = None
    for e in cands:
        period = (e.data or {}).get("period")
        if p.get("period") and period and p["period"] != period:
            continue
        if mechanism_matches(e.label, name):
            found = e
            break
    if found is None:
        found = EntityRow(type="mechanism", key=f"{pair}|{' '.join(search_key(name).split())}"[:512],
                          label=name, country=pair or None, n_sources=0, data={"period": p.get("period")})
        ctx.session.add(found)
    _source(ctx, found, fact)


def link_relation(ctx: DocContext, fact: FactRow) -> None:
    p = fact.payload or {}
    pair = pair_key(p.get("parties"))
    level = p.get("level") or "other"
    _source(ctx, _get_or_create(ctx, "relation", f"{pair}|{level}", country=pair or None, label=level), fact)
