"""Dates in Vietnamese text, resolved against the article's date (work in progress)."""
from __future__ import annotations

from vndiplo.extract.doc import Doc


def annotate(doc: Doc) -> None:
    """Set doc.year from the text when the page gives no publication date."""
