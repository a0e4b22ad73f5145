"""CLI commands over the store as a whole: extraction into it, resolution, deletion, summary.

    vndiplo extract [--all] --db vndiplo.db     # stored documents -> facts -> entities
    vndiplo resolve --db vndiplo.db             # rebuild every entity from the stored facts
    vndiplo delete 000_932f4bf3cbdf01e5         # a document, its facts, the support it gave
    vndiplo summary [--json]                    # counts of documents, facts, entities
"""
from __future__ import annotations

import json
from typing import Optional

import typer

from vndiplo.serve.commands.common import CSV_OPTION, DB_OPTION, JSON_OPTION, err, open_store, print_json, print_table


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=err.real(), transient=False)


def _open(db: str | None):
    return open_store(db)


def extract_store(db: str | None, everything: bool = False) -> int:
    """Extract the facts of stored documents into the store, resolving them as they go; returns an exit code.

    Without `everything`, only documents never extracted or extracted by an older
    extractor version. Each document is one transaction (facts + entity links), so an
    interrupted run keeps every document's previous facts or its new ones, never half.
    """
    from sqlalchemy import or_, select

    from vndiplo.extract.pipeline import extract as extract_text
    from vndiplo.resolve import reextract_document, repair
    from vndiplo.store.fts import index_missing
    from vndiplo.store.models import DocumentRow
    from vndiplo.store.write import EXTRACTOR_VERSION

    store = _open(db)
    try:
        with store.session() as s:
            index_missing(s)
            repair(s)  # entities whose facts a re-ingest replaced since the last run
            q = select(DocumentRow.id, DocumentRow.doc_id).order_by(
                DocumentRow.published.is_(None), DocumentRow.published, DocumentRow.id)
            if not everything:
                q = q.where(or_(DocumentRow.extracted_at.is_(None),
                                DocumentRow.extractor_version.is_(None),
                                DocumentRow.extractor_version != EXTRACTOR_VERSION))
            todo = s.execute(q).all()
        failed = n_facts = 0
        with _progress() as bar:
            task = bar.add_task("extracting", total=len(todo))
            for row_id, doc_id in todo:
                try:
                    with store.session() as s:
                        row = s.get(DocumentRow, row_id)
                        facts = extract_text(row.text, row.published, row.title)
                        reextract_document(s, row, facts)
                        n_facts += len(facts)
                except Exception as e:  # one broken document never stops the batch
                    failed += 1
                    err.print(f"[red]failed[/red] {doc_id}: {type(e).__name__}: {e}", highlight=False)
                bar.advance(task)
        err.print(f"extracted {len(todo) - failed} document(s), {n_facts} fact(s)"
                  + (f", {failed} failed" if failed else ""), highlight=False)
        return 1 if failed else 0
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""

    @app.command("resolve")
    def resolve_cmd(db: Optional[str] = DB_OPTION) -> None:
        """Rebuild every entity (persons, events, commitments, mechanisms, relations) from the stored facts.

        Example: vndiplo resolve --db vndiplo.db
        """
        from vndiplo.resolve import resolve_store

        store = _open(db)
        try:
            with _progress() as bar:
                task = bar.add_task("resolving", total=None)

                def tick(i: int, n: int) -> None:
                    bar.update(task, completed=i, total=n)

                counts = resolve_store(store, progress=tick)
        finally:
            store.close()
        err.print("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), highlight=False)

    @app.command("delete")
    def delete_cmd(docs: list[str] = typer.Argument(..., metavar="DOC...",
                                                    help="Document ids (file names without extension) to delete."),
                   db: Optional[str] = DB_OPTION) -> None:
        """Delete documents with their facts; entities also supported by other documents stay.

        Example: vndiplo delete 000_932f4bf3cbdf01e5 --db vndiplo.db
        """
        from sqlalchemy import select

        from vndiplo.resolve import delete_document
        from vndiplo.store.models import DocumentRow

        store = _open(db)
        missing = 0
        try:
            for doc_id in docs:
                with store.session() as s:
                    row = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
                    if row is None:
                        err.print(f"[red]not found[/red] {doc_id}", highlight=False)
                        missing += 1
                        continue
                    gone = delete_document(s, row)
                    err.print(f"deleted {doc_id} ({gone} entit{'y' if gone == 1 else 'ies'} left without sources "
                              "removed)", highlight=False)
        finally:
            store.close()
        raise typer.Exit(1 if missing else 0)

    @app.command("summary")
    def summary_cmd(db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION, as_csv: bool = CSV_OPTION) -> None:
        """Counts of documents, facts per type and entities per type (persons, events, commitments...).

        Example: vndiplo summary --db vndiplo.db --json
        """
        from vndiplo.store.query import summary

        store = _open(db)
        try:
            with store.session() as s:
                data = summary(s)
        finally:
            store.close()
        if as_json:
            print_json(data)
            return
        rows = [("documents", data["documents"]), ("documents extracted", data["documents_extracted"])]
        rows += [(f"facts: {k}", v) for k, v in data["facts"].items()]
        rows += [(f"entities: {k}", v) for k, v in data["entities"].items()]
        print_table(("what", "count"), rows, None if as_csv else "vndiplo store", as_csv)
