"""The one extraction path the CLI, the API and Spark share.

    analyze -> annotate (year, persons) -> extract facts of each type

Each stage is a plain function of the `Doc`; an extractor that raises on
some input loses only its own facts for that document (the error goes to
the log), unless VNDIPLO_STRICT is set, as it is in the tests.
"""
from __future__ import annotations

import logging
import os
from typing import Callable

from vndiplo.extract import anniversaries, dates, events, figures, mechanisms, persons, relations
from vndiplo.extract.casing import recase_capital_lines
from vndiplo.extract.doc import Doc, analyze
from vndiplo.records import Fact
from vndiplo.text import nfc_with_offsets

__all__ = ["extract", "extract_doc", "ANNOTATORS", "EXTRACTORS"]

log = logging.getLogger(__name__)

# Components that add annotations to the Doc, in order.
ANNOTATORS: tuple[Callable[[Doc], None], ...] = (
    dates.annotate,  # doc.year when the page gives no date
    persons.annotate,  # doc.persons: names with titles and countries
)

# Components that turn annotations into facts.
EXTRACTORS: tuple[Callable[[Doc], list[Fact]], ...] = (
    events.extract,
    persons.extract,
    figures.extract,
    anniversaries.extract,
    mechanisms.extract,
    relations.extract,
)


def _strict() -> bool:
    return os.environ.get("VNDIPLO_STRICT", "") not in ("", "0")


def extract_doc(doc: Doc) -> list[Fact]:
    """Run every component over an analysed document."""
    for annotate in ANNOTATORS:
        try:
            annotate(doc)
        except Exception:
            if _strict():
                raise
            log.exception("annotator %s failed", annotate.__module__)
    facts: list[Fact] = []
    for fn in EXTRACTORS:
        try:
            facts.extend(fn(doc))
        except Exception:
            if _strict():
                raise
            log.exception("extractor %s failed", fn.__module__)
    return facts


def extract(text: str, published: str | None = None, title: str | None = None) -> list[Fact]:
    """The facts of one cleaned article.

    Args:
        text: the article's cleaned text (title line first, then the body).
        published: its publication date as YYYY, YYYY-MM or YYYY-MM-DD, if known;
            partial dates in the text ("chiều 8/7") are resolved against it.
        title: the headline, if it is not already the first line of `text`.

    Returns:
        Typed facts (`vndiplo.records`), each with its evidence span in `text` (analysis runs on
        the NFC form; for input that is not NFC the spans are mapped back to the original).
    """
    norm, where = nfc_with_offsets(text or "")
    cased = recase_capital_lines(norm)  # same length: spans hold in `norm`
    facts = extract_doc(analyze(cased, published, title))
    if cased is not norm:
        for f in facts:
            f.evidence = norm[f.span[0]:f.span[1]]  # the evidence as the page wrote it
    if norm != (text or ""):
        for f in facts:
            a, b = where[f.span[0]], where[f.span[1]]
            f.span, f.evidence = (a, b), text[a:b]
    return facts
