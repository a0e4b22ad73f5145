"""Shared by the date, figure and anniversary tests: read a test article and extract its facts."""
from __future__ import annotations

from pathlib import Path

from vndiplo.extract.doc import Doc, analyze
from vndiplo.extract.pipeline import extract_doc
from vndiplo.read import read_file

ARTICLES = Path(__file__).resolve().parent / "articles"
_ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """The shared corpus and gold (found once, in tests/conftest.py); skips the test without it."""
    from tests.conftest import SHARED, require_shared

    require_shared()
    return SHARED


def seed_file(prefix: str) -> Path:
    """The seed page whose name starts with `prefix`."""
    (p,) = (shared_dir() / "corpus" / "seeds").glob(f"{prefix}_*")
    return p


def gold_records(prefix: str, kind: str) -> list[dict]:
    """The gold records of one type for a seed page."""
    import json

    (p,) = (shared_dir() / "eval" / "gold" / "seeds").glob(f"{prefix}_*.json")
    return [r for r in json.loads(p.read_text(encoding="utf-8")) if r["type"] == kind]


def seed_doc(prefix: str) -> tuple[Doc, list]:
    """The analysed Doc of a seed page and every fact the pipeline reads from it."""
    (document,) = read_file(seed_file(prefix))
    doc = analyze(document.text, document.published, document.title)
    return doc, extract_doc(doc)


def article_doc(name: str) -> tuple[Doc, list]:
    """The analysed Doc of tests/extract/articles/<name>.txt and every fact the pipeline reads from it."""
    (document,) = read_file(ARTICLES / f"{name}.txt")
    doc = analyze(document.text, document.published, document.title)
    return doc, extract_doc(doc)


def of_type(facts: list, kind: str) -> list:
    return [f for f in facts if f.type == kind]
