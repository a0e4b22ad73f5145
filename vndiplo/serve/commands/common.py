"""Options and helpers the command modules share.

Everything heavy (Rich, SQLAlchemy, the store) is imported when a command runs, not when the
command line is parsed: `vndiplo --help` stays fast.

Exit codes (README, "Exit codes"): 0 success, including an empty list; 1 a failure (a file that
could not be read, a store that does not exist or cannot be reached, a name or id not found);
2 bad usage (an unknown option or filter value, a malformed date, a missing input); 130 interrupted.
"""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Iterable, NoReturn, Optional, Sequence

import typer

from vndiplo import records

DEFAULT_DB = "vndiplo.db"
DB_OPTION = typer.Option(None, "--db", envvar="VNDIPLO_DB", metavar="URL",
                         help="The store: a SQLite file path or a SQLAlchemy URL (postgresql://…).  "
                              f"[default: {DEFAULT_DB}]")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON (for scripts) instead of a table.")
CSV_OPTION = typer.Option(False, "--csv", help="Print the table as CSV (for spreadsheets and scripts).")

EVENT_KINDS = records.EVENT_KINDS
FACT_TYPES = tuple(records.FACT_TYPES)  # event, person, figure, anniversary, mechanism, relation

USAGE, FAILURE = 2, 1


class _LazyConsole:
    """A Rich console on stderr, made on first use (Rich is not imported to parse arguments)."""

    _console = None

    def real(self):
        """The Console itself (for Rich objects that take one, such as a progress bar)."""
        if _LazyConsole._console is None:
            from rich.console import Console

            _LazyConsole._console = Console(stderr=True)
        return _LazyConsole._console

    def __getattr__(self, name: str):
        return getattr(self.real(), name)


err = _LazyConsole()


def fail(message: str, code: int = FAILURE) -> NoReturn:
    """Print an error to stderr and exit with `code`."""
    from rich.markup import escape

    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def reason(e: BaseException) -> str:
    """An exception as one line for a user: no SQL, no parameters, no "Background on this error" link."""
    lines = [ln.strip() for ln in str(e).splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith(("(Background on this error", "[SQL:", "[parameters:"))]
    text = " ".join(lines[:2]) if lines else type(e).__name__
    if text.startswith("(") and ") " in text:  # "(psycopg.OperationalError) connection failed: …"
        text = text.split(") ", 1)[1]
    return text


def choice(value: Optional[str], valid: Sequence[str], option: str) -> Optional[str]:
    """`value` if it is one of `valid` (or None); otherwise a usage error listing the valid values."""
    if value is None or value in valid:
        return value
    fail(f"{option} {value!r} is not one of: {', '.join(valid)}", USAGE)


def open_store(db: Optional[str], create: bool = False):
    """The store at `db`, migrated. Unless `create`, a store that does not exist is an error
    (exit 1) and nothing is created: read commands never leave an empty store behind."""
    from pathlib import Path

    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url

    from vndiplo.store import open_store as open_
    from vndiplo.store.db import normalise_url

    shown = db or DEFAULT_DB
    try:
        url = make_url(normalise_url(db))
    except Exception as e:  # noqa: BLE001 - a malformed URL
        fail(f"--db {shown!r} is not a file path or a database URL: {reason(e)}", USAGE)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if path.is_dir():
            fail(f"{path} is a folder, not a store (give a file path, e.g. {path / DEFAULT_DB})", USAGE)
        if not path.exists():
            if not create:
                fail(f"no store at {path} (make one with `vndiplo ingest PAGES --db {shown}`)")
            if not path.parent.is_dir():
                fail(f"cannot create the store {path}: no folder {path.parent}", USAGE)
    try:
        store = open_(db, migrate=False)
        if not create:
            with store.engine.connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    store.close()
                    fail(f"{shown} is not a vndiplo store (no tables; make one with `vndiplo ingest PAGES --db {shown}`)")
        store.migrate()
        return store
    except typer.Exit:
        raise
    except Exception as e:  # noqa: BLE001 - a server that is down, a file that is not a database
        fail(f"cannot open the store {shown}: {reason(e)}")


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def out_console():
    """A console for stdout: on a terminal as wide as it is; piped, wide enough that nothing is cut."""
    from rich.console import Console

    if stdout_is_terminal():
        return Console(highlight=False, soft_wrap=False)
    return Console(highlight=False, soft_wrap=True, width=100_000, color_system=None)


def print_json(obj: Any) -> None:
    """JSON on stdout, the same way in every command (two-space indentation, UTF-8 as is)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: Optional[str] = None,
                as_csv: bool = False, console=None) -> None:
    """Rows as a Rich table, or as CSV (header first) with `as_csv`."""
    if as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
        return
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*(escape("" if v is None else str(v)) for v in r))
    (console or out_console()).print(t)


def count_line(shown: int, total: int, what: str) -> str:
    """'12 events', or '50 of 212 events' when a limit cut the list."""
    return f"{shown} {what}" if shown >= total else f"{shown} of {total} {what}"
