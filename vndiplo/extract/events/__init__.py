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

from vndiplo.extract.doc import Doc
from vndiplo.extract.events.frames import read_frames
from vndiplo.extract.events.merging import finish
from vndiplo.records import Fact

__all__ = ["extract"]


def extract(doc: Doc) -> list[Fact]:
    """One Event per diplomatic interaction and counterpart the text reports."""
    return finish(doc, read_frames(doc))
