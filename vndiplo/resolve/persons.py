"""Linking a named person (from a person fact or an event participant) to one person entity.

Match order: the same loose key with a compatible country and compatible
marks (see names.py); else, for a romanised foreign name, a spelling variant
of a person of the same country; else, for a single word, the person of this
document whose name contains it. Otherwise a new person.
"""
from __future__ import annotations

from sqlalchemy import select

from vndiplo.resolve.context import DocContext
from vndiplo.resolve.names import (
    clean_name, exact_key, is_unmarked, loose_key, role_key, similar_foreign, split_roles,
)
from vndiplo.store.entities import EntityRow, EntitySourceRow, PersonRoleRow
from vndiplo.store.models import FactRow

__all__ = ["link_person"]


def _country_ok(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _marks_ok(ent: EntityRow, name: str) -> bool:
    """A Vietnamese spelling must match one seen before; an unmarked spelling matches any."""
    data = ent.data or {}
    return exact_key(name) in data.get("exact", []) or is_unmarked(name) or data.get("unmarked", False)


def _pick(ctx: DocContext, cands: list[EntityRow], country: str | None) -> EntityRow | None:
    if not cands:
        return None
    in_doc = {id(e) for e in ctx.persons}
    return sorted(cands, key=lambda e: (id(e) not in in_doc, not (country and e.country == country),
                                         -(e.n_sources or 0), e.id or 0))[0]


def _find(ctx: DocContext, name: str, country: str | None) -> EntityRow | None:
    s = ctx.session
    lk = loose_key(name)
    same = list(s.scalars(select(EntityRow).where(EntityRow.type == "person", EntityRow.key == lk)).all())
    same += [e for e in ctx.persons if e.key == lk and e not in same]
    found = _pick(ctx, [e for e in same if _country_ok(e.country, country) and _marks_ok(e, name)], country)
    if found is not None:
        return found
    words = lk.split()
    if len(words) == 1:
        cands = [e for e in ctx.persons if words[0] in e.key.split() and len(e.key.split()) > 1
                 and _country_ok(e.country, country)]
        return cands[0] if len({id(e) for e in cands}) == 1 else None
    if country and country != "VN" and is_unmarked(name):
        rows = s.execute(select(EntityRow.id, EntityRow.key).where(
            EntityRow.type == "person", EntityRow.country == country)).all()
        cands = [s.get(EntityRow, i) for i, k in rows if similar_foreign(k, lk)]
        cands += [e for e in ctx.persons if e.country == country and similar_foreign(e.key, lk) and e not in cands]
        if cands:
            return _pick(ctx, cands, country)
    return None


def link_person(ctx: DocContext, fact: FactRow, name: str, country: str | None, roles,
                date: str | None, role: str = "subject", ordinal: int = 0) -> EntityRow | None:
    """Link one mention of a person to its entity (found or new); returns the entity."""
    clean = clean_name(name)
    if not clean:
        return None
    ent = _find(ctx, clean, country)
    new = ent is None
    if new:
        ent = EntityRow(type="person", key=loose_key(clean), label=clean, country=country,
                        data={"exact": [], "unmarked": is_unmarked(clean)}, n_sources=0)
        ctx.session.add(ent)
    data = dict(ent.data or {})
    ek = exact_key(clean)
    if ek not in data.get("exact", []):
        data["exact"] = [*data.get("exact", []), ek]
    data["unmarked"] = bool(data.get("unmarked")) and is_unmarked(clean)
    ent.data = data
    if ent.country is None and country:
        ent.country = country
    ent.n_sources = (ent.n_sources or 0) + 1
    role_list = split_roles(roles)
    src = EntitySourceRow(entity=ent, fact_id=fact.id, document_id=ctx.doc.id, role=role, ordinal=ordinal,
                          date=date, data={"name": name, "country": country, "roles": role_list})
    ctx.session.add(src)
    for r in role_list:
        ctx.session.add(PersonRoleRow(person=ent, source=src, country=country or ent.country,
                                      role=r, role_key=role_key(r), date=date))
    ctx.note(ent, src, new)
    if ent not in ctx.persons:
        ctx.persons.append(ent)
    return ent
