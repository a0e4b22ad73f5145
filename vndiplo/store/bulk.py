"""Bulk insertion for large loads: COPY on PostgreSQL (psycopg), batched executemany on SQLite.

Rows carry their own ids (allocate them above the current maximum), so
several tables that reference each other can be written in one pass;
`reset_sequences` then moves PostgreSQL's id sequences past them.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Iterable

from sqlalchemy import Connection, Table, func, select, text

__all__ = ["insert_rows", "next_id", "now", "reset_sequences"]

BATCH = 5000


def next_id(conn: Connection, table: Table) -> int:
    """One more than the largest id in `table` (1 when empty)."""
    return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def _copy_value(v: Any) -> Any:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v


def insert_rows(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """Insert dict rows (all with the same keys) into `table`; returns the number inserted."""
    rows = list(rows)
    if not rows:
        return 0
    cols = list(rows[0])
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            with cur.copy(f'COPY {table.name} ({", ".join(chr(34) + c + chr(34) for c in cols)}) FROM STDIN') as cp:
                for r in rows:
                    cp.write_row([_copy_value(r[c]) for c in cols])
    else:
        for i in range(0, len(rows), BATCH):
            conn.execute(table.insert(), rows[i:i + BATCH])
    return len(rows)


def reset_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """After inserting explicit ids on PostgreSQL, let new rows continue after them."""
    if conn.dialect.name != "postgresql":
        return
    for t in tables:
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                          f"(SELECT coalesce(max(id), 0) + 1 FROM {t.name}), false)"))


def now() -> datetime:
    """The timestamp bulk rows get for their created/updated columns."""
    return datetime.now(timezone.utc)
