"""Fast whole-word search for a list of phrases in a document's folded text.

A single regex alternation of many phrases tries every alternative at every offset of a
long page; searching the phrases' distinct first two words with str.find and confirming each
hit with the full pattern is several times faster and finds the same leftmost-longest,
non-overlapping matches, provided the first two words are separated by one plain space
(`lower_fold` turns tabs and no-break spaces into plain ones; a doubled space there is missed).
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from vndiplo.text import fold_tones

__all__ = ["PhraseFinder", "lower_fold"]

_W = r"[^\W_]"


_ODD_SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def lower_fold(doc) -> str:
    """doc.fold in lower case with odd spaces as plain ones, cached on the doc (same length as the text)."""
    cached = doc.__dict__.get("_vndiplo_lower")
    if cached is None:
        low = _ODD_SPACES.sub(" ", doc.fold.lower())
        cached = low if len(low) == len(doc.fold) else doc.fold
        doc.__dict__["_vndiplo_lower"] = cached
    return cached


class PhraseFinder:
    """Leftmost-longest whole-word matches of `phrases` (spaces match any run of spaces).

    With `ignore_case`, search a lower-cased text (see `lower_fold`); the phrases are lowered here.
    """

    def __init__(self, phrases: Iterable[str], ignore_case: bool = True) -> None:
        norm = {fold_tones(p).strip() for p in phrases if p and p.strip()}
        if ignore_case:
            norm = {p.lower() for p in norm}
        if not norm:
            raise ValueError("PhraseFinder needs at least one phrase")
        self.ignore_case = ignore_case
        # find keys: the first two words of each phrase (one if it has one), space-joined; a key
        # that is a prefix of another key makes the longer one redundant
        keys = {self.key_of(p) for p in norm}
        self.firsts = sorted(k for k in keys if not any(o != k and k.startswith(o) for o in keys))
        alt = "|".join(self.pattern_of(p) for p in sorted(norm, key=len, reverse=True))
        flags = re.IGNORECASE if ignore_case else 0
        self.regex = re.compile(rf"(?<!{_W})(?:{alt})(?!{_W})", flags)

    @staticmethod
    def key_of(phrase: str) -> str:
        words = re.split(r"[\s\-–—]+", phrase)
        rest = phrase[len(words[0]):]
        if len(words) > 1 and re.match(r" [^\s\-–—]", rest):
            return words[0] + " " + words[1]
        return words[0]

    @staticmethod
    def pattern_of(phrase: str) -> str:
        parts = re.split(r"\s*[-–—]\s*", phrase)
        return r"\s*[-–—]\s*".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        """Matches in text[start:end], left to right, not overlapping."""
        end = len(text) if end is None else end
        starts: set[int] = set()
        for w in self.firsts:
            i = text.find(w, start, end)
            while i >= 0:
                starts.add(i)
                i = text.find(w, i + 1, end)
        pos = start
        for s in sorted(starts):
            if s < pos:
                continue
            m = self.regex.match(text, s, end)
            if m:
                yield m
                pos = m.end()

    def match(self, text: str, pos: int) -> re.Match | None:
        return self.regex.match(text, pos)
