"""The store's change counter: one indexed row read tells whether anything changed.

Database triggers (migration 0003) bump `store_state.version` (model: StoreStateRow) on every
insert, update or delete of documents, facts and entities, whatever wrote them. Read it before
the data it guards: then what is cached under a version is never older than that version.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

__all__ = ["store_version", "current_version"]

_READ = text("SELECT version FROM store_state WHERE id = 1")


def store_version(session: Session) -> str:
    """The current version of the store's content, as a string (the basis of ETags and read caches)."""
    v = session.execute(_READ).scalar()
    return str(v if v is not None else 0)


def current_version(store) -> str:
    """`store_version` on a pooled connection of its own, without an ORM session (once per HTTP request)."""
    with store.engine.connect() as conn:
        v = conn.execute(_READ).scalar()
    return str(v if v is not None else 0)
