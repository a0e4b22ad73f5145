"""`vndiplo extract`: facts from files (printed) or from the store (saved)."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from vndiplo.extract.pipeline import extract as extract_text
from vndiplo.read import ReadError, iter_documents
from vndiplo.serve.commands.common import DB_OPTION, err


class Format(str, Enum):
    records = "records"


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        paths: Optional[list[Path]] = typer.Argument(None, help="Files or folders to read; none: the store."),
        fmt: Format = typer.Option(Format.records, "--format", help="Output format for files."),
        db: Optional[str] = DB_OPTION,
        all_: bool = typer.Option(False, "--all", help="Re-extract every stored document."),
    ) -> None:
        """Extract facts. With paths, print SCHEMA.md records as JSON Lines, without touching a store.

        Example: vndiplo extract ../shared/corpus/seeds/*.txt --format records > out.jsonl
        """
        if not paths:
            from vndiplo.serve.commands.store import extract_store

            raise typer.Exit(extract_store(db, everything=all_))
        failed = 0
        out = sys.stdout
        for item in iter_documents(paths):
            if isinstance(item, ReadError):
                err.print(f"[red]failed[/red] {item}", highlight=False)
                failed += 1
                continue
            for fact in extract_text(item.text, item.published, item.title):
                out.write(json.dumps(fact.to_record(item.doc_id), ensure_ascii=False) + "\n")
        out.flush()
        raise typer.Exit(1 if failed else 0)
