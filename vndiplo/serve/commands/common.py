"""Options and helpers the command modules share."""
from __future__ import annotations

import sys

import typer
from rich.console import Console

DB_OPTION = typer.Option(None, "--db", envvar="VNDIPLO_DB",
                         help="Store: a SQLAlchemy URL or a SQLite file path [default: vndiplo.db].")

err = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    """Print an error to stderr and exit with `code`."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
