"""CLI commands: `spark-extract` (extraction on Spark, Parquet out) and `load` (Parquet into the store)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from vndiplo.serve.commands.common import DB_OPTION, USAGE, err, fail, open_store, reason


class InputFormat(str, Enum):
    auto = "auto"
    jsonl = "jsonl"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""

    @app.command("spark-extract")
    def spark_extract_cmd(
        input_path: str = typer.Argument(..., metavar="INPUT",
                                         help="JSON Lines or Parquet of documents: a path or any URI Spark reads."),
        output: str = typer.Argument(..., metavar="OUTPUT", help="Directory (or URI) for the Parquet tables."),
        master: str = typer.Option("local[*]", "--master", metavar="URL",
                                   help="Spark master URL (local[N]: N cores of this machine)."),
        fmt: InputFormat = typer.Option(InputFormat.auto, "--input-format", metavar="FORMAT",
                                        help="jsonl, parquet, or auto: Parquet if the path is Parquet."),
        partitions: Optional[int] = typer.Option(None, "--partitions", min=1, metavar="N",
                                                 help="At least this many tasks (default: the cluster's cores)."),
    ) -> None:
        """Extract facts from a corpus on Spark: documents, records and errors as Parquet, by year.

        Each row is a document {"id","url","title","published","text"|"html"}. A document that fails becomes a row of OUTPUT/errors; the job goes on. Exit code 1 if any document failed.

        Example: vndiplo spark-extract corpus.jsonl out/ --master local[4]
        """
        if "://" not in input_path and not Path(input_path).exists():
            fail(f"{input_path}: no such file or directory", 2)
        try:
            import pyspark  # noqa: F401
        except ImportError:
            fail("PySpark is not installed: pip install 'vndiplo[spark]' (and a Java runtime)", USAGE)
        from vndiplo.scale.spark import make_session, spark_extract
        with err.status(f"Spark ({master}): reading {input_path}"):
            spark = make_session(master, "vndiplo spark-extract",
                                 **{"spark.ui.showConsoleProgress": "false"})
            try:
                res = spark_extract(spark, input_path, output, fmt.value, partitions)
            except Exception as e:  # the input as a whole could not be read
                fail(f"{input_path}: {type(e).__name__}: {reason(e)}")
            finally:
                spark.stop()
        err.print(f"{res.documents} documents, {res.records} records, {res.errors} errors -> {output}",
                  highlight=False)
        raise typer.Exit(1 if res.errors else 0)

    @app.command("load")
    def load_cmd(
        output: Path = typer.Argument(..., metavar="OUTPUT", help="A spark-extract output directory."),
        db: Optional[str] = DB_OPTION,
        resolve: bool = typer.Option(True, "--resolve/--no-resolve", help="Run resolution after loading (or not)."),
    ) -> None:
        """Bulk-load spark-extract Parquet into the store (COPY on PostgreSQL), idempotently.

        Documents already stored (same text) are kept; the facts of every loaded document are
        replaced. One transaction: an interrupted load changes nothing.

        Example: vndiplo load out/ --db postgresql://user@host/vndiplo
        """
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from vndiplo.scale.load import load_parquet

        if not (output / "documents").is_dir():
            fail(f"{output}: not a spark-extract output (no documents/ folder)", USAGE)
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            fail("reading Parquet needs pyarrow, which the base install leaves out: pip install 'vndiplo[parquet]'",
                 USAGE)
        store = open_store(db, create=True)
        tasks: dict[str, int] = {}
        try:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=err.real(), transient=True) as bar:
                def progress(phase: str, n: int, total: int) -> None:
                    if phase == "resolving" and phase not in tasks:
                        bar.console.print(f"resolving entities of {total} documents (same transaction)",
                                          highlight=False)
                    if phase not in tasks:
                        tasks[phase] = bar.add_task(f"loading {phase}", total=total)
                    bar.advance(tasks[phase], n)

                res = load_parquet(store, output, resolve=resolve, progress=progress)
        except Exception as e:
            fail(f"{output}: load failed, store unchanged: {type(e).__name__}: {reason(e)}")
        finally:
            store.close()
        err.print(f"{res.documents_new} new documents, {res.documents_unchanged} already stored, "
                  f"{res.duplicates} duplicates skipped, {len(res.conflicts)} conflicts, {res.facts} facts; "
                  f"resolution: {res.resolution}", highlight=False)
        for doc_id in res.conflicts[:20]:
            err.print(f"[yellow]conflict[/yellow] {doc_id}: stored with a different text, skipped",
                      highlight=False)
        if res.errors_in_output:
            err.print(f"{res.errors_in_output} documents had failed in spark-extract (see {output}/errors)",
                      highlight=False)
        raise typer.Exit(1 if res.conflicts else 0)
