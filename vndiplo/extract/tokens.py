"""Word tokens of a document with offsets, and phrase lists matched on them.

Persons and events read the text as a token sequence: a word is a run of
letters/digits (hyphens and apostrophes inside it kept: "Ki-moon"), any other
non-space character is a token of its own. Phrases from the data tables are
matched token by token, ignoring case and old/new tone placement.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from vndiplo.text import fold_tones, nfc

__all__ = ["Token", "tokenize", "PhraseSet", "key"]

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|_")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str  # folded, lower case: what phrases are compared with

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        """A capitalised word (proper-noun shape)."""
        return self.text[0].isupper()


def key(s: str) -> str:
    return fold_tones(nfc(s)).lower()


_CAP_HYPHEN = re.compile(r"[-'’](?=[^\W\d_])")


def _pieces(text: str):
    """Token offsets; a hyphen before a capital splits ("Lào-Việt Nam"), before a small letter not ("Ki-moon")."""
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        if e - s > 2 and "-" in m.group(0):
            a = s
            for h in _CAP_HYPHEN.finditer(text, s, e):
                if text[h.end()].isupper() and h.group(0) == "-":
                    yield a, h.start()
                    yield h.start(), h.end()
                    a = h.end()
            yield a, e
        else:
            yield s, e


def tokenize(text: str) -> list[Token]:
    low = fold_tones(text).lower()
    if len(low) != len(text):  # a lower-case mapping changed the length: fall back per token
        return [Token(s, e, text[s:e], key(text[s:e])) for s, e in _pieces(text)]
    return [Token(s, e, text[s:e], low[s:e]) for s, e in _pieces(text)]


class PhraseSet:
    """Multi-word phrases matched on tokens, longest first.

    `match(tokens, i)` gives the end index (exclusive) of the longest phrase
    starting at token i, or i when none does.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self.values: dict[tuple[str, ...], str] = {}
        for p in phrases:
            toks = tuple(t.low for t in tokenize(nfc(p.strip())))
            if not toks:
                continue
            self._by_first.setdefault(toks[0], []).append(toks)
            self.values.setdefault(toks, p.strip())
        for lst in self._by_first.values():
            lst.sort(key=len, reverse=True)

    def match(self, tokens: list[Token], i: int) -> int:
        if i >= len(tokens):
            return i
        cands = self._by_first.get(tokens[i].low)
        if not cands:
            return i
        n = len(tokens)
        for toks in cands:
            j = i + len(toks)
            if j <= n and all(tokens[i + k].low == toks[k] for k in range(1, len(toks))):
                return j
        return i

    def phrase(self, tokens: list[Token], i: int, j: int) -> str | None:
        return self.values.get(tuple(t.low for t in tokens[i:j]))

    def __contains__(self, word: str) -> bool:
        return (key(word),) in self.values
