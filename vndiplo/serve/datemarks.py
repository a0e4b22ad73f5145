"""How sure an event's date is, as the pages and the API show it.

An extracted event carries `date_basis` in its stored payload: how its date was known (records.py:
text, date_line, date_line_month, context, inferred_year). A date whose year was guessed
(`inferred_year`, or a payload saying `date_inferred: true`) is shown as guessed, "2024-09-01?",
with the reason on hover (data/labels.tsv, group date_basis; `date_note_en` for the English pages). An
event with no date at all is placed by its documents' date (`doc_date`), and says so.
"""
from __future__ import annotations

from typing import Any, Iterable

from vndiplo.serve.facts import label

__all__ = ["GUESSED_BASES", "GUESSED_NOTE", "GUESSED_NOTE_EN", "guessed", "marks", "from_payloads", "latest_of"]

GUESSED_BASES = frozenset({"inferred_year"})  # date_basis codes that mean the year is a guess
GUESSED_NOTE = "Năm được suy ra, bài không ghi"  # the reason shown when a guess names no basis
GUESSED_NOTE_EN = "The year is inferred: the article does not give it"


def guessed(payload: dict) -> bool:
    return bool(payload.get("date_inferred")) or payload.get("date_basis") in GUESSED_BASES


def _note(basis: str | None, lang: str = "vi") -> str:
    if basis:
        return label("date_basis", basis, lang)
    return GUESSED_NOTE_EN if lang == "en" else GUESSED_NOTE


def from_payloads(payloads: Iterable[dict], chosen: str | None, doc_date: str | None = None) -> dict[str, Any]:
    """Date marks of an event whose date `chosen` was picked from the event facts `payloads`: guessed
    when every fact giving that date guessed it."""
    if chosen is None:
        return {"date_inferred": False, "date_basis": None, "date_note": None, "date_note_en": None,
                "doc_date": doc_date}
    giving = [p for p in payloads if p.get("date") == chosen]
    is_guess = bool(giving) and all(guessed(p) for p in giving)
    bases = [p.get("date_basis") for p in giving if p.get("date_basis")]
    basis = next((b for b in bases if (b in GUESSED_BASES) == is_guess), None)
    return {"date_inferred": is_guess, "date_basis": basis, "date_note": _note(basis) if is_guess else None,
            "date_note_en": _note(basis, "en") if is_guess else None, "doc_date": None}


def marks(data: dict) -> dict[str, Any]:
    """The marks a resolved event's data holds (see vndiplo.resolve.refresh)."""
    is_guess = bool(data.get("date_inferred"))
    basis = data.get("date_basis")
    return {"date_inferred": is_guess, "date_basis": basis, "date_note": _note(basis) if is_guess else None,
            "date_note_en": _note(basis, "en") if is_guess else None, "doc_date": data.get("doc_date")}


def latest_of(dated: dict | None, undated: Iterable[dict]) -> dict | None:
    """The latest of the newest dated event and the undated ones, each undated one taken at its
    documents' date (the event happened on or before it)."""
    best = dated
    for e in undated:
        when = e.get("doc_date")
        if when and (best is None or when > ((best.get("sort_date") if best.get("date") else best.get("doc_date")) or "")):
            best = e
    return best
