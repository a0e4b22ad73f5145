"""Money figures between countries: trade, investment, aid, actual or target.

Each amount with a currency ("1,6 tỷ USD", "1.200 tỷ đồng", "500 triệu yên") is
read in its clause (the part of the sentence between semicolons):
  * metric: the cue nearest before it (data/metrics.tsv), else one right after it
    ("3,5 tỷ USD vốn đầu tư"), else the metric of the clause before; value words
    (trị giá, quỹ) give "other" only when nothing else names the amount;
  * target: goal words before it (mục tiêu, phấn đấu, đưa ... lên), "trong thời gian
    tới" after it, a deadline year after the article's year, or a list of goals;
    its period is the deadline year, if any;
  * period (actual figures): the period just before it, else just after it, else at
    the head of the clause; none for running totals ("tính đến hết năm 2023"); a
    sentence or clause opening with "Trong đó" keeps the period before;
  * change_pct: "tăng/giảm X%" after it, or before it when it opens the clause;
  * parties: context.parties_at (an organisation named in the clause when no country is).
Amounts with no metric cue (prices, GDP), per-unit prices ("USD/tấn"), restatements
in another currency ("(tương đương ...)"), figures with no foreign party, deal values
between two other countries, and pages that are not about foreign relations give nothing.
Trade, investment or aid between two other countries named as a pair ("thương mại Hàn Quốc -
Nhật Bản") is theirs: parties are the pair, without Viet Nam.
The same value for the same thing given twice is one record. Cue words live in
data/figure_cues.tsv, data/metrics.tsv and data/currencies.tsv.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vndiplo.extract.context import (
    foreign_pair, foreign_places, home_province, in_caption, parties_at, places_between,
)
from vndiplo.extract.dates import DateMention, find_dates, number_starts, number_starts_in
from vndiplo.extract.doc import Doc
from vndiplo.data.gazetteer import gazetteer, table
from vndiplo.records import Fact, Figure
from vndiplo.text import fold_tones

__all__ = ["Amount", "extract", "find_amounts", "is_diplomatic", "parse_number"]


@dataclass(frozen=True)
class Amount:
    """A money amount in the text: value in units of `unit` (an ISO 4217 code)."""

    start: int
    end: int
    value: float | int
    unit: str


def _alt(phrases) -> str:
    return "|".join(re.escape(fold_tones(p)) for p in sorted(set(phrases), key=len, reverse=True))


def _cue_regex(phrases, flags=0) -> re.Pattern:
    """One regex over cue phrases; "*" in a phrase stands for a few words."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        bits = [re.escape(fold_tones(b.strip())) for b in p.split("*")]
        parts.append(r"[^.;:]{0,80}?".join(bits))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags)


class _Cues:
    """Compiled patterns built once from the data tables."""

    def __init__(self) -> None:
        rows = table("figure_cues")
        group = lambda g: [r["phrase"] for r in rows if r["group"] == g]  # noqa: E731
        self.scales = {fold_tones(r["phrase"]): int(r["value"]) for r in rows if r["group"] == "scale"}
        self.currencies = {fold_tones(r["phrase"]): r["code"] for r in table("currencies")}
        self.metrics = {fold_tones(r["phrase"]).lower(): r["metric"] for r in table("metrics")}
        number = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
        self.amount = re.compile(
            rf"({number})\s*(?:({_alt(self.scales)})\s*)?({_alt(self.currencies)})(?!\w)")
        self.per_unit = re.compile(r"\s*/\s*(?:" + _alt(group("per_unit")) + r")(?!\w)", re.IGNORECASE)
        self.metric = _cue_regex(self.metrics, re.IGNORECASE)
        self.target = _cue_regex(group("target"), re.IGNORECASE)
        self.target_after = _cue_regex(group("target_after"), re.IGNORECASE)
        self.current_after = re.compile(r"\s*,?\s*(?:" + _alt(group("current_after")) + r")(?!\w)", re.IGNORECASE)
        self.deadline = re.compile(r"(?:" + _alt(group("deadline")) + r")\s*$", re.IGNORECASE)
        self.cumulative = re.compile(r"(?:" + _alt(group("cumulative")) + r")\s*(?:năm\s*)?$", re.IGNORECASE)
        self.comparison = re.compile(r"(?:" + _alt(group("comparison")) + r")\s*(?:năm\s*)?$", re.IGNORECASE)
        self.change = re.compile(
            rf"(?<!\w)({_alt(group('up') + group('down'))})"
            r"(?:\s+(?:mạnh|nhẹ|hơn|khoảng|gần|xấp xỉ|tới|đến|thêm|ở mức|lên|đạt|trên))*\s+(\d+(?:[.,]\d+)?)\s*%",
            re.IGNORECASE)
        self.down = {fold_tones(p).lower() for p in group("down")}
        self.equivalent = re.compile(
            r"\s*[(,]?\s*(?:(?:" + _alt(group("equivalent")) + r")\s*)*:?\s*", re.IGNORECASE)
        self.anaphora = re.compile(r"(?<!\w)(?:" + _alt(group("anaphora") + group("continuation")) + r")(?!\w)")
        self.continuation = re.compile(r"\s*(?:" + _alt(group("continuation")) + r")(?!\w)")
        self.national = re.compile(r"(?<!\w)(?:" + _alt(group("national")) + r")(?!\w)", re.IGNORECASE)
        self.two_sides = re.compile(r"(?<!\w)(?:" + _alt(group("two_sides")) + r")(?!\w)", re.IGNORECASE)
        self.relational = re.compile(r"(?<!\w)(?:" + _alt(group("relational")) + r")(?!\w)", re.IGNORECASE)
        self.diplomatic = re.compile(r"(?<!\w)(?:" + _alt(group("diplomatic")) + r")(?!\w)")


