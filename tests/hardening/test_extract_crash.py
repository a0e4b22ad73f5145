"""kill -9 an extraction into the store halfway, re-run it, and the store equals that of an
uninterrupted run: same facts per document, same resolved entities, nothing duplicated.
Re-extracting everything (--all) changes nothing, however often it runs."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hardening.test_crash_safety import kill_at_a_quarter, make_corpus


def extract(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vndiplo", "extract", "--db", str(db), *args],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen) -> None:
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr.decode()[-3000:]


def count_extracted(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return c.execute("select count(*) from documents where extracted_at is not null").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def copy_store(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite store (WAL included), through SQLite's backup API."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def _js(value) -> str:
    return json.dumps(json.loads(value) if isinstance(value, str) else value, sort_keys=True, ensure_ascii=False)


def _sorted(rows) -> list:
    """Sorted whatever the column types (None among strings, tuples among None)."""
    return sorted(rows, key=repr)


def dump(db: Path) -> dict[str, list]:
    """The extracted and resolved content of a store, independent of row ids and timestamps.

    Lists are sorted but keep repeats, so a duplicated fact or entity makes two dumps differ.
    """
    with sqlite3.connect(db) as c:
        docs = dict(c.execute("select id, doc_id from documents"))
        facts = {fid: (docs[did], typ, _js(payload), evidence, start, end) for fid, did, typ, payload, evidence, start, end
                 in c.execute('select id, document_id, type, payload, evidence, start, "end" from facts')}
        entities = {eid: (typ, key, label, country, ds, de, _js(data), n)
                    for eid, typ, key, label, country, ds, de, data, n
                    in c.execute("select id, type, key, label, country, date_start, date_end, data, n_sources "
                                 "from entities")}
        sources = {sid: (entities[eid], facts[fid], docs[did], role, ordinal, date, _js(data))
                   for sid, eid, fid, did, role, ordinal, date, data
                   in c.execute("select id, entity_id, fact_id, document_id, role, ordinal, date, data "
                                "from entity_sources")}
        return {
            "documents": _sorted(c.execute(
                "select doc_id, extracted_at is not null, extractor_version from documents")),
            "facts": _sorted(facts.values()),
            "entities": _sorted(entities.values()),
            "entity_sources": _sorted(sources.values()),
            "entity_countries": _sorted((entities[eid], typ, country, ds) for eid, typ, country, ds in c.execute(
                "select entity_id, entity_type, country, date_start from entity_countries")),
            "person_roles": _sorted((entities[pid], sources[sid], country, role, key, date)
                                   for pid, sid, country, role, key, date in c.execute(
                "select person_id, source_id, country, role, role_key, date from person_roles")),
            "search_entries": _sorted((docs[did], facts.get(fid), kind, key) for did, fid, kind, key in c.execute(
                "select document_id, fact_id, kind, key from search_entries")),
        }


def assert_same_store(got: dict, want: dict) -> None:
    for table in want:
        if got[table] != want[table]:
            extra = Counter(got[table]) - Counter(want[table])
            missing = Counter(want[table]) - Counter(got[table])
            pytest.fail(f"{table}: {sum(extra.values())} extra (e.g. {next(iter(extra), None)}), "
                        f"{sum(missing.values())} missing (e.g. {next(iter(missing), None)})")


def assert_consistent(db: Path, d: dict) -> None:
    """Every document extracted once, nothing dangling, the full-text index intact."""
    assert d["documents"] and all(extracted for _, extracted, _ in d["documents"])
    assert d["facts"] and d["entities"]
    # a document's facts are written as one set: the same fact twice in one document is a duplicate
    assert len(set(d["facts"])) == len(d["facts"])
    assert len(set(d["entity_sources"])) == len(d["entity_sources"])
    with sqlite3.connect(db) as c:
        assert c.execute("select count(*) from entities e where not exists "
                         "(select 1 from entity_sources s where s.entity_id = e.id)").fetchone()[0] == 0
        n_sources = c.execute("select sum(n_sources) from entities").fetchone()[0]
        assert n_sources == c.execute("select count(*) from entity_sources").fetchone()[0]
        c.execute("insert into search_fts(search_fts) values('integrity-check')")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("extract_crash")
    corpus = make_corpus(folder / "corpus")
    db = folder / "ingested.db"
    proc = subprocess.run([sys.executable, "-m", "vndiplo", "ingest", str(corpus), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return db


@pytest.fixture(scope="module")
def clean(ingested, tmp_path_factory) -> tuple[Path, dict]:
    """An uninterrupted extraction of the ingested store."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    copy_store(ingested, db)
    finish(extract(db))
    d = dump(db)
    assert_consistent(db, d)
    return db, d


def test_extract_killed_halfway_then_rerun_equals_an_uninterrupted_run(ingested, clean, tmp_path):
    _, want = clean
    total = len(want["documents"])
    db = tmp_path / "killed.db"
    copy_store(ingested, db)

    kill_at_a_quarter(extract(db), lambda: count_extracted(db), total, patience=300)

    finish(extract(db))
    got = dump(db)
    assert_consistent(db, got)
    assert_same_store(got, want)


def test_extract_all_twice_equals_once(clean, tmp_path):
    src, want = clean
    db = tmp_path / "again.db"
    copy_store(src, db)
    finish(extract(db, "--all"))
    once = dump(db)
    assert_same_store(once, want)  # re-extracting unchanged documents changes nothing
    finish(extract(db, "--all"))
    twice = dump(db)
    assert_consistent(db, twice)
    assert_same_store(twice, once)
