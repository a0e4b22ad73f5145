"""Exporting the stored facts: SCHEMA.md records, JSON Lines, CSV or Parquet; and the resolved events
and persons (JSON Lines), with codes and stable ids to join them with other event data."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any, Iterator

from sqlalchemy.orm import Session

from vndiplo.serve.facts import load_facts
from vndiplo.serve.joinable import event_codes, event_rows, fact_countries, fact_links, person_column, person_rows

__all__ = ["FORMATS", "COLUMNS", "records", "rows", "write_export"]

FORMATS = ("jsonl", "csv", "parquet", "records", "events", "persons")
# Flat columns of the jsonl/csv/parquet exports; the fact's own fields travel as JSON in `payload`.
# For joining with other event data (see joinable.py): an event's PLOVER type and mode and CAMEO
# code, the stable ids of the persons a fact names (JSON list, in the fact's order), the country
# codes it names (JSON list) and the id of its resolved event.
COLUMNS = ("id", "type", "doc", "published", "title", "evidence", "start", "end", "payload",
           "plover_type", "plover_mode", "cameo", "person_ids", "countries", "event_id")


def records(s: Session, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored fact as its SCHEMA.md record (type, doc, fields, evidence)."""
    from vndiplo.records import FACT_TYPES

    for f in load_facts(s, types):
        internal = FACT_TYPES[f.type].INTERNAL  # provenance the records format leaves out (date_basis)
        body = {k: v for k, v in f.payload.items() if k not in internal}
        yield {"type": f.type, "doc": f.source.doc_id, **body, "evidence": f.source.evidence}


def rows(s: Session, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored fact as one flat row (see COLUMNS), with its id, source and span."""
    links = fact_links(s)
    for f in load_facts(s, types):
        link = links.get(f.id, {"persons": {}, "event_id": None})
        codes = event_codes(f.payload) if f.type == "event" else {}
        yield {"id": f.id, "type": f.type, "doc": f.source.doc_id, "published": f.source.published,
               "title": f.source.title, "evidence": f.source.evidence, "start": f.source.start,
               "end": f.source.end, "payload": json.dumps(f.payload, ensure_ascii=False, sort_keys=True),
               "plover_type": codes.get("plover_type"), "plover_mode": codes.get("plover_mode"),
               "cameo": codes.get("cameo"),
               "person_ids": json.dumps(person_column(f.type, f.payload, link["persons"]), ensure_ascii=False),
               "countries": json.dumps(fact_countries(f.type, f.payload)), "event_id": link["event_id"]}


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
            ("payload", pa.string()), ("plover_type", pa.string()), ("plover_mode", pa.string()),
            ("cameo", pa.string()), ("person_ids", pa.string()), ("countries", pa.string()),
            ("event_id", pa.int64())]))
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
    if fmt in ("events", "persons"):  # one JSON line per resolved event or person (joinable.py)
        source = event_rows(s) if fmt == "events" else person_rows(s)
    else:
        source = records(s, types) if fmt == "records" else rows(s, types)
    for r in source:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n
