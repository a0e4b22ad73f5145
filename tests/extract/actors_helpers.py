"""Shared helpers of the persons and events tests: read an article file and extract it."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import conftest

from vndiplo.data.gazetteer import gazetteer
from vndiplo.extract.pipeline import extract
from vndiplo.read.loader import read_file

ARTICLES = Path(__file__).parent / "articles"


SHARED, SEEDS, GOLD = conftest.SHARED, conftest.SEEDS, conftest.GOLD


def seed(prefix: str) -> Path:
    conftest.require_shared()
    found = sorted(SEEDS.glob(f"{prefix}_*"))
    if not found:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return found[0]


def facts_of(path: Path):
    (doc,) = read_file(path)
    return extract(doc.text, doc.published, doc.title)


def article(name: str):
    return facts_of(ARTICLES / f"actors_{name}.txt")


def has_country(code: str) -> bool:
    """Whether the gazetteer knows a country (some tests need the full world table)."""
    return code in gazetteer().countries
