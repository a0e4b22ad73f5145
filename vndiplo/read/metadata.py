"""Page metadata read from text: author lines, date stamps, outlets, language."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from datetime import date
from urllib.parse import urlsplit

__all__ = ["author_name", "looks_like_author", "page_date", "normalise_date", "outlet_from_text", "outlet_from_url",
           "detect_language"]

_NAME_WORD = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđ]+$")
# A date stamp line: "Thứ Hai, 14/07/2025 10:35", "15/08/2025 | 14:30 GMT+7", "Cập nhật: 14:30, 15/8/2025".
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|sa|ch)?"
_TZ = r"\(?\s*gmt\s*\+\s*0?7(?::?00)?\s*\)?"
_STAMP = re.compile(
    r"^(?:(?:cập nhật|ngày cập nhật|đăng|ngày đăng|đăng lúc|xuất bản|thời gian)\s*(?:lúc|ngày)?\s*:?\s*)?"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ nhật)\s*,?\s*)?"
    rf"(?:ngày\s+)?(?:(?:{_TIME})\s*(?:{_TZ})?\s*[,|-]?\s*(?:ngày\s+)?)?"
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    rf"(?:\s*[,|-]?\s*(?:lúc\s+)?{_TIME})?\s*(?:{_TZ})?\s*$",
    re.IGNORECASE)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DOMAIN = re.compile(r"\b([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|int|info|news))\b", re.I)


# "Bài và ảnh: Minh Anh", "Quang Hòa/TTXVN", "Thu Trang - VNA": the name inside a byline.
_BYLINE = re.compile(r"^(?:(?:bài(?:\s*(?:và|,)\s*ảnh)?|ảnh|nhóm phóng viên)\s*:\s*)?(.+?)"
                     r"(?:\s*[/–-]\s*(?:[A-ZĐ]{2,8}|[A-Z][a-z]+\.(?:vn|com)))?$", re.IGNORECASE)


def author_name(line: str) -> str | None:
    """The person's name in a byline (2-4 capitalised words, no digits, not a place), else None."""
    m = _BYLINE.match(line.strip())
    name = m.group(1).strip() if m else line.strip()
    words = name.split()
    if not 2 <= len(words) <= 4 or len(name) > 40:
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    from vndiplo.data.gazetteer import gazetteer

    places = gazetteer().find_places(name)
    if any(p.start == 0 and p.end >= len(name) - 1 for p in places):
        return None
    return name


def looks_like_author(line: str) -> bool:
    """A byline: see `author_name`."""
    return author_name(line) is not None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


def page_date(line: str) -> str | None:
    """The date of a date-stamp line (the whole line is the stamp), as YYYY-MM-DD."""
    if len(line) > 70:
        return None
    m = _STAMP.match(line.strip())
    if not m:
        return None
    d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None


def normalise_date(value: object) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD from an ISO-like string ("2025-08-15T09:00:00+07:00") or d/m/Y."""
    if value is None:
        return None
    s = str(value).strip()
    m = _ISO.match(s)
    if m:
        y = int(m.group(1))
        if m.group(3):
            mo, d = int(m.group(2)), int(m.group(3))
            return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
        if m.group(2):
            mo = int(m.group(2))
            return f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 and _valid(y, mo, 1) else None
        return f"{y:04d}" if _valid(y, 1, 1) else None
    return page_date(s)


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without "www." ("https://www.baoquocte.vn/x" -> "baoquocte.vn")."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # not a URL (an unclosed "[", a bad port...): no outlet, not a failed page
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else (host or None)


def outlet_from_text(line: str) -> str | None:
    """A site named in a line such as "Theo dõi Baoquocte.vn trên" -> "baoquocte.vn"."""
    m = _DOMAIN.search(line)
    return m.group(1).lower() if m else None


_STOPLIST_NAMES = {"vi": "Vietnamese", "en": "English", "fr": "French", "de": "German", "es": "Spanish",
                   "id": "Indonesian", "pt": "Portuguese", "it": "Italian", "ru": "Russian", "nl": "Dutch"}


@functools.cache
def _stoplist(code: str) -> frozenset[str] | None:
    """justext's stop words for one language (None if it has none)."""
    import justext

    try:
        return frozenset(justext.get_stoplist(_STOPLIST_NAMES[code]))
    except (ValueError, KeyError, OSError):
        return None


def _stoplists() -> dict[str, frozenset[str]]:
    return {code: stop for code in _STOPLIST_NAMES if (stop := _stoplist(code)) is not None}


# Scripts that name their language on their own.
_SCRIPTS = tuple((code, re.compile(f"[{lo}-{hi}]")) for code, lo, hi in (
    ("th", "\u0e00", "\u0e7f"), ("lo", "\u0e80", "\u0eff"), ("km", "\u1780", "\u17ff"),
    ("ko", "\uac00", "\ud7af"), ("ja", "\u3040", "\u30ff"), ("zh", "\u4e00", "\u9fff"),
    ("ru", "\u0400", "\u04ff")))
_ANY_SCRIPT = re.compile("[" + "".join(p.pattern[1:-1] for _, p in _SCRIPTS) + "]")
# Runs, not single characters: counting their lengths gives the same counts with far fewer matches.
_LETTERS = re.compile(r"[^\W\d_]+")
_VI_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ]+")
_MARKS = re.compile("[\u0300-\u036f]+")
SAMPLE_CHARS = 8000  # the language of a page shows in its first few thousand characters


def _count(pattern: re.Pattern, text: str) -> int:
    """How many characters of `text` the (run) pattern matches."""
    return sum(map(len, pattern.findall(text)))


def detect_language(text: str) -> tuple[str | None, float]:
    """(language code, score in 0..1) from script, Vietnamese letters and stop words; (None, 0) if no words."""
    text = text[:SAMPLE_CHARS]
    low = text.lower()
    runs = _LETTERS.findall(low)
    # lower() keeps every character's letterhood (tests/read/test_language_fast.py checks every code
    # point), so the letters of the lower-case copy are the text's; "İ" alone becomes two characters
    n_letters = sum(map(len, runs)) if len(low) == len(text) else _count(_LETTERS, text)
    if n_letters < 20:
        return None, 0.0
    if _ANY_SCRIPT.search(text):
        for code, script in _SCRIPTS:
            share = len(script.findall(text)) / n_letters
            if share > 0.3:
                return code, round(share, 3)
    vi_letters = _count(_VI_LETTERS, text) + _count(_MARKS, unicodedata.normalize("NFD", text))
    words = Counter(runs)
    total = sum(words.values())
    vi_marks = vi_letters / n_letters

    def score(stop: frozenset[str]) -> float:
        return sum(map(words.__getitem__, stop.intersection(words))) / total

    # The first sure answer: Vietnamese letters and stop words (the other lists cannot change it).
    vi = _stoplist("vi")
    if vi is not None and vi_marks > 0.08 and (vi_score := score(vi)) > 0.15:
        return "vi", round(min(1.0, vi_score + vi_marks), 3)
    scores = {code: score(stop) for code, stop in _stoplists().items()}
    code, best = max(scores.items(), key=lambda kv: kv[1]) if scores else (None, 0.0)
    if code == "vi" and vi_marks < 0.02:  # Vietnamese stop words written without marks: unknown
        return None, 0.0
    return (code, round(best, 3)) if best > 0.1 else (None, 0.0)
