"""Vietnamese sentence segmentation with character offsets.

Paragraphs are lines. A sentence ends at . ! ? … (or the closing "./.")
followed by space and the capital letter, digit or opening quote that
starts the next sentence. Not a sentence end:

- a dot after an abbreviation or title (TP., PGS.TS., Th.S., St., D.C.) or
  after a person's initial (Marc E. Knapper: one capital after a capitalised word,
  a title or a word that introduces a name: "Thủ tướng J. Koizumi", "ngài K. Shanmugam");
- a dot inside a number or date (1,6 / 8.5 / 1.000 / 8/7 have no space after it);
- a dot followed by a lower-case word (Vietnamese sentences start with a capital);
- a dot with no space after it, unless a lower-case word ends there and a capitalised
  word starts right after it ("Quốc hội.Trước đây": a space lost in scraping);
- anything inside open brackets.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "ABBREVIATIONS"]

# Tokens that end with a dot without ending a sentence (compared without case for ≥ 2 letters).
ABBREVIATIONS = frozenset(w.lower() for w in (
    "TP Tp TS ThS Th.S GS PGS GS.TS PGS.TS TSKH BS KS CN ĐH NXB Q P TT UBND Tr "
    "Mr Mrs Ms Dr St Mt No Co Ltd Inc Corp Jr Sr vs etc v.v Gen Lt Col Prof Sen Rep Gov Hon H.E "
    "U.S U.K D.C e.g i.e Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec").split())

_END = re.compile(r"\./\.|[.!?…]+")
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([-–—"
_TOKEN_BEFORE = re.compile(r"([^\W\d_][\w.]*)$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    para: int  # index of the paragraph (line) it belongs to


@functools.cache
def _name_leads() -> frozenset[str]:
    """Lower-case words after which a capital letter and a dot are a person's initial: the last word of
    each two-word title of office ("tướng", "thống", "sứ") and the words that introduce a name ("ông", "ngài")."""
    from vndiplo.data.gazetteer import table

    words = {row["title_vi"].split()[-1] for row in table("titles")
             if row.get("title_vi") and len(row["title_vi"].split()) == 2}
    words |= {row["phrase"].split()[-1].lower() for row in table("name_parts")
              if row.get("group") == "cue" and row.get("phrase")}
    return frozenset(w for w in words if w.isalpha() and w.islower())


@functools.cache
def _one_letter_places() -> frozenset[str]:
    """Country and place names of one letter ("Ý")."""
    from vndiplo.data.gazetteer import split_list, table

    return frozenset(n for tab in ("countries", "cities", "subdivisions") for row in table(tab)
                     for n in [row.get("name_vi") or "", *split_list(row.get("aliases")),
                               *split_list(row.get("weak_aliases"))] if len(n) == 1)


def _abbreviation_before(text: str, dot: int, floor: int) -> bool:
    m = _TOKEN_BEFORE.search(text[max(floor, dot - 16):dot])
    if not m:
        return False
    tok = m.group(1)
    if tok.lower() in ABBREVIATIONS or tok.rstrip(".").lower() in ABBREVIATIONS:
        return True
    if len(tok) == 1 and tok.isupper():
        # An initial when a capitalised word comes before it ("Marc E."), or a title or a word that
        # introduces a name ("Thủ tướng J. Koizumi", "ngài K. Shanmugam"); else a sentence end.
        w = _WORD_BEFORE.search(text[max(floor, dot - 40):dot - 1])
        if tok in _one_letter_places():  # "Đại sứ Ý." (Italy) ends the sentence
            return False
        return bool(w) and (w.group(1)[0].isupper() or w.group(1).lower() in _name_leads())
    # Dotted acronyms like "D.C" or "U.S" end with a single letter after a dot.
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", tok))


def _starts_sentence(text: str, pos: int, end: int) -> int | None:
    """Offset of the next sentence's first character if one starts at/after `pos`, else None."""
    i = pos
    if i >= end or not text[i].isspace():
        return None
    while i < end and text[i].isspace():
        i += 1
    j = i
    while j < end and text[j] in _OPENERS:
        j += 1
    if j >= end:
        return None
    c = text[j]
    if c.isupper() or c.isdigit() or (j > i and c.isalpha()):
        return i
    return None


def _fused_start(text: str, dot: int, stop: int, end: int) -> bool:
    """A full stop with no space after it that still ends a sentence: a lower-case word of two letters
    or more before it, a capitalised word (capital then lower case) right after it ("hội.Trước",
    "Zealand.Về"; not "Tp.HCM", "v.v", "baoquocte.vn", "J.Koizumi")."""
    return (stop == dot + 1 and stop + 1 < end and text[stop].isupper() and text[stop + 1].islower()
            and dot >= 2 and text[dot - 1].islower() and text[dot - 2].isalpha())


def _split_para(text: str, start: int, end: int):
    pos = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        while stop < end and text[stop] in _CLOSERS:
            stop += 1
        nxt = _starts_sentence(text, stop, end)
        if nxt is None and m.group() == "." and _fused_start(text, m.start(), stop, end) \
                and not _abbreviation_before(text, m.start(), pos):
            nxt = stop  # "... Quốc hội.Trước đây, ...": the space after the full stop was lost
        if nxt is None:
            continue
        seg = text[pos:m.start()]
        if seg.count("(") > seg.count(")") or seg.count("[") > seg.count("]"):
            continue
        if m.group() == "." and _abbreviation_before(text, m.start(), pos):
            continue
        yield pos, stop
        pos = nxt
    if pos < end:
        yield pos, end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order, each with its offsets; blank lines are skipped."""
    out: list[Sentence] = []
    para = 0
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s == e:
            continue
        for a, b in _split_para(text, s, e):
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Sentence(a, b, text[a:b], para))
        para += 1
    return out
