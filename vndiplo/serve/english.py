"""English in a search: English words of a query expanded, at query time, into the Vietnamese the
articles use ("Cambodia" -> Campuchia, "foreign minister" -> Bộ trưởng Ngoại giao | Ngoại trưởng).

The terms come from the data tables: `english_terms.tsv` (everyday English of diplomacy), and the
English columns of `countries.tsv`, `organisations.tsv`, `titles.tsv` and `labels.tsv`. A query is
read left to right, the longest English phrase first; each phrase found becomes a group of
alternatives (the English phrase itself, so English articles still match, and each Vietnamese phrase).
The engine expression is built from folded words only, never from user text, and uses what both
engines have: FTS5 `("a b" OR "c") AND "d"`, PostgreSQL `(('a' <-> 'b') | ('c')) & 'd'`. The index
is unchanged: nothing to re-index when the table grows.
"""
from __future__ import annotations

import functools
from collections import defaultdict

from vndiplo.data.gazetteer import gazetteer, split_list, table
from vndiplo.resolve.facets import english_name
from vndiplo.store.fts import query_tokens

__all__ = ["expand", "expression", "mechanism_english", "MAX_PHRASE"]

MAX_PHRASE = 6  # words in the longest English phrase looked for
_MAX_ALTERNATIVES = 24  # per phrase, so one word cannot become hundreds of conditions


@functools.cache
def _terms() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    found: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)

    def add(english: str, vietnamese: list[str]) -> None:
        key = tuple(query_tokens(english))
        if not key or len(key) > MAX_PHRASE:
            return
        for vi in vietnamese:
            alt = tuple(query_tokens(vi))
            if alt and alt != key:
                found[key].add(alt)

    for r in table("english_terms"):
        add(r["english"], split_list(r["vietnamese"]))
    for r in table("countries"):
        if r.get("name_en"):
            add(r["name_en"], [r["name_vi"], *split_list(r.get("aliases") or "")])
    for r in table("organisations"):
        if r.get("name_en"):
            add(r["name_en"], [r["name_vi"]])
    for r in table("titles"):
        en = (r.get("title_en") or "").split(" (")[0]
        if en and not en.lower().startswith(("former", "late")):
            for part in en.split(" / "):
                add(part, [r["title_vi"]])
    for r in table("labels"):
        if r.get("en") and r["group"] in ("kind", "metric", "level"):
            add(r["en"], [r["vi"]])
    return {k: tuple(sorted(v, key=lambda a: (-len(a), a))[:_MAX_ALTERNATIVES]) for k, v in found.items()}


def expand(tokens: list[str]) -> list[tuple[tuple[str, ...], ...]] | None:
    """The query as groups of alternatives (each a tuple of words), or None if no English phrase is in it."""
    terms = _terms()
    units: list[tuple[tuple[str, ...], ...]] = []
    i, any_found = 0, False
    while i < len(tokens):
        for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            key = tuple(tokens[i:i + n])
            if key in terms:
                units.append((key, *terms[key]))
                i += n
                any_found = True
                break
        else:
            units.append(((tokens[i],),))
            i += 1
    return units if any_found else None


def expression(units: list[tuple[tuple[str, ...], ...]], dialect: str) -> str:
    """The engine's match expression: every group must match, any alternative of a group."""
    if dialect == "postgresql":
        groups = ["(" + " | ".join("(" + " <-> ".join(f"'{w}'" for w in alt) + ")" for alt in unit) + ")"
                  for unit in units]
        return " & ".join(groups)
    groups = ["(" + " OR ".join('"' + " ".join(alt) + '"' for alt in unit) + ")" for unit in units]
    return " AND ".join(groups)


@functools.cache
def _heads() -> tuple[tuple[str, str], ...]:
    rows = {(" ".join(query_tokens(r["head"])), r.get("en") or "") for r in table("mechanism_english") if r.get("en")}
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


def mechanism_english(name: str | None) -> str | None:
    """What a mechanism is, in English, from the head noun its name starts with (mechanism_english.tsv):
    "Ủy ban hỗn hợp Việt Nam - Campuchia ..." -> "Joint Commission"; None when no head is known."""
    folded = " ".join(query_tokens(name or ""))
    for head, en in _heads():
        if folded == head or folded.startswith(head + " "):
            return en
    for head, en in _heads():  # a head inside the name ("Kỳ họp Ủy ban liên Chính phủ ...")
        if f" {head} " in f" {folded} ":
            return en
    found = gazetteer().lookup(name or "") if name else None  # a grouping named like an organisation (ACMECS)
    if found is not None and found[0] == "org":
        return english_name(found[1])
    return None
