"""Linking a named person (from a person fact or an event participant) to one person entity.

A name is first put in its known form: a figure of data/persons.tsv under any of its spellings
takes the table's name and country, and a transliteration the text follows with its original
spelling in brackets takes the original (identity.py). Match order: the same loose key with a
compatible country and compatible marks (see names.py); else, for a romanised foreign name, a
spelling variant of a person of the same country; else, for a single word (maybe after
initials: "J. Koizumi"), the person of this document whose name contains it. Otherwise a new
person, unless the name is no person at all (a lone word no full name explains, one letter, a
party's name: identity.junk_reason), which links to nothing. Disagreeing countries and spellings
across documents are weighed afterwards (merge.py).
"""
from __future__ import annotations

from sqlalchemy import select

from vndiplo.resolve.context import DocContext
from vndiplo.resolve.identity import (
    flat_key, junk_reason, known_person, original_in_text, repair_fused, roles_compatible, spelling_close,
)
from vndiplo.resolve.names import (
    clean_name, exact_key, is_unmarked, loose_key, role_key, similar_foreign, split_roles,
)
from vndiplo.store.entities import EntityRow, EntitySourceRow, PersonRoleRow
from vndiplo.store.models import FactRow

__all__ = ["link_person", "person_roles"]

HOME = "VN"  # the country whose diplomacy the store follows (one definition, imported elsewhere)


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


def person_roles(session, ent: EntityRow) -> set[str]:
    """The role keys the sources give a person (stored, and linked now)."""
    out = set()
    if ent.id is not None:
        out |= set(session.scalars(select(PersonRoleRow.role_key).where(PersonRoleRow.person_id == ent.id)))
    out |= {r.role_key for r in session.new if isinstance(r, PersonRoleRow) and r.person is ent}
    return out


def _initial_ok(initials: list[str], key_words: list[str]) -> bool:
    firsts = {w[0] for w in key_words}
    return all(i.rstrip(".")[:1].lower() in firsts for i in initials)


def _find(ctx: DocContext, name: str, country: str | None, key_name: str, canonical: bool,
          roles: set[str]) -> EntityRow | None:
    s = ctx.session
    lk = loose_key(key_name)
    same = list(s.scalars(select(EntityRow).where(EntityRow.type == "person", EntityRow.key == lk)).all())
    same += [e for e in ctx.persons if e.key == lk and e not in same]
    found = _pick(ctx, [e for e in same if _country_ok(e.country, country) and (canonical or _marks_ok(e, name))],
                  country)
    if found is not None:
        return found
    words = name.split()
    initials = [w for w in words if len(w.rstrip(".")) <= 2 and (w.endswith(".") or len(w) == 1)]
    significant = [w for w in words if w not in initials]
    if len(significant) == 1:
        w = flat_key(significant[0])
        cands = [e for e in ctx.persons if w in flat_key(e.key).split() and len(e.key.split()) > 1
                 and _country_ok(e.country, country) and _initial_ok(initials, flat_key(e.key).split())]
        return cands[0] if len({id(e) for e in cands}) == 1 else None
    if country and country != HOME:
        rows = s.execute(select(EntityRow.id, EntityRow.key).where(
            EntityRow.type == "person", EntityRow.country == country)).all()
        unmarked = is_unmarked(name)
        # A romanised spelling variant (Thongsavanh / Thongsavan), or, for two spellings of a foreign
        # name (a transliteration and a romanisation), the same letters with compatible offices.
        close = [i for i, k in rows if (unmarked and similar_foreign(k, lk)) or spelling_close(k, lk)]
        cands = [s.get(EntityRow, i) for i in close]
        cands += [e for e in ctx.persons if e.country == country and e not in cands
                  and ((unmarked and similar_foreign(e.key, lk)) or spelling_close(e.key, lk))]
        cands = [e for e in cands if e is not None and roles_compatible(person_roles(s, e), roles)]
        if cands:
            return _pick(ctx, cands, country)
    return None


def link_person(ctx: DocContext, fact: FactRow, name: str, country: str | None, roles,
                date: str | None, role: str = "subject", ordinal: int = 0) -> EntityRow | None:
    """Link one mention of a person to its entity (found or new); returns the entity, or None for
    a name that is no person."""
    clean = repair_fused(clean_name(name))
    if not clean:
        return None
    role_list = split_roles(roles)
    keys = {role_key(r) for r in role_list}
    known = known_person(clean)
    original = None if known else original_in_text(clean, ctx.doc.text)
    if original and known_person(original):
        known = known_person(original)
    key_name = known[0] if known else (original or clean)
    match_country = country or (known[1] if known else None)
    ent = _find(ctx, clean, match_country, key_name, bool(known or original), keys)
    if ent is None and known and country and country != known[1]:
        # The table's country outweighs one source's: the same figure, the odd country kept as a disagreement.
        ent = _find(ctx, clean, known[1], key_name, True, keys)
    new = ent is None
    if new:
        if junk_reason(clean, role_list):
            return None
        ent = EntityRow(type="person", key=loose_key(key_name), label=key_name if (known or original) else clean,
                        country=known[1] if known else country,
                        data={"exact": [], "unmarked": is_unmarked(clean)}, n_sources=0)
        ctx.session.add(ent)
    data = dict(ent.data or {})
    ek = exact_key(clean)
    if ek not in data.get("exact", []):
        data["exact"] = [*data.get("exact", []), ek]
    data["unmarked"] = bool(data.get("unmarked")) and is_unmarked(clean)
    ent.data = data
    if ent.country is None and match_country:
        ent.country = match_country
    ent.n_sources = (ent.n_sources or 0) + 1
    src_data = {"name": name, "country": country, "roles": role_list}
    if known:
        src_data.update(canonical=known[0], known_country=known[1])
    elif original:
        src_data["original"] = original
    src = EntitySourceRow(entity=ent, fact_id=fact.id, document_id=ctx.doc.id, role=role, ordinal=ordinal,
                          date=date, data=src_data)
    ctx.session.add(src)
    for r in role_list:
        ctx.session.add(PersonRoleRow(person=ent, source=src, country=country or ent.country,
                                      role=r, role_key=role_key(r), date=date))
    ctx.note(ent, src, new)
    if ent not in ctx.persons:
        ctx.persons.append(ent)
    return ent
