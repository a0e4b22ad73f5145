"""Shared helpers of the persons and events tests: read an article file and extract it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import conftest

from vndiplo.extract.gazetteer import gazetteer
from vndiplo.extract.pipeline import extract
from vndiplo.read.loader import read_file

ARTICLES = Path(__file__).parent / "articles"


def _shared() -> Path:
    """The shared corpus and eval folder: beside the checkout, or where VNDIPLO_SHARED points."""
    for p in (os.environ.get("VNDIPLO_SHARED"), conftest.SHARED, Path("/work/shared")):
        if p and (Path(p) / "corpus" / "seeds").is_dir():
            return Path(p)
    return conftest.SHARED


SHARED = _shared()
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds"


def seed(prefix: str) -> Path:
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
