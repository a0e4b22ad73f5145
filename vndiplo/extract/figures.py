"""Money figures between countries: trade, investment, aid, actual or target.

Each amount with a currency ("1,6 tỷ USD", "1.200 tỷ đồng", "500 triệu yên") is
read in its clause (the part of the sentence between semicolons): the cue word
nearest before it names the metric (data/metrics.tsv), goal words make it a
target, the period it covers and its stated change come from the words around
it, and the countries from context.parties_at. Amounts with no metric cue
(prices, GDP), with no foreign party, or on a page that is not about foreign
relations give nothing. Cue words live in data/figure_cues.tsv.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vndiplo.extract.context import parties_at
from vndiplo.extract.dates import DateMention, find_dates
from vndiplo.extract.doc import Doc
from vndiplo.extract.gazetteer import gazetteer, table
from vndiplo.records import Fact, Figure
from vndiplo.text import fold_tones

__all__ = ["Amount", "extract", "find_amounts", "parse_number"]


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
            rf"(?<![\w.,])({number})\s*(?:({_alt(self.scales)})\s*)?({_alt(self.currencies)})(?!\w|\s*/)")
        self.metric = _cue_regex(self.metrics, re.IGNORECASE)
        self.target = _cue_regex(group("target"), re.IGNORECASE)
        self.target_after = _cue_regex(group("target_after"), re.IGNORECASE)
        self.deadline = re.compile(r"(?:" + _alt(group("deadline")) + r")\s*$", re.IGNORECASE)
        self.comparison = re.compile(r"(?:" + _alt(group("comparison")) + r")\s*(?:năm\s*)?$", re.IGNORECASE)
        self.change = re.compile(
            rf"(?<!\w)({_alt(group('up') + group('down'))})"
            r"(?:\s+(?:mạnh|nhẹ|hơn|khoảng|gần|xấp xỉ|tới|đến|thêm|ở mức|lên|đạt|trên))*\s+(\d+(?:[.,]\d+)?)\s*%",
            re.IGNORECASE)
        self.down = {fold_tones(p).lower() for p in group("down")}
        self.equivalent = re.compile(
            r"\s*[(,]?\s*(?:(?:" + _alt(group("equivalent")) + r")\s*)*:?\s*", re.IGNORECASE)
        self.continuation = re.compile(r"\s*(?:" + _alt(group("continuation")) + r")(?!\w)")
        self.diplomatic = re.compile(r"(?<!\w)(?:" + _alt(group("diplomatic")) + r")(?!\w)")


@functools.cache
def _cues() -> _Cues:
    return _Cues()


def parse_number(s: str) -> float | None:
    """A Vietnamese-written number: "1,6" = 1.6, "1.200" = 1200, "1.200,5" = 1200.5, "2.5" = 2.5."""
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):  # dots group thousands, comma decimals
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+", s):  # English grouping
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


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Money amounts with a currency in text[start:end]."""
    c = _cues()
    out = []
    for m in c.amount.finditer(fold_tones(text), start, len(text) if end is None else end):
        n = parse_number(m.group(1))
        if n is None:
            continue
        scale = c.scales.get(m.group(2) or "", 1)
        out.append(Amount(m.start(), m.end(), _clean_value(n * scale), c.currencies[m.group(3)]))
    return out


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
    """The metric of the cue nearest the amount in [a, b); "other" cues (trị giá, quỹ) only if `weak`."""
    metrics = [_cues().metrics.get(h.group(0).lower()) for h in _cues().metric.finditer(doc.fold, a, b)]
    metrics = [m for m in metrics if m and (weak or m != "other")]
    if not metrics:
        return None
    return metrics[-1] if before else metrics[0]


def _is_comparison(doc: Doc, d: DateMention, floor: int) -> bool:
    return bool(_cues().comparison.search(doc.fold, max(floor, d.start - 30), d.start))


def _periods(doc: Doc, a: int, b: int, floor: int) -> list[DateMention]:
    return [d for d in find_dates(doc, a, b)
            if d.kind in ("period", "year", "month") and d.value and not _is_comparison(doc, d, floor)]


def _near_after(doc: Doc, a: int, b: int) -> int:
    """End of the words right after an amount that still qualify it: up to a comma, at most 40 chars."""
    b = min(b, a + 40)
    comma = doc.text.find(",", a, b)
    return comma if comma >= 0 else b


