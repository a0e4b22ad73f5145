"""The `vndiplo` command: a Typer app whose commands live in serve/commands/, one module per area.

The command modules import nothing heavy at the top (the pipeline, the store, Rich, FastAPI are
imported by the command that runs), so `vndiplo --help` and argument errors answer at once.

Exit codes (README, "Exit codes"): 0 success, also for an empty list; 1 a failure (an input that
could not be read, no store, a name or id not found); 2 bad usage; 130 interrupted.
"""
from __future__ import annotations

import logging
import sys
from typing import Optional

import typer
import typer.core

from vndiplo.serve.commands import evaluate, extract, gather, ingest, query, scale, store, web

# Arguments are named by their metavar (PATH..., DOC, COUNTRY); Typer would add a Python type label
# (<str>, <list[Path]>) after it, which tells a user nothing.
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

app = typer.Typer(
    name="vndiplo",
    help="A sourced, searchable knowledge base of Vietnam's diplomacy, read from Vietnamese news.\n\n"
         "Every command takes -h. Exit codes: 0 success (an empty list too), 1 failure (an input not "
         "read, no store, not found), 2 bad usage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain Click help: no type labels, and no Rich to import for it
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        from vndiplo import __version__

        typer.echo(f"vndiplo {__version__}")
        raise typer.Exit()


@app.callback()
def root(version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")) -> None:
    """Ingest news pages, extract the facts of Vietnam's diplomacy, resolve, store and serve them.

    Every command takes -h for its options. Exit codes: 0 success (an empty list too),
    1 failure (an input not read, no store, not found), 2 bad usage.
    """


for module in (ingest, gather, extract, store, query, evaluate, web, scale):
    module.register(app)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # we report unreadable pages ourselves
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # `vndiplo export | head`: the reader has gone, nothing to report
        sys.stderr.close()
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - the last net: a database or file error as one line
        from sqlalchemy.exc import SQLAlchemyError

        from vndiplo.serve.commands.common import reason

        if isinstance(e, SQLAlchemyError):
            sys.stderr.write(f"error: the store: {reason(e)}\n")
        elif isinstance(e, OSError):
            sys.stderr.write(f"error: {e.filename + ': ' if e.filename else ''}{e.strerror or e}\n")
        else:
            raise
        sys.exit(1)


if __name__ == "__main__":
    main()
