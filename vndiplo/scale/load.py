"""`vndiplo load`: bulk-load the Parquet output of `spark-extract` into the store.

Documents are keyed by content hash: a document whose text is stored already
is not inserted again (and one whose doc_id is taken by a different text is
reported as a conflict and skipped). The facts of every loaded document are
replaced by the ones in `records/`. Everything happens in one transaction, the
search index and entity resolution included, so an interrupted load (even kill -9
while it resolves) leaves the store as it was, and loading twice changes nothing.

PostgreSQL gets COPY (psycopg's `cursor.copy`); SQLite gets batched executemany.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import Connection, func, select, update
from sqlalchemy.orm import Session

from vndiplo.resolve.run import resolve_all
from vndiplo.store import Store
from vndiplo.store.fts import index_missing
from vndiplo.store.entities import SearchEntryRow
from vndiplo.store.models import DocumentRow, FactRow, RemovedSpanRow, SentenceRow
from vndiplo.store.write import EXTRACTOR_VERSION

__all__ = ["LoadResult", "load_parquet", "read_table_batches", "count_rows"]

BATCH = 2000  # rows per Arrow batch and per insert
IN_CHUNK = 500  # values per IN (...) lookup

DOC_COLUMNS = ("doc_id", "source", "url", "outlet", "title", "published", "published_source",
               "published_confidence", "author", "language", "text", "raw_text", "content_hash",
               "warnings", "ingested_at")


@dataclass
class LoadResult:
    documents_new: int = 0
    documents_unchanged: int = 0
    duplicates: int = 0  # same text as another document of this load
    conflicts: list[str] = field(default_factory=list)  # doc_ids stored with another text
    facts: int = 0
    errors_in_output: int = 0
    resolution: str = "not run"


def _dataset(output: Path, name: str):
    import pyarrow as pa
    import pyarrow.dataset as ds

    base = Path(output) / name
    files = [str(p) for p in sorted(base.rglob("*.parquet"))] if base.is_dir() else []
    if not files:
        return None
    return ds.dataset(files, format="parquet", # year stays a string ("2024" or "unknown") whatever the partitions hold
                      partitioning=ds.partitioning(pa.schema([("year", pa.string())]), flavor="hive"),
                      partition_base_dir=str(base))


def count_rows(output: Path, name: str) -> int:
    """Rows in one output table (0 when it has no files)."""
    d = _dataset(output, name)
    return 0 if d is None else d.count_rows()


def read_table_batches(output: Path, name: str, columns: list[str] | None = None,
                       batch_size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """The rows of documents/records/errors under `output`, as lists of dicts, batch by batch."""
    d = _dataset(output, name)
    if d is None:
        return
    # little read-ahead: memory stays flat however large the output is
    for b in d.to_batches(columns=columns, batch_size=batch_size, batch_readahead=1, fragment_readahead=1):
        if b.num_rows:
            yield b.to_pylist()


def _chunks(xs: list, n: int = IN_CHUNK) -> Iterator[list]:
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _lookup(conn: Connection, column, values: list[str]) -> dict[str, tuple[int, str, str]]:
    t = DocumentRow.__table__
    out: dict[str, tuple[int, str, str]] = {}
    for chunk in _chunks(values):
        for id_, doc_id, h in conn.execute(select(t.c.id, t.c.doc_id, t.c.content_hash).where(column.in_(chunk))):
            out[doc_id if column is t.c.doc_id else h] = (id_, doc_id, h)
    return out


class _Writer:
    """Many rows into one table: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pg = conn.dialect.name == "postgresql"

    def insert(self, table, columns: tuple[str, ...], rows: list[tuple], json_cols: tuple[str, ...] = ()) -> None:
        if not rows:
            return
        if self.pg:
            raw = self.conn.connection.driver_connection
            jidx = [columns.index(c) for c in json_cols]
            cols = ", ".join(f'"{c}"' for c in columns)
            with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as cp:
                for r in rows:
                    if jidx:
                        r = list(r)
                        for j in jidx:
                            r[j] = None if r[j] is None else json.dumps(r[j], ensure_ascii=False)
                    cp.write_row(r)
        else:
            self.conn.execute(table.insert(), [dict(zip(columns, r)) for r in rows])


