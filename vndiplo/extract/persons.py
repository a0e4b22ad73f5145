"""Persons named in an analysed document, with their roles (work in progress)."""
from __future__ import annotations

from vndiplo.extract.doc import Doc
from vndiplo.records import Fact


def annotate(doc: Doc) -> None:
    """Fill doc.persons with the names in the text and the titles around them."""


def extract(doc: Doc) -> list[Fact]:
    return []
