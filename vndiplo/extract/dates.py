"""Dates and periods in Vietnamese text, resolved against the article's date.

Contract other components rely on:
    find_dates(doc, start, end) -> list[DateMention] in text order, each with `value`
    in SCHEMA.md form (YYYY-MM-DD, a range "a/b", YYYY-MM or YYYY) or None when the
    year cannot be known; `annotate(doc)` sets doc.year when the page gives no date.

Day/month order is Vietnamese ("8/7" is 8 July). The text is scanned once per
document (the raw matches are cached on the Doc); values are computed on each
call, so they follow doc.year once `annotate` has inferred it. `kind` tells a
point in time ("day", "range", "month", "year", "relative", "weekend", "week") from a span a
figure covers ("period": "5 tháng đầu năm 2025", "quý I/2025", "2026-2030").
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass

from vndiplo.extract.doc import Doc

__all__ = [
    "DateMention", "anniversary_year", "annotate", "find_dates", "find_days", "infer_year", "number_starts",
    "number_starts_in", "period_of", "resolve_day_month",
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    kind: str = "day"  # day | range | month | year | period | relative | weekend


# ---------------------------------------------------------------- patterns
# Patterns run on the lower-cased text and are tried only where a number or a date word
# starts (two fast passes find those anchors), which keeps the scan cheap on long pages.
# A number that is part of a larger number (1,6 / 2.000 / 19/19/...) is never a date:
# the left guard refuses a letter, digit or separator before it; the right guard a digit,
# a percent sign, a decimal part or a document-number suffix ("15/2020/NĐ-CP") after.
_R = r"(?![\d%]|[/.,\-]\d|/[^\W\d_])"
_SEP = r"\s*(?:-|–|—|đến|tới|và)\s*"
_DIGIT = re.compile(r"[0-9]")
# One literal search per date word: the regex engine skips to a literal prefix fast.
_KEYWORDS = tuple((w, re.compile(w)) for w in
                  ("tháng", "năm", "quý", "nửa", "hôm", "ngày", "sáng", "trưa", "chiều", "tối", "đêm", "cuối", "tuần"))
# "14-15/8/2025", "30/6 đến 2/7", "30/6/2025 - 2/7/2025", "14 và 15/8"
_RANGE = re.compile(
    rf"(\d{{1,2}})(?:/(\d{{1,2}}))?(?:/(\d{{4}}))?{_SEP}(?:ngày\s+)?(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))?{_R}")
# "8/7", "8/7/2025"
_DAY = re.compile(rf"(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))?{_R}")
# "8-7-2025", "08.07.2025": with a year only, since "2-3" is a count or a score.
_DAY_DASH = re.compile(rf"(\d{{1,2}})([-.])(\d{{1,2}})\2(\d{{4}}){_R}")
# Outlets that write "ngày 15-3", "sáng 2.11" / "chiều 14 đến 16-8", "từ ngày 2 - 4.12.2021": only after
# "ngày", "chiều", ... (a bare "2.11" is a decimal, a bare "2-3" a score)
_DAY_DASH_SHORT = re.compile(rf"(\d{{1,2}})[-.](\d{{1,2}}){_R}")
_RANGE_DASH = re.compile(
    rf"(\d{{1,2}})\s*(?:đến|tới|và|-|–)\s*(?:ngày\s+)?(\d{{1,2}})([-.])(\d{{1,2}})(?:\3(\d{{4}}))?{_R}")
# "8 tháng 7 năm 2025", "8 tháng 7" (the prefix "ngày" is required, checked in code)
_DAY_WORDS = re.compile(rf"(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s*(?:năm\s+|/\s*)(\d{{4}}))?{_R}")
# "tháng 1-5/2025", "từ tháng 1 đến tháng 5 năm 2025"
_MONTH_RANGE = re.compile(
    rf"tháng\s+(\d{{1,2}})\s*(?:-|–|—|đến|tới)\s*(?:tháng\s+)?(\d{{1,2}})(?:\s*(?:/|năm\s+)\s*(\d{{4}}))?{_R}")
# "10/2024" (month and year)
_MONTH_YEAR = re.compile(rf"(\d{{1,2}})/(\d{{4}}){_R}")
# "tháng 7/2025", "tháng 7 năm 2025", "tháng 7.2025", "tháng 3 năm ngoái", "trong tháng 7"
_MONTH = re.compile(rf"tháng\s+(\d{{1,2}})(?:\s*(?:/|-|năm\s+)\s*(\d{{4}})|\.(\d{{4}})|\s+năm\s+(nay|ngoái|trước)(?!\w))?{_R}")
# "tháng Tư năm nay", "tháng Mười hai năm 2024": a month named in words, capitalised as a name (the
# lower-case words are numbers: "trong 3 tháng hai bên ..."); "Giêng" and "Chạp" are never numbers;
# "tháng Mười hai nước ..." is October
_MONTH_WORDS = {"giêng": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_MONTH_WORD = re.compile(
    r"tháng\s+(mười\s+(?:một|hai)(?=\s*(?:[/\-,.;)]|năm\s|$))|giêng|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|chạp)(?!\w)"
    r"(?:\s*(?:/|-|năm\s+)\s*(\d{4})(?![\d%/])|\s+năm\s+(nay|ngoái|trước)(?!\w))?")
# "5 tháng đầu năm 2025", "9 tháng năm 2025", "6 tháng cuối năm", "nửa đầu năm 2025"
_MONTHS_OF_YEAR = re.compile(
    r"(?:(\d{1,2})\s+tháng|(nửa))\s+(đầu\s+|cuối\s+)?(?:của\s+)?năm"
    r"(?:\s+(\d{4})(?!\d)|\s+(nay|ngoái|trước)(?!\w)|(?!\s*\d))")
# "quý I/2025", "quý 2 năm 2024", "quý III"
_QUARTER = re.compile(r"quý\s+(iv|i{1,3}|[1-4])(?!\w)(?:\s*(?:/|năm\s+)\s*(\d{4})(?!\d))?")
# "giai đoạn 2026-2030", "(2021 - 2025)"
_YEARS = re.compile(r"(\d{4})\s*(?:-|–|—|đến)\s*(\d{4})(?![\d%/])")
# "năm 2024", "cả năm 2024", "năm nay", "năm ngoái"
_YEAR = re.compile(r"năm\s+(?:(\d{4})(?![\d%/])|(nay|ngoái|trước|tới|sau)(?!\w))")
# "hôm qua", "sáng nay" (when no explicit day follows: the day pattern wins on overlap, being longer)
_RELATIVE = re.compile(
    r"(?:(?:ngày\s+)?hôm\s+(nay|qua|kia)|ngày\s+(mai)|(?:sáng|trưa|chiều|tối|đêm)\s+(nay|qua|mai))(?!\w)")
# "cuối tuần qua", "dịp cuối tuần trước", "cuối tuần này": a Saturday-Sunday span before (or of) the date line
_WEEKEND = re.compile(r"cuối\s+tuần\s+(qua|trước|rồi|này)(?!\w)")
# "tuần trước", "tuần rồi": the Monday-Sunday week before the date line's ("tuần qua" may mean the
# last seven days, so it is left alone)
_LAST_WEEK = re.compile(r"tuần\s+(?:trước|rồi)(?!\w)")
_GUARD_BEFORE = frozenset("/.,-–")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR_WORD = {"nay": 0, "ngoái": -1, "trước": -1, "tới": 1, "sau": 1}
_DAY_WORD = {"nay": 0, "qua": -1, "kia": -2, "mai": 1}
# A bare d/m after these words is a fraction ("hơn 1/2 dân số") or a document number ("số 8/7").
_NOT_DATE_BEFORE = re.compile(r"(?:hơn|gần|chiếm|khoảng|trên|dưới|số|khoản|điều)\s*$")


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _valid(y: int | None, m: int, d: int | None = None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    try:
        _dt.date(y or 2024, m, d)  # 2024 is a leap year: 29/2 stays possible without a year
    except ValueError:
        return False
    return True


def _left_ok(text: str, s: int) -> bool:
    if s == 0:
        return True
    ch = text[s - 1]
    return not (ch.isalnum() or ch == "_" or ch in _GUARD_BEFORE)


def _word_before(low: str, i: int) -> tuple[int, str] | None:
    """The word that ends, followed by spaces, right before offset i: (its start, the word)."""
    j = i
    while j > 0 and low[j - 1] == " ":
        j -= 1
    if j == i or j == 0 or not low[j - 1].isalpha():
        return None
    k = j
    while k > 0 and low[k - 1].isalpha():
        k -= 1
    return k, low[k:j]


_DAYPARTS = frozenset({"sáng", "trưa", "chiều", "tối", "đêm"})


def _with_prefix(low: str, s: int) -> int:
    """Start of the date phrase with the words before the number that belong to it:
    "[từ] [[rạng] sáng|trưa|chiều|tối|đêm [nay|qua|mai]] [ngày|hôm] 8/7"."""
    start = s
    w = _word_before(low, start)
    if w and w[1] in ("ngày", "hôm"):
        start, w = w[0], _word_before(low, w[0])
    if w and w[1] in ("nay", "qua", "mai"):
        part = _word_before(low, w[0])
        w = (part[0], part[1]) if part and part[1] in _DAYPARTS else None
    if w and w[1] in _DAYPARTS:
        start, w = w[0], _word_before(low, w[0])
        if w and w[1] == "rạng":
            start, w = w[0], _word_before(low, w[0])
    if w and w[1] == "từ":
        start = w[0]
    return start


def _lower(text: str) -> str:
    """Lower case with the same length (a character whose lower case is longer stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def number_starts_in(text: str) -> list[int]:
    """Offsets where a run of ASCII digits starts."""
    return [m.start() for m in _DIGIT.finditer(text) if m.start() == 0 or not text[m.start() - 1].isdigit()]


def number_starts(doc: Doc) -> list[int]:
    """Offsets in doc.text where a number starts (computed once per document)."""
    cached = doc.__dict__.get("_number_starts")
    if cached is None or cached[0] is not doc.text:
        cached = (doc.text, number_starts_in(doc.text))
        doc.__dict__["_number_starts"] = cached
    return cached[1]


def _at_number(low: str, p: int, add) -> None:
    """Every numeric date form that starts at the number at p."""
    m = _RANGE.match(low, p)
    if m:
        d1, m1, y1, d2, m2, y2 = (_int(g) for g in m.groups())
        m1 = m1 or m2
        if _valid(y1 or y2, m1, d1) and _valid(y2, m2, d2) and (y1 is None or y2 is None or y1 <= y2):
            if (m1, d1) != (m2, d2) or (y1 and y2 and y1 != y2):
                add(_with_prefix(low, p), m.end(), "range", (d1, m1, y1, d2, m2, y2))
    m = _DAY.match(low, p)
    if m:
        d, mo, y = (_int(g) for g in m.groups())
        if _valid(y, mo, d) and not (y is None and _NOT_DATE_BEFORE.search(low, max(0, p - 8), p)):
            add(_with_prefix(low, p), m.end(), "day", (d, mo, y))
    dash_range, dash_day = _RANGE_DASH.match(low, p), _DAY_DASH_SHORT.match(low, p)
    prefixed = _with_prefix(low, p) if dash_range or dash_day else p
    if prefixed < p:  # "chiều 15-3", "từ ngày 14 đến 16-8": dashes only after a day word
        if dash_range:
            g = dash_range.groups()
            d1, d2, mo, y = _int(g[0]), _int(g[1]), _int(g[3]), _int(g[4])
            if _valid(y, mo, d1) and _valid(y, mo, d2) and d1 < d2:
                add(prefixed, dash_range.end(), "range", (d1, mo, None, d2, mo, y))
        if dash_day:
            d, mo = int(dash_day.group(1)), int(dash_day.group(2))
            if _valid(None, mo, d):
                add(prefixed, dash_day.end(), "day", (d, mo, None))
    m = _MONTH_YEAR.match(low, p)
    if m:
        mo, y = int(m.group(1)), int(m.group(2))
        if _valid(y, mo) and 1800 <= y <= 2199 and not _NOT_DATE_BEFORE.search(low, max(0, p - 8), p):
            add(p, m.end(), "month", (mo, y, None))
    m = _DAY_DASH.match(low, p)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if _valid(y, mo, d):
            add(_with_prefix(low, p), m.end(), "day", (d, mo, y))
    m = _DAY_WORDS.match(low, p)
    if m:
        d, mo, y = (_int(g) for g in m.groups())
        start = _with_prefix(low, p)
        if start < p and _valid(y, mo, d):
            add(start, m.end(), "day", (d, mo, y))
    m = _MONTHS_OF_YEAR.match(low, p)
    if m:
        _months(m, add)
    m = _YEARS.match(low, p)
    if m:
        y1, y2 = int(m.group(1)), int(m.group(2))
        if 1800 <= y1 < y2 <= 2199:
            add(p, m.end(), "period", ("years", y1, y2))


def _months(m: re.Match, add) -> None:
    n = 6 if m.group(2) else int(m.group(1))
    if 1 <= n <= 12:
        last = (m.group(3) or "").strip() == "cuối"
        add(m.start(), m.end(), "period", ("months", n, last, _int(m.group(4)), _YEAR_WORD.get(m.group(5) or "")))


def _at_keyword(low: str, p: int, word: str, add, text: str = "") -> None:
    """Every date form that starts at the date word at p (`text`: the original case of `low`)."""
    if word == "tháng":
        m = _MONTH_WORD.match(low, p)
        if m and (text[m.start(1)].isupper() or m.group(1) in ("giêng", "chạp")):
            name = " ".join(m.group(1).split())
            y = _int(m.group(2))
            add(p, m.end(), "month", (_MONTH_WORDS[name], y, _YEAR_WORD[m.group(3)] if m.group(3) else None))
        m = _MONTH_RANGE.match(low, p)
        if m:
            m1, m2, y = _int(m.group(1)), _int(m.group(2)), _int(m.group(3))
            if _valid(y, m1) and _valid(y, m2) and m1 < m2:
                add(p, m.end(), "period", ("monthrange", m1, m2, y))
        m = _MONTH.match(low, p)
        if m:
            mo, y = _int(m.group(1)), _int(m.group(2) or m.group(3))  # "tháng 9/2021", "tháng 9.2021"
            # "tháng 3 năm ngoái": the month of a year counted from the article's
            offset = _YEAR_WORD[m.group(4)] if m.group(4) else None
            if _valid(y, mo):
                add(p, m.end(), "month", (mo, y, offset))
    elif word == "năm":
        m = _YEAR.match(low, p)
        if m and m.group(1):
            y = int(m.group(1))
            if 1800 <= y <= 2199:
                add(p, m.end(), "year", (y, None))
        elif m:
            add(p, m.end(), "year", (None, _YEAR_WORD[m.group(2)]))
    elif word == "quý":
        m = _QUARTER.match(low, p)
        if m:
            q = m.group(1)
            add(p, m.end(), "period", ("quarter", _ROMAN.get(q) or int(q), _int(m.group(2))))
    elif word == "nửa":
        m = _MONTHS_OF_YEAR.match(low, p)
        if m:
            _months(m, add)
    elif word == "tuần":
        m = _LAST_WEEK.match(low, p)
        if m:
            add(p, m.end(), "week", (-1,))
    elif word == "cuối":
        m = _WEEKEND.match(low, p)
        if m:
            add(p, m.end(), "weekend", (0 if m.group(1) == "này" else -1,))
    else:
        m = _RELATIVE.match(low, p)
        if m:
            add(p, m.end(), "relative", (_DAY_WORD[next(g for g in m.groups() if g)],))


def _scan(text: str, numbers: list[int] | None = None) -> list[tuple[int, int, str, tuple]]:
    """Raw date matches (start, end, kind, parts), left to right, longest first, no overlaps."""
    found: list[tuple[int, int, str, tuple]] = []

    def add(start: int, end: int, kind: str, parts: tuple) -> None:
        found.append((start, end, kind, parts))

    low = _lower(text)
    for p in (numbers if numbers is not None else number_starts_in(low)):
        if _left_ok(low, p):
            _at_number(low, p, add)
    for word, pattern in _KEYWORDS:
        for k in pattern.finditer(low):
            a, b = k.start(), k.end()
            if (a == 0 or not low[a - 1].isalnum()) and (b == len(low) or not low[b].isalnum()):
                _at_keyword(low, a, word, add, text)
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str, tuple]] = []
    last_end = -1
    for t in found:
        if t[0] >= last_end:
            out.append(t)
            last_end = t[1]
    return out


