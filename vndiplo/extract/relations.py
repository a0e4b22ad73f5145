"""Named frameworks of bilateral relationships (SCHEMA `relation`).

The phrases of data/relation_levels.tsv are matched case-insensitively on tone-folded text,
longest first, so "Đối tác Chiến lược toàn diện" is not also "Đối tác Chiến lược"; "hợp tác
toàn diện" alone is no framework. A plural before the phrase ("các đối tác chiến lược") is a
class of partners, and "... với 12 nước" a count of them, not one relationship.

Parties: levels written one after another ("Đối tác hợp tác chiến lược toàn diện, Cộng đồng chia
sẻ tương lai Trung Quốc-Việt Nam") share the countries written after the last of them, chained
by dashes, commas or "và"/"với" ("Việt Nam – Thái Lan", "giữa Việt Nam - Campuchia"):
- a chain of foreign countries without Viet Nam ("Nhật Bản - Philippines") is their relation;
- a chain after "với", or one writing Viet Nam twice ("Việt Nam - Lào, Việt Nam - Campuchia"),
  pairs Viet Nam with each;
- a chain with only Viet Nam ("... với Việt Nam") takes the other side from the clause.
With no country after the phrase, a foreign pair before it in the clause ("Nhật Bản và
Philippines nâng cấp quan hệ lên ...") is the relation's; else the clause's parties
(context.parties_at, which knows sections and persons). A province stands for its country.

One record per (parties, level); of the partnership ladder only the highest level named for a
pair is kept (see relation_levels.tsv).
"""
from __future__ import annotations

import functools
import re

from vndiplo.extract.context import HOME, bilateral_parties, evidence_span, foreign_pair, places_between
from vndiplo.extract.doc import Doc
from vndiplo.data.gazetteer import table
from vndiplo.extract.phrases import PhraseFinder, lower_fold
from vndiplo.records import Fact, Relation
from vndiplo.text import fold_tones

__all__ = ["extract", "level_spans", "find_relations"]

_W = r"[^\W_]"
_PLURAL = re.compile(rf"(?<!{_W})(?:các|những|mọi|nhiều)\s+(?:quan hệ\s+)?$", re.IGNORECASE)
_GROUP_GAP = re.compile(r"^[\s,]*(?:và\s+)?$", re.IGNORECASE)
# where the countries after a phrase may be looked for: up to a clause mark, at most this far
_TAIL_CHARS = 90

_CHAIN_GAP = re.compile(r"\s*(?:[-–—,]|và|với)\s*$", re.IGNORECASE)
_WITH_BEFORE = re.compile(r"(?<!\w)(?:với|cùng)\s*$", re.IGNORECASE)
# "... Đối tác Chiến lược toàn diện với 12 nước": a count of partners, not one relationship
_MANY_PARTNERS = re.compile(
    r"\s*(?:với|cùng)\s+(?:các|nhiều|hơn|gần|\d+)\s+(?:\d+\s+)?(?:nước|quốc gia|đối tác|bên)(?!\w)", re.IGNORECASE)


@functools.cache
def _tail_end() -> re.Pattern:
    words = sorted({fold_tones(r["phrase"]) for r in table("relation_cues") if r["group"] == "tail_end"},
                   key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"[;.!?:()\n]|(?<!{_W})(?:{alt})(?!{_W})", re.IGNORECASE)


@functools.cache
def _levels() -> tuple[PhraseFinder, dict[str, tuple[str, int | None]]]:
    rows = table("relation_levels")
    info = {}
    for r in rows:
        ladder = r.get("ladder") or ""
        info[fold_tones(r["phrase"]).lower()] = (r["level"], int(ladder) if ladder.strip() else None)
    return PhraseFinder(info), info


def _matches(doc: Doc) -> list[re.Match]:
    """Level phrases of the document (cached on it: the mechanism extractor asks too)."""
    cached = doc.__dict__.get("_vndiplo_levels")
    if cached is None:
        finder, _ = _levels()
        cached = [m for m in finder.finditer(lower_fold(doc))
                  if not _PLURAL.search(doc.fold, max(0, m.start() - 20), m.start())]
        doc.__dict__["_vndiplo_levels"] = cached
    return cached


def level_spans(doc: Doc) -> list[tuple[int, int]]:
    """Spans of relation-level phrases (a mechanism head inside one is not a head)."""
    return [(m.start(), m.end()) for m in _matches(doc)]


