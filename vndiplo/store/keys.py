"""The keys entities are filed under, shared by the resolver that writes them and the queries that read
them (so the store does not import the resolver): an office's key, a pair of parties' key."""
from __future__ import annotations

import functools
import re

from vndiplo.data.gazetteer import table
from vndiplo.text import search_key

__all__ = ["role_key", "pair_key", "split_pair"]


@functools.cache
def _variants() -> tuple[tuple[re.Pattern, str], ...]:
    rows = sorted(table("role_variants"), key=lambda r: -len(r["variant"]))
    return tuple((re.compile(r"\b" + re.escape(r["variant"]) + r"\b"), r["canonical"]) for r in rows)


@functools.cache
def role_key(role: str) -> str:
    """The office a role string names, folded and with variant wordings unified."""
    k = " ".join(search_key(role).split())
    for pat, canon in _variants():
        k = pat.sub(canon, k)
    return k


def pair_key(parties) -> str:
    """Parties as one sorted key: ["VN", "TH"] -> "TH-VN"."""
    return "-".join(sorted({p for p in parties or [] if p}))


def split_pair(key: str | None) -> list[str]:
    """The parties of a `pair_key`. Subdivision codes hold a hyphen themselves ("CN-YN" is Yunnan), so
    a part followed by a part that completes a known subdivision code is joined back to it:
    "CN-YN-VN" -> ["CN-YN", "VN"], "CN-VN" -> ["CN", "VN"]."""
    from vndiplo.data.gazetteer import gazetteer

    parts = [p for p in (key or "").split("-") if p]
    subdivisions = gazetteer().subdivisions
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and f"{parts[i]}-{parts[i + 1]}" in subdivisions:
            out.append(f"{parts[i]}-{parts[i + 1]}")
            i += 2
        else:
            out.append(parts[i])
            i += 1
    return out