def _cached(doc: Doc) -> tuple[str, list[tuple[int, int, str, tuple]], list[int]]:
    """(text, raw matches, their starts) of a Doc, scanned once."""
    cached = doc.__dict__.get("_dates_raw")
    if cached is None or cached[0] is not doc.text:
        raw = _scan(doc.text, number_starts(doc))
        cached = (doc.text, raw, [t[0] for t in raw])
        doc.__dict__["_dates_raw"] = cached
    return cached


def _raw(doc: Doc) -> list[tuple[int, int, str, tuple]]:
    return _cached(doc)[1]


# ---------------------------------------------------------------- values
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _published(doc: Doc) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of the publication date, each None when unknown."""
    p = doc.published or ""
    m = _ISO.match(p)
    if not m:
        return None, None, None
    return int(m.group(1)), _int(m.group(2)), _int(m.group(3))


def resolve_day_month(doc: Doc, day: int, month: int) -> str | None:
    """YYYY-MM-DD for a day and month written without a year, or None if the year is unknown.

    Against a publication date with a month, a day more than six months after it is
    read as last year's ("ngày 28/12" in an article of 2025-01-03 is 2024-12-28).
    """
    year = _year_for(doc, month)
    if year is None or not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year_for(doc: Doc, month: int) -> int | None:
    py, pm, _ = _published(doc)
    if py is not None and pm is not None:
        return py - 1 if month - pm > 6 else py
    return doc.year


def _day_value(doc: Doc, d: int, m: int, y: int | None) -> str | None:
    if y is None:
        return resolve_day_month(doc, d, m)
    return f"{y:04d}-{m:02d}-{d:02d}" if _valid(y, m, d) else None


def _period_value(parts: tuple, year: int | None) -> str | None:
    what = parts[0]
    if what == "months":
        _, n, last, y, offset = parts
        if y is None:
            y = None if year is None else year + (offset or 0)
        if y is None:
            return None
        if n == 12:
            return f"{y:04d}"
        a, b = (13 - n, 12) if last else (1, n)
        return f"{y:04d}-{a:02d}/{y:04d}-{b:02d}"
    if what == "quarter":
        _, q, y = parts
        y = y if y is not None else year
        if y is None:
            return None
        return f"{y:04d}-{3 * q - 2:02d}/{y:04d}-{3 * q:02d}"
    if what == "years":
        return f"{parts[1]:04d}/{parts[2]:04d}"
    if what == "monthrange":
        _, a, b, y = parts
        y = y if y is not None else year
        return f"{y:04d}-{a:02d}/{y:04d}-{b:02d}" if y is not None else None
    return None


def _value(doc: Doc, kind: str, parts: tuple) -> str | None:
    if kind == "day":
        return _day_value(doc, *parts)
    if kind == "range":
        d1, m1, y1, d2, m2, y2 = parts
        if y2 is None:
            y2 = _year_for(doc, m2)
            if y2 is None:
                return None
        if y1 is None:
            y1 = y2 - 1 if (m1, d1) > (m2, d2) else y2
        a, b = _day_value(doc, d1, m1, y1), _day_value(doc, d2, m2, y2)
        return f"{a}/{b}" if a and b else None
    if kind == "month":
        mo, y, offset = parts
        if y is None and offset is not None:
            y = None if doc.year is None else doc.year + offset
        elif y is None:
            y = _year_for(doc, mo)
        return f"{y:04d}-{mo:02d}" if y is not None else None
    if kind == "year":
        y, offset = parts
        if y is None:
            y = None if doc.year is None else doc.year + offset
        return f"{y:04d}" if y is not None else None
    if kind == "period":
        return _period_value(parts, doc.year)
    if kind == "relative":
        py, pm, pd = _published(doc)
        if py is None or pm is None or pd is None:
            return None
        try:
            return (_dt.date(py, pm, pd) + _dt.timedelta(days=parts[0])).isoformat()
        except ValueError:
            return None
    if kind == "weekend":
        return _weekend(doc, parts[0])
    if kind == "week":
        return _week(doc, parts[0])
    return None


def _date_line_day(doc: Doc) -> _dt.date | None:
    """The publication day, when the date line gives a whole valid day."""
    py, pm, pd = _published(doc)
    if py is None or pm is None or pd is None:
        return None
    try:
        return _dt.date(py, pm, pd)
    except ValueError:
        return None


def _weekend(doc: Doc, weeks: int) -> str | None:
    """The Saturday-Sunday range of the weekend `weeks` from the date line's week (-1: the last one
    wholly before the date line; 0: the one of its own week)."""
    day = _date_line_day(doc)
    if day is None:
        return None
    saturday = day + _dt.timedelta(days=5 - day.weekday())
    if weeks < 0:
        saturday -= _dt.timedelta(days=7)
    return f"{saturday.isoformat()}/{(saturday + _dt.timedelta(days=1)).isoformat()}"


def _week(doc: Doc, weeks: int) -> str | None:
    """The Monday-Sunday range of the week `weeks` from the date line's week (-1: the one before)."""
    day = _date_line_day(doc)
    if day is None:
        return None
    monday = day - _dt.timedelta(days=day.weekday()) + _dt.timedelta(days=7 * weeks)
    return f"{monday.isoformat()}/{(monday + _dt.timedelta(days=6)).isoformat()}"