@functools.cache
def _cues() -> _Cues:
    return _Cues()


_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+")


def parse_number(s: str) -> float | None:
    """A Vietnamese-written number: "1,6" = 1.6, "1.200" = 1200, "1.200,5" = 1200.5, "2.5" = 2.5."""
    s = s.strip()
    if _DOT_THOUSANDS.fullmatch(s):  # dots group thousands, comma decimals
        s = s.replace(".", "").replace(",", ".")
    elif _COMMA_THOUSANDS.fullmatch(s):  # English grouping
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _clean_value(v: float) -> float | int:
    r = round(v, 6)
    return int(r) if r == int(r) else r


def find_amounts(text: str, start: int = 0, end: int | None = None, folded: str | None = None,
                 numbers: list[int] | None = None) -> list[Amount]:
    """Money amounts with a currency in text[start:end].

    `folded` (fold_tones(text)) and `numbers` (where numbers start) save work when at hand.
    """
    c = _cues()
    out = []
    folded = fold_tones(text) if folded is None else folded
    end = len(text) if end is None else end
    for p in (numbers if numbers is not None else number_starts_in(text)):
        if p < start or p >= end or (p and (folded[p - 1].isalnum() or folded[p - 1] in "_.,")):
            continue
        m = c.amount.match(folded, p, end)
        if m is None or c.per_unit.match(folded, m.end()):
            continue
        n = parse_number(m.group(1))
        if n is None:
            continue
        scale = c.scales.get(m.group(2) or "", 1)
        a = m.start()
        # a range "21 - 22 tỷ USD" is read by its lower bound, with the scale and currency they share
        r = _RANGE_BEFORE.search(folded, max(start, a - 24), a)
        if r and not _YEAR_NUMBER.fullmatch(r.group(1)):
            low = parse_number(r.group(1))
            if low is not None and 0 < low < n:
                n, a = low, r.start()
        out.append(Amount(a, m.end(), _clean_value(n * scale), c.currencies[m.group(3)]))
    return out


_RANGE_BEFORE = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)?)\s*[-–—]\s*$")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")


# ---------------------------------------------------------------- per amount
_CLAUSE_CUT = re.compile(r";")


def _clauses(doc: Doc, s_start: int, s_end: int) -> list[tuple[int, int]]:
    out, a = [], s_start
    for m in _CLAUSE_CUT.finditer(doc.text, s_start, s_end):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, s_end))
    return out


def _metric(doc: Doc, a: int, b: int, before: bool, weak: bool = False) -> str | None:
    """The metric of the cue nearest the amount in [a, b); value words (trị giá, quỹ) count only if `weak`."""
    hits = [(h, _cues().metrics.get(h.group(0).lower())) for h in _cues().metric.finditer(doc.fold, a, b)]
    hits = [(h, m) for h, m in hits if m and (weak or m != "value")]
    if not hits:
        return None
    found = hits[-1][1] if before else hits[0][1]
    if before and len(hits) > 1 and _JOINED.fullmatch(doc.fold, hits[-2][0].end(), hits[-1][0].start()):
        found = hits[-2][1]  # "kim ngạch thương mại và đầu tư ... đạt": the first of a coordinated pair leads
    return "other" if found == "value" else found


