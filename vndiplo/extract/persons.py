"""Persons named in an analysed document, with their roles and countries.

`annotate(doc)` fills `doc.persons`: every name introduced by a role phrase
(roles.py), by a cue word ("ông", "đồng chí", "Ngài"), listed in persons.tsv
when that table exists, or repeating a name already found. Mentions of one
person ("Bộ trưởng Motegi", "ông Motegi Toshimitsu") share its full name and
country. A person's country is the nationality in a title; else persons.tsv's;
else VN for a Vietnamese-shaped name; else the foreign country named last
before the name in its sentence.

`extract(doc)` gives one Person fact per person, with every role the text gives.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from vndiplo.extract.doc import Doc, PersonMention
from vndiplo.data.gazetteer import split_list, table
from vndiplo.extract.roles import RoleMention, lexicon, scan
from vndiplo.extract.tokens import PhraseSet, Token, key, tokenize
from vndiplo.records import Fact, Person
from vndiplo.text import find_whole_words, fold_diacritics, fold_tones

__all__ = ["annotate", "extract", "tokens_of", "role_mentions", "VN"]

VN = "VN"
_VN_SYLLABLE = re.compile(r"^[^\W\d_fjwzFJWZ]{1,7}$")


def tokens_of(doc: Doc) -> list[Token]:
    """The document's tokens (computed once per document)."""
    toks = getattr(doc, "_tokens", None)
    if toks is None:
        toks = tokenize(doc.text)
        doc._tokens = toks  # type: ignore[attr-defined]
        doc._tok_starts = [t.start for t in toks]  # type: ignore[attr-defined]
    return toks


def role_mentions(doc: Doc) -> list[RoleMention]:
    """Every role chain of the document, with or without a name (after `annotate`)."""
    return getattr(doc, "_roles", None) or []


@functools.cache
def _known_persons():
    """(phrase set of known names, folded name -> (full name, country)) from persons.tsv, if present."""
    try:
        rows = table("persons")
    except (FileNotFoundError, OSError):
        return None, {}
    names: dict[str, tuple[str, str | None]] = {}
    for r in rows:
        full = r.get("name")
        if not full:
            continue
        for n in [full, *split_list(r.get("aliases"))]:
            names[key(n)] = (full, r.get("country") or None)
    if not names:
        return None, {}
    return PhraseSet(names), names


@functools.cache
def _not_official_words() -> tuple[str, ...]:
    return tuple(fold_tones(r["phrase"]).lower() for r in table("name_parts") if r["group"] == "not_official")


@functools.cache
def _thing_words() -> tuple[str, ...]:
    return tuple(fold_tones(r["phrase"]) + " " for r in table("name_parts") if r["group"] == "not_person_before")


@functools.cache
def _thing_before() -> re.Pattern:
    """A thing word, then a title of office, right before a name ("Lăng Chủ tịch X")."""
    alt = "|".join(re.escape(w.strip()) for w in sorted(set(_thing_words()), key=len, reverse=True))
    heads = {" ".join(k) for k in lexicon().heads.values if 1 <= len(k) <= 3}
    halt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alt}) (?i:{halt}) $")


def _names_a_thing(fold: str, start: int) -> bool:
    """'Thành phố Hồ Chí Minh', 'tư tưởng Hồ Chí Minh', 'Lăng Chủ tịch Hồ Chí Minh': a name inside the
    name of a place, monument or idea."""
    before = fold[max(0, start - 40):start]
    return before.endswith(_thing_words()) or bool(_thing_before().search(before))


@functools.cache
def _links() -> frozenset[str]:
    return frozenset(r["phrase"].lower() for r in table("name_parts") if r["group"] == "not_in_thing_name")


def _ends_a_name(text: str, fold: str, start: int) -> bool:
    """A name that ends the words opened by a thing word ("Học viện Chính trị Quốc gia Hồ Chí Minh",
    "Đại học Quốc gia Hồ Chí Minh"): the institution's name, not the person."""
    k = start
    for _ in range(5):
        if k != start and _names_a_thing(fold, k):
            return True
        j = k - 1
        while j > 0 and text[j - 1] == " ":
            j -= 1
        w = j
        while w > 0 and not text[w - 1].isspace() and text[w - 1] not in ",;:()":
            w -= 1
        if w == j or text[w:j].lower() in _links():
            return False
        k = w
    return False


def _not_official(fold: str, end: int) -> bool:
    """'bà X, phóng viên ...': a name followed by a non-official occupation."""
    after = fold[end:end + 30].lstrip(" ,-–(").lower()
    return after.startswith(_not_official_words())


def looks_vietnamese(name: str) -> bool:
    """2-4 Vietnamese syllables starting with a common Vietnamese family name."""
    parts = name.split()
    lx = lexicon()
    return (2 <= len(parts) <= 4 and key(parts[0]) in lx.surnames
            and all(_VN_SYLLABLE.match(p) for p in parts))


