"""Linking an event fact to one event entity: the same meeting told by several articles.

Two event facts are one event when their dates overlap (both precise to a
month or better), their kinds agree (talks, meeting, courtesy call and
reception count as one family: outlets name the same meeting differently),
and they share a participant from outside Vietnam, or, when neither names
one, a Vietnamese participant and the same foreign countries.
"""
from __future__ import annotations

from sqlalchemy import select

from vndiplo.resolve.context import DocContext
from vndiplo.store.dates import day_span, overlaps, precise_enough
from vndiplo.resolve.persons import HOME, link_person
from vndiplo.store.entities import EntityRow, EntitySourceRow
from vndiplo.store.models import FactRow

__all__ = ["link_event", "kinds_agree", "HOME"]

_MEETING_FAMILY = {"talks", "meeting", "courtesy_call", "reception"}


def kinds_agree(a: str | None, b: str | None) -> bool:
    return a == b or (a in _MEETING_FAMILY and b in _MEETING_FAMILY)


def event_countries(payload: dict) -> set[str]:
    """The countries an event record names: its participants' and its location's."""
    out = {p.get("country") for p in payload.get("participants") or [] if p.get("country")}
    loc = payload.get("location") or {}
    if loc.get("country"):
        out.add(loc["country"])
    return out


def _candidates(ctx: DocContext, person_ids: list[int]) -> list[EntityRow]:
    """Events one of `person_ids` took part in, including this document's earlier events (which lost
    their links when its facts were replaced, and should keep their ids when found again)."""
    if not person_ids:
        return []
    facts = select(EntitySourceRow.fact_id).where(
        EntitySourceRow.entity_id.in_(person_ids), EntitySourceRow.role == "participant")
    linked = select(EntitySourceRow.entity_id).where(EntitySourceRow.fact_id.in_(facts))
    q = select(EntityRow).where(EntityRow.type == "event", EntityRow.id.in_(linked)).order_by(EntityRow.id)
    found = list(ctx.session.scalars(q).all())
    if ctx.previous:
        wanted = set(person_ids)
        for e in ctx.session.scalars(select(EntityRow).where(
                EntityRow.type == "event", EntityRow.id.in_(ctx.previous)).order_by(EntityRow.id)):
            if e not in found and wanted & {p.get("person_id") for p in (e.data or {}).get("participants", [])}:
                found.append(e)
    return found


def link_event(ctx: DocContext, fact: FactRow) -> EntityRow:
    """Link the participants, then the event itself (found or new); returns the event entity."""
    p = fact.payload or {}
    span = day_span(p.get("date"))
    when = span[0] if span else ctx.date
    foreign, home = [], []
    for i, part in enumerate(p.get("participants") or []):
        person = link_person(ctx, fact, part.get("name") or "", part.get("country"), part.get("role"),
                             when, role="participant", ordinal=i)
        if person is not None:
            (home if (part.get("country") or person.country) == HOME else foreign).append(person)
    match_span = span or (day_span(ctx.date) if ctx.date else None)
    found = None
    if precise_enough(match_span):
        ids = [x.id for x in (foreign or home) if x.id is not None]
        cands = _candidates(ctx, ids)
        # events linked from this document so far (not flushed yet)
        keys = {id(x) for x in (foreign or home)}
        cands += [e for e, people in ctx.events if keys & people and e not in cands]
        if not foreign:
            cands = [e for e in cands if set((e.data or {}).get("countries", [])) == event_countries(p)]
        cands = [e for e in cands
                 if kinds_agree((e.data or {}).get("kind"), p.get("kind")) and e.date_start and e.date_end
                 and precise_enough((e.date_start, e.date_end))
                 and overlaps(match_span, (e.date_start, e.date_end))]
        if cands:
            found = sorted(cands, key=lambda e: (-(e.n_sources or 0), e.id))[0]
    new = found is None
    if new:
        found = EntityRow(type="event", key=p.get("kind") or "event", label="", n_sources=0,
                          date_start=match_span[0] if match_span else None,
                          date_end=match_span[1] if match_span else None,
                          data={"kind": p.get("kind"), "countries": sorted(event_countries(p))})
        ctx.session.add(found)
    found.n_sources = (found.n_sources or 0) + 1
    src = EntitySourceRow(entity=found, fact_id=fact.id, document_id=ctx.doc.id, role="subject", date=when, data=p)
    ctx.session.add(src)
    ctx.note(found, src, new)
    ctx.events.append((found, {id(x) for x in foreign + home}))
    return found
