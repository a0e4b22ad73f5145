"""Alembic environment: runs on the connection the Store hands over."""
from alembic import context

from vndiplo.store import acquired, dedup, entities, event_facets, models  # noqa: F401  (registers the tables)
from vndiplo.store.base import Base

target_metadata = Base.metadata


def run() -> None:
    conn = context.config.attributes.get("connection")
    if conn is None:
        raise RuntimeError("vndiplo migrations run through vndiplo.store.open_store()")
    context.configure(connection=conn, target_metadata=target_metadata,
                      render_as_batch=conn.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


run()
