"""Opening a store: an engine for any SQLAlchemy URL, migrated to the latest schema.

A bare path means a SQLite file. SQLite runs in WAL mode with foreign keys
on, so one writer and many readers work at once.

Opening a store that is already at the latest revision (`HEAD_REVISION`) costs one SQL query:
Alembic (and its migration scripts) is imported only when the store needs migrating.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["DEFAULT_URL", "HEAD_REVISION", "Store", "open_store", "normalise_url"]

DEFAULT_URL = "sqlite:///vndiplo.db"
# The newest migration in migrations/versions (tests/store/test_migrations_fast_path.py checks it is
# Alembic's head): a store at this revision needs no migrating, and Alembic is not even imported.
HEAD_REVISION = "0006_covering"


def normalise_url(url: str | Path | None) -> str:
    """A SQLAlchemy URL from a URL or a file path (postgresql:// gets the psycopg 3 driver)."""
    if url is None or str(url) == "":
        return DEFAULT_URL
    url = str(url)
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@dataclass
class Store:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        s = self.sessions()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def revision(self) -> str | None:
        """The schema's Alembic revision (None: no schema yet), in one query."""
        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):  # no alembic_version table: an empty database
            return None

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision (nothing to import or run when it is there)."""
        if self.revision() == HEAD_REVISION:
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("vndiplo.store") / "migrations"))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | Path | None = None, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store at `url` (default: ./vndiplo.db)."""
    url = normalise_url(url)
    kw: dict = {"future": True}
    if url.startswith("sqlite"):
        kw["connect_args"] = {"timeout": 30}
    engine = create_engine(url, **kw)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(url, engine, sessionmaker(engine, expire_on_commit=False))
    if migrate:
        store.migrate()
    return store
