"""How sure an event's date is, as the pages and the API show it.

An extracted fact may carry, in its stored payload, `date_inferred: true` (the date, or its year,
is not written in the text but inferred, e.g. from the publication date) and `date_basis` (why,
in words). An event whose date only such facts give shows it as guessed: "2024-09-01?" with the
reason on hover. An event with no date at all is placed by its documents' date (`doc_date`), and
says so.
"""
from __future__ import annotations

from typing import Any, Iterable

__all__ = ["GUESSED_BASIS", "marks", "from_payloads", "latest_of"]

GUESSED_BASIS = "năm được suy ra, bài không ghi"  # shown when a guessed date gives no reason


def from_payloads(payloads: Iterable[dict], chosen: str | None, doc_date: str | None = None) -> dict[str, Any]:
    """Date marks of an event whose date `chosen` was picked from facts `payloads`."""
    if chosen is None:
        return {"date_inferred": False, "date_basis": None, "doc_date": doc_date}
    giving = [p for p in payloads if p.get("date") == chosen]
    guessed = bool(giving) and all(p.get("date_inferred") for p in giving)
    basis = next((p["date_basis"] for p in giving if p.get("date_basis")), None) if guessed else None
    return {"date_inferred": guessed, "date_basis": (basis or GUESSED_BASIS) if guessed else None, "doc_date": None}


def marks(data: dict) -> dict[str, Any]:
    """The marks a resolved event's data holds (see vndiplo.resolve.refresh)."""
    guessed = bool(data.get("date_inferred"))
    return {"date_inferred": guessed, "date_basis": (data.get("date_basis") or GUESSED_BASIS) if guessed else None,
            "doc_date": data.get("doc_date")}


def latest_of(dated: dict | None, undated: Iterable[dict]) -> dict | None:
    """The latest of the newest dated event and the undated ones, each undated one taken at its
    documents' date (the event happened on or before it)."""
    best = dated
    for e in undated:
        when = e.get("doc_date")
        if when and (best is None or when > ((best.get("sort_date") if best.get("date") else best.get("doc_date")) or "")):
            best = e
    return best