_JOINED = re.compile(r"\s*(?:và|,)\s*", re.IGNORECASE)


def _metric_right_after(doc: Doc, a: int, b: int) -> str | None:
    """A cue that directly follows the amount ("3,5 tỷ USD vốn đầu tư")."""
    m = _cues().metric.match(doc.fold, a + (len(doc.fold[a:b]) - len(doc.fold[a:b].lstrip())), b)
    found = _cues().metrics.get(m.group(0).lower()) if m else None
    return found if found and found != "value" else None


def _is_comparison(doc: Doc, d: DateMention, floor: int) -> bool:
    return bool(_cues().comparison.search(doc.fold, max(floor, d.start - 30), d.start))


def _periods(doc: Doc, a: int, b: int, floor: int) -> list[DateMention]:
    """Periods an actual figure may cover in [a, b): not a comparison base, not after the article's year
    (a later year in the clause is some plan's or anniversary's, "... vào năm 2025") when the page
    gives its date; a year only inferred from the body may be an older one the text cites."""
    return [d for d in find_dates(doc, a, b)
            if d.kind in ("period", "year", "month") and d.value and not _is_comparison(doc, d, floor)
            and (doc.year is None or int(d.value[:4]) <= doc.year or not doc.published)]


def _near_after(doc: Doc, a: int, b: int, chars: int = 40) -> int:
    """End of the words right after an amount that still qualify it: up to a comma, at most `chars`."""
    b = min(b, a + chars)
    comma = doc.text.find(",", a, b)
    return comma if comma >= 0 else b


def _deadline(doc: Doc, a: int, b: int) -> str | None:
    """The year a target is set for ("vào năm 2030", "đến 2030"), if the text gives one."""
    for d in find_dates(doc, a, b):
        if d.kind == "year" and d.value and _cues().deadline.search(doc.fold, max(a, d.start - 12), d.start):
            return d.value
    return None


_LIST_GAP = re.compile(r"(?:\s|,|và|(?:vào|đến|tới|trước|trong)?\s*năm\s+\d{4})*", re.IGNORECASE)
_RIGHT_AFTER = re.compile(r"\s*(?:vào|đến|tới|trước|trong|cho)?\s*$", re.IGNORECASE)


def _year_right_after(doc: Doc, a: int, b: int) -> str | None:
    """A year written right after a goal ("15 tỷ USD năm 2030")."""
    for d in find_dates(doc, a, b):
        if d.kind == "year" and d.value and _RIGHT_AFTER.match(doc.fold, a, d.start):
            return d.value
    return None


def _future_deadline(doc: Doc, a: int, b: int) -> bool:
    """ "... 10 tỷ USD vào năm 2030" is a goal when 2030 is after the article's year."""
    y = _deadline(doc, a, b)
    return bool(y and doc.year is not None and int(y[:4]) > doc.year)


def _parties(doc: Doc, a: int, b: int) -> list[str]:
    if not foreign_places(doc, a, b):
        # "thương mại Việt Nam - EU": an organisation named in the clause is the other party.
        orgs = sorted({m.code for m in places_between(doc, a, b) if m.kind == "org"})
        if orgs:
            return sorted({"VN", *orgs})
    codes = parties_at(doc, a, b)
    # A province named with its country speaks of the province ("Vân Nam, Trung Quốc").
    g = gazetteer()
    parents = {g.subdivisions[c]["country"] for c in codes if c in g.subdivisions}
    return home_province(doc, a, b, sorted(c for c in codes if c not in parents or c == "VN"))


_INTO = re.compile(r"(?<!\w)(?:vào|tại)\s+(?:(?:tỉnh|thành\s+phố|TP\.?)\s*)?$", re.IGNORECASE)


def _invested_province(doc: Doc, a: int, b: int, parties: list[str]) -> list[str]:
    """Investment from a country "vào Quảng Ninh" / "tại BR-VT" is the province's: the one Vietnamese
    province the clause names as where the money goes replaces Viet Nam."""
    if "VN" not in parties or not any(p != "VN" for p in parties):
        return parties
    own = {m.code for m in places_between(doc, a, b) if m.kind == "subdivision" and m.country == "VN"}
    into = {m.code for m in places_between(doc, a, b) if m.kind == "subdivision" and m.country == "VN"
            and _INTO.search(doc.text, max(a, m.start - 20), m.start)}
    if len(own) != 1 or not into:
        return parties
    return sorted({*(p for p in parties if p != "VN"), *into})


