"""`vndiplo extract`: facts from files (printed) or from the store (saved)."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from vndiplo.serve.commands.common import DB_OPTION, USAGE, err, fail


class Format(str, Enum):
    records = "records"


# what json.dumps(rec, ensure_ascii=False) builds on every call, built once
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _record_lines(doc) -> str:
    """One document's facts as JSON Lines (runs in a worker process with --jobs)."""
    from vndiplo.extract.pipeline import extract as extract_text

    return "".join(_ENCODE(fact.to_record(doc.doc_id)) + "\n"
                   for fact in extract_text(doc.text, doc.published, doc.title))


def _in_order(items, jobs: int):
    """(item, record lines or None) for each item, in input order, over `jobs` processes."""
    if jobs == 1:
        for item in items:
            yield item, _work(item)
        return
    import multiprocessing as mp
    from collections import deque

    from vndiplo.read import ReadError

    from vndiplo.data.gazetteer import gazetteer

    gazetteer()  # built once here, inherited by the forked workers
    pending: deque = deque()  # the items sent, in order; imap returns results in the same order

    def feed():
        for item in items:
            pending.append(item)
            yield None if isinstance(item, ReadError) else item  # ReadErrors stay in this process

    with mp.get_context("fork").Pool(jobs) as pool:
        for lines in pool.imap(_work, feed(), chunksize=4):
            yield pending.popleft(), lines


def _work(item):
    from vndiplo.read import ReadError

    return None if item is None or isinstance(item, ReadError) else _record_lines(item)


def _documents(paths: list[Path]):
    """The documents of the paths, in order; `-` is standard input (a page, or a pasted text: a
    single paragraph is an article), read once and named `stdin`."""
    from vndiplo.read import ReadError, iter_documents

    for path in paths:
        if str(path) != "-":
            yield from iter_documents([path])
            continue
        from vndiplo.read.encoding import DecodeError, decode_bytes
        from vndiplo.read.loader import read_pasted

        try:
            yield read_pasted(decode_bytes(sys.stdin.buffer.read()).text)
        except (ReadError, DecodeError) as e:
            yield ReadError("-", getattr(e, "reason", str(e)))


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        paths: Optional[list[Path]] = typer.Argument(None, metavar="PATH",
                                                     help="Files or folders to read (- : standard input); "
                                                          "none: the documents in the store."),
        fmt: Format = typer.Option(Format.records, "--format", metavar="FORMAT",
                                   help="Output format for files: records (SCHEMA.md JSON Lines)."),
        db: Optional[str] = DB_OPTION,
        all_: bool = typer.Option(False, "--all", help="In the store: re-extract every document, not only new ones."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=0, metavar="N",
                                 help="Worker processes for files (0: all cores); output order is kept."),
    ) -> None:
        """Extract facts. With paths, print SCHEMA.md records as JSON Lines, without touching a store.

        Without paths, extract the stored documents not yet extracted into the store.

        \b
        Examples:
          vndiplo extract examples/corpus --format records > out.jsonl
          echo "Ngày 8/7, Bộ trưởng … hội đàm với …" | vndiplo extract - --format records
        """
        from vndiplo.read import ReadError

        if not paths:
            from vndiplo.serve.commands.store import extract_store

            raise typer.Exit(extract_store(db, everything=all_))
        if sum(str(p) == "-" for p in paths) > 1:
            fail("- (standard input) can be given only once", USAGE)
        failed = 0
        out = sys.stdout
        for item, lines in _in_order(_documents(paths), jobs or os.cpu_count() or 1):
            if isinstance(item, ReadError):
                err.print(f"[red]failed[/red] {item}", highlight=False)
                failed += 1
                continue
            out.write(lines)
        out.flush()
        raise typer.Exit(1 if failed else 0)
