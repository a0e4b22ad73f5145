"""Which countries a passage speaks of: the parties of a figure, mechanism or relation.

A sentence that names foreign countries speaks of them; one that names none
speaks of the foreign country (or subdivision) most recently named before it.
Viet Nam is always a party: the corpus is Vietnam's diplomacy.
"""
from __future__ import annotations

from vndiplo.extract.doc import Doc

__all__ = ["foreign_places", "parties_at"]

HOME = "VN"


def foreign_places(doc: Doc, start: int, end: int) -> list[str]:
    """Codes of foreign countries and subdivisions named in [start, end), in order, unique."""
    out: list[str] = []
    for m in doc.places_in(start, end):
        if m.kind in ("country", "subdivision") and m.country != HOME and m.code not in out:
            out.append(m.code)
    return out


def parties_at(doc: Doc, start: int, end: int) -> list[str]:
    """Sorted party codes for the passage [start, end): its foreign places, else the last one before."""
    found = foreign_places(doc, start, end)
    if not found:
        before = [m for m in doc.places if m.end <= start and m.kind in ("country", "subdivision")
                  and m.country != HOME]
        if before:
            found = [before[-1].code]
    return sorted({HOME, *found})
