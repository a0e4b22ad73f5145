"""CLI commands: `ingest` (read pages into the store), `docs` (list documents), `show` (one document).

Examples:
    vndiplo ingest examples/corpus -v
    vndiplo docs --json
    vndiplo show 000_932f4bf3cbdf01e5
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from vndiplo.serve.commands.common import (
    CSV_OPTION, DB_OPTION, JSON_OPTION, USAGE, count_line, err, fail, open_store, out_console, print_json,
    print_table,
)

SUMMARY_ORDER = (("ingested", "ingested"), ("updated", "updated"), ("unchanged", "unchanged"),
                 ("near_duplicate", "near-duplicate"), ("failed", "failed"))


def ingest(
    paths: list[str] = typer.Argument(..., metavar="PATH...",
                                      help="Files or folders (walked recursively): .txt, .html, .jsonl."),
    db: Optional[str] = DB_OPTION,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print one outcome line per file."),
    max_size: float = typer.Option(20.0, "--max-size", min=0.001, metavar="MB",
                                   help="Refuse files larger than this many megabytes (JSON Lines: each record; "
                                        "the file is streamed)."),
) -> None:
    """Read news pages, clean them and store them (each document in its own transaction).

    Prints a summary; exits with 1 when any file failed (the others are stored).

    Example: vndiplo ingest examples/corpus --db vndiplo.db -v
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from vndiplo.store.ingest import Ingestor

    for p in paths:
        if "://" in p or p.startswith("www."):
            fail(f"{p} is a web address: `vndiplo ingest` reads files; download pages with `vndiplo fetch URL` "
                 "first", USAGE)
    store = open_store(db, create=True)
    counts: Counter[str] = Counter()
    try:
        ingestor = Ingestor(store, max_bytes=int(max_size * 1024 * 1024))
        files = ingestor.files([Path(p) for p in paths])
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=err.real(), transient=True) as progress:
            task = progress.add_task("ingesting", total=len(files))
            for f in files:
                for o in ingestor.ingest_file(f):
                    counts[o.status] += 1
                    _report(progress.console, o, verbose)
                progress.advance(task)
    finally:
        store.close()
    summary = ", ".join(f"{counts[k]} {label}" for k, label in SUMMARY_ORDER if counts[k] or k != "updated")
    err.print(summary, highlight=False)
    if counts["failed"]:
        raise typer.Exit(1)


def _report(console, o, verbose: bool) -> None:
    from rich.markup import escape

    where = escape(o.source)
    if o.status == "failed":
        console.print(f"[red]error:[/red] {where}: {escape(o.detail)}", highlight=False, soft_wrap=True)
        return
    for w in o.warnings:
        if verbose or w.startswith("not Vietnamese") or w.startswith("truncated"):
            console.print(f"[yellow]warning:[/yellow] {where}: {escape(w)}", highlight=False, soft_wrap=True)
    if verbose:
        label = dict(SUMMARY_ORDER)[o.status]
        extra = f" ({escape(o.detail)})" if o.detail else ""
        console.print(f"{label}: {where} -> {escape(o.doc_id or '')}{extra}", highlight=False, soft_wrap=True)


def _doc_dict(row, full: bool = False) -> dict:
    d = {"doc_id": row.doc_id, "title": row.title, "published": row.published,
         "published_source": row.published_source, "published_confidence": row.published_confidence,
         "outlet": row.outlet, "author": row.author, "url": row.url, "language": row.language,
         "source": row.source, "near_duplicate_of": None, "similarity": row.similarity,
         "warnings": row.warnings or [], "sentences": len(row.sentences), "removed": len(row.removed)}
    if row.near_duplicate_of is not None:
        from sqlalchemy.orm import object_session

        other = object_session(row).get(type(row), row.near_duplicate_of)
        d["near_duplicate_of"] = other.doc_id if other else None
    if full:
        d["text"] = row.text
        d["removed_spans"] = [{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text}
                              for r in row.removed]
    return d


def docs(
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    limit: int = typer.Option(0, "--limit", min=0, metavar="N", help="Show at most N documents (0: all)."),
) -> None:
    """List stored documents (newest publication first).

    Example: vndiplo docs --json
    """
    from sqlalchemy import func, select
    from sqlalchemy.orm import selectinload

    from vndiplo.store.models import DocumentRow

    store = open_store(db)
    try:
        with store.session() as s:
            total = s.scalar(select(func.count()).select_from(DocumentRow))
            q = select(DocumentRow).options(selectinload(DocumentRow.sentences), selectinload(DocumentRow.removed)) \
                .order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.doc_id)
            if limit:
                q = q.limit(limit)
            rows = [_doc_dict(r) for r in s.scalars(q)]
    finally:
        store.close()
    if as_json:
        print_json(rows)
        return
    cells = [(r["doc_id"], r["published"] or "", r["outlet"] or "", r["language"] or "?", r["title"] or "",
              f"{r['near_duplicate_of']} ({r['similarity']:.2f})" if r["near_duplicate_of"] else "") for r in rows]
    columns = ("doc_id", "published", "outlet", "lang", "title", "near-dup of")
    if as_csv or not out_console().is_terminal:
        print_table(columns, cells, None if as_csv else count_line(len(rows), total, "documents"), as_csv)
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=count_line(len(rows), total, "documents"))  # on a terminal: one line per document
    for col in columns:
        table.add_column(col, overflow="ellipsis", no_wrap=True, max_width=36 if col == "title" else None,
                         min_width=None if col == "title" else len(col))
    for c in cells:
        table.add_row(*(escape(x) for x in c))
    out_console().print(table)


def show(
    doc: str = typer.Argument(..., metavar="DOC", help="The document id (see `vndiplo docs`)."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Print one cleaned document with its metadata and what was removed from the page.

    Example: vndiplo show 003_e72812686307d908
    """
    from sqlalchemy import select

    from vndiplo.store.models import DocumentRow

    store = open_store(db)
    try:
        with store.session() as s:
            row = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc))
            if row is None:
                fail(f"no document {doc!r} in the store (see `vndiplo docs`)")
            d = _doc_dict(row, full=True)
    finally:
        store.close()
    if as_json:
        print_json(d)
        return
    from rich.markup import escape

    out = out_console()
    out.print(f"[bold]{escape(d['title'] or d['doc_id'])}[/bold]", highlight=False)
    for key in ("doc_id", "published", "published_source", "published_confidence", "outlet", "author", "url",
                "language", "source", "near_duplicate_of", "similarity", "sentences"):
        if d[key] not in (None, "", []):
            out.print(f"[dim]{key}:[/dim] {escape(str(d[key]))}", highlight=False)
    for w in d["warnings"]:
        out.print(f"[yellow]warning:[/yellow] {escape(w)}", highlight=False)
    out.rule("text")
    out.print(escape(d["text"]), highlight=False)
    out.rule(f"removed ({len(d['removed_spans'])})")
    for r in d["removed_spans"]:
        text = " ".join(r["text"].split())
        out.print(f"[dim]{r['start']}-{r['end']}[/dim] [cyan]{r['reason']}[/cyan] {escape(text[:160])}"
                  + ("…" if len(text) > 160 else ""), highlight=False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("ingest")(ingest)
    app.command("docs")(docs)
    app.command("show")(show)