def _restatements_dropped(doc: Doc, amounts: list[Amount]) -> list[Amount]:
    """Drop an amount that restates the one before it in another currency ("(tương đương ...)")."""
    out: list[Amount] = []
    for amt in amounts:
        if out and out[-1].unit != amt.unit:
            gap = doc.fold[out[-1].end:amt.start]
            if gap.strip() and _cues().equivalent.fullmatch(gap):
                continue
        out.append(amt)
    return out


def _named_party(doc: Doc, a: int, b: int) -> bool:
    return bool(foreign_places(doc, a, b)) or any(m.kind == "org" for m in places_between(doc, a, b))


def _between_countries(doc: Doc, cs: int, ce: int, sentence: tuple[int, int] | None, seg_a: int, near: int,
                       weak: bool, follows: bool = False) -> bool:
    """Whether an amount is a figure between Viet Nam and another party, not a national total
    ("kim ngạch xuất nhập khẩu của cả nước") nor a domestic project's value.

    The clause names the other party; or, for a trade, investment or aid cue, the sentence names it
    or speaks of the two sides ("hai chiều", "song phương", "hai nước"). A bare value word (trị giá)
    needs the party in its own clause. An amount that goes on with the figure before it (its metric
    carried over: "; 4 tháng đầu năm 2025 đạt ...", "Mục tiêu năm 2024 là ...") is that figure's kin."""
    c = _cues()
    if c.national.search(doc.fold, seg_a, near):
        return False
    if follows or _named_party(doc, cs, ce):
        return True
    if weak:  # "hai nước đã ký các hợp đồng với tổng giá trị ...": the two sides in its own clause
        return bool(c.two_sides.search(doc.fold, cs, ce))
    ss, se = sentence or (cs, ce)
    if _named_party(doc, ss, se) or c.relational.search(doc.fold, ss, se):
        return True
    # "Hợp tác kinh tế tiếp tục tăng trưởng. Kim ngạch 10 tháng đạt ...": a sentence that goes on with
    # the one before it in its paragraph, which names the partner or the two sides
    prev = _previous_sentence(doc, ss)
    return prev is not None and (_named_party(doc, *prev) or bool(c.relational.search(doc.fold, *prev)))


def _previous_sentence(doc: Doc, start: int) -> tuple[int, int] | None:
    """The sentence before the one starting at `start`, when both are in one paragraph."""
    idx = doc.sentence_index(start)
    if not 0 < idx < len(doc.sentences):
        return None
    prev, cur = doc.sentences[idx - 1], doc.sentences[idx]
    return (prev.start, prev.end) if prev.para == cur.para else None


def _between_others(doc: Doc, a: int, b: int) -> bool:
    """A sentence naming two foreign countries and not Viet Nam speaks of a deal between others."""
    places = [m for m in places_between(doc, a, b) if m.kind in ("country", "subdivision")]
    return len({m.country for m in places} - {"VN"}) >= 2 and not any(m.country == "VN" for m in places)


_RELATIONAL = frozenset({"trade_turnover", "export", "import", "investment", "aid"})
_FLOWS = frozenset({"trade_turnover", "export", "import"})  # counted per year, not accumulated


def is_diplomatic(doc: Doc) -> bool:
    """Whether a page speaks of foreign relations at all (prices, market reports, sport do not)."""
    return bool(_cues().diplomatic.search(doc.fold))


