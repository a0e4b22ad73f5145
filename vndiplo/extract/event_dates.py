"""Dates for events: `dates.find_dates` when it finds any, else a small local reader.

The local reader covers the day forms event sentences use ("chiều 8/7",
"ngày 14-15/8/2025", "từ ngày 11-13/7", "(25-26/10)", "ngày 2 tháng 6 năm
2025"); a day without a year takes doc.year, and stays unknown without one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vndiplo.extract import dates
from vndiplo.extract.doc import Doc

__all__ = ["DateSpan", "dates_in"]

_D = r"(\d{1,2})"
_Y = r"(?:\s*/\s*(\d{4}))?"
_RANGE_FULL = re.compile(rf"{_D}\s*/\s*{_D}\s*/\s*(\d{{4}})\s*[-–]\s*{_D}\s*/\s*{_D}\s*/\s*(\d{{4}})")
_RANGE_MONTHS = re.compile(rf"{_D}\s*/\s*{_D}\s*[-–]\s*{_D}\s*/\s*{_D}{_Y}")
_RANGE_DAYS = re.compile(rf"{_D}\s*[-–]\s*{_D}\s*/\s*{_D}{_Y}")
_DAY = re.compile(rf"{_D}\s*/\s*{_D}{_Y}")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)
_CONTEXT = re.compile(r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|nay|qua|\()\s*$", re.I)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    value: str | None


def _ymd(y, m, d) -> str | None:
    if not (1 <= int(m) <= 12 and 1 <= int(d) <= 31) or y is None:
        return None
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _local(doc: Doc, start: int, end: int) -> list[DateSpan]:
    text = doc.text
    taken: list[tuple[int, int]] = []
    out: list[DateSpan] = []

    def add(m, value):
        if any(a < m.end() and m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        out.append(DateSpan(m.start(), m.end(), value))

    y0 = doc.year
    for m in _RANGE_FULL.finditer(text, start, end):
        d1, m1, y1, d2, m2, y2 = m.groups()
        a, b = _ymd(y1, m1, d1), _ymd(y2, m2, d2)
        add(m, f"{a}/{b}" if a and b else None)
    for m in _RANGE_MONTHS.finditer(text, start, end):
        d1, m1, d2, m2, y = m.groups()
        y = y or y0
        a, b = _ymd(y, m1, d1), _ymd(y, m2, d2)
        add(m, f"{a}/{b}" if a and b else None)
    for m in _RANGE_DAYS.finditer(text, start, end):
        d1, d2, mo, y = m.groups()
        if not _CONTEXT.search(text[max(0, m.start() - 12):m.start()]) and not m.group(4):
            continue
        y = y or y0
        a, b = _ymd(y, mo, d1), _ymd(y, mo, d2)
        add(m, f"{a}/{b}" if a and b else None)
    for m in _DAY.finditer(text, start, end):
        d, mo, y = m.groups()
        if not y and not _CONTEXT.search(text[max(0, m.start() - 12):m.start()]):
            continue
        add(m, _ymd(y or y0, mo, d))
    for m in _WORDS.finditer(text, start, end):
        d, mo, y = m.groups()
        add(m, _ymd(y or y0, mo, d))
    out.sort(key=lambda s: s.start)
    return out


def dates_in(doc: Doc, start: int, end: int) -> list[DateSpan]:
    """Date expressions in doc.text[start:end] with SCHEMA.md values (None when the year is unknown)."""
    found = dates.find_dates(doc, start, end)
    if found:
        return [DateSpan(d.start, d.end, d.value) for d in found]
    return _local(doc, start, end)