def _load_documents(conn: Connection, w: _Writer, batch: list[dict], res: LoadResult,
                    seen_hash: set[str], id_of: dict[str, int]) -> None:
    t = DocumentRow.__table__
    by_hash = _lookup(conn, t.c.content_hash, [r["content_hash"] for r in batch])
    by_doc = _lookup(conn, t.c.doc_id, [r["doc_id"] for r in batch])
    new: list[dict] = []
    for r in batch:
        h, doc_id = r["content_hash"], r["doc_id"]
        if h in seen_hash or doc_id in id_of:
            res.duplicates += 1
            continue
        seen_hash.add(h)
        if h in by_hash:
            id_of[doc_id] = by_hash[h][0]
            res.documents_unchanged += 1
        elif doc_id in by_doc:
            res.conflicts.append(doc_id)
        else:
            new.append(r)
    now = datetime.now(timezone.utc)
    w.insert(t, DOC_COLUMNS, [
        tuple(now if c == "ingested_at" else (list(r[c]) or None) if c == "warnings" else r[c]
              for c in DOC_COLUMNS) for r in new], json_cols=("warnings",))
    res.documents_new += len(new)
    ids = _lookup(conn, t.c.content_hash, [r["content_hash"] for r in new])
    sentences, removed = [], []
    for r in new:
        doc_pk = ids[r["content_hash"]][0]
        id_of[r["doc_id"]] = doc_pk
        sentences += [(doc_pk, i, s["start"], s["end"]) for i, s in enumerate(r["sentences"] or [])]
        removed += [(doc_pk, x["start"], x["end"], x["reason"], x["text"]) for x in r["removed"] or []]
    w.insert(SentenceRow.__table__, ("document_id", "idx", "start", "end"), sentences)
    w.insert(RemovedSpanRow.__table__, ("document_id", "start", "end", "reason", "text"), removed)


def _fact_row(doc_pk: int, r: dict) -> tuple:
    rec = json.loads(r["record"])
    evidence = rec.pop("evidence", "") or ""
    rec.pop("type", None)
    rec.pop("doc", None)
    return (doc_pk, r["type"], rec, evidence, r["start"] or 0, r["end"] or 0)


def _replace_facts(conn: Connection, w: _Writer, output: Path, id_of: dict[str, int], res: LoadResult,
                   tick: Callable[[int], None]) -> None:
    f, d = FactRow.__table__, DocumentRow.__table__
    targets = sorted(set(id_of.values()))
    se = SearchEntryRow.__table__
    for chunk in _chunks(targets):
        conn.execute(f.delete().where(f.c.document_id.in_(chunk)))
        # Their stored search facets are stale now: NULL ("not computed"), filled by index_for_search.
        conn.execute(update(se).where(se.c.document_id.in_(chunk), se.c.kind == "document").values(facets=None))
    stamp = {"extracted_at": datetime.now(timezone.utc), "extractor_version": EXTRACTOR_VERSION}
    for chunk in _chunks(targets):
        conn.execute(update(d).where(d.c.id.in_(chunk)).values(**stamp))
    cols = ("document_id", "type", "payload", "evidence", "start", "end")
    for batch in read_table_batches(output, "records", ["doc_id", "type", "record", "start", "end"]):
        rows = [_fact_row(id_of[r["doc_id"]], r) for r in batch if r["doc_id"] in id_of]
        w.insert(f, cols, rows, json_cols=("payload",))
        res.facts += len(rows)
        tick(len(batch))


def load_parquet(store: Store, output: str | Path, resolve: bool = True,
                 progress: Callable[[str, int, int], None] | None = None) -> LoadResult:
    """Load `output` (a spark-extract directory) into `store` in one transaction, with the search index
    and (by default) entity resolution: a failure or a kill at any point leaves the store as it was.

    `progress(phase, advanced, total)` is called as batches go in ("documents", "records") and as
    documents are resolved ("resolving", first with 0 advanced).
    """
    output = Path(output)
    if not (output / "documents").is_dir():
        raise FileNotFoundError(f"{output}: no documents/ table (is it a spark-extract output?)")
    res = LoadResult(errors_in_output=count_rows(output, "errors"))
    n_docs, n_recs = count_rows(output, "documents"), count_rows(output, "records")
    tick = progress or (lambda phase, n, total: None)
    doc_cols = [c for c in DOC_COLUMNS if c != "ingested_at"] + ["sentences", "removed"]
    id_of: dict[str, int] = {}
    seen_hash: set[str] = set()
    with store.engine.begin() as conn:
        w = _Writer(conn)
        for batch in read_table_batches(output, "documents", doc_cols):
            _load_documents(conn, w, batch, res, seen_hash, id_of)
            tick("documents", len(batch), n_docs)
        _replace_facts(conn, w, output, id_of, res, lambda n: tick("records", n, n_recs))
        # The ORM work (search index, resolution) in the same transaction, on the same connection.
        s = Session(bind=conn, expire_on_commit=False)
        try:
            if resolve:
                n_all = s.scalar(select(func.count()).select_from(DocumentRow))
                tick("resolving", 0, n_all)
                resolve_all(s, lambda i, n: tick("resolving", 1, n))  # also indexes what it resolves
                res.resolution = "done"
            else:
                index_missing(s)
            s.flush()
        finally:
            s.close()
    return res
