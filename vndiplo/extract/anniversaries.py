"""Anniversaries: "kỷ niệm N năm X", "N năm X (d/m/yyyy-d/m/yyyy)" and "X (d/m/yyyy-d/m/yyyy)".

Two readings feed one list, merged at the end:
  * a founding-to-anniversary span in brackets after a name ("Quốc khánh Lào
    (21/12/1975-21/12/2025)") gives start, date and, when no "N năm" precedes
    it, the number of years; the name runs back to "N năm", a comma or "và";
  * "kỷ niệm N năm X" with no span: X runs to a stop word (data/anniversary_cues.tsv),
    "năm 2026" after it is the anniversary's year, and "và M năm Y" continues the list.
date: the span's end; else a year stated after the names it follows ("... vào năm 2026"); else
one said just before "kỷ niệm" ("Năm ngoái, hai nước kỷ niệm ..."); else the article's year
(an anniversary a text names is, unless it says otherwise, the one of its own year).
The same anniversary mentioned twice (same years, year and parties, like names) is one record.
Parties: the countries named in the name; for a relationship ("quan hệ ngoại
giao") Viet Nam and the other country from context; for a person's birth or
death the country of that person (data/commemorated_persons.tsv, else the
person annotations, else the one foreign country in the sentence); else Viet Nam.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass

from vndiplo.extract.context import foreign_places, in_caption, parties_at, places_between
from vndiplo.extract.dates import find_dates
from vndiplo.extract.doc import Doc
from vndiplo.extract.figures import is_diplomatic
from vndiplo.data.gazetteer import split_list, table
from vndiplo.records import Anniversary, Fact
from vndiplo.text import fold_diacritics, fold_tones

__all__ = ["extract"]

HOME = "VN"
_DATE = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}"
_SPAN = re.compile(rf"\(\s*({_DATE})\s*(?:-|–|—|đến)\s*({_DATE})\s*\)")
_YEARS_OF = re.compile(r"(?<![\d.,/])(\d{1,4})\s+năm\s+(?=\S)", re.IGNORECASE)
# "kỷ niệm lần thứ 79 Quốc khánh" (the wording of congratulatory messages)
_KN_ORDINAL = re.compile(r"(?<!\w)kỷ niệm\s+lần\s+thứ\s+(\d{1,4})\s+(?!năm\b)(?=\S)", re.IGNORECASE)
_LIST_SEP = re.compile(r"(?:,|(?<!\w)và(?!\w)|(?<!\w)kỷ niệm(?!\w)|(?<!\w)dịp(?!\w)|:)\s*", re.IGNORECASE)
_END = re.compile(r"[,;.:()\n\"“”]")
_YEAR_AFTER = re.compile(r"\s*(?:vào\s+|trong\s+)?năm\s+(\d{4}|nay|tới|sau)(?!\w)", re.IGNORECASE)
_MAX_WORDS = 16
_MAX_HEADED_WORDS = 32
_WORDS = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_BETWEEN = re.compile(r"(?<!\w)giữa(?!\w)")
_KN_LITERALS = (re.compile("kỷ niệm"), re.compile("Kỷ niệm"), re.compile("KỶ NIỆM"))
_NEXT_YEARS = re.compile(r"\s*(?:,|và)\s+(\d{1,4})\s+năm\s+(?=\S)", re.IGNORECASE)
# "(19/8/1945-19/8/2025) và 80 năm X": a list of anniversaries goes on after a bracketed span.
_AFTER_SPAN = re.compile(r"\)\s*(?:,|và)\s+(\d{1,4})\s+năm\s+(?=\S)", re.IGNORECASE)
_NEXT_NAME = re.compile(r"\s*và\s+")
# "kỷ niệm 51 năm Ngày Cách mạng Cuba thắng lợi (1/1/1959)", "(năm 2013)": the bracketed date is the start
_START_BRACKET = re.compile(rf"\s*\(\s*(?:năm\s+)?({_DATE})\s*\)", re.IGNORECASE)
_STATED_YEAR = re.compile(r"\s+(?:vào\s+|trong\s+)?năm\s+(?:\d{4}|nay|tới|sau)(?!\w)", re.IGNORECASE)
# "quan hệ ngoại giao Việt Nam - Hàn Quốc": the pair is named, context must not fill it in.
_PAIR_NAMED = re.compile(r"Việt Nam\s*[-–—]\s*\w|\w\s*[-–—]\s*Việt Nam")


class _Cues:
    def __init__(self) -> None:
        rows = table("anniversary_cues")
        group = lambda g: sorted((r["phrase"] for r in rows if r["group"] == g), key=len, reverse=True)  # noqa: E731
        alt = lambda ps: "|".join(re.escape(fold_tones(p)) for p in ps)  # noqa: E731
        self.stop = re.compile(rf"\s(?:{alt(group('stop'))})(?!\w)")
        self.drop_suffix = re.compile(rf"\s+(?:{alt(group('drop_suffix'))})$")
        self.drop_after = [(fold_tones(p), fold_tones(p).rsplit(" ", 1)[0]) for p in group("drop_after")]
        self.bilateral = re.compile(rf"(?<!\w)(?:{alt(group('bilateral'))})(?!\w)", re.IGNORECASE)
        self.head = re.compile(rf"(?:{alt(group('head'))})(?!\w)", re.IGNORECASE)
        self.person = re.compile(rf"(?<!\w)(?:{alt(group('person'))})(?!\w)", re.IGNORECASE)
        # "kỷ niệm (long trọng) N năm": an adverb may stand between the verb and the count
        self.kn = re.compile(rf"(?<!\w)kỷ niệm\s+(?:(?:{alt(group('adverb'))})\s+)?(\d{{1,4}})\s+năm\s+(?=\S)",
                             re.IGNORECASE)
        self.national_day = re.compile(rf"(?<!\w)(?:{alt(group('national_day'))})(?!\w)", re.IGNORECASE)
        self.national_days = {r["code"]: r["start"] for r in table("national_days")}
        # "Nhân dịp 75 năm Quốc khánh ...": an anniversary named without "kỷ niệm"
        self.occasion = re.compile(
            rf"(?<!\w)(?:{alt(group('occasion'))})\s+(\d{{1,4}})\s+năm\s+(?=(?:{alt(group('head'))})(?!\w))",
            re.IGNORECASE)
        self.persons: list[tuple[list[str], str]] = []
        for r in table("commemorated_persons"):
            for n in [r["name"], *split_list(r.get("aliases"))]:
                self.persons.append((_key_words(n), r["country"]))


def _key_words(s: str) -> list[str]:
    return _WORDS.findall(fold_diacritics(s).lower())


@functools.cache
def _cues() -> _Cues:
    return _Cues()


@dataclass
class _Item:
    name_start: int
    name_end: int
    years: int | None
    start: str | None
    date: str | None
    sent_start: int
    sent_end: int


def _iso(d: str) -> tuple[str, int]:
    """ "02/9/1945" -> ("1945-09-02", 1945); "1945" -> ("1945", 1945)."""
    if "/" in d:
        day, month, year = (int(x) for x in d.split("/"))
        return f"{year:04d}-{month:02d}-{day:02d}", year
    return d, int(d)


def _valid_day(year: int, iso: str) -> bool:
    """Whether the month-day of `iso` exists in `year` (29/2)."""
    try:
        _dt.date(year, int(iso[5:7]), int(iso[8:10]))
    except ValueError:
        return False
    return True


def _valid_span(a: str, b: str) -> bool:
    if "/" in a and "/" in b:
        da, ma, _ = (int(x) for x in a.split("/"))
        db, mb, _ = (int(x) for x in b.split("/"))
        if not (1 <= ma <= 12 and 1 <= da <= 31 and 1 <= mb <= 12 and 1 <= db <= 31):
            return False
    return True


def _name_bounds(doc: Doc, a: int, b: int, max_words: int = _MAX_WORDS) -> tuple[int, int]:
    """Trim spaces and cap a name at its last `max_words` words."""
    text = doc.text
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    words = list(re.finditer(r"\S+", text[a:b]))
    if len(words) > max_words:
        a += words[-max_words].start()
    return a, b


def _span_items(doc: Doc, ss: int, se: int, used: set[int]) -> list[_Item]:
    items = []
    floor = ss
    for m in _SPAN.finditer(doc.text, ss, se):
        a, b = m.group(1), m.group(2)
        (start, y1), (end, y2) = _iso(a), _iso(b)
        window_a = max(floor, doc.text.rfind(";", ss, m.start()) + 1)
        floor = m.end()
        if y2 <= y1 or not _valid_span(a, b):
            continue
        full_dates = "/" in a and "/" in b
        same_day = full_dates and a.split("/")[:2] == b.split("/")[:2]
        n_years = name_a = None
        last = None
        for y in _YEARS_OF.finditer(doc.fold, window_a, m.start()):
            last = y
        if last is not None and (int(last.group(1)) == y2 - y1 or not same_day):
            n_years, name_a = int(last.group(1)), last.end()
            used.add(last.start(1))
        if n_years is None:
            # A bare span is an anniversary only when it runs day to day ("(13/12/1920-13/12/2025)").
            if not same_day:
                continue
            seps = list(_LIST_SEP.finditer(doc.fold, window_a, m.start()))
            name_a = seps[-1].end() if seps else window_a
        elif n_years != y2 - y1 and not same_day:
            continue  # "30 năm (1995-2030)" style plans are not anniversaries
        # after "N năm" the name is bounded by it: room for both states' full names ("giữa nước Cộng hòa
        # xã hội chủ nghĩa Việt Nam và nước Cộng hòa ...")
        na, nb = _name_bounds(doc, name_a, m.start(), _MAX_WORDS if n_years is None else _MAX_HEADED_WORDS)
        if nb <= na:
            continue
        items.append(_Item(na, nb, n_years or (y2 - y1), start, end, ss, se))
    return items


def _named_items(doc: Doc, ss: int, se: int, used: set[int]) -> list[_Item]:
    """ "kỷ niệm N năm X[ năm YYYY][ và M năm Y ...]" with no bracketed span."""
    c = _cues()
    items = []
    starts = sorted([*c.kn.finditer(doc.fold, ss, se), *_KN_ORDINAL.finditer(doc.fold, ss, se),
                     *_AFTER_SPAN.finditer(doc.fold, ss, se), *c.occasion.finditer(doc.fold, ss, se)],
                    key=lambda x: x.start(1))
    seen_at: set[int] = set()
    for m in starts:
        if m.start(1) in used or m.start(1) in seen_at:
            continue  # "kỷ niệm" after "nhân dịp" is one cue
        seen_at.add(m.start(1))
        years, pos = int(m.group(1)), m.end()
        chain: list[_Item] = []
        pending: list[_Item] = []  # names still waiting for a year stated after them
        while True:
            end = _name_end(doc, pos, se)
            year_after = _STATED_YEAR.search(doc.fold, pos, end)
            if year_after:
                end = year_after.start()
            na, nb = _name_bounds(doc, pos, end)
            if nb > na:
                item = _Item(na, nb, years, None, None, ss, se)
                chain.append(item)
                pending.append(item)
                date, explicit, stated_end = _stated_year(doc, nb, se)
                started = _START_BRACKET.match(doc.fold, end, se)
                if started and not explicit:
                    item.start, y0 = _iso(started.group(1))
                    if y0 < 3000 - years and (len(item.start) == 4 or _valid_day(y0 + years, item.start)):
                        item.date = f"{y0 + years:04d}{item.start[4:]}"
                        pending.remove(item)
                    else:
                        item.start = None
                if explicit:
                    # "kỷ niệm 60 năm X và 45 năm Y vào năm 2022": the year of the names before it
                    for it in pending:
                        it.date = date
                    pending = []
                    end = max(end, stated_end)
            # "... và 10 năm quan hệ Đối tác" / "... và Quốc khánh Lào": the list goes on.
            nxt = _NEXT_YEARS.match(doc.fold, end, se)
            if nxt:
                years = int(nxt.group(1))
            else:
                nxt = _NEXT_NAME.match(doc.fold, end, se)
                if nxt and not c.head.match(doc.fold, nxt.end()):
                    nxt = None
            if not nxt:
                break
            pos = nxt.end()
        default = _year_before(doc, max(ss, m.start() - 80), m.start()) or (
            str(doc.year) if doc.year is not None else None)
        if _PLAN_YEAR.search(doc.fold, max(ss, m.start() - 20), m.start()):
            default = None  # "... vào năm kỷ niệm 100 năm độc lập": a coming year the text does not give
        for it in chain:
            it.date = it.date or default
        items.extend(chain)
    return items


_PLAN_YEAR = re.compile(r"(?<!\w)(?:vào|đến|tới|trước)\s+năm\s+$", re.IGNORECASE)


def _year_before(doc: Doc, a: int, b: int) -> str | None:
    """A year said just before "kỷ niệm" ("Năm ngoái, hai nước kỷ niệm ...")."""
    years = [d.value for d in find_dates(doc, a, b) if d.kind == "year" and d.value]
    return years[-1] if years else None


def _name_end(doc: Doc, pos: int, se: int) -> int:
    """Where a name with no bracketed span ends: a stop word or punctuation, but not the "và" of
    "giữa A và B" nor of a title ("Hiệp ước Hữu nghị và Hợp tác")."""
    c = _cues()
    punct = _END.search(doc.fold, pos, se)
    limit = punct.start() if punct else se
    at = pos
    while True:
        stop = c.stop.search(doc.fold, at, limit)
        if stop is None:
            return limit
        word = stop.group(0).strip()
        if word == "và":
            before = doc.fold[pos:stop.start()]
            after = doc.fold[stop.end():stop.end() + 30].lstrip()
            if _BETWEEN.search(before) or (after[:1].isupper() and not c.head.match(after)
                                           and not after[:1].isdigit()):
                at = stop.end()
                continue
        return stop.start()


def _stated_year(doc: Doc, name_end: int, se: int) -> tuple[str | None, bool, int]:
    """The anniversary's year stated right after its name ("năm 2026", "vào năm tới").

    Returns (year, whether the text states one, where the statement ends)."""
    m = _YEAR_AFTER.match(doc.fold, name_end, se)
    if not m:
        return None, False, name_end
    word = m.group(1).lower()
    if word.isdigit():
        return word, True, m.end()
    if doc.year is None:
        return None, True, m.end()
    return str(doc.year + (0 if word == "nay" else 1)), True, m.end()


def _clean_name(doc: Doc, item: _Item) -> str:
    c = _cues()
    name = doc.text[item.name_start:item.name_end]
    if name[:3].lower() == "lễ ":
        name = name[3:]
    name = c.drop_suffix.sub("", name).strip()
    for phrase, keep in c.drop_after:
        i = fold_tones(name).lower().find(phrase.lower())
        if i >= 0:
            name = name[:i + len(keep)] + name[i + len(phrase):]
    return _SPACES.sub(" ", name).strip()


def _person_country(doc: Doc, item: _Item) -> str | None:
    words = _key_words(doc.text[item.name_start:item.name_end])
    for key, country in _cues().persons:
        for i in range(len(words) - len(key) + 1):
            if all(w.startswith(k) or k.startswith(w) and len(w) >= 3 for w, k in zip(words[i:i + len(key)], key)):
                return country
    for p in doc.persons_in(item.name_start, item.name_end):
        if p.country:
            return p.country
    foreign = [c for c in foreign_places(doc, item.sent_start, item.sent_end) if "-" not in c]
    return foreign[0] if len(set(foreign)) == 1 else None


def _parties(doc: Doc, item: _Item, name: str) -> list[str]:
    c = _cues()
    named = []
    for p in places_between(doc, item.name_start, item.name_end):
        code = p.country if p.kind in ("country", "subdivision", "city") else p.code
        if code and code not in named:
            named.append(code)
    if c.bilateral.search(fold_tones(name)):
        others = [x for x in named if x != HOME]
        if not others and not _PAIR_NAMED.search(name):
            others = [x for x in parties_at(doc, item.sent_start, item.sent_end) if x != HOME]
        return sorted({HOME, *others})
    if named:
        return sorted(set(named))
    if c.person.search(fold_tones(name)):
        country = _person_country(doc, item)
        if country:
            return [country]
    # "Ấn Độ đặt mục tiêu ... vào năm kỷ niệm 100 năm độc lập": a foreign country that opens the sentence,
    # which names no Viet Nam, owns the day
    places = [p for p in places_between(doc, item.sent_start, item.name_start) if p.kind == "country"]
    if (places and places[0].country != HOME and not doc.text[item.sent_start:places[0].start].strip()
            and all(p.country == places[0].country for p in places)):
        return [places[0].country]
    return [HOME]


def _national_day(doc: Doc, item: _Item, name: str, parties: list[str]) -> None:
    """A country's national day with no bracketed span falls in the year its founding day
    (national_days.tsv) gives: "72 năm Quốc khánh Việt Nam" is of 2017, whatever year the article's date
    line gives. The day is known only when the text gives it ("Quốc khánh 2/9", "Quốc khánh Lào (2-12)"):
    else the date is the year and the start stays unknown (ANNOTATING: null when the text does not say)."""
    c = _cues()
    if item.start or len(parties) != 1 or not c.national_day.search(fold_tones(name)):
        return
    start = c.national_days.get(parties[0])
    if start is None or item.years is None:
        return
    year = int(start[:4]) + item.years
    if not _valid_day(year, start):
        return
    month, day = int(start[5:7]), int(start[8:10])
    said = re.compile(rf"(?<!\d)0?{day}\s*[/.-]\s*0?{month}(?!\d)")
    item.date = f"{year:04d}{start[4:]}" if said.search(doc.text, item.name_start, min(
        item.sent_end, item.name_end + 40)) else f"{year:04d}"


def _same(a: Anniversary, b: Anniversary) -> bool:
    """Whether two mentions are one anniversary: same count, same year, like names, same parties."""
    if a.years != b.years or a.parties != b.parties:
        return False
    if a.start and b.start:
        if a.start[:4] != b.start[:4]:
            return False
    elif (a.date or "")[:4] != (b.date or "")[:4] and (a.date or a.start) and (b.date or b.start):
        return False  # a mention whose year the text does not give joins a dated one of the same name
    wa, wb = set(_key_words(a.name)), set(_key_words(b.name))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def extract(doc: Doc) -> list[Fact]:
    """The anniversaries an analysed document names, one record each (none on a page that is not
    about foreign relations: a club's or a company's jubilee is no fact of diplomacy)."""
    if not is_diplomatic(doc):
        return []
    out: list[Anniversary] = []
    hits = {doc.sentence_index(m.start()) for m in _SPAN.finditer(doc.text)}
    for cue in (*_KN_LITERALS, _cues().occasion):
        hits |= {doc.sentence_index(m.start()) for m in cue.finditer(doc.fold)}
    for idx in sorted(hits):
        if idx >= len(doc.sentences):
            continue
        sent = doc.sentences[idx]
        if in_caption(doc, sent.start):
            continue
        used: set[int] = set()
        items = _span_items(doc, sent.start, sent.end, used)
        items += _named_items(doc, sent.start, sent.end, used)
        items.sort(key=lambda it: it.name_start)
        for it in items:
            name = _clean_name(doc, it)
            if not name or it.years is None or not 0 < it.years < 3000:
                continue
            parties = _parties(doc, it, name)
            _national_day(doc, it, name, parties)
            date = it.date
            if it.start and not date:
                date = str(int(it.start[:4]) + it.years)
            fact = Anniversary(name=name, years=it.years, start=it.start, date=date,
                               parties=parties, evidence=sent.text, span=(sent.start, sent.end))
            for prev in out:
                if _same(prev, fact):
                    if (fact.start and not prev.start) or (fact.date and not prev.date):
                        prev.start, prev.date, prev.name, prev.parties = fact.start, fact.date, fact.name, fact.parties
                    break
            else:
                out.append(fact)
    return list(out)
