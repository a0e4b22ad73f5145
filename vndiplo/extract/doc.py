"""The analysed document every extractor reads (the pipeline's shared state).

`analyze()` splits sentences and finds gazetteer names once; components then
add their annotations (person mentions, the inferred year) before the
extractors turn the annotations into facts. All offsets point into `text`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from vndiplo.data.gazetteer import Mention, gazetteer
from vndiplo.read.sentences import Sentence, split_sentences
from vndiplo.text import fold_tones, nfc

__all__ = ["Doc", "PersonMention", "analyze"]


@dataclass
class PersonMention:
    """A person named in the text, with the titles written around the name."""

    start: int  # of the name
    end: int
    name: str
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    role_span: tuple[int, int] | None = None  # the title phrase before the name, if any


@dataclass
class Doc:
    text: str
    fold: str  # fold_tones(text): same length, for matching
    published: str | None  # YYYY[-MM[-DD]] from the page's metadata, if known
    title: str | None
    sentences: list[Sentence]
    places: list[Mention]
    year: int | None = None  # the year the article speaks from (published or inferred)
    persons: list[PersonMention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _place_starts: list[int] = field(default_factory=list, repr=False)
    _person_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or last starting before) `offset`."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence | None:
        return self.sentences[self.sentence_index(offset)] if self.sentences else None

    def places_in(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        """The places wholly inside [start, end), found by bisection (places are in text order)."""
        starts = self._place_starts
        if len(starts) != len(self.places):  # (places may be set after construction)
            starts = self._place_starts = [m.start for m in self.places]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [m for m in self.places[lo:hi] if m.end <= end and (kind is None or m.kind == kind)]

    def persons_in(self, start: int, end: int) -> list[PersonMention]:
        """The person mentions wholly inside [start, end), found by bisection (persons are in text order)."""
        starts = self._person_starts
        if len(starts) != len(self.persons) or (starts and starts[0] != self.persons[0].start):
            starts = self._person_starts = [p.start for p in self.persons]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [p for p in self.persons[lo:hi] if p.end <= end]


def analyze(text: str, published: str | None = None, title: str | None = None) -> Doc:
    """Sentences and gazetteer names of `text` (NFC); no facts yet."""
    text = nfc(text or "")
    year = int(published[:4]) if published and published[:4].isdigit() else None
    return Doc(
        text=text,
        fold=fold_tones(text),
        published=published,
        title=title,
        sentences=split_sentences(text),
        places=gazetteer().find_places(text),
        year=year,
    )
