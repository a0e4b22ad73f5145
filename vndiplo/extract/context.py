"""Which countries a passage speaks of: the parties of a figure, mechanism or relation.

`parties_at(doc, start, end)` answers, in this order:

1. the passage's own foreign countries and subdivisions (a subdivision replaces its
   country: "tỉnh Vân Nam, Trung Quốc" is CN-YN), and the countries of persons named in it
   (doc.persons, when the persons annotator has filled it); a venue ("tại Kuala Lumpur,
   Malaysia") counts only when the passage names no other foreign country;
2. else the counterpart of the section the passage is in. Multi-meeting articles are cut into
   sections by sub-heading lines ("Gặp Bộ trưởng Ngoại giao Thái Lan ..."), by paragraphs
   opening on a cue ("Tại cuộc gặp X, ...", "Tại Lào, ...") and by paragraphs whose first
   sentence meets someone ("Chủ tịch nước tiếp Tổng thống Indonesia ..."): the foreign country
   such a line names (not a venue: "tại Kuala Lumpur, Malaysia") is the counterpart until the
   next section;
3. else the last foreign country named before the passage;
4. else the article's main counterpart (the foreign country it names most).

`bilateral_parties` narrows that for facts between Viet Nam and one partner (mechanisms,
relations): when the passage names several foreign countries, the section's counterpart if it
is one of them, else the one named nearest before the fact.

Viet Nam is always a party (the corpus is Vietnam's diplomacy) except in one case: a passage
that names no Viet Nam and pairs two foreign countries ("Thái Lan và Campuchia", "giữa Thái
Lan và Campuchia", "Nhật Bản-Philippines") speaks of those two: a ceasefire or joint
statement between them is theirs, Viet Nam only welcomes it. A pair that is the object of a
Vietnamese action ("thăm Lào và Campuchia", "với Lào và Campuchia") keeps Viet Nam, as does
any passage that names Viet Nam: the caller passes the narrowest passage it can (a clause,
not the whole sentence) so that a Vietnamese comment later in the sentence does not join a
foreign pair's agreement.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from vndiplo.extract.doc import Doc
from vndiplo.data.gazetteer import Mention, table
from vndiplo.text import fold_tones

__all__ = [
    "HOME", "bilateral_parties", "evidence_span", "foreign_pair", "foreign_places", "home_province", "parties_at",
    "places_between", "section_counterpart", "in_caption",
]

HOME = "VN"
_PLACE_KINDS = ("country", "subdivision")


def _cue_regex(group: str) -> re.Pattern:
    phrases = sorted((fold_tones(r["phrase"]) for r in table("context_cues") if r["group"] == group),
                     key=len, reverse=True)
    if not phrases:
        raise ValueError(f"context_cues.tsv has no {group} rows")
    return re.compile("|".join(re.escape(p) for p in phrases), re.IGNORECASE)


# What may stand between the two countries of a pair: "và", "cùng", "với", a dash, a comma.
_PAIR_GAP = re.compile(r"\s*(?:[-–—,]|và|cùng|với)\s*$", re.IGNORECASE)
_HEADING_END = re.compile(r"[.!?…:;)\]”\"]\s*$")


@functools.cache
def _opening_re() -> re.Pattern:
    return re.compile(r"(?:" + _cue_regex("section_opening").pattern + r")(?![^\W_])", re.IGNORECASE)


@functools.cache
def _meeting_verb_re() -> re.Pattern:
    return re.compile(r"(?<![^\W_])(?:" + _cue_regex("meeting_verb").pattern + r")(?![^\W_])", re.IGNORECASE)


@functools.cache
def _pair_object_re() -> re.Pattern:
    return re.compile(r"(?<![^\W_])(?:" + _cue_regex("pair_object").pattern + r")\s*$", re.IGNORECASE)


# a photo line: a markdown image, maybe with its caption after it ("![](...) Thủ tướng tiếp ... |")


_IMAGE_LINES = re.compile(r"^[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[^\n]*", re.MULTILINE)


def in_caption(doc: Doc, offset: int) -> bool:
    """Whether `offset` is on a photo's line (an image and its caption): a caption repeats the body or
    teases another story, and makes no record of its own (ANNOTATING: only the article body)."""
    spans = doc.__dict__.get("_vndiplo_image_lines")
    if spans is None:  # found once per document, then looked up by bisection
        spans = [(m.start(), m.end()) for m in _IMAGE_LINES.finditer(doc.text)] if "![" in doc.text else []
        doc.__dict__["_vndiplo_image_lines"] = spans
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset <= spans[i][1]


def places_between(doc: Doc, start: int, end: int) -> list[Mention]:
    """doc.places_in(start, end) by bisection (doc.places is in text order); cached per doc."""
    cached = doc.__dict__.get("_vndiplo_place_starts")
    if cached is None or len(cached) != len(doc.places):
        cached = [m.start for m in doc.places]
        doc.__dict__["_vndiplo_place_starts"] = cached
    i = bisect.bisect_left(cached, start)
    out = []
    for m in doc.places[i:]:
        if m.start >= end:
            break
        if m.end <= end:
            out.append(m)
    return out


def _places(doc: Doc, start: int, end: int) -> list[Mention]:
    return [m for m in places_between(doc, start, end) if m.kind in _PLACE_KINDS]


def foreign_places(doc: Doc, start: int, end: int, skip_venues: bool = False) -> list[str]:
    """Codes of foreign countries and subdivisions named in [start, end), in order, unique.

    A subdivision replaces its country ("tỉnh Vân Nam, Trung Quốc" gives CN-YN only); the
    countries of persons named in the passage (doc.persons) count too. With `skip_venues`, a
    place named as where something happened ("tại Kuala Lumpur, Malaysia") does not.
    """
    out: list[str] = []
    for m in _places(doc, start, end):
        if m.country != HOME and not (skip_venues and _is_venue(doc, m)):
            # "TP Izumisano thuộc phủ Osaka": the province only locates a city, whose side is its country
            code = m.country if m.kind == "subdivision" and _LOCATES.search(doc.text, max(0, m.start - 16), m.start) else m.code
            if code not in out:
                out.append(code)
    for p in doc.persons_in(start, end):
        if p.country and p.country != HOME and p.country not in out:
            out.append(p.country)
    subs = {c.split("-", 1)[0] for c in out if "-" in c}
    return [c for c in out if c not in subs]


def foreign_pair(doc: Doc, start: int, end: int, home_elsewhere: bool = False) -> list[str] | None:
    """Two foreign countries paired in [start, end) ("Thái Lan và Campuchia"), else None.

    By default a passage that names Viet Nam has no foreign pair. With `home_elsewhere` Viet
    Nam may be named apart from the pair ("Việt Nam hoan nghênh Nhật Bản và Philippines ...")
    and the last pair before `end` is taken; a pair chained to Viet Nam ("Việt Nam, Lào và
    Campuchia") or the object of an action ("thăm Lào và Campuchia") is never one.
    """
    places = _places(doc, start, end)
    if not home_elsewhere and any(m.country == HOME for m in places):
        return None
    fold = doc.fold
    pair_object = _pair_object_re()
    found = None
    for i, (a, b) in enumerate(zip(places, places[1:])):
        if a.country == b.country or HOME in (a.country, b.country) or not _PAIR_GAP.match(fold, a.end, b.start):
            continue
        if pair_object.search(fold, max(start, a.start - 12), a.start):
            continue
        before = places[i - 1] if i > 0 else None
        after = places[i + 2] if i + 2 < len(places) else None
        if (before is not None and before.country == HOME and _PAIR_GAP.match(fold, before.end, a.start)) or (
                after is not None and after.country == HOME and _PAIR_GAP.match(fold, b.end, after.start)):
            continue
        found = sorted({a.code, b.code})
        if not home_elsewhere:
            return found
    return found


_LOCATES = re.compile(r"(?<![^\W_])thuộc\s+(?:(?:tỉnh|phủ|bang|vùng|khu)\s+)?$", re.IGNORECASE)
_VENUE_WORD = re.compile(r"(?<![^\W_])(?:tại|ở)\s+", re.IGNORECASE)
_VENUE_FILLER = frozenset({"thủ", "đô", "tỉnh", "thành", "phố", "bang", "đảo"})


def _is_venue(doc: Doc, m: Mention) -> bool:
    """Whether a place is where something happens ("tại Kuala Lumpur, Malaysia"), not a party."""
    window_start = max(0, m.start - 60)
    cue = None
    for c in _VENUE_WORD.finditer(doc.fold, window_start, m.start):
        cue = c
    if cue is None:
        return False
    between = doc.text[cue.end():m.start]
    for w in re.findall(r"[^\W\d_]+|[^\s\w]", between):
        if w in ",." or w[0].isupper() or w.lower() in _VENUE_FILLER:  # "tại P.Long An", "tại TP. Huế"
            continue
        return False
    return True


def _non_venue_places(doc: Doc, start: int, end: int) -> list[str]:
    return foreign_places(doc, start, end, skip_venues=True)


@functools.cache
def _historical() -> frozenset[str]:
    """Former states (countries.tsv status=historical: SU, CS...): named in history, never today's partner."""
    return frozenset(r["code"] for r in table("countries") if (r.get("status") or "").strip() == "historical")


def _current(codes: list[str]) -> list[str]:
    """`codes` without former states: a section that recalls "Tiệp Khắc" still speaks with the Czech Republic."""
    gone = _historical()
    return [c for c in codes if c not in gone]


@dataclass
class _Sections:
    starts: list[int]
    counterparts: list[str | None]
    main: str | None
    n_persons: int


def _build_sections(doc: Doc) -> _Sections:
    opening = _opening_re()
    starts: list[int] = []
    parts: list[str | None] = []
    by_para: dict[int, list] = {}
    for s in doc.sentences:
        by_para.setdefault(s.para, []).append(s)
    for sents in by_para.values():
        first = sents[0]
        heading = (len(sents) == 1 and len(first.text) <= 200 and not _HEADING_END.search(first.text))
        if heading:
            found = foreign_places(doc, first.start, first.end)
            countries = {c.split("-", 1)[0] for c in found}
            if len(countries) == 1:
                starts.append(first.start)
                parts.append(found[0])
            elif len(countries) > 1:
                starts.append(first.start)
                parts.append(None)
            continue
        if opening.match(doc.fold, first.start):
            found = _current(_non_venue_places(doc, first.start, min(first.end, first.start + 160)))
            if found:
                starts.append(first.start)
                parts.append(found[0])
                continue
        verb = _meeting_verb_re().search(doc.fold, first.start, first.end)
        if verb:
            found = _current(_non_venue_places(doc, verb.end(), min(first.end, verb.end() + 120)))
            if found:
                starts.append(first.start)
                parts.append(found[0])
    counts = Counter(m.code for m in doc.places
                     if m.kind in _PLACE_KINDS and m.country != HOME and m.code not in _historical())
    main = counts.most_common(1)[0][0] if counts else None
    return _Sections(starts, parts, main, len(doc.persons))


def _sections(doc: Doc) -> _Sections:
    cached = doc.__dict__.get("_vndiplo_sections")
    if cached is None or cached.n_persons != len(doc.persons):
        cached = _build_sections(doc)
        doc.__dict__["_vndiplo_sections"] = cached
    return cached


def section_counterpart(doc: Doc, offset: int) -> str | None:
    """The counterpart of the section containing `offset`, if its opening names exactly one."""
    sec = _sections(doc)
    idx = None
    for i, s in enumerate(sec.starts):
        if s <= offset:
            idx = i
        else:
            break
    return sec.counterparts[idx] if idx is not None else None


def parties_at(doc: Doc, start: int, end: int) -> list[str]:
    """Sorted party codes for the passage [start, end) (see the module docstring for the order)."""
    found = foreign_places(doc, start, end)
    if found:
        pair = foreign_pair(doc, start, end)
        if pair is not None:
            return pair
        # a venue beside a counterpart is no party ("tại Kuala Lumpur, Malaysia, ... gặp Bộ trưởng
        # Ngoại giao Lào"); a venue alone may be the counterpart ("người Việt tại Lào")
        return sorted({HOME, *(_non_venue_places(doc, start, end) or found)})
    counterpart = section_counterpart(doc, start)
    if counterpart is None:
        # the last foreign place before the passage, found by bisection backwards (linear overall)
        places_between(doc, 0, 0)  # fills the cache of starts
        i = bisect.bisect_left(doc.__dict__["_vndiplo_place_starts"], start)
        for j in range(i - 1, -1, -1):
            m = doc.places[j]
            if m.end <= start and m.kind in _PLACE_KINDS and m.country != HOME and m.code not in _historical():
                counterpart = m.code
                break
    if counterpart is None:
        counterpart = _sections(doc).main
    return sorted({HOME, counterpart}) if counterpart else [HOME]


def evidence_span(doc: Doc, around: tuple[int, int], start: int, end: int, limit: int = 260) -> tuple[int, int]:
    """A span of at most ~`limit` characters of `around` that contains [start, end), cut at word gaps."""
    a0, a1 = around
    if a1 - a0 <= limit:
        return a0, a1
    spare = max(0, limit - (end - start))
    lo = max(a0, start - spare // 2)
    hi = min(a1, max(end, lo + limit))
    lo = max(a0, min(lo, hi - limit))
    text = doc.text
    while lo > a0 and not text[lo - 1].isspace() and lo > start - spare:
        lo -= 1
    while lo < start and not text[lo - 1].isspace() and lo > a0:
        lo += 1
    while hi < a1 and not text[hi].isspace() and hi < a1:
        hi += 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def bilateral_parties(doc: Doc, start: int, end: int, anchor: int) -> list[str]:
    """parties_at for something between Viet Nam and one partner (a mechanism, a relation).

    A clause often names other countries in passing ("... và tình hình Ukraine"); when it names
    several foreign countries beside Viet Nam, the section's counterpart is the partner if it is
    one of them, else the foreign country named nearest before `anchor` (else after it).
    """
    parties = parties_at(doc, start, end)
    foreign = [p for p in parties if p != HOME]
    if HOME not in parties or len(foreign) < 2:
        return parties
    if all("-" in p for p in foreign) and len({p.split("-", 1)[0] for p in foreign}) == 1:
        return parties  # "với 3 tỉnh biên giới của Campuchia gồm ...": provinces of one country act together
    counterpart = section_counterpart(doc, start)
    if counterpart in foreign:
        return sorted({HOME, counterpart})
    named = [m for m in _places(doc, start, end) if m.code in foreign]
    before = [m for m in named if m.end <= anchor]
    pick = before[-1] if before else next((m for m in named if m.start >= anchor), None)
    return sorted({HOME, pick.code}) if pick is not None else parties


# "giữa hai tỉnh", "hai địa phương": the passage speaks of the two provinces named before it
_TWO_PROVINCES = re.compile(r"(?<![^\W_])hai\s+(?:tỉnh|địa\s+phương)(?![^\W_])", re.IGNORECASE)


def home_province(doc: Doc, start: int, end: int, parties: list[str],
                  wider: tuple[int, int] | None = None) -> list[str]:
    """`parties` with Viet Nam replaced by its provinces when the fact is between provinces.

    Only when the other party is itself a foreign province (LA-PH, CN-YN): then the Vietnamese
    provinces named in the passage ("Tỉnh Điện Biên hỗ trợ tỉnh Phông Xa Lỳ ...", "các tỉnh Lào Cai, Hà
    Giang và Vân Nam") are the Vietnamese side, else those of the `wider` passage (the sentence around a
    clause), else the last one named before a passage that speaks of "hai tỉnh". A province facing a
    whole country, or "các địa phương Việt Nam" facing a province, leaves Viet Nam; but a group of
    Vietnamese provinces facing a country of which the article names one province only ("Bí thư Tỉnh
    ủy các tỉnh Lào Cai, Điện Biên, Lai Châu, Hà Giang ... tại Trung Quốc", in an article about Vân Nam)
    faces that province."""
    if HOME not in parties:
        return parties
    foreign_subs = [p for p in parties if "-" in p and not p.startswith(HOME + "-")]
    own = _own_provinces(doc, start, end)
    if not foreign_subs:
        countries = [p for p in parties if p != HOME]
        if not own or len(countries) != 1:
            return parties
        subs = _subdivisions_by_country(doc).get(countries[0], set())
        if len(own) >= 2 and len(subs) == 1:
            return sorted({*subs, *own})
        # "tỉnh Điện Biên và các tỉnh Bắc Lào": the provinces of that country the article names
        if own and subs and _SEVERAL_PROVINCES.search(doc.text, start, end):
            return sorted({*subs, *own})
        return parties
    if not own and wider is not None:
        own = _own_provinces(doc, *wider)
    if not own and _TWO_PROVINCES.search(doc.text, start, end):
        before = [m for m in doc.places[:bisect.bisect_left([m.start for m in doc.places], start)]
                  if m.kind == "subdivision" and m.country == HOME]
        own = {before[-1].code} if before else set()
    if not own:
        return parties
    return sorted({*(p for p in parties if p != HOME), *own})


def _subdivisions_by_country(doc: Doc) -> dict[str, set[str]]:
    """The subdivisions the document names, by country (cached on the Doc)."""
    cached = doc.__dict__.get("_vndiplo_subdivisions")
    if cached is None or cached[0] != len(doc.places):
        by: dict[str, set[str]] = {}
        for m in doc.places:
            if m.kind == "subdivision":
                by.setdefault(m.country, set()).add(m.code)
        cached = (len(doc.places), by)
        doc.__dict__["_vndiplo_subdivisions"] = cached
    return cached[1]


def _own_provinces(doc: Doc, start: int, end: int) -> set[str]:
    """The Vietnamese provinces named in [start, end) as actors, not as venues ("tại P.Long An")."""
    return {m.code for m in _places(doc, start, end)
            if m.kind == "subdivision" and m.country == HOME
            and not _AT_PLACE.search(doc.text, max(0, m.start - 30), m.start)}


# a place right after "tại"/"ở", maybe with its kind or an abbreviation ("tại P.Long An", "ở tỉnh Huế")
_AT_PLACE = re.compile(r"(?<![^\W_])(?:tại|ở)\s+(?:(?:tỉnh|thành\s+phố|TP\.?|P\.|phường|xã|huyện|thị\s+xã)\s*)?$",
                       re.IGNORECASE)
_SEVERAL_PROVINCES = re.compile(r"(?<![^\W_])(?:các|những|\d+)\s+tỉnh(?![^\W_])", re.IGNORECASE)
