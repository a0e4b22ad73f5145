"""When and where an interaction took place, and on what occasion, read from its sentence.
"""
from __future__ import annotations

import bisect
import re

from vndiplo.extract import dates
from vndiplo.extract.doc import Doc
from vndiplo.extract.event_dates import dates_in
from vndiplo.extract.events.cues import _has, _lex, _words
from vndiplo.extract.events.model import _Raw
from vndiplo.extract.events.sides import _phrase_after, _places_by_start, _starts
from vndiplo.extract.persons import tokens_of, VN
from vndiplo.extract.tokens import key, Token
from vndiplo.records import Location


def _when_where(doc: Doc, toks: list[Token], r: _Raw, acts_inside: set[int]) -> None:
    _, _, cues = _lex()
    s = doc.sentences[r.sent]
    # clause bounded by ";" around the trigger
    text = doc.text
    lo = text.rfind(";", s.start, toks[r.trig].start)
    lo = s.start if lo < 0 else lo + 1
    hi = text.find(";", toks[r.trig].start, s.end)
    hi = s.end if hi < 0 else hi
    # a bare year or month in a later comma clause is what the text says about something else
    # ("Tiếp Đại sứ X, Chủ tịch nước hoan nghênh Hiệp định ... có hiệu lực từ đầu năm 2014")
    k = r.trig
    while k < len(toks) and toks[k].start < hi and not (toks[k].text in ",;" and k not in acts_inside):
        k += 1
    clause_end = toks[k].start if k < len(toks) else hi
    # a date in brackets closing an earlier comma clause ("A điện đàm với B (tháng 9/2021), C dự ...") is
    # that clause's, not this one's
    k = r.trig
    while k > 0 and toks[k - 1].start >= lo and not (toks[k - 1].text in ",;" and k - 1 not in acts_inside):
        k -= 1
    clause_start = toks[k].start
    ds = [d for d in dates_in(doc, lo, hi) if d.value and not _long_range(d.value)
          and (d.start < clause_end or len(d.value) >= 10) and not _anniversary_date(doc, lo, d.start)
          and not (d.start < clause_start and _bracketed(text, d.start, clause_start))]
    if r.explicit_date and r.date:
        ds = []  # dated where it was read ("chuyến thăm ... (11/2009, 4/2012)": one visit per date)
    elif not ds and lo > s.start:
        # "Ngày 26/2, A đã gửi thư mừng đến B; C gửi thư mừng đến D": a day the sentence opens with holds
        # for its later ";" clauses that name none
        ds = [d for d in dates_in(doc, s.start, lo) if d.value and len(d.value) >= 10 and not _long_range(d.value)
              and not _anniversary_date(doc, s.start, d.start) and not _bracketed(text, d.start, lo)]
        ds = [d for d in ds if _fronted(doc, d.end)][-1:]
    if ds:
        t0 = toks[r.trig].start
        # a day set before the verb beats a bare year nearer to it inside a name ("Từ ngày 19 đến 21-11,
        # A và B đồng chủ trì Giao lưu ... lần thứ 5 năm 2018")
        if any(d.start < t0 and len(d.value) >= 10 for d in ds):
            ds = [d for d in ds if len(d.value) >= 10]
        best = min(ds, key=lambda d: abs(d.start - t0))
        r.date, r.explicit_date, r.date_span = best.value, True, (best.start, best.end)
    elif not r.explicit_date:
        a = bisect.bisect_left(_starts(doc), s.start)
        r.same_day = _has(cues["same_day"], toks, a, r.trig)
        r.inherit = _has(cues["inherit"], toks, a, r.trig)
        r.undated = _has(cues["past_undated"], toks, max(a, r.trig - 4), r.trig) or (
            cues["before_time"].match(toks, a) > a)  # "Trước khi tới Việt Nam, X thăm New Zealand"
        r.spans_days = cues["span_time"].match(toks, a) > a  # "Trong thời gian ở Việt Nam, X chào ..."
    if r.location is None:
        r.location = _location(doc, toks, lo, hi, acts_inside, cues)
    if r.location is None:
        r.location = _went_to(doc, toks, lo, r.trig, acts_inside)
    if r.occasion is None and r.kind not in ("interview", "conference", "visit"):
        r.occasion = _occasion(doc, toks, s.start, toks[r.trig].start, s.end, cues)
        if r.occasion is not None and key(r.occasion) in _words("bare_occasion"):
            # "Bên lề Hội nghị, ...": the conference the article reported, with its days and place
            r.occasion = None
            r.inherit = not r.explicit_date


