"""Mechanisms found in an analysed document (work in progress)."""
from __future__ import annotations

from vndiplo.extract.doc import Doc
from vndiplo.records import Fact


def extract(doc: Doc) -> list[Fact]:
    return []
