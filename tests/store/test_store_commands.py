"""The store commands a user runs: extract into the store, resolve, delete, summary (real CLI, both stores)."""
from __future__ import annotations

import json

from sqlalchemy import func, select, update
from typer.testing import CliRunner

from tests.conftest import SEEDS, require_shared
from vndiplo.extract.pipeline import extract
from vndiplo.read import read_file
from vndiplo.serve.cli import app
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.store.write import save_document

runner = CliRunner()


def _ingest_seeds(store) -> None:
    require_shared()
    with store.session() as s:
        for p in sorted(SEEDS.glob("*.txt")):
            save_document(s, read_file(p)[0])


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _facts(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(FactRow))


def test_extract_into_store_then_only_new_or_outdated(store, store_url):
    _ingest_seeds(store)
    r = _run("extract", "--db", store_url)
    assert r.exit_code == 0, r.output
    assert "extracted 5 document(s)" in r.output
    expected = sum(len(extract(d.text, d.published, d.title)) for p in sorted(SEEDS.glob("*.txt"))
                   for d in read_file(p))
    assert _facts(store) == expected
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.extracted_at.is_(None))) == 0
    r = _run("extract", "--db", store_url)  # nothing new
    assert r.exit_code == 0 and "extracted 0 document(s)" in r.output
    with store.session() as s:  # one document extracted by an older extractor
        s.execute(update(DocumentRow).where(DocumentRow.doc_id == "003_e72812686307d908")
                  .values(extractor_version="0.0.0"))
    r = _run("extract", "--db", store_url)
    assert "extracted 1 document(s)" in r.output
    summary = json.loads(_run("summary", "--db", store_url, "--json").stdout)
    r = _run("extract", "--all", "--db", store_url)
    assert r.exit_code == 0 and "extracted 5 document(s)" in r.output
    assert _facts(store) == expected  # recomputed, not duplicated
    assert json.loads(_run("summary", "--db", store_url, "--json").stdout) == summary


def test_summary_resolve_and_delete_commands(store, store_url):
    from tests.store_helpers import ingest_seeds_with_gold

    ingest_seeds_with_gold(store)
    data = json.loads(_run("summary", "--db", store_url, "--json").stdout)
    assert data["documents"] == 5 and data["facts"]["person"] == 26
    assert data["entities"]["person"] == 18 and data["entities"]["event"] == 16
    r = _run("resolve", "--db", store_url)
    assert r.exit_code == 0 and "person 18" in r.output
    assert json.loads(_run("summary", "--db", store_url, "--json").stdout) == data
    r = _run("delete", "004_124c3d2a22e7d207", "--db", store_url)
    assert r.exit_code == 0, r.output
    after = json.loads(_run("summary", "--db", store_url, "--json").stdout)
    assert after["documents"] == 4 and after["facts"]["person"] == 26 - 5
    assert after["entities"]["person"] == 18 - 3  # Thongloun Sisoulith, Norodom Sihamoni, Pol Pot
    r = _run("delete", "no_such_doc", "--db", store_url)
    assert r.exit_code == 1 and "no_such_doc" in r.output
    table = _run("summary", "--db", store_url)
    assert table.exit_code == 0 and "entities: person" in table.stdout


def test_a_store_that_cannot_be_opened_is_a_clear_error(tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_text("this is not SQLite")
    r = _run("summary", "--db", str(bad))
    assert r.exit_code == 1 and "not-a-db.db" in r.output
