"""`vndiplo eval`: how well vndiplo reads your articles, against records you annotated by hand.

    vndiplo extract my-articles/ --format records > pred.jsonl
    vndiplo eval --gold my-gold/ --pred pred.jsonl          # or: --db vndiplo.db (the stored facts)
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from vndiplo.serve.commands.common import JSON_OPTION, USAGE, fail, print_json


def register(app: typer.Typer) -> None:
    """Add `eval` to the app."""

    @app.command("eval")
    def eval_cmd(
        gold: Path = typer.Option(..., "--gold", metavar="DIR",
                                  help="A folder of DOC.json files, each the JSON list of records (SCHEMA.md) "
                                       "a careful reader takes from the article DOC."),
        pred: Optional[str] = typer.Option(None, "--pred", metavar="FILE",
                                           help="Records to score, JSON Lines as `vndiplo extract … --format "
                                                "records` prints (- : standard input)."),
        db: Optional[str] = typer.Option(None, "--db", metavar="URL",
                                         help="Score the facts stored in this store instead (SQLite file path or "
                                              "SQLAlchemy URL)."),
        misses: bool = typer.Option(True, "--misses/--no-misses",
                                    help="List every miss with its evidence, or only the scores."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Score extracted records against gold: precision, recall and F1 per type, the accuracy of the
        fields of matched records, and every miss (not found, not in gold, wrong field) with its evidence.

        Only documents with a gold file are scored; the numbers are those of the benchmark's scorer.

        Example: vndiplo extract eval/own/corpus --format records | vndiplo eval --gold eval/own/gold --pred -
        """
        from vndiplo.evaluate import EvalError, format_report, load_gold, read_predictions, score, store_predictions

        if (pred is None) == (db is None):
            fail("give one of --pred FILE or --db URL", USAGE)
        try:
            gold_records = load_gold(gold)
        except EvalError as e:
            fail(str(e), USAGE)
        if pred is not None:
            if pred == "-":
                predictions = read_predictions(sys.stdin)
            else:
                path = Path(pred)
                if not path.is_file():
                    fail(f"--pred {pred}: no such file", USAGE)
                with path.open(encoding="utf-8", errors="replace") as fh:
                    predictions = read_predictions(fh)
        else:
            from vndiplo.serve.commands.common import open_store

            open_store(db).close()  # a missing store is an error, not an empty one
            predictions = store_predictions(db, gold_records)
        report = score(gold_records, predictions.records)
        report["unreadable_lines"] = predictions.unreadable
        if as_json:
            print_json(report)
        else:
            sys.stdout.write(format_report(report, misses=misses))
