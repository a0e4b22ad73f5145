"""What an event is, for filtering lists: the levels of its participants and its venue.

Levels come from the titles table (`vndiplo/data/titles.tsv`, column `level`): a
role's level is that of the longest title it starts with ("Phó Thủ tướng, Bộ
trưởng Ngoại giao" holds two roles, deputy and minister). An event's levels are
its participants'. Its venue is multilateral when an organisation takes part, when
participants come from more than two countries, or when its occasion names an
organisation or grouping ("bên lề Hội nghị Bộ trưởng Ngoại giao ASEAN"); else bilateral.

`event_facets` gives the (facet, value) pairs stored in `event_facets` rows for a
resolved event (`vndiplo.store.event_facets`) and computed on the fly for an
unresolved one, so both read paths filter alike.
"""
from __future__ import annotations

import functools
from typing import Any, Iterable

from vndiplo.data.gazetteer import gazetteer, table
from vndiplo.text import search_key

__all__ = ["LEVELS", "VENUES", "role_level", "role_english", "event_levels", "event_venue", "event_facets",
           "participant_roles", "english_name", "write_event_facets"]

LEVELS = ("head", "minister", "deputy", "party", "assembly", "province")  # highest first
VENUES = ("bilateral", "multilateral")


def _fold(s: str) -> str:
    return " ".join(search_key(s).split())


@functools.cache
def _titles() -> tuple[tuple[str, str, str], ...]:
    """(folded title, level, English) rows, longest title first."""
    rows = {(_fold(r["title_vi"]), r.get("level") or "", r.get("title_en") or "") for r in table("titles")
            if r.get("title_vi")}
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


@functools.cache
def _title_at_start(folded_role: str) -> tuple[str, str, str] | None:
    for key, level, en in _titles():
        if folded_role.startswith(key) and (len(folded_role) == len(key) or not folded_role[len(key)].isalnum()):
            return key, level, en
    return None


def role_level(role: str) -> str | None:
    """The level of one role ("Bộ trưởng Ngoại giao Campuchia" -> "minister"), None if it has none."""
    hit = _title_at_start(_fold(role or ""))
    return (hit[1] or None) if hit else None


def role_english(role: str) -> str:
    """A role in English: the longest known title it starts with, in English, then the rest (a country
    named there in English); the role itself when it starts with no known title."""
    role = (role or "").strip()
    folded = _fold(role)
    hit = _title_at_start(folded)
    if hit is None or not hit[2]:
        return role
    key, _, en = hit
    # The folded role and the role differ in spacing only: skip as many words as the title has.
    words = role.split()
    rest = " ".join(words[len(key.split()):]).strip(" ,")
    if not rest:
        return en
    found = gazetteer().lookup(rest)
    if found is not None and found[0] in ("country", "org", "subdivision"):
        return f"{en}, {english_name(found[1])}"
    return f"{en} ({rest})"


@functools.cache
def _english_names() -> dict[str, str]:
    out = {r["code"]: r.get("name_en") or r["code"] for r in table("countries")}
    for r in table("organisations"):
        out[r["code"]] = r.get("name_en") or r["code"][4:]
    for r in table("subdivisions"):
        out[r["code"]] = r.get("name_en") or r.get("name_vi") or r["code"]
    return out


def english_name(code: str) -> str:
    """The English name of a country (ISO short name), organisation or subdivision code."""
    return _english_names().get(code, code)


def participant_roles(p: dict[str, Any]) -> list[str]:
    """A participant's roles, from a resolved one (`roles`) or a record (`role`, comma-joined)."""
    roles = p.get("roles")
    if roles:
        return [r for r in roles if r]
    return [r.strip() for r in (p.get("role") or "").split(", ") if r.strip()]


def event_levels(participants: Iterable[dict[str, Any]]) -> list[str]:
    """The levels of an event's participants, highest first."""
    found = {role_level(r) for p in participants for r in participant_roles(p)}
    return [lv for lv in LEVELS if lv in found]


@functools.lru_cache(maxsize=8192)  # occasions repeat across events and requests
def _orgs_in(text: str) -> bool:
    if not text:
        return False
    return any(m.kind == "org" for m in gazetteer().find_places(text))


def event_venue(participants: Iterable[dict[str, Any]], occasion: str | None, countries: Iterable[str] = ()) -> str:
    """'multilateral' when an organisation takes part, when participants come from more than two countries,
    or when the occasion names an organisation; else 'bilateral'."""
    parts = list(participants)
    codes = {p.get("country") for p in parts if p.get("country")}
    if any(c.startswith("ORG:") for c in codes | set(countries)):
        return "multilateral"
    if len({c.split("-")[0] for c in codes}) > 2:
        return "multilateral"
    if occasion and _orgs_in(occasion):
        return "multilateral"
    return "bilateral"


def event_facets(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(facet, value) pairs of a resolved event's data (participants, occasion variants, countries)."""
    occ = data.get("occasion")
    if isinstance(occ, list):
        occ = " ; ".join(str(v.get("value")) for v in occ if isinstance(v, dict) and v.get("value"))
    parts = data.get("participants") or []
    out = [("level", lv) for lv in event_levels(parts)]
    out.append(("venue", event_venue(parts, occ, data.get("countries") or [])))
    return out


def write_event_facets(session, ents) -> None:
    """Replace the `event_facets` rows of the event entities among `ents` (one DELETE for all)."""
    from sqlalchemy import delete

    from vndiplo.store.event_facets import EventFacetRow

    events = [e for e in ents if e.type == "event"]
    if not events:
        return
    session.execute(delete(EventFacetRow).where(EventFacetRow.entity_id.in_([e.id for e in events])))
    for e in events:
        for facet, value in event_facets(e.data or {}):
            session.add(EventFacetRow(entity_id=e.id, facet=facet, value=value))
