"""Vietnamese text normalisation shared by every stage.

The folds here keep the length of an NFC string, so an offset found in a
folded copy is the same offset in the original: matching runs on the fold,
facts point into the original.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "nfc_with_offsets", "fold_tones", "fold_diacritics", "search_key", "squash_spaces",
           "find_whole_words"]

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # grave acute hook tilde dot-below


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# Letters typed for Vietnamese ones they look like ("Ð" ETH for "Đ", on old pages and keyboards): read as
# them when matching (fold_tones, fold_diacritics), while names keep the text's own spelling
LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


# Old-style tone placement puts the mark on the second vowel of an open "oa",
# "oe" or "uy" (hoà, thoả, Uỷ); new style on the first (hòa, thỏa, Ủy). Both
# spellings are in use, so matching folds old to new. "qu" + vowel is a
# consonant cluster (quả, quý) and stays as it is.
# (The "not after q" test is written after the vowel, (?<![qQ][oOuU]), not before it: a pattern that
# starts with a character class lets `re` skip to the next o/u at C speed, three times faster.)
_OPEN_DIPHTHONG = re.compile(r"([oOuU])(?<![qQ][oOuU])([^\W\d_])(?![^\W\d_])")
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def _move_tone(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    dec = unicodedata.normalize("NFD", second)
    base, marks = dec[0], dec[1:]
    if (first.lower(), base.lower()) not in _PAIRS:
        return m.group(0)
    tone = [c for c in marks if c in _TONES]
    if not tone:
        return m.group(0)
    rest = "".join(c for c in marks if c not in _TONES)
    return nfc(first + tone[0]) + nfc(base + rest)


def nfc_with_offsets(s: str) -> tuple[str, list[int]]:
    """NFC of `s` and, for each offset of it (and its end), the offset in `s` it comes from.

    Normalisation can shorten a text (e + combining mark -> é) or, for a few characters,
    lengthen it; facts found in the NFC text are mapped back through this table. Each run from
    one starter (combining class 0) to the next is normalised on its own, which is where NFC
    composes.
    """
    if unicodedata.is_normalized("NFC", s):
        return s, list(range(len(s) + 1))
    out: list[str] = []
    where: list[int] = []
    start = 0
    for i in range(1, len(s) + 1):
        if i == len(s) or unicodedata.combining(s[i]) == 0:
            seg = unicodedata.normalize("NFC", s[start:i])
            out.append(seg)
            where.extend([start] * len(seg))
            start = i
    where.append(len(s))
    return "".join(out), where


def fold_tones(s: str) -> str:
    """Old-style tone placement to new style (hoà -> hòa), and an ETH typed for Đ read as Đ; same length
    for NFC input."""
    global _last_fold
    last = _last_fold
    if s is last[0]:  # the same text again (a document's text is folded by several stages)
        return last[1]
    folded = _OPEN_DIPHTHONG.sub(_move_tone, s)
    if "\u00d0" in folded or "\u00f0" in folded:
        folded = folded.translate(LOOKALIKES)
    if len(s) > _REMEMBER_FROM:
        _last_fold = (s, folded)  # (one tuple: swapped whole, so threads never see half of it)
    return folded


# The last long text folded and its fold: analysis, the tokenizer and the gazetteer each fold the whole
# document; the second and third time cost nothing. Short strings (names, phrases) are not remembered.
_REMEMBER_FROM = 200
_last_fold: tuple[str | None, str] = (None, "")


def _fold_char(ch: str) -> str:
    if ch in "đĐðÐ":  # (the ETH, Ð, is typed for Đ on some pages)
        return "d" if ch in "đð" else "D"
    return unicodedata.normalize("NFD", ch)[0]


_BMP_FOLD: dict[int, str] | None = None  # built on first use: every BMP character that folds


def _bmp_fold() -> dict[int, str]:
    global _BMP_FOLD
    if _BMP_FOLD is None:
        table = {}
        for cp in range(0x80, 0x10000):
            if 0xD800 <= cp <= 0xDFFF:
                continue
            ch = chr(cp)
            f = _fold_char(ch)
            if f != ch:
                table[cp] = f
        _BMP_FOLD = table
    return _BMP_FOLD


def fold_diacritics(s: str) -> str:
    """Strip every diacritic and map đ/Đ to d/D; same length for NFC input."""
    if s.isascii():
        return s
    if max(s) <= "\uffff":  # the common case, at C speed
        return s.translate(_bmp_fold())
    return _fold_diacritics_slow(s)


def _fold_diacritics_slow(s: str) -> str:
    out = []
    for ch in s:
        if ch in "đĐðÐ":
            out.append("d" if ch in "đð" else "D")
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def search_key(s: str) -> str:
    """The form full-text search indexes and queries in: NFC, no marks, lower case."""
    return fold_diacritics(nfc(s)).lower()


# Every run of spaces becomes one plain space. Only the runs that change are matched: two spaces or
# more, or one that is not a plain space (matching each single plain space costs a match per word).
_ODD = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"  # spaces other than the plain one
_ODD_SPACES = re.compile(f"[ {_ODD}]{{2,}}|[{_ODD}]")
_ODD_SPACE = re.compile(f"[{_ODD}]")


def squash_spaces(s: str) -> str:
    """Collapse runs of (also non-breaking) spaces to one plain space."""
    if "  " not in s and _ODD_SPACE.search(s) is None:  # the common line: nothing to change (found at C speed)
        return s
    return _ODD_SPACES.sub(" ", s)


# The small letters of Vietnamese (with "a-z"), for character classes: "[...]" a small letter, and the
# same string upper-cased a capital (re's \w cannot tell them apart).
SMALL_LETTERS = "a-zàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ"


def find_whole_words(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of `words` in `text` where no letter or digit touches them, left to right, not
    overlapping: what `re.finditer(r"(?<![^\\W_])(?:w1|w2|...)(?![^\\W_])", text)` finds with the words
    escaped, in the order given (at one position the first word of the list that fits wins).

    Without building that regex: a document's own names (a new pattern per document) cost more to
    compile than to look for with str.find.
    """
    n = len(text)
    best: dict[int, tuple[int, int]] = {}  # start -> (rank in `words`, end)
    for rank, w in enumerate(words):
        if not w:
            raise ValueError("find_whole_words: an empty word")
        size = len(w)
        i = text.find(w)
        while i >= 0:
            j = i + size
            if ((i == 0 or not text[i - 1].isalnum()) and (j == n or not text[j].isalnum())
                    and (i not in best or best[i][0] > rank)):
                best[i] = (rank, j)
            i = text.find(w, i + 1)
    out: list[tuple[int, int]] = []
    reach = 0
    for i in sorted(best):
        if i >= reach:
            j = best[i][1]
            out.append((i, j))
            reach = j
    return out