def _deadline(doc: Doc, a: int, b: int) -> str | None:
    """The year a target is set for ("vào năm 2030", "đến 2030"), if the text gives one."""
    for d in find_dates(doc, a, b):
        if d.kind == "year" and d.value and _cues().deadline.search(doc.fold, max(a, d.start - 12), d.start):
            return d.value
    return None


def _future_deadline(doc: Doc, a: int, b: int) -> bool:
    """ "... 10 tỷ USD vào năm 2030" is a goal when 2030 is after the article's year."""
    y = _deadline(doc, a, b)
    return bool(y and doc.year is not None and int(y[:4]) > doc.year)


def _parties(doc: Doc, a: int, b: int) -> list[str]:
    codes = parties_at(doc, a, b)
    # A province named with its country speaks of the province ("Vân Nam, Trung Quốc").
    g = gazetteer()
    parents = {g.subdivisions[c]["country"] for c in codes if c in g.subdivisions}
    return sorted(c for c in codes if c not in parents or c == "VN")


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


def _between_others(doc: Doc, a: int, b: int) -> bool:
    """A sentence naming two foreign countries and not Viet Nam speaks of a deal between others."""
    places = [m for m in doc.places_in(a, b) if m.kind in ("country", "subdivision")]
    return len({m.country for m in places} - {"VN"}) >= 2 and not any(m.country == "VN" for m in places)


def extract(doc: Doc) -> list[Fact]:
    """The money figures of an analysed document (none if it is not about foreign relations)."""
    c = _cues()
    if not c.diplomatic.search(doc.fold):
        return []
    facts: list[Figure] = []
    last_period: str | None = None
    for sent in doc.sentences:
        amounts = _restatements_dropped(doc, find_amounts(doc.text, sent.start, sent.end))
        if not amounts:
            continue
        inherited = last_period if c.continuation.match(doc.fold, sent.start, sent.end) else None
        prev_metric: str | None = None
        for cs, ce in _clauses(doc, sent.start, sent.end):
            inside = [x for x in amounts if cs <= x.start and x.end <= ce]
            changes = list(c.change.finditer(doc.fold, cs, ce))
            for i, amt in enumerate(inside):
                seg_a = inside[i - 1].end if i else cs
                seg_b = inside[i + 1].start if i + 1 < len(inside) else ce
                metric = (_metric(doc, seg_a, amt.start, True) or _metric(doc, cs, amt.start, True)
                          or _metric(doc, amt.end, seg_b, False) or prev_metric
                          or _metric(doc, cs, amt.start, True, weak=True))
                if metric is None:
                    continue
                prev_metric = metric
                target = bool(c.target.search(doc.fold, seg_a, amt.start)
                              or c.target_after.search(doc.fold, amt.end, _near_after(doc, amt.end, seg_b))
                              or _future_deadline(doc, amt.end, _near_after(doc, amt.end, seg_b)))
                parties = _parties(doc, cs, ce)
                if len(parties) < 2 or _between_others(doc, sent.start, sent.end):
                    continue
                near_after = _near_after(doc, amt.end, seg_b)
                if target:
                    period = _deadline(doc, seg_a, amt.start) or _deadline(doc, amt.end, near_after)
                    change = None
                else:
                    period = _period(doc, cs, seg_a, amt, seg_b) or inherited
                    change = _change(changes, inside, i)
                    last_period = period
                facts.append(Figure(
                    metric=metric, parties=parties, value=amt.value, unit=amt.unit, period=period,
                    change_pct=change, is_target=target, evidence=sent.text, span=(sent.start, sent.end)))
    return _dedup(facts)


def _period(doc: Doc, cs: int, seg_a: int, amt: Amount, seg_b: int) -> str | None:
    """The span an actual figure covers: just before it, else just after it, else earlier in the clause."""
    before = _periods(doc, seg_a, amt.start, cs)
    if before:
        return before[-1].value
    after = _periods(doc, amt.end, seg_b, amt.end)
    if after:
        return after[0].value
    earlier = _periods(doc, cs, seg_a, cs)
    return earlier[-1].value if earlier else None


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
                    and abs(float(g.value) - float(f.value)) <= 1e-9 * max(1.0, abs(float(g.value)))
                    and (g.period is None or f.period is None or g.period == f.period)):
                g.period = g.period or f.period
                g.change_pct = g.change_pct if g.change_pct is not None else f.change_pct
                break
        else:
            out.append(f)
    return list(out)
