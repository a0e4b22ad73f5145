"""Person names and offices compared across articles.

A name is compared in two folds: `exact_key` (NFC, old/new tone placement
unified, lower case) and `loose_key` (no marks at all, đ -> d). Vietnamese
names must agree on the exact key, because stripping marks merges different
people (Thành / Thanh); the loose key only bridges a name written without
any marks. Romanised foreign names (no Vietnamese marks) may also differ in
spelling (Thongsavanh / Thongsavan) or order (Motegi Toshimitsu / Toshimitsu
Motegi): `similar_foreign` allows that, with a high threshold, for people of
the same country only.
"""
from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from vndiplo.data.gazetteer import table
from vndiplo.store.keys import role_key
from vndiplo.text import fold_tones, nfc, search_key, squash_spaces

__all__ = ["clean_name", "exact_key", "loose_key", "is_unmarked", "similar_foreign",
           "split_roles", "role_key", "FUZZY_THRESHOLD"]

FUZZY_THRESHOLD = 90  # rapidfuzz token_sort_ratio (0-100) for two spellings of one foreign name


@functools.cache
def _prefixes() -> tuple[str, ...]:
    words = [r["word"] for r in table("honorifics")] + [r["title_vi"] for r in table("titles")]
    return tuple(sorted({fold_tones(w).lower() for w in words if w}, key=len, reverse=True))


def clean_name(name: str) -> str:
    """The name without forms of address or titles written before it ("ông Prak Sokhonn" -> "Prak Sokhonn")."""
    s = squash_spaces(nfc(name or "")).strip(" ,;:.-–")
    changed = True
    while changed:
        changed = False
        low = fold_tones(s).lower()
        for p in _prefixes():
            if low.startswith(p + " ") and len(s) > len(p) + 1:
                s = s[len(p) + 1:].lstrip(" ,")
                changed = True
                break
    return s


def exact_key(name: str) -> str:
    return " ".join(fold_tones(clean_name(name)).lower().split())


def loose_key(name: str) -> str:
    return " ".join(search_key(clean_name(name)).split())


def is_unmarked(name: str) -> bool:
    """True for a name written without any Vietnamese marks (a romanised or unaccented spelling)."""
    n = clean_name(name)
    return search_key(n) == n.lower()


def similar_foreign(a: str, b: str) -> bool:
    """Two unmarked spellings of one foreign name: same words, maybe in another order or spelt slightly apart."""
    ka, kb = loose_key(a), loose_key(b)
    ta, tb = sorted(ka.split()), sorted(kb.split())
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    for x, y in zip(ta, tb):
        # A short word differing (An / Anh, Son / Sơn) is another name, not another spelling.
        if x != y and (x[0] != y[0] or min(len(x), len(y)) < 5 or fuzz.ratio(x, y) < 80):
            return False
    return fuzz.token_sort_ratio(ka, kb) >= FUZZY_THRESHOLD


_ROLE_SPLIT = re.compile(r"\s*(?:[,;]|\bkiêm\b)\s*")


def split_roles(roles: list[str] | str | None) -> list[str]:
    """Single offices from role strings ("Phó Thủ tướng, Bộ trưởng Ngoại giao" -> two roles)."""
    if not roles:
        return []
    if isinstance(roles, str):
        roles = [roles]
    out = []
    for r in roles:
        for part in _ROLE_SPLIT.split(squash_spaces(nfc(r or ""))):
            part = part.strip(" .")
            if part and part not in out:
                out.append(part)
    return out