def extract(doc: Doc) -> list[Fact]:
    """The money figures of an analysed document (none if it is not about foreign relations)."""
    c = _cues()
    found = find_amounts(doc.text, 0, None, doc.fold, number_starts(doc))
    if not found or not doc.sentences or not is_diplomatic(doc):
        return []
    by_sentence: dict[int, list[Amount]] = {}
    for amt in found:
        by_sentence.setdefault(doc.sentence_index(amt.start), []).append(amt)
    facts: list[Figure] = []
    last_period: str | None = None  # of the last actual figure, for "Trong đó, ..." sentences
    last_metric, last_idx = None, -2
    last_parties: list[str] = []  # of the last figure kept, and its sentence
    last_fig_idx = -2
    for idx in sorted(by_sentence):
        sent = doc.sentences[idx]
        if in_caption(doc, sent.start):
            continue
        amounts = _restatements_dropped(
            doc, [a for a in by_sentence[idx] if sent.start <= a.start and a.end <= sent.end])
        if not amounts:
            continue
        # a sentence about two other countries: only their relational figures, with the pair as parties
        others = foreign_pair(doc, sent.start, sent.end) if _between_others(doc, sent.start, sent.end) else None
        if _between_others(doc, sent.start, sent.end) and not others:
            continue
        inherited = last_period if c.continuation.match(doc.fold, sent.start, sent.end) else None
        # carried from clause to clause ("năm 2024 đạt ...; 4 tháng đầu năm ...") and into the next
        # sentence when it refers back ("Trong 4 tháng đầu năm 2025, con số này đạt ...")
        metric: str | None = (last_metric if last_idx == idx - 1 and c.anaphora.search(doc.fold, sent.start, sent.end)
                              else None)
        for cs, ce in _clauses(doc, sent.start, sent.end):
            inside = [x for x in amounts if cs <= x.start and x.end <= ce]
            changes = list(c.change.finditer(doc.fold, cs, ce))
            if cs > sent.start and last_idx == idx:
                inherited = last_period  # "...; xuất khẩu ... đạt 150 triệu USD" goes on with that period
            prev_target = False
            for i in range(len(inside)):
                fig = _figure(doc, cs, ce, inside, i, changes, metric, inherited, prev_target,
                              (sent.start, sent.end))
                if fig is None:
                    continue
                metric, prev_target = fig.metric, fig.is_target
                if (not fig.parties and others is None and last_parties and last_fig_idx == idx - 1
                        and fig.metric == last_metric and fig.metric in _RELATIONAL
                        and not c.national.search(doc.fold, sent.start, sent.end)):
                    # "Năm 2024, kim ngạch Việt Nam - Ba Lan đạt ...¶ Quý I/2025, kim ngạch tiếp tục đạt ...": the
                    # next sentence's figure of the same kind, even in a new paragraph, is between the same sides
                    fig.parties = list(last_parties)
                last_metric, last_idx = fig.metric, idx
                if others is not None:
                    fig.parties = others if fig.parties and fig.metric in _RELATIONAL else []
                if fig.parties:
                    fig.evidence, fig.span = sent.text, (sent.start, sent.end)
                    facts.append(fig)
                    last_parties, last_fig_idx = fig.parties, idx
                    if not fig.is_target:
                        last_period = fig.period
    return _dedup(facts)


def _figure(doc: Doc, cs: int, ce: int, inside: list[Amount], i: int, changes: list[re.Match],
            carried: str | None, inherited: str | None, prev_target: bool = False,
            sentence: tuple[int, int] | None = None) -> Figure | None:
    """The figure of amount `i` of the clause [cs, ce): None without a metric; no parties if it has
    no foreign party (it still passes its metric on to the next clause)."""
    c = _cues()
    amt = inside[i]
    seg_a = inside[i - 1].end if i else cs  # the words that belong to this amount only
    seg_b = inside[i + 1].start if i + 1 < len(inside) else ce
    near = _near_after(doc, amt.end, seg_b)
    metric = (_metric_right_after(doc, amt.end, seg_b) or _metric(doc, seg_a, amt.start, True)
              or _metric(doc, cs, amt.start, True) or _metric(doc, amt.end, seg_b, False))
    weak = metric is None and _metric(doc, cs, amt.start, True, weak=True)
    follows = not (metric or weak) and carried is not None  # goes on with the figure before
    metric = metric or weak or carried
    if metric is None or not amt.value > 0:
        return None  # (no amount of nothing: "0 USD" is a placeholder, not a figure)
    target = not c.current_after.match(doc.fold, amt.end) and bool(c.target.search(doc.fold, seg_a, amt.start) or c.target_after.search(doc.fold, amt.end, near)
                  or _future_deadline(doc, amt.end, near)
                  # "mục tiêu 10 tỷ USD năm 2025 và 15 tỷ USD năm 2030": a list of goals
                  or (prev_target and _LIST_GAP.fullmatch(doc.fold, seg_a, amt.start) is not None))
    parties = _parties(doc, cs, ce)
    if metric == "investment":
        parties = _invested_province(doc, cs, ce, parties)
    if not _between_countries(doc, cs, ce, sentence, seg_a, near, bool(weak), follows):
        parties = []
    if target:
        # "mục tiêu 10 tỷ USD trao đổi thương mại song phương vào năm 2020": the deadline may follow the
        # metric named after the amount
        period = (_deadline(doc, seg_a, amt.start) or _deadline(doc, amt.end, _near_after(doc, amt.end, seg_b, 80))
                  or _year_right_after(doc, amt.end, near))
        change = None
    else:
        # investment is a running total: a period of another clause is not its own ("Năm 2024, kim ngạch
        # ... ; tổng vốn đầu tư của Việt Nam tại Lào đạt 5,6 tỷ USD")
        period = _period(doc, cs, seg_a, amt, seg_b, inside[0].start, metric) or (
            inherited if metric != "investment" else None)
        change = _change(changes, inside, i)
    return Figure(metric=metric, parties=parties if len(parties) >= 2 else [], value=amt.value, unit=amt.unit,
                  period=period, change_pct=change, is_target=target)


