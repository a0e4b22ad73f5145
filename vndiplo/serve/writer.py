"""Ingest over HTTP, off the event loop: `POST /api/documents` hands its page to a `Writer`.

Reading, extraction and resolution are CPU work that takes from milliseconds to seconds; on the
event loop they would stop every other request. The writer runs them in a small pool of its own
threads, with its own engine (so a write never waits for, nor takes, a reader's pooled
connection). Extraction runs in parallel, outside any transaction; the write itself (store,
facts, resolution) is one transaction at a time: a lock in this process and, on PostgreSQL, a
transaction-scoped advisory lock shared by every process (`serve --workers N`, other servers).
SQLite serialises writers across processes by itself (busy timeout). At most `queue` pages wait;
one more gets 503 with Retry-After rather than a pile-up.

A page is read from the request bytes, never from a file named after its id, and is stored with
the source `api:<doc_id>`: posting the same id again with new content updates that document; an
id already used by a document read from a file is a 409.
"""
from __future__ import annotations

import asyncio
import hmac
import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi import HTTPException
from sqlalchemy import select, text

from vndiplo.store import Store, open_store

__all__ = ["Writer", "bearer_token", "check_token", "API_SOURCE", "PG_WRITE_LOCK"]

API_SOURCE = "api:"  # the source of a document posted to the API: "api:<doc_id>"
PG_WRITE_LOCK = 0x766E6470  # pg_advisory_xact_lock key of vndiplo's HTTP writers ("vndp")


def bearer_token(authorization: str | None) -> str | None:
    """The credentials of an `Authorization: Bearer <token>` header (scheme matched case-insensitively,
    RFC 9110 §11.1); None for any other scheme or none."""
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip() or None


def check_token(authorization: str | None, token: str) -> None:
    """Raise 401 unless the header carries `token` under the Bearer scheme (compared in constant time)."""
    given = bearer_token(authorization)
    if given is None or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})


class Writer:
    """Ingests pages into the store at `url` in `workers` threads; at most `queue` wait."""

    def __init__(self, url: str, workers: int = 2, queue: int = 64) -> None:
        self.url = url
        self.queue = queue
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vndiplo-writer")
        self._write = threading.Lock()  # one write transaction at a time in this process
        self._open = threading.Lock()
        self._store: Store | None = None
        self._waiting = 0  # pages accepted and not yet answered (touched on the event loop only)

    def store(self) -> Store:
        """The writer's own store (engine and pool), opened on the first write."""
        with self._open:
            if self._store is None:
                self._store = open_store(self.url, migrate=False)
            return self._store

    async def ingest(self, doc_id: str, body: bytes) -> tuple[int, dict]:
        """(HTTP status, answer) for one posted page; runs in the writer's threads."""
        if self._waiting >= self.queue:
            raise HTTPException(503, f"{self._waiting} pages are waiting to be written; retry later",
                                headers={"Retry-After": "2"})
        self._waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, self.ingest_now, doc_id, body)
        finally:
            self._waiting -= 1

    def ingest_now(self, doc_id: str, body: bytes) -> tuple[int, dict]:
        """Read, extract and store one page in the calling thread."""
        from vndiplo.extract.pipeline import extract
        from vndiplo.read import ReadError
        from vndiplo.read.loader import read_bytes
        from vndiplo.store.models import DocumentRow

        if not body.strip():
            raise HTTPException(422, f"{doc_id}: empty page")
        try:
            doc = read_bytes(body, doc_id, API_SOURCE + doc_id)
        except ReadError as e:
            raise HTTPException(422, f"{doc_id}: {e.reason}") from None
        store = self.store()
        with store.session() as s:  # content stored already (by anyone): nothing to extract
            same = s.execute(select(DocumentRow.doc_id, DocumentRow.id).where(
                DocumentRow.content_hash == doc.content_hash)).first()
            if same is not None:
                n = s.scalar(text("SELECT count(*) FROM facts WHERE document_id = :i"), {"i": same[1]})
                return 200, {"doc": same[0], "status": "unchanged", "facts": int(n or 0)}
        facts = extract(doc.text, doc.published, doc.title)  # outside the lock and any transaction
        with self._write:
            return self._store_page(store, doc, facts)

    def _store_page(self, store: Store, doc, facts) -> tuple[int, dict]:
        from vndiplo.resolve import resolve_document
        from vndiplo.resolve.run import entities_of
        from vndiplo.store.models import DocumentRow
        from vndiplo.store.write import DocumentConflict, replace_facts, save_document

        with store.session() as s:
            if store.dialect == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
            old = s.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == doc.doc_id))
            before = entities_of(s, old) if old is not None else set()
            try:
                row, status = save_document(s, doc)
            except DocumentConflict as e:
                raise HTTPException(409, str(e)) from None
            if status == "unchanged":  # stored by another writer since the check above
                return 200, {"doc": row.doc_id, "status": status, "facts": len(row.facts)}
            n = len(replace_facts(s, row, facts))
            resolve_document(s, row, also_refresh=before)  # in the same transaction
            return (201 if status == "ingested" else 200), {"doc": row.doc_id, "status": status, "facts": n}

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self._store is not None:
            self._store.close()
