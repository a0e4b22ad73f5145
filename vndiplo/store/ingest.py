"""Ingest: read files, store each document in its own transaction, link near-duplicates.

Re-running an ingest over the same files changes nothing: stored content is
recognised by its hash. A failure (unreadable file, database error) rolls
back that document alone and the batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy.exc import SQLAlchemyError

from vndiplo.read.document import Document, ReadError
from vndiplo.read.loader import DEFAULT_MAX_BYTES, iter_file, walk
from vndiplo.store.db import Store
from vndiplo.store.dedup import NearDuplicateIndex, signature, store_signature
from vndiplo.store.models import DocumentRow
from vndiplo.store.write import DocumentConflict, save_document

__all__ = ["Outcome", "Ingestor", "OUTCOMES"]

OUTCOMES = ("ingested", "updated", "near_duplicate", "unchanged", "failed")


@dataclass
class Outcome:
    source: str
    status: str  # one of OUTCOMES
    doc_id: str | None = None
    detail: str = ""  # the failure reason, or what the document duplicates
    warnings: list[str] = field(default_factory=list)


def body_of(text: str) -> str:
    """The cleaned text without its title line (outlets retitle the same story)."""
    head, sep, body = text.partition("\n\n")
    return body if sep else text


class Ingestor:
    """Ingests files into one store; keeps the near-duplicate index between files."""

    def __init__(self, store: Store, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.store = store
        self.max_bytes = max_bytes
        with store.session() as s:
            self.index = NearDuplicateIndex.load(s)

    @staticmethod
    def files(paths: Iterable[str | Path]) -> list[Path | ReadError]:
        """The files (or path errors) an ingest of `paths` will go through, in order."""
        return list(walk(paths))

    def ingest_paths(self, paths: Iterable[str | Path]) -> Iterator[Outcome]:
        for f in self.files(paths):
            yield from self.ingest_file(f)

    def ingest_file(self, f: Path | ReadError) -> Iterator[Outcome]:
        if isinstance(f, ReadError):
            yield Outcome(f.source, "failed", detail=f.reason)
            return
        for item in iter_file(f, self.max_bytes):
            if isinstance(item, ReadError):
                yield Outcome(item.source, "failed", detail=item.reason)
            else:
                yield self.ingest_document(item)

    def ingest_document(self, doc: Document) -> Outcome:
        """Store one document in one transaction (all of it or none of it)."""
        try:
            with self.store.session() as s:
                row, status = save_document(s, doc)
                detail = ""
                if status == "unchanged":
                    if row.doc_id != doc.doc_id:
                        detail = f"same content as {row.doc_id}"
                    return Outcome(doc.source, status, doc.doc_id, detail, list(doc.warnings))
                mh = signature(body_of(doc.text))
                match = self.index.best_match(mh, exclude=row.id)
                if match is not None:
                    other = s.get(DocumentRow, match[0])
                    row.near_duplicate_of, row.similarity = match[0], round(match[1], 4)
                    detail = f"near-duplicate of {other.doc_id if other else match[0]} (similarity {match[1]:.2f})"
                    status = "near_duplicate" if status == "ingested" else status
                store_signature(s, row.id, mh)
                s.flush()
                row_id = row.id
        except DocumentConflict as e:
            return Outcome(doc.source, "failed", doc.doc_id, str(e))
        except SQLAlchemyError as e:
            reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
            return Outcome(doc.source, "failed", doc.doc_id, f"database error: {reason}")
        self.index.add(row_id, mh)
        return Outcome(doc.source, status, doc.doc_id, detail, list(doc.warnings))