def _fronted(doc: Doc, end: int) -> bool:
    """Whether the date ending at `end` is a fronted time adverbial, set off by a comma ("Nhân dịp ...,
    ngày 26/2, Quyền Chủ tịch nước ..."): it dates the whole sentence, not one phrase of it."""
    return doc.text[end:end + 2].lstrip().startswith(",")


_WEEKDAY_BEFORE = re.compile(r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|hôm\s+(?:nay|qua)|sáng|chiều|tối|trưa)"
                             r"(?:\s+(?:nay|qua))?\s*$", re.IGNORECASE)


def _bracketed(text: str, start: int, limit: int) -> bool:
    """Whether the date at `start` stands inside brackets that close before `limit`."""
    opening = text.rfind("(", max(0, start - 3), start + 1)
    if opening < 0 or "\n" in text[opening:start] or text.find(")", start, limit) < 0:
        return False
    # "Sáng thứ Hai (8/6), ...": the day of a weekday named before it is the fronted time itself
    return not _WEEKDAY_BEFORE.search(text, max(0, opening - 25), opening)


def _long_range(v: str) -> bool:
    """A span of more than two months apart (a programme's period, not an event's days); a short
    span across the new year ("31/12/2009 và 1/1/2010") is an event's."""
    a, _, b = v.partition("/")
    if not b or a[:7] == b[:7]:
        return False
    ma = int(a[5:7]) if len(a) >= 7 else 1
    mb = int(b[5:7]) if len(b) >= 7 else 12
    return (int(b[:4]) - int(a[:4])) * 12 + mb - ma > 2


_ANNIVERSARY_BRACKET = re.compile(r"kỷ\s+niệm\s[^;()]*\(\s*$", re.IGNORECASE)


def _anniversary_date(doc: Doc, lo: int, start: int) -> bool:
    """A date in brackets after the name of what is commemorated ("dự lễ kỷ niệm ... Ngày Độc lập
    (2/9/1945)") is the anniversary's, not the event's."""
    return bool(_ANNIVERSARY_BRACKET.search(doc.text[max(lo, start - 200):start]))


def _went_to(doc, toks, lo, trig, inside) -> Location | None:
    """"sang La Habana dự lễ ...", "tới Viêng Chăn hội đàm ...": the city travelled to right before the
    interaction word, in its clause, is where it took place."""
    starts = _starts(doc)
    a = bisect.bisect_left(starts, lo)
    places = _places_by_start(doc)
    for k in range(trig - 1, max(a, trig - 8) - 1, -1):
        if toks[k].text in ",;:" and k not in inside:
            return None
        if toks[k].low in _words("toward") and k not in inside and k + 1 < trig:
            m = places.get(toks[k + 1].start)
            if m is not None and m.kind == "city" and starts[trig] >= m.end:
                return Location(m.text, m.country)
    return None


