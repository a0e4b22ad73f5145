"""Vietnamese sentence segmentation with character offsets.

Paragraphs are lines; a sentence ends at . ! ? … (or the Vietnamese closing
"./.") followed by a space and a capital letter or an opening quote, but
not after an abbreviation (TP., Tp., TS., PGS., ông., St.), nor inside a
number (1,6 / 8.5 / 8/7), nor inside brackets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

# Tokens that end with a dot without ending a sentence.
ABBREVIATIONS = frozenset(
    "TP Tp tp TS Ts ThS GS PGS BS KS CN Th.S Mr Mrs Ms Dr St No Co Ltd Inc Corp Jr Sr vs etc "
    "Q P TT UBND Tr tr".split()
)

_END = re.compile(r"(?:\./\.|[.!?…]+)(?=[\"'”’»)\]]*\s+[\"'“‘«(\[]*[^\W\d_])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    para: int  # index of the paragraph (line) it belongs to


def _abbreviation_before(text: str, dot: int) -> bool:
    m = re.search(r"([^\W\d_][\w.]*)$", text[max(0, dot - 12):dot])
    return bool(m) and (m.group(1) in ABBREVIATIONS or len(m.group(1)) == 1)


def _split_para(text: str, start: int, end: int):
    pos = start
    depth = 0
    last = start
    while True:
        m = _END.search(text, last, end)
        if not m:
            break
        last = m.end()
        seg = text[pos:m.start()]
        depth = seg.count("(") - seg.count(")")
        if depth > 0 or _abbreviation_before(text, m.start()):
            continue
        nxt = m.end()
        while nxt < end and text[nxt] in "\"'”’»)]":
            nxt += 1
        yield pos, nxt
        pos = nxt
        while pos < end and text[pos].isspace():
            pos += 1
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
