"""Opening a store: an engine for any SQLAlchemy URL, migrated to the latest schema.

A bare path means a SQLite file. SQLite runs in WAL mode with foreign keys
on, so one writer and many readers work at once.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["DEFAULT_URL", "Store", "open_store", "normalise_url"]

DEFAULT_URL = "sqlite:///vndiplo.db"


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

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision."""
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
