"""The word lists events are read with (event_kinds.tsv, event_cues.tsv) and phrase tests over tokens.
"""
from __future__ import annotations

import functools

from vndiplo.data.gazetteer import table
from vndiplo.extract.tokens import key, PhraseSet, Token


@functools.cache
def _lex():
    kinds = {}
    for r in table("event_kinds"):
        kinds[tuple(key(w) for w in r["phrase"].split())] = r["kind"]
    triggers = PhraseSet(r["phrase"] for r in table("event_kinds"))
    cues: dict[str, list[str]] = {}
    for r in table("event_cues"):
        cues.setdefault(r["group"], []).append(r["phrase"])
    return kinds, triggers, {g: PhraseSet(p) for g, p in cues.items()}


@functools.cache
def _words(group: str) -> frozenset[str]:
    """One-word cues of a group of event_cues.tsv, folded to lower case."""
    return frozenset(key(r["phrase"]) for r in table("event_cues") if r["group"] == group)


@functools.cache
def cue_phrases(group: str) -> list[str]:
    """The phrases of a group of event_cues.tsv as written (for finding them in a text at C speed)."""
    return [r["phrase"] for r in table("event_cues") if r["group"] == group]


@functools.cache
def triggers_lower() -> frozenset[str]:
    """Interaction nouns ("cuộc tiếp", "buổi làm việc"), folded: an occasion that opens with one is an
    interaction, not a conference."""
    return frozenset(key(r["phrase"]) for r in table("event_kinds")
                     if key(r["phrase"]).split()[0] in _words("noun_head") and r["kind"] != "conference")


@functools.cache
def cues_past_visit() -> PhraseSet:
    """Words after a visit named as a noun that place it in the past ("mới đây", "vừa qua", "năm ngoái")."""
    return PhraseSet(r["phrase"] for r in table("event_cues") if r["group"] == "past_visit")


def _has(ps: PhraseSet, toks: list[Token], a: int, b: int, skip: set[int] = frozenset()) -> bool:
    k = a
    first = ps._by_first
    while k < b:
        if k not in skip and toks[k].low in first:
            e = ps.match(toks, k)
            if e > k and e <= b:
                return True
        k += 1
    return False


def _spans(ps: PhraseSet, toks: list[Token], a: int, b: int) -> set[int]:
    out: set[int] = set()
    k = a
    first = ps._by_first
    while k < b:
        e = ps.match(toks, k) if toks[k].low in first else k
        if e > k:
            out.update(range(k, e))
            k = e
        else:
            k += 1
    return out


WINDOW = 150  # tokens either side of a verb that may hold its participants, place and date
