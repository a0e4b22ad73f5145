"""`vndiplo load`: spark-extract Parquet into SQLite and PostgreSQL, idempotently."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tests.scale.conftest import cli
from vndiplo.read import read_file
from vndiplo.scale.load import load_parquet, read_table_batches
from vndiplo.store import open_store
from vndiplo.store.write import save_document

pytestmark = pytest.mark.spark


def snapshot(store) -> dict:
    """The store's content without surrogate ids and load timestamps."""
    q = {
        "documents": "SELECT doc_id, source, title, published, text, raw_text, content_hash, "
                     "extractor_version FROM documents ORDER BY doc_id",
        "sentences": "SELECT d.doc_id, s.idx, s.start, s.\"end\" FROM sentences s "
                     "JOIN documents d ON d.id = s.document_id ORDER BY 1, 2",
        "removed": "SELECT d.doc_id, r.start, r.\"end\", r.reason FROM removed_spans r "
                   "JOIN documents d ON d.id = r.document_id ORDER BY 1, 2, 3",
        "facts": "SELECT d.doc_id, f.type, f.evidence, f.start, f.\"end\", f.payload FROM facts f "
                 "JOIN documents d ON d.id = f.document_id",
    }
    with store.engine.connect() as c:
        out = {k: [tuple(r) for r in c.execute(text(sql))] for k, sql in q.items()}
    out["facts"] = sorted((*r[:5], json.dumps(r[5] if isinstance(r[5], dict) else json.loads(r[5]),
                                              sort_keys=True, ensure_ascii=False)) for r in out["facts"])
    return out


def test_load_twice_gives_the_same_store(spark_output, store_url):
    out = spark_output["dir"]
    res = spark_output["result"]
    store = open_store(store_url)
    try:
        first = load_parquet(store, out)
        once = snapshot(store)
        second = load_parquet(store, out)
        twice = snapshot(store)
    finally:
        store.close()
    assert first.documents_new == res.documents and first.facts == res.records
    assert second.documents_new == 0 and second.documents_unchanged == res.documents
    assert second.facts == res.records
    assert len(once["documents"]) == res.documents and once["sentences"]
    assert len(once["facts"]) == res.records
    assert once == twice


def test_loaded_facts_are_the_records(spark_output, store_url):
    out = spark_output["dir"]
    records = sorted(
        (r["doc_id"], r["type"], json.loads(r["record"])["evidence"], r["start"], r["end"])
        for batch in read_table_batches(out, "records") for r in batch)
    store = open_store(store_url)
    try:
        load_parquet(store, out)
        facts = [f[:5] for f in snapshot(store)["facts"]]
    finally:
        store.close()
    assert facts == records


def test_load_keeps_a_document_ingested_before(spark_output, store_url, corpus):
    """A document already saved by the ingest path (same text) is not inserted twice."""
    (doc,) = read_file(corpus["files"][0])
    store = open_store(store_url)
    try:
        with store.session() as s:
            save_document(s, doc)
        res = load_parquet(store, spark_output["dir"])
        with store.engine.connect() as c:
            n = c.execute(text("SELECT count(*) FROM documents")).scalar_one()
    finally:
        store.close()
    assert res.documents_unchanged == 1
    assert n == spark_output["result"].documents


def test_load_command(spark_output, tmp_path):
    db = tmp_path / "cli.db"
    run = cli("load", str(spark_output["dir"]), "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert f"{spark_output['result'].documents} new documents" in run.stderr
    run = cli("load", str(spark_output["dir"]), "--db", str(db))
    assert run.returncode == 0 and "0 new documents" in run.stderr
    run = cli("load", str(tmp_path / "nowhere"), "--db", str(db))
    assert run.returncode == 2 and "nowhere" in run.stderr


def test_loaded_documents_are_searchable_without_resolution(spark_output, store_url):
    search = pytest.importorskip("vndiplo.store.search").search
    store = open_store(store_url)
    try:
        load_parquet(store, spark_output["dir"], resolve=False)
        docs = [r for b in read_table_batches(spark_output["dir"], "documents") for r in b]
        first_line = docs[0]["text"].split("\n")[0]  # bulk-loaded rows went around the ORM's index hook
        page = search(store, first_line, kind="document")
    finally:
        store.close()
    assert page.total >= 1
