"""One input row through read -> extract, as flat output rows (documents, records, errors).

This is the unit of work of `vndiplo spark-extract`: pure Python, no Spark, so it
is tested and benchmarked on its own. It calls the read stage's `document_from_row`
and the one extraction path `vndiplo.extract`, exactly as the CLI does; any
failure of one document becomes an error row instead of stopping the batch.
"""
from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from typing import Any, Mapping

from vndiplo.extract.pipeline import extract
from vndiplo.read.document import Document, ReadError
from vndiplo.read.rows import document_from_row, normalise_published, row_from_line
from vndiplo.read.sentences import split_sentences

__all__ = ["Outcome", "process_row", "year_of", "UNKNOWN_YEAR", "DOCUMENT_FIELDS",
           "RECORD_FIELDS", "ERROR_FIELDS"]

UNKNOWN_YEAR = "unknown"  # the partition of documents without a publication year

DOCUMENT_FIELDS = ("doc_id", "source", "url", "outlet", "title", "published", "published_source",
                   "published_confidence", "author", "language", "text", "raw_text", "content_hash",
                   "warnings", "removed", "sentences", "n_facts", "year")
RECORD_FIELDS = ("doc_id", "seq", "type", "record", "start", "end", "year")
ERROR_FIELDS = ("doc_id", "source", "stage", "error", "year")


@dataclass
class Outcome:
    """What one input row produced: a document and its records, or an error."""

    document: dict[str, Any] | None = None
    records: list[dict[str, Any]] = field(default_factory=list)
    error: dict[str, Any] | None = None


def year_of(published: Any) -> str:
    """The partition year of a publication date (UNKNOWN_YEAR when absent)."""
    p = normalise_published(published)
    return p[:4] if p else UNKNOWN_YEAR


def _document_row(doc: Document, n_facts: int) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id, "source": doc.source, "url": doc.url, "outlet": doc.outlet,
        "title": doc.title, "published": doc.published, "published_source": doc.published_source,
        "published_confidence": doc.published_confidence, "author": doc.author,
        "language": doc.language, "text": doc.text, "raw_text": doc.raw_text,
        "content_hash": doc.content_hash, "warnings": list(doc.warnings),
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text} for r in doc.removed],
        "sentences": [{"start": s.start, "end": s.end} for s in split_sentences(doc.text)],
        "n_facts": n_facts, "year": year_of(doc.published),
    }


def _error(row: Any, source: str, stage: str, message: str) -> Outcome:
    doc_id = row.get("id", row.get("doc_id")) if isinstance(row, Mapping) else None
    published = row.get("published") if isinstance(row, Mapping) else None
    return Outcome(error={"doc_id": None if doc_id is None else str(doc_id), "source": source,
                          "stage": stage, "error": message, "year": year_of(published)})


def process_row(row: Mapping[str, Any] | str, source: str) -> Outcome:
    """Read one row (a dict, or a JSON Lines line) and extract its facts; never raises."""
    try:
        if isinstance(row, str):
            row = row_from_line(row, source)
        doc = document_from_row(row, source)
    except ReadError as e:
        return _error(row, source, "read", str(e))
    except Exception as e:  # a reader bug must not stop the batch either
        return _error(row, source, "read", f"{source}: {type(e).__name__}: {e}")
    try:
        facts = extract(doc.text, doc.published, doc.title)
        year = year_of(doc.published)
        records = []
        for i, fact in enumerate(facts):
            records.append({
                "doc_id": doc.doc_id, "seq": i, "type": fact.type,
                "record": json.dumps(fact.to_full_record(doc.doc_id), ensure_ascii=False),
                "start": int(fact.span[0]), "end": int(fact.span[1]), "year": year,
            })
        return Outcome(document=_document_row(doc, len(records)), records=records)
    except Exception as e:
        last = traceback.extract_tb(e.__traceback__)[-1:]
        where = f" at {last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno}" if last else ""
        return _error(row, source, "extract", f"{source}: {type(e).__name__}: {e}{where}")
