"""Diplomatic interactions: who met whom, how, when, where and on what occasion.

Each sentence is read around its interaction words (event_kinds.tsv): a verb
takes its subject from the person just before it and its counterparts from
the list of persons right after it ("đã tiếp A; B; C" = three receptions); a
noun ("cuộc gặp", "cuộc điện đàm giữa A và B") takes the persons after it.
Planned, wished or generic interactions (event_cues.tsv) are skipped. One
event per foreign counterpart; mentions of the same counterpart (headline,
body, captions, "Tại cuộc gặp X" sections) merge into one event. Sub-sections
without a subject take the article's Vietnamese principal; without a place or
occasion they take those of the principal's earlier event.

The reader is split by concern: `frames` finds each interaction word and reads its frame (kind,
sides, occasion); `sides` reads who takes part; `when_where` reads its date, place and occasion;
`merging` fills anaphoric sides, carries days and places and merges mentions of one interaction.
The word lists are data (event_kinds.tsv, event_cues.tsv), read by `cues`.
"""
from __future__ import annotations

import re

from vndiplo.extract import dates
from vndiplo.extract.doc import Doc
from vndiplo.extract.events.frames import read_frames
from vndiplo.extract.events.merging import finish
from vndiplo.records import Fact

__all__ = ["extract"]


_MARKED = re.compile(r"(?<!\w)(?:nhân dịp|chào mừng)\s+(?:kỷ niệm\s+)?(?:lần thứ\s+)?\d+", re.IGNORECASE)


def _national_day_year(doc: Doc) -> int | None:
    """The year of a national day the text marks now ("Nhân dịp kỷ niệm lần thứ 40 Quốc khánh nước CHDCND
    Lào"): the country's founding year (national_days.tsv) plus the count."""
    if not _MARKED.search(doc.text):
        return None
    from vndiplo.extract import anniversaries
    saved, doc.year = doc.year, None  # (only what the text itself dates)
    try:
        years = {int(a.date[:4]) for a in anniversaries.extract(doc)
                 if a.date and a.start is None and _MARKED.search(a.evidence)}
    finally:
        doc.year = saved
    return years.pop() if len(years) == 1 else None


def extract(doc: Doc) -> list[Fact]:
    """One Event per diplomatic interaction and counterpart the text reports.

    An event's year comes from the page's date line, or from the days the text writes whole when they
    share one year, or from the anniversary the text marks now ("Nhân dịp kỷ niệm 50 năm ... (1973-2023)"),
    never from other years the body cites ("lần gặp trước vào tháng 5/2021"): without any, a day without
    a year stays unknown (dates.infer_year serves figures and anniversaries)."""
    dated = int(doc.published[:4]) if doc.published and doc.published[:4].isdigit() else None
    inferred, doc.year = doc.year, dated if dated is not None else (
        dates.day_year(doc) or dates.anniversary_year(doc) or _national_day_year(doc))
    try:
        return finish(doc, read_frames(doc))
    finally:
        doc.year = inferred
