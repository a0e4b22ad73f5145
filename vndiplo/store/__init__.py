"""Store: SQLAlchemy models over SQLite (default) or PostgreSQL, migrated by Alembic."""
from vndiplo.store import fts  # noqa: F401  (registers the search-index hook on every Session)
from vndiplo.store.db import DEFAULT_URL, Store, open_store

__all__ = ["DEFAULT_URL", "Store", "open_store"]