def _period(doc: Doc, cs: int, seg_a: int, amt: Amount, seg_b: int, first: int,
            metric: str | None = None) -> str | None:
    """The span an actual figure covers: just before it, else just after it, else at the head of the
    clause, before its first amount ("Năm 2024, xuất khẩu đạt ..., nhập khẩu đạt ...").

    A running total "tính đến hết năm 2023" covers no period of its own: None; but trade flows
    counted "tính đến hết tháng 9" are the year so far (2015-01/2015-09).
    """
    before = _periods(doc, seg_a, amt.start, cs)
    if seg_a > cs:  # a period written right after the amount before belongs to that amount
        before = [d for d in before if not _RIGHT_AFTER.match(doc.fold, seg_a, d.start)]
    if before and _cues().cumulative.search(doc.fold, max(cs, before[-1].start - 20), before[-1].start):
        d = before[-1]
        if metric in _FLOWS and d.kind == "month" and d.value and len(d.value) == 7:
            return f"{d.value[:4]}-01/{d.value}"
        return None
    if before:
        return before[-1].value
    after = _periods(doc, amt.end, seg_b, amt.end)
    if after:
        return after[0].value
    earlier = _periods(doc, cs, first, cs) if first < amt.start else []
    if earlier:
        return earlier[-1].value
    # "kim ngạch ... trong 2017 tăng 20%": a bare year after "trong"/"cả" that the date reader leaves
    bare = [m for m in _BARE_YEAR.finditer(doc.fold, max(cs, seg_a), amt.start)
            if doc.year is None or int(m.group(1)) <= doc.year or not doc.published]
    return bare[-1].group(1) if bare else None


_BARE_YEAR = re.compile(r"(?<!\w)(?:trong|cả)\s+((?:19|20)\d\d)(?![\d/.,-])", re.IGNORECASE)


def _change(changes: list[re.Match], inside: list[Amount], i: int) -> float | None:
    """The change stated for amount i: the first after it (before the next amount), else one before
    it that no earlier amount of the clause owns ("tăng 17,8% so với cùng kỳ, đạt 3,13 tỷ USD")."""
    amt = inside[i]
    nxt = inside[i + 1].start if i + 1 < len(inside) else None
    prev_end = inside[i - 1].end if i else None
    for m in changes:
        if m.start() >= amt.end and (nxt is None or m.start() < nxt):
            return _pct(m)
    if prev_end is None:
        for m in reversed(changes):
            if m.end() <= amt.start:
                return _pct(m)
    return None


def _pct(m: re.Match) -> float:
    v = float(m.group(2).replace(",", "."))
    return -v if m.group(1).lower() in _cues().down else v


def _dedup(facts: list[Figure]) -> list[Fact]:
    """One record per figure: the same value for the same thing given twice is merged."""
    out: list[Figure] = []
    for f in facts:
        for g in out:
            if (g.is_target == f.is_target and g.unit == f.unit and g.parties == f.parties
                    and g.metric == f.metric
                    # "gần 1,6 tỷ USD" in the lead and "1,59 tỷ USD" in the body are one figure
                    and abs(float(g.value) - float(f.value)) <= 0.02 * max(abs(float(g.value)), abs(float(f.value)))
                    and (g.period is None or f.period is None or g.period == f.period)):
                g.period = g.period or f.period
                g.change_pct = g.change_pct if g.change_pct is not None else f.change_pct
                break
        else:
            out.append(f)
    return list(out)
