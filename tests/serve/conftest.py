"""A store built from real pages: the seed pages ingested, their gold records stored as their facts,
plus one short page of our own with its records.

Gold records carry no offsets, so each fact's span is found by locating its
evidence in the cleaned text (marks and case ignored when the exact text is
not there).
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from tests.conftest import GOLD, SEEDS, require_shared
from vndiplo.read import ReadError, iter_documents
from vndiplo.records import from_record
from vndiplo.resolve import resolve_document
from vndiplo.store import open_store
from vndiplo.store.write import replace_facts, save_document
from vndiplo.text import search_key


def _span(text: str, evidence: str) -> tuple[int, int]:
    i = text.find(evidence)
    if i < 0:
        i = search_key(text).find(search_key(evidence))
    return (i, i + len(evidence)) if i >= 0 else (0, 0)


# Our own short report (not from the seed pages) of the 27 October 2025 meeting the seeds report too,
# so one event has two sources and the dossier's target is named twice.
OWN_PAGE = """date 2025-10-28 Việt Nam và Campuchia nhất trí nâng kim ngạch thương mại

Ngày 27/10, tại Kuala Lumpur, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm với Phó Thủ tướng, Bộ trưởng Ngoại giao và Hợp tác quốc tế Campuchia Prak Sokhonn.
Hai bên nhất trí phấn đấu đưa kim ngạch thương mại hai chiều lên 20 tỷ USD.
"""


def own_records(doc: str) -> list[dict]:
    """The records a careful reader takes from OWN_PAGE."""
    meeting = ("Ngày 27/10, tại Kuala Lumpur, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm với Phó Thủ tướng, "
               "Bộ trưởng Ngoại giao và Hợp tác quốc tế Campuchia Prak Sokhonn")
    return [
        {"type": "event", "doc": doc, "kind": "talks", "date": "2025-10-27", "evidence": meeting,
         "participants": [{"name": "Lê Hoài Trung", "country": "VN", "role": "Bộ trưởng Ngoại giao"},
                          {"name": "Prak Sokhonn", "country": "KH",
                           "role": "Phó Thủ tướng, Bộ trưởng Ngoại giao và Hợp tác quốc tế"}],
         "location": {"place": "Kuala Lumpur", "country": "MY"}, "occasion": None},
        {"type": "person", "doc": doc, "name": "Lê Hoài Trung", "country": "VN", "roles": ["Bộ trưởng Ngoại giao"],
         "evidence": "Bộ trưởng Ngoại giao Lê Hoài Trung"},
        {"type": "person", "doc": doc, "name": "Prak Sokhonn", "country": "KH",
         "roles": ["Phó Thủ tướng", "Bộ trưởng Ngoại giao và Hợp tác quốc tế"],
         "evidence": "Phó Thủ tướng, Bộ trưởng Ngoại giao và Hợp tác quốc tế Campuchia Prak Sokhonn"},
        {"type": "figure", "doc": doc, "metric": "trade_turnover", "parties": ["KH", "VN"], "value": 20000000000,
         "unit": "USD", "period": None, "change_pct": None, "is_target": True,
         "evidence": "phấn đấu đưa kim ngạch thương mại hai chiều lên 20 tỷ USD"},
    ]


def _pages(tmp: Path) -> list:
    own = tmp / "own_kh_talks.txt"
    own.write_text(OWN_PAGE, encoding="utf-8")
    return [SEEDS, own]


def fill(store, resolve: bool = True) -> int:
    """Ingest every seed page, store its gold records as facts and (by default) resolve them into
    entities, as extraction into the store does; returns the number of facts."""
    require_shared()
    n = 0
    with tempfile.TemporaryDirectory() as tmp, store.session() as s:
        for doc in iter_documents(_pages(Path(tmp))):
            assert not isinstance(doc, ReadError), doc
            row, _ = save_document(s, doc)
            gold = GOLD / f"{doc.doc_id}.json"
            recs = json.loads(gold.read_text("utf-8")) if gold.exists() else own_records(doc.doc_id)
            facts = []
            for rec in recs:
                rec = dict(rec, span=_span(doc.text, rec.get("evidence", "")))
                facts.append(from_record(rec))
            replace_facts(s, row, facts)
            if resolve:
                resolve_document(s, row)
            n += len(facts)
    return n


@pytest.fixture
def seeded(store):
    """The test store (SQLite and PostgreSQL) filled from the seed pages and their gold records, resolved."""
    fill(store)
    return store


@pytest.fixture
def unresolved(store):
    """The same store with facts only (no entities): the read side groups facts itself."""
    fill(store, resolve=False)
    return store


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory):
    """A SQLite store file filled once per run, for the CLI and the browser."""
    path = tmp_path_factory.mktemp("seeded") / "vndiplo.db"
    s = open_store(f"sqlite:///{path}")
    fill(s)
    s.close()
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded_ro(request, tmp_path_factory):
    """A filled, resolved store per backend shared by a module's read-only tests (never write to it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('ro') / 'vndiplo.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database()
    s = open_store(url)
    fill(s)
    yield s
    s.close()
