"""Word tokens of a document with offsets, and phrase lists matched on them.

Persons and events read the text as a token sequence: a word is a run of
letters/digits (hyphens and apostrophes inside it kept: "Ki-moon"), any other
non-space character is a token of its own. Phrases from the data tables are
matched token by token, ignoring case and old/new tone placement.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, NamedTuple

from vndiplo.text import fold_tones, nfc

__all__ = ["Token", "tokenize", "PhraseSet", "key"]

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|_")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # folded, lower case: what phrases are compared with
    is_word: bool  # letters or digits (not punctuation)
    is_cap: bool  # a capitalised word (proper-noun shape)


def _token(s: int, e: int, text: str, low: str) -> Token:
    c = text[0]
    return Token(s, e, text, low, c.isalnum(), c.isupper())


@functools.lru_cache(maxsize=1 << 14)
def key(s: str) -> str:
    """The folded lower-case form phrases are compared in (remembered: the same titles and names come back)."""
    return fold_tones(nfc(s)).lower()


_new = tuple.__new__


def tokenize(text: str) -> list[Token]:
    """Tokens of `text`; a hyphen before a capital splits ("Lào-Việt Nam"), before a small letter not ("Ki-moon")."""
    low = fold_tones(text).lower()
    if len(low) != len(text):  # a lower-case mapping changed the length: fold token by token
        low = None
    out: list[Token] = []
    append = out.append
    shape = _SHAPES.get
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        t = m.group()
        is_word, is_cap, fused, hyphens = shape(t) or _shape(t)
        if fused:
            for a, b in _split_fused(t, s):
                w = text[a:b]
                append(_new(Token, (a, b, w, low[a:b] if low else key(w), w[0].isalnum(), w[0].isupper())))
            continue
        if hyphens:
            for a, b in _split_hyphens(text, s, e):
                w = text[a:b]
                append(_new(Token, (a, b, w, low[a:b] if low else key(w), w[0].isalnum(), w[0].isupper())))
            continue
        append(_new(Token, (s, e, t, low[s:e] if low else key(t), is_word, is_cap)))
    return out


# What tokenize() asks of a token's text, remembered per text (a document repeats its words, and
# one dictionary look-up costs less than the tests): (is_word, is_cap, splits as fused words, splits
# at hyphens). Emptied when it grows past _MAX_SHAPES.
_SHAPES: dict[str, tuple[bool, bool, bool, bool]] = {}
_MAX_SHAPES = 1 << 16


def _shape(t: str) -> tuple[bool, bool, bool, bool]:
    fused = len(t) > 3 and not t[1:].islower() and not t.isupper() and bool(_fused_at(t))
    c = t[0]
    shape = (c.isalnum(), c.isupper(), fused, not fused and "-" in t and len(t) > 2)
    if len(_SHAPES) >= _MAX_SHAPES:
        _SHAPES.clear()
    _SHAPES[t] = shape
    return shape


# A small letter then a capital inside a word: two words with the space lost ("Ngoại giaoLê",
# "DũngChủ tịch") when either side is written with Vietnamese letters; "McLiesh", "iPhone" stay whole.
_ASCII = re.compile(r"^[A-Za-z'’-]*$")


def _fused_at(t: str) -> list[int]:
    """Where a word starts inside `t`: after a small letter ("giaoLê"), or after an acronym ("TTXVNChiều")."""
    return [h for h in range(2, len(t) - 1) if t[h].isupper() and t[h + 1].islower() and t[h - 2].isalpha()
            and (t[h - 1].islower() or t[:h].isupper())]


def _split_fused(t: str, s: int):
    a = 0
    for h in _fused_at(t):
        left = t[a:h]
        right = re.match(r"[^\W_]+", t[h:]).group()
        if len(right) < 2 or (_ASCII.match(left) and _ASCII.match(right)):
            continue
        yield s + a, s + h
        a = h
    yield s + a, s + len(t)


def _split_hyphens(text: str, s: int, e: int):
    a = s
    for h in range(s + 1, e - 1):
        if text[h] == "-" and text[h + 1].isupper():
            yield a, h
            yield h, h + 1
            a = h + 1
    yield a, e


_END = ""  # trie key marking the end of a phrase (no token is empty)


class PhraseSet:
    """Multi-word phrases matched on tokens, longest first (a trie of folded lower-case words).

    `match(tokens, i)` gives the end index (exclusive) of the longest phrase
    starting at token i, or i when none does.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self._trie: dict = {}
        self.values: dict[tuple[str, ...], str] = {}
        for p in phrases:
            toks = tuple(t.low for t in tokenize(nfc(p.strip())))
            if not toks:
                continue
            node = self._trie
            for w in toks:
                node = node.setdefault(w, {})
            node[_END] = True
            self.values.setdefault(toks, p.strip())
        self._by_first = self._trie  # first words (membership tests)

    def match(self, tokens: list[Token], i: int) -> int:
        n = len(tokens)
        if i >= n:
            return i
        node = self._trie.get(tokens[i][3])  # (.low: most calls end here, so index, not attribute)
        if node is None:
            return i
        best = i
        j = i + 1
        while node is not None:
            if _END in node:
                best = j
            if j >= n:
                break
            node = node.get(tokens[j][3])
            j += 1
        return best

    def first_words(self) -> frozenset[str]:
        """The words phrases start with (built once: the phrases do not change after __init__)."""
        words = self.__dict__.get("_first_words")
        if words is None:
            words = self._first_words = frozenset(self._trie)
        return words

    def starts(self, low: str) -> bool:
        """Whether some phrase starts with this (folded, lower-case) word."""
        return low in self._trie

    def phrase(self, tokens: list[Token], i: int, j: int) -> str | None:
        return self.values.get(tuple(t.low for t in tokens[i:j]))

    def __contains__(self, word: str) -> bool:
        return (key(word),) in self.values