def _location(doc, toks, lo, hi, inside, cues) -> Location | None:
    starts = _starts(doc)
    a = bisect.bisect_left(starts, lo)
    b = bisect.bisect_left(starts, hi)
    places = _places_by_start(doc)
    for k in range(a, b):
        if toks[k].low not in _words("at") or k in inside:
            continue
        q = k + 1
        pre = q
        m = places.get(toks[q].start) if q < b else None
        while m is None and q < b and toks[q].low in _words("place_prefix"):
            q += 1
            m = places.get(toks[q].start) if q < b else None
        if m is not None and m.kind in ("city", "country", "subdivision"):
            place_text = doc.text[toks[pre].start:m.end]
            country = m.country
            # "Kuala Lumpur, Malaysia": the country named after the place
            rest = doc.text[m.end:m.end + 3]
            if rest.startswith(", "):
                m2 = places.get(m.end + 2)
                if m2 is not None and m2.kind == "country":
                    country = m2.country
            if m.kind == "country" and pre == q:
                return Location(m.text, country)
            return Location(place_text, country)
        if m is None:
            # "tại đảo Margarita, Venezuela": a place the gazetteer lacks, placed by the country after it
            e = q
            while e < b and e - q < 4 and toks[e].is_word and toks[e].is_cap and e not in inside:
                e += 1
            m2 = places.get(toks[e + 1].start) if e > q and e + 1 < b and toks[e].text == "," else None
            if m2 is not None and m2.kind == "country":
                return Location(doc.text[toks[pre].start:toks[e - 1].end], m2.country)
        v = cues["venue"].match(toks, k + 1)
        if v > k + 1:
            e = v
            while e < b and (toks[e].is_cap or toks[e].low in ("giao", "phủ", "hội", "nghị")) and toks[e].is_word:
                e += 1
            inner = doc.places_in(toks[k + 1].start, toks[e - 1].end)
            country = next((m.country for m in inner if m.country), VN)
            return Location(doc.text[toks[k + 1].start:toks[e - 1].end], country)
    return None


def _occasion(doc, toks, s_start, t_start, s_end, cues) -> str | None:
    """The conference or visit an interaction took place at: "nhân dịp dự X", "bên lề X" in its sentence.

    Before the verb any occasion cue counts; after it, not a bare "nhân dịp" (that is what a
    greeting is for, not where a meeting was)."""
    starts = _starts(doc)
    a = bisect.bisect_left(starts, s_start)
    t = bisect.bisect_left(starts, t_start)
    b = bisect.bisect_left(starts, s_end)
    k = a
    while k < b:
        e = cues["occasion"].match(toks, k)
        if e > k and k >= t and e - k == 2 and toks[k].low == "nhân":
            k = e
            continue
        if e > k:
            if e < b and toks[e].low in _words("this_one"):
                return None
            stop = t if k < t else b  # an occasion before the verb ends where the verb begins
            if toks[e - 1].low in ("thăm", "tác", "du") and toks[e - 2].low in ("chuyến", "công"):
                e = next(q for q in range(e - 1, k - 1, -1) if toks[q].low == "chuyến")  # "nhân chuyến thăm X"
                return _phrase_after(toks, doc.text, e, stop)
            if e < stop and (toks[e].is_cap or toks[e].low in ("chuyến", "kỳ", "phiên", "lễ", "hội")):
                return _phrase_after(toks, doc.text, e, stop)
            k = e
        else:
            k += 1
    return None


def _opens_same_day(doc: Doc, si: int) -> bool:
    """Whether sentence `si` opens with a same-day cue ("Ngay sau hội đàm, ...")."""
    if si < 0:
        return False
    s = doc.sentences[si]
    toks = tokens_of(doc)
    k = bisect.bisect_left(_starts(doc), s.start)  # the sentence's first token, found by bisection
    return k < len(toks) and toks[k].start < s.end and _lex()[2]["same_day"].match(toks, k) > k


def _earlier_day(doc: Doc, before: int) -> str | None:
    """The last day, day range or relative day the text names before offset `before`."""
    got = doc.__dict__.get("_event_days")
    if got is None:  # read once per document, then found by bisection (a long page stays linear)
        got = doc.__dict__["_event_days"] = [
            (d.end, d.value) for d in dates.find_dates(doc)
            if d.value and d.kind in ("day", "range", "relative", "weekend") and not _long_range(d.value)]
    i = bisect.bisect_right(got, (before, "\uffff")) - 1
    return got[i][1] if i >= 0 else None
