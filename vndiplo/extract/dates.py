"""Dates in Vietnamese text, resolved against the article's date (work in progress).

Contract other components rely on:
    find_dates(doc, start, end) -> list[DateMention] in text order, each with `value`
    in SCHEMA.md form (YYYY-MM-DD, a range "a/b", YYYY-MM or YYYY) or None when the
    year cannot be known; `annotate(doc)` sets doc.year when the page gives no date.
"""
from __future__ import annotations

from dataclasses import dataclass

from vndiplo.extract.doc import Doc

__all__ = ["DateMention", "annotate", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None


def annotate(doc: Doc) -> None:
    """Set doc.year from the text when the page gives no publication date."""


def find_dates(doc: Doc, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in doc.text[start:end], resolved against doc.year."""
    return []