@dataclass
class _Group:
    name: str
    tokens: tuple[str, ...]
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)


_LATE = re.compile(r"cố\s+(?!vấn)")  # "Cố Chủ tịch" (the late), not "Cố vấn" (adviser)


def annotate(doc: Doc) -> None:
    """Fill doc.persons with the names in the text, their titles and countries."""
    toks = tokens_of(doc)
    found = scan(doc.text, toks, doc.places, doc._tok_starts)  # type: ignore[attr-defined]
    doc._roles = found  # type: ignore[attr-defined]
    mentions: list[PersonMention] = []
    things: list[tuple[int, int]] = []  # names read as part of a place's or monument's name
    for m in found:
        if m.name_start is None:
            continue
        if not m.roles and _not_official(doc.fold, m.name_end):
            continue
        if _names_a_thing(doc.fold, m.start) or (not m.roles and (
                _names_a_thing(doc.fold, m.name_start) or _ends_a_name(doc.text, doc.fold, m.name_start))):
            things.append((m.start, m.name_end))
            continue  # "Lăng Chủ tịch X", "Thành phố X", "Học viện Chính trị Quốc gia X": a place's name
        name = _gloss(doc.text, m.name_start, m.name_end) or doc.text[m.name_start:m.name_end]
        role_span = (m.start, m.end) if m.roles else None
        mentions.append(PersonMention(m.name_start, m.name_end, name, m.country, list(m.roles), role_span))
    names, known = _known_persons()
    if names is not None:
        taken = [(p.start, p.end) for p in mentions] + [(m.start, m.end) for m in doc.places] + things
        firsts = names.first_words()
        for i, t in enumerate(toks):
            if not t.is_cap or t.low not in firsts:
                continue
            j = names.match(toks, i)
            if j == i:
                continue
            a, b = t.start, toks[j - 1].end
            if any(x < b and a < y for x, y in taken) or _names_a_thing(doc.fold, a) or \
                    _ends_a_name(doc.text, doc.fold, a):
                continue
            _, country = known[key(doc.text[a:b])] if key(doc.text[a:b]) in known else \
                known[" ".join(tk.low for tk in toks[i:j])]
            # the table knows who it is (the country); the name stays as the text spells it
            mentions.append(PersonMention(a, b, doc.text[a:b], country, [], None))
            taken.append((a, b))
    # anyone the text calls late ("Cố Chủ tịch X") is remembered, not an actor of the news
    mentions = [p for p in mentions if not (p.roles and all(_LATE.match(key(r)) for r in p.roles))]
    mentions.sort(key=lambda p: p.start)
    groups = _group(mentions)
    _repeats(doc, groups, mentions)
    for g in groups:
        _decide_country(doc, g, known)
        for p in g.mentions:
            p.name = g.name
            p.country = g.country
    mentions.sort(key=lambda p: p.start)
    doc.persons = mentions
    doc._person_groups = groups  # type: ignore[attr-defined]


# "Đa-ni-en Cha-pô (Daniel Chapo)": a hyphenated Vietnamese transliteration with the original
# spelling in brackets right after it; the original is the person's name
_GLOSS = re.compile(r"\s*\(\s*([A-Z][^\W\d_]*(?:[ '’-][A-Z][^\W\d_]*){0,4})\s*\)")


def _gloss(text: str, start: int, end: int) -> str | None:
    """The bracketed original spelling after a hyphenated transliteration, if any."""
    if "-" not in text[start:end]:
        return None
    m = _GLOSS.match(text, end)
    if not m:
        return None
    orig = m.group(1)
    if " " not in orig or any(ord(c) >= 0x250 or c in "đĐơƠưƯ" for c in orig):
        return None  # one word, or Vietnamese letters: not a foreign original
    if re.search(r"-[a-zà-ỹ]{1,3}(?:-|\b)", orig):  # itself syllables joined by hyphens
        return None
    return orig


VARIANT_SIMILARITY = 80  # rapidfuzz ratio (0-100) of each word of two spellings of one foreign name


