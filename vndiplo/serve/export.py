"""Exporting the stored facts: SCHEMA.md records, JSON Lines, CSV or Parquet."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any, Iterator

from sqlalchemy.orm import Session

from vndiplo.serve.facts import load_facts

__all__ = ["FORMATS", "COLUMNS", "records", "rows", "write_export"]

FORMATS = ("jsonl", "csv", "parquet", "records")
# Flat columns of the jsonl/csv/parquet exports; the fact's own fields travel as JSON in `payload`.
COLUMNS = ("id", "type", "doc", "published", "title", "evidence", "start", "end", "payload")


def records(s: Session, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored fact as its SCHEMA.md record (type, doc, fields, evidence)."""
    from vndiplo.records import FACT_TYPES

    for f in load_facts(s, types):
        internal = FACT_TYPES[f.type].INTERNAL  # provenance the records format leaves out (date_basis)
        body = {k: v for k, v in f.payload.items() if k not in internal}
        yield {"type": f.type, "doc": f.source.doc_id, **body, "evidence": f.source.evidence}


def rows(s: Session, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored fact as one flat row (see COLUMNS), with its id, source and span."""
    for f in load_facts(s, types):
        yield {"id": f.id, "type": f.type, "doc": f.source.doc_id, "published": f.source.published,
               "title": f.source.title, "evidence": f.source.evidence, "start": f.source.start,
               "end": f.source.end, "payload": json.dumps(f.payload, ensure_ascii=False, sort_keys=True)}


def write_export(s: Session, fmt: str, out: IO[str] | IO[bytes] | Path, types: list[str] | None = None) -> int:
    """Write the facts in `fmt` to a text stream (records, jsonl, csv) or a path (any); returns the count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = list(rows(s, types))
        table = pa.Table.from_pylist(data, schema=pa.schema([
            ("id", pa.int64()), ("type", pa.string()), ("doc", pa.string()), ("published", pa.string()),
            ("title", pa.string()), ("evidence", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
            ("payload", pa.string())]))
        pq.write_table(table, out)
        return len(data)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_export(s, fmt, fh, types)
    n = 0
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows(s, types):
            w.writerow(r)
            n += 1
        return n
    source = records(s, types) if fmt == "records" else rows(s, types)
    for r in source:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n
