"""Dates as the records write them (YYYY, YYYY-MM, YYYY-MM-DD, or a range a/b) turned into day spans."""
from __future__ import annotations

import calendar
import re

__all__ = ["day_span", "overlaps", "span_days", "precise_enough"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _bounds(s: str) -> tuple[str, str] | None:
    m = _DATE.match(s.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    if d:
        return f"{y}-{mo}-{d}", f"{y}-{mo}-{d}"
    if mo:
        last = calendar.monthrange(int(y), int(mo))[1] if 1 <= int(mo) <= 12 else 31
        return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}"
    return f"{y}-01-01", f"{y}-12-31"


def day_span(date: str | None) -> tuple[str, str] | None:
    """(first day, last day) as YYYY-MM-DD of a record date or range; None if absent or unreadable."""
    if not date:
        return None
    a, _, b = str(date).partition("/")
    lo = _bounds(a)
    if lo is None:
        return None
    hi = _bounds(b) if b else lo
    return (lo[0], (hi or lo)[1])


def span_days(span: tuple[str, str]) -> int:
    """Length of a span in days (approximate for comparing precision)."""
    from datetime import date

    a, b = (date.fromisoformat(x) for x in span)
    return (b - a).days + 1


def overlaps(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def precise_enough(span: tuple[str, str] | None, max_days: int = 31) -> bool:
    """A date precise enough to tell one meeting from another (a day, a few days, a month)."""
    return span is not None and span_days(span) <= max_days