def _spelling_variant(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two foreign names of as many words, each word starting alike and spelt nearly the same."""
    if len(a) != len(b) or a == b:
        return False
    pairs = [(fold_diacritics(x), fold_diacritics(y)) for x, y in zip(a, b)]
    return all(x[:1] == y[:1] and fuzz.ratio(x, y) >= VARIANT_SIMILARITY for x, y in pairs)


def _group(mentions: list[PersonMention]) -> list[_Group]:
    """Mentions of one person together; a shorter form joins the unique longer name holding its words."""
    by_len = sorted({m.name for m in mentions}, key=lambda n: (-len(n.split()), n))
    groups: list[_Group] = []
    index: dict[str, _Group] = {}
    for n in by_len:
        t = tuple(key(x) for x in n.split())
        # a short form of three words or more is a name of its own unless it opens the longer one
        # ("Salman bin Abdulaziz" is not "Mohammed bin Salman bin Abdulaziz", his son)
        hits = [g for g in groups if t == g.tokens or (len(t) < len(g.tokens) and set(t) <= set(g.tokens)
                                                      and (len(t) < 3 or g.tokens[:len(t)] == t))]
        if not hits and len(t) >= 2 and not looks_vietnamese(n):
            # "Thonglun Sisulith" / "Thongloun Sisoulith": one foreign name spelt two ways in one article
            hits = [g for g in groups if _spelling_variant(t, g.tokens)][:1]
        if len(hits) == 1 or (hits and all(h is hits[0] for h in hits)):
            index[n] = hits[0]
        elif hits and any(t == h.tokens for h in hits):
            index[n] = next(h for h in hits if t == h.tokens)
        else:
            g = _Group(n, t)
            groups.append(g)
            index[n] = g
    for m in mentions:
        g = index[m.name]
        g.mentions.append(m)
        for r in m.roles:
            if r not in g.roles:
                g.roles.append(r)
    groups.sort(key=lambda g: g.mentions[0].start)
    return groups


def _repeats(doc: Doc, groups: list[_Group], mentions: list[PersonMention]) -> None:
    """Bare repeats of a full name already found (no title before them)."""
    names = [g for g in groups if len(g.tokens) >= 2]
    if not names:
        return
    alt = [fold_tones(g.name) for g in sorted(names, key=lambda g: -len(g.name))]  # longest first
    by_name = {fold_tones(g.name): g for g in names}
    taken = sorted((p.start, p.end) for p in mentions)
    starts = [a for a, _ in taken]
    for mt_start, mt_end in find_whole_words(doc.fold, alt):
        k = bisect.bisect_left(starts, mt_end)  # the mentions that start before this one ends
        if k and max(b for _, b in taken[max(0, k - 8):k]) > mt_start:
            continue  # (mentions do not nest, so the last few before it are the only ones that may overlap)
        g = by_name[doc.fold[mt_start:mt_end]]
        pm = PersonMention(mt_start, mt_end, g.name, None, [], None)
        g.mentions.append(pm)
        mentions.append(pm)
    for g in groups:
        g.mentions.sort(key=lambda p: p.start)


def _decide_country(doc: Doc, g: _Group, known: dict) -> None:
    for m in g.mentions:
        if m.country:
            g.country = m.country
            return
    k = known.get(key(g.name))
    if k and k[1]:
        g.country = k[1]
        return
    if looks_vietnamese(g.name):
        g.country = VN
        return
    # the foreign country named last before the name: in its sentence, else earlier in its paragraph
    first = g.mentions[0]
    idx = doc.sentence_index(first.start)
    if not doc.sentences:
        return
    para = doc.sentences[idx].para
    k = idx
    while k >= 0 and doc.sentences[k].para == para:
        lo = doc.sentences[k].start
        hi = first.start if k == idx else doc.sentences[k].end
        before = [m for m in doc.places_in(lo, hi) if m.kind in ("country", "subdivision")
                  and m.country and m.country != VN]
        if before:
            g.country = before[-1].country
            return
        k -= 1
    # else the article's one foreign country: the only one it names, or one it names far more often
    g.country = _main_foreign_country(doc)


def _main_foreign_country(doc: Doc) -> str | None:
    got = doc.__dict__.get("_main_foreign")
    if got is None:
        counts: dict[str, int] = {}
        for m in doc.places_in(0, len(doc.text)):
            if m.kind in ("country", "subdivision", "city") and m.country and m.country != VN:
                counts[m.country] = counts.get(m.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        main = ""
        if len(ranked) == 1 or (ranked and ranked[0][1] >= 3 * ranked[1][1] and ranked[0][1] >= 3):
            main = ranked[0][0]
        got = doc.__dict__["_main_foreign"] = main
    return got or None


def _clean_roles(roles: list[str]) -> list[str]:
    """Roles without repeats and without a bare title that a longer role of the person spells out."""
    out: list[str] = []
    keys = [key(r) for r in roles]
    for r, k in zip(roles, keys):
        if any(o != k and o.startswith(k + " ") for o in keys):
            continue
        if k not in [key(o) for o in out]:
            out.append(r)
    return out


def extract(doc: Doc) -> list[Fact]:
    """One Person per named person, with every role the article gives them."""
    facts: list[Fact] = []
    for g in getattr(doc, "_person_groups", None) or []:
        first = g.mentions[0]
        sent = doc.sentence_at(first.start)
        span = (sent.start, sent.end) if sent else (first.start, first.end)
        facts.append(Person(name=g.name, country=g.country, roles=_clean_roles(g.roles),
                            evidence=doc.text[span[0]:span[1]], span=span))
    return facts
