"""A store built from real pages: the seed pages ingested, their gold records stored as their facts.

Gold records carry no offsets, so each fact's span is found by locating its
evidence in the cleaned text (marks and case ignored when the exact text is
not there).
"""
from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, SEEDS
from vndiplo.read import ReadError, iter_documents
from vndiplo.records import from_record
from vndiplo.store import open_store
from vndiplo.store.write import replace_facts, save_document
from vndiplo.text import search_key


def _span(text: str, evidence: str) -> tuple[int, int]:
    i = text.find(evidence)
    if i < 0:
        i = search_key(text).find(search_key(evidence))
    return (i, i + len(evidence)) if i >= 0 else (0, 0)


def fill(store) -> int:
    """Ingest every seed page and store its gold records as facts; returns the number of facts."""
    n = 0
    with store.session() as s:
        for doc in iter_documents([SEEDS]):
            assert not isinstance(doc, ReadError), doc
            row, _ = save_document(s, doc)
            facts = []
            for rec in json.loads((GOLD / f"{doc.doc_id}.json").read_text("utf-8")):
                rec = dict(rec, span=_span(doc.text, rec.get("evidence", "")))
                facts.append(from_record(rec))
            replace_facts(s, row, facts)
            n += len(facts)
    return n


@pytest.fixture
def seeded(store):
    """The test store (SQLite and PostgreSQL) filled from the seed pages and their gold records."""
    fill(store)
    return store


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory):
    """A SQLite store file filled once per run, for the CLI and the browser."""
    path = tmp_path_factory.mktemp("seeded") / "vndiplo.db"
    s = open_store(f"sqlite:///{path}")
    fill(s)
    s.close()
    return path