def find_dates(doc: Doc, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in doc.text[start:end], resolved against doc.published / doc.year."""
    end = len(doc.text) if end is None else end
    _, raw, starts = _cached(doc)
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [DateMention(s, e, doc.text[s:e], _value(doc, kind, parts), kind)
            for s, e, kind, parts in raw[lo:hi] if e <= end]


def find_days(doc: Doc) -> list[DateMention]:
    """The days and relative days of the whole text ("chiều 8/7", "hôm qua"), values computed only for
    them (find_dates with those kinds, for callers that want nothing else)."""
    _, raw, _ = _cached(doc)
    return [DateMention(s, e, doc.text[s:e], _value(doc, kind, parts), kind)
            for s, e, kind, parts in raw if kind in ("day", "relative")]


def period_of(text: str, year: int | None = None) -> str | None:
    """The SCHEMA period a phrase names, e.g. "5 tháng đầu năm 2025" -> "2025-01/2025-05".

    `year` resolves phrases without one ("6 tháng đầu năm", "năm ngoái", "quý II");
    None when the phrase names no period or its year is unknown.
    """
    for s, e, kind, parts in _scan(text):
        if kind in ("period", "year", "month"):
            probe = Doc(text=text, fold=text, published=None, title=None, sentences=[], places=[], year=year)
            return _value(probe, kind, parts)
    return None


# ---------------------------------------------------------------- the article's year
# A careful reader of an undated article takes its year from what the text states as
# done or under way: a dated event ("14-15/8/2025"), a part-year result ("4 tháng đầu năm
# 2025 đạt", "quý I/2025"), something "trong năm 2024", a growth figure "so với cùng kỳ năm
# 2024" (so the figure is of 2025). A full-year result ("năm 2024 đạt") shows only that the
# article is not older. Years of plans, terms and names say nothing of when the text was
# written: "giai đoạn 2026-2030", "nhiệm kỳ 2026 - 2035", "đến năm 2030", "Năm APEC 2027",
# "UNCLOS 1982", nor do anniversary spans "(21/12/1975-21/12/2025)" or "kỷ niệm ... năm 2026".
# The lead comes first in news: the year is the latest one stated in the first sentence
# that dates the present (raised by any full-year result read before it); dates far older
# than the latest year mentioned are background (history), not the present.
_FUTURE_BEFORE = re.compile(
    r"(?:đến|tới|trước|vào|tầm nhìn|giai đoạn|nhiệm kỳ|kỷ niệm[^.;()]{0,80}|Năm\s+[A-ZĐ][\w\s]{0,30})\s*$")
_FUTURE_CLAUSE = re.compile(
    r"(?<!\w)(?:sẽ|dự kiến|kế hoạch|mục tiêu|phấn đấu|sắp tới|tới đây|hướng tới|chuẩn bị)(?!\w)", re.IGNORECASE)
_PRESENT_BEFORE = re.compile(r"(?:trong|từ đầu|đầu|giữa|cuối)\s*$", re.IGNORECASE)
_SAME_PERIOD_BEFORE = re.compile(r"cùng kỳ\s*$", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"[;:]")
# an anniversary the text marks now: its span's last year is the article's ("nhân dịp kỷ niệm N năm ... (A-B)")
_ANNIVERSARY_NOW = re.compile(r"(?:nhân dịp|chào mừng|tổ chức|lễ|mít tinh)\s+kỷ niệm\s+\d+\s+năm[^.;()]{0,120}\(\s*$",
                              re.IGNORECASE)


def _clause_around(text: str, sent_start: int, sent_end: int, pos: int) -> tuple[int, int]:
    a = sent_start
    for m in _CLAUSE_CUT.finditer(text, sent_start, sent_end):
        if m.end() <= pos:
            a = m.end()
        else:
            return a, m.start()
    return a, sent_end


def _evidence(doc: Doc) -> list[tuple[int, int, str]]:
    """(offset, year, strength) for each mention that dates the text: strength present|past."""
    text = doc.text
    out: list[tuple[int, int, str]] = []

    def future(s: int) -> bool:
        sent = doc.sentence_at(s)
        ss, se = (sent.start, sent.end) if sent else (0, len(text))
        cs, ce = _clause_around(text, ss, se, s)
        return bool(_FUTURE_CLAUSE.search(text, cs, ce))

    for s, e, kind, parts in _raw(doc):
        span_end = parts[5] if kind == "range" else parts[2] if kind == "period" and parts[0] == "years" else None
        if span_end and _ANNIVERSARY_NOW.search(text, max(0, s - 160), s) and not future(s):
            # "Nhân dịp kỷ niệm 40 năm Quốc khánh (2/12/1975-2/12/2015), ngày 30-11, ...": the anniversary
            # the article marks falls in its year
            out.append((s, span_end, "present"))
            continue
        if kind in ("day", "range"):
            years = [y for y in (parts[2], parts[5]) if y] if kind == "range" else [parts[2]] if parts[2] else []
            if years and len(set(years)) == 1:
                out.append((s, years[0], "present"))
        elif kind == "month" and parts[1]:
            out.append((s, parts[1], "present"))
        elif kind == "period" and parts[0] in ("months", "quarter", "monthrange"):
            y = parts[3] if parts[0] in ("months", "monthrange") else parts[2]
            if y:
                if _SAME_PERIOD_BEFORE.search(text, max(0, s - 20), s):
                    out.append((s, y + 1, "present"))
                elif not future(s):
                    out.append((s, y, "present"))
        elif kind == "year" and parts[0]:
            y = parts[0]
            if _SAME_PERIOD_BEFORE.search(text, max(0, s - 20), s):
                out.append((s, y + 1, "present"))
            elif _PRESENT_BEFORE.search(text, max(0, s - 20), s):
                out.append((s, y, "present"))
            elif not _FUTURE_BEFORE.search(text, max(0, s - 100), s) and not future(s):
                out.append((s, y, "past"))
    return out


def day_year(doc: Doc) -> int | None:
    """The year of the days the text writes whole ("ngày 14-15/8/2025"), when they all share one: the
    year a careful reader gives the text's other days ("chiều 14/8"). Cited months and years ("từ tháng
    8/2022", "năm 2019") do not count: they are other times the text speaks of."""
    years = set()
    for s, e, kind, parts in _raw(doc):
        if kind == "day" and parts[2]:
            years.add(parts[2])
        elif kind == "range" and parts[5] and parts[2] in (None, parts[5]):
            years.add(parts[5])
    return years.pop() if len(years) == 1 else None


def anniversary_year(doc: Doc) -> int | None:
    """The year of the anniversary the text marks now ("Nhân dịp kỷ niệm 50 năm ... (26/2/1973-26/2/2023)"),
    when every such span ends in one year: a careful reader knows the article's year from it."""
    text = doc.text
    years = set()
    for s, e, kind, parts in _raw(doc):
        end = parts[5] if kind == "range" else parts[2] if kind == "period" and parts[0] == "years" else None
        if end and _ANNIVERSARY_NOW.search(text, max(0, s - 160), s):
            years.add(end)
    return years.pop() if len(years) == 1 else None


def infer_year(doc: Doc) -> int | None:
    """The year an undated article speaks from, read from its text (None if it does not say)."""
    ev = _evidence(doc)
    if not ev:
        return None
    top = max(y for _, y, _ in ev)
    ev = [t for t in ev if t[1] >= top - 1 or t[2] == "past"]
    present = [t for t in ev if t[2] == "present"]
    if not present:
        return max(y for _, y, _ in ev)
    first_sent = doc.sentence_index(present[0][0])
    lead = [y for off, y, st in present if doc.sentence_index(off) == first_sent]
    earlier = [y for off, y, st in ev if st == "past" and off < present[0][0]]
    return max(lead + earlier)


def annotate(doc: Doc) -> None:
    """Set doc.year from the text when the page gives no publication year."""
    if doc.year is None:
        doc.year = infer_year(doc)