def _chain_after(doc: Doc, start: int, limit: int) -> tuple[list[str], bool]:
    """Country codes of the first chain of country names in [start, limit), and whether "với"
    introduces it (then each is a partner of Viet Nam, not of the others)."""
    places = [m for m in places_between(doc, start, limit) if m.kind in ("country", "subdivision")]
    if not places:
        return [], False
    chain = [places[0]]
    for m in places[1:]:
        if _CHAIN_GAP.match(doc.fold, chain[-1].end, m.start):
            chain.append(m)
        else:
            break
    out: list[str] = []
    for m in chain:
        code = m.country if m.kind == "subdivision" and m.country else m.code
        out.append(code)
    return out, bool(_WITH_BEFORE.search(doc.fold, start, chain[0].start))


def _clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    s = doc.sentence_at(start)
    s0, s1 = (s.start, s.end) if s is not None and s.start <= start < s.end else (start, end)
    left = max(s0, doc.text.rfind(";", s0, start) + 1, doc.text.rfind("\n", s0, start) + 1)
    right = min([i for i in (doc.text.find(";", end, s1), doc.text.find("\n", end, s1)) if i >= 0] or [s1])
    while left < right and doc.text[left].isspace():
        left += 1
    return left, max(right, end)


def find_relations(doc: Doc) -> list[tuple[list[str], str, int | None, tuple[int, int]]]:
    """(parties, level, ladder rank, evidence span) for every level phrase, in text order."""
    _, info = _levels()
    matches = _matches(doc)
    groups: list[list[re.Match]] = []
    for m in matches:
        if groups and _GROUP_GAP.match(doc.fold[groups[-1][-1].end():m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    out = []
    for g in groups:
        last = g[-1].end()
        if _MANY_PARTNERS.match(doc.fold, last):
            continue
        s = doc.sentence_at(last)
        limit = min(len(doc.text), last + _TAIL_CHARS, s.end if s is not None and s.end > last else len(doc.text))
        stop = _tail_end().search(doc.fold, last, limit)
        if stop:
            limit = stop.start()
        chain, with_partner = _chain_after(doc, last, limit)
        # "Việt Nam - Lào, Việt Nam - Campuchia": Viet Nam written more than once pairs it with each
        with_partner = with_partner or chain.count(HOME) > 1
        foreign = list(dict.fromkeys(c for c in chain if c != HOME))
        clause = _clause(doc, g[0].start(), last)
        if foreign and with_partner and (HOME not in chain or chain.count(HOME) > 1):
            partner_sets = [sorted({HOME, c}) for c in foreign]  # "... với Nhật Bản, Hàn Quốc"
        elif foreign:
            partner_sets = [sorted({HOME, *foreign}) if (HOME in chain or len(foreign) == 1) else sorted(foreign)]
        elif chain:  # only Viet Nam after the phrase ("... với Việt Nam"): the other side is in the clause
            both = foreign_pair(doc, clause[0], last, home_elsewhere=True)  # "Lào và Campuchia ... với Việt Nam"
            partner_sets = ([sorted({HOME, c}) for c in both] if both is not None
                            else [bilateral_parties(doc, clause[0], clause[1], g[0].start())])
        else:
            # "Nhật Bản và Philippines nâng cấp quan hệ lên ..."
            pair = foreign_pair(doc, clause[0], last, home_elsewhere=True)
            partner_sets = [pair if pair is not None else bilateral_parties(doc, clause[0], clause[1], g[0].start())]
        for parties in partner_sets:
            # relations are between countries: a province stands for its country here
            parties = sorted({p.split("-", 1)[0] if not p.startswith("ORG:") else p for p in parties})
            if len(parties) < 2:
                continue
            for m in g:
                level, rank = info[re.sub(r"\s+", " ", m.group(0).lower())]
                out.append((parties, level, rank, evidence_span(doc, clause, m.start(), m.end())))
    return out


def extract(doc: Doc) -> list[Fact]:
    """One Relation per (parties, level) the article names."""
    found = []
    for parties, level, rank, span in find_relations(doc):
        # "quan hệ Đối tác chiến lược giữa Việt Nam với Australia, Malaysia, Philippines": a framework of
        # each bilateral relationship, one per partner
        if HOME in parties and len(parties) > 2:
            found.extend((sorted([HOME, c]), level, rank, span) for c in parties if c != HOME)
        else:
            found.append((parties, level, rank, span))
    best_rank: dict[tuple[str, ...], int] = {}
    for parties, _, rank, _ in found:
        if rank is not None:
            key = tuple(parties)
            best_rank[key] = max(best_rank.get(key, 0), rank)
    facts: list[Fact] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    for parties, level, rank, (c0, c1) in found:
        key = (tuple(parties), level)
        if key in seen or (rank is not None and rank < best_rank[tuple(parties)]):
            continue
        seen.add(key)
        facts.append(Relation(parties=list(parties), level=level, evidence=doc.text[c0:c1], span=(c0, c1)))
    return facts
