"""The `vndiplo` command: a Typer app whose commands live in serve/commands/, one module per area.

Exit codes: 0 success, 1 some input failed (the rest was processed), 2 bad usage.
"""
from __future__ import annotations

import logging

import typer

from vndiplo.serve.commands import extract, gather, ingest, query, scale, store, web

app = typer.Typer(
    name="vndiplo",
    help="A sourced, searchable knowledge base of Vietnam's diplomacy, read from Vietnamese news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def root() -> None:
    """Ingest news pages, extract the facts of Vietnam's diplomacy, resolve, store and serve them."""


for module in (ingest, gather, extract, store, query, web, scale):
    module.register(app)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # we report unreadable pages ourselves
    app()


if __name__ == "__main__":
    main()
