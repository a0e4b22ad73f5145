"""Lines written in capitals, read in title case.

A headline or byline in capitals ("CHỦ TỊCH NƯỚC ... TRƯƠNG TẤN SANG VIẾNG THĂM SRI LANKA") hides the
capital letters that tell a name from the words around it. Such a line is read with each word
capitalised, except the small words of name_parts.tsv (`small_in_caps`: function words and verbs of
diplomacy, "của", "viếng", "thăm"), which stay in small letters and so end a name; acronyms without a
vowel ("TTXVN", "HĐND") keep their capitals. The result has the same length as the input, so every
span found in it is a span of the original text (whose words the evidence keeps).
"""
from __future__ import annotations

import functools
import re

from vndiplo.data.gazetteer import table
from vndiplo.text import SMALL_LETTERS

__all__ = ["recase_capital_lines"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@functools.cache
def _small_words() -> frozenset[str]:
    return frozenset(r["phrase"].lower() for r in table("name_parts") if r["group"] == "small_in_caps")


_SMALL = SMALL_LETTERS
_LOWER = re.compile(f"[{_SMALL}]")
_UPPER = re.compile(f"[{_SMALL.upper()}]")
_LOWER_RUN = re.compile(f"[{_SMALL}]{{3}}")


def _is_capital_line(line: str) -> bool:
    # (this runs on every line of every page: a line of ordinary text is told at once by its third run
    # of three small letters, found at C speed)
    runs = _LOWER_RUN.finditer(line)
    if next(runs, None) is not None and next(runs, None) is not None and next(runs, None) is not None:
        return False
    small = len(_LOWER.findall(line))
    upper = len(_UPPER.findall(line))
    if small + upper < 12 or upper < 0.85 * (small + upper):
        return False
    return sum(1 for w in _WORD.findall(line) if len(w) > 1) >= 3


def _recase_word(m: re.Match) -> str:
    w = m.group(0)
    low = w.lower()
    if len(low) != len(w):
        return w  # (a letter whose small form is longer: keep the word as written)
    if len(w) > 1 and not any(c in _VOWELS for c in low):
        return w  # an acronym: TTXVN, HĐND
    if low in _small_words():
        return low
    return low[0].upper() + low[1:] if low[0].upper() and len(low[0].upper()) == 1 else w


def recase_capital_lines(text: str) -> str:
    """`text` with its lines in capitals read in title case (same length; other lines unchanged)."""
    if not any(c.isupper() for c in text):
        return text
    out = []
    changed = False
    for line in text.split("\n"):
        if _is_capital_line(line):
            new = _WORD.sub(_recase_word, line)
            changed = changed or new != line
            out.append(new)
        else:
            out.append(line)
    return "\n".join(out) if changed else text
