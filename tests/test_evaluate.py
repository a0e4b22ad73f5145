"""`vndiplo eval` and vndiplo.evaluate: the project's own scorer of the records format.

It must agree with the benchmark's scorer (shared/eval/score.py) exactly: on every shared set when
the benchmark is here (run as a process, on our predictions and on damaged copies of them), and
always on the repository's own set against a report score.py made of pinned predictions."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eval import gate
from tests.conftest import HAVE_SHARED, OWN, ROOT, SHARED, SHARED_REASON
from vndiplo.evaluate import format_report, load_gold, read_predictions, score

DATA = Path(__file__).parent / "data" / "eval"
VNDIPLO = str(Path(sys.executable).with_name("vndiplo"))


def _without_misses(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "misses"}


def _damaged(pred: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """A copy of the predictions with every kind of mistake the matching rules weigh: records lost,
    dates cut to the month, values off by 0.5% and 5%, other kinds, parties and names, duplicates."""
    out = {}
    for d, recs in pred.items():
        new = []
        for i, r in enumerate(copy.deepcopy(recs)):
            if i % 5 == 4:
                continue
            if r["type"] == "event" and i % 3 == 0 and r.get("date"):
                r["date"] = r["date"][:7]
            if r["type"] == "event" and i % 4 == 1:
                r["kind"] = "meeting" if r.get("kind") != "meeting" else "talks"
            if r["type"] == "figure" and isinstance(r.get("value"), (int, float)):
                r["value"] = r["value"] * (1.005 if i % 2 else 1.05)
            if r["type"] in ("mechanism", "relation") and i % 3 == 1:
                r["parties"] = sorted({*(r.get("parties") or []), "US"})
            if r["type"] == "person" and i % 3 == 2 and r.get("name"):
                r["name"] = r["name"].split()[-1]
            new.append(r)
            if i % 7 == 3:
                new.append(copy.deepcopy(r))
        out[d] = new
    return out


def _write_jsonl(pred: dict[str, list[dict]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for recs in pred.values():
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        fh.write("not json\n{\"type\": \"unknown\", \"doc\": \"x\"}\n")  # two unreadable lines
    return path


_PREDICTED: dict[str, dict] = {}


def _predicted(name: str) -> dict[str, list[dict]]:
    """The set's predictions, extracted once per run (each set is scored twice)."""
    if name not in _PREDICTED:
        _PREDICTED[name] = gate.predict(gate.SETS[name][0])
    return copy.deepcopy(_PREDICTED[name])


def _reference(gold: Path, pred_file: Path) -> dict:
    """The benchmark scorer's report, from its own process."""
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold),
                        "--pred", str(pred_file), "--json"], capture_output=True, text=True, check=True)
    return json.loads(r.stdout[:r.stdout.rindex("macro_f1=")])


def test_own_set_scores_as_the_pinned_reference_report():
    pred_file = DATA / "own_pred.jsonl"
    with pred_file.open(encoding="utf-8") as fh:
        pred = read_predictions(fh)
    report = score(load_gold(OWN / "gold"), pred.records)
    report["unreadable_lines"] = pred.unreadable
    expected = json.loads((DATA / "own_expected.json").read_text(encoding="utf-8"))
    assert _without_misses(report) == expected
    assert expected["event"]["matched"] > 50 and 0 < expected["macro_f1"] < 1


@pytest.mark.skipif(not HAVE_SHARED, reason=SHARED_REASON)
@pytest.mark.parametrize("name", sorted(gate.SETS))
@pytest.mark.parametrize("damage", [False, True], ids=["as-extracted", "damaged"])
def test_agrees_with_the_benchmark_scorer(name, damage, tmp_path):
    corpus, gold = gate.SETS[name]
    pred = _predicted(name)
    if damage:
        pred = _damaged(pred)
    pred_file = _write_jsonl(pred, tmp_path / "pred.jsonl")
    with pred_file.open(encoding="utf-8") as fh:
        mine = read_predictions(fh)
    report = score(load_gold(gold), mine.records)
    report["unreadable_lines"] = mine.unreadable
    expected = _reference(gold, pred_file)
    assert expected["unreadable_lines"] == 2
    assert sum(expected[t]["matched"] for t in gate.TYPES) > 0
    assert _without_misses(report) == expected


def test_misses_name_what_was_lost_with_its_evidence():
    gold = load_gold(OWN / "gold")
    doc = sorted(gold)[0]
    recs = [dict(r, doc=doc) for r in gold[doc]]
    lost = next(r for r in recs if r["type"] == "event")
    kept = [r for r in recs if r is not lost]
    wrong = next(r for r in kept if r["type"] == "person")
    wrong["country"] = "ZZ"
    report = score({doc: gold[doc]}, {doc: kept + [{"type": "relation", "doc": doc, "parties": ["VN", "ZZ"],
                                                     "level": "other", "evidence": "invented"}]})
    kinds = {(m["miss"], m["type"]) for m in report["misses"]}
    assert kinds == {("not_found", "event"), ("wrong_field", "person"), ("not_in_gold", "relation")}
    (nf,) = [m for m in report["misses"] if m["miss"] == "not_found"]
    assert nf["evidence"] == lost["evidence"] and nf["doc"] == doc
    text = format_report(report)
    assert "not found" in text and lost["evidence"].split()[0] in text and text.endswith("macro_f1=%.3f\n"
                                                                                          % report["macro_f1"])


def _vndiplo(*args, stdin=None, env=None):
    return subprocess.run([VNDIPLO, *args], input=stdin, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})}, cwd=ROOT)


def test_eval_command_scores_a_file_stdin_and_a_store(tmp_path):
    pred = (DATA / "own_pred.jsonl").read_text(encoding="utf-8")
    expected = json.loads((DATA / "own_expected.json").read_text(encoding="utf-8"))
    gold = str(OWN / "gold")
    r = _vndiplo("eval", "--gold", gold, "--pred", str(DATA / "own_pred.jsonl"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == f"macro_f1={expected['macro_f1']:.3f}"
    assert "misses (" in r.stdout and "“" in r.stdout  # misses, each with its evidence
    r = _vndiplo("eval", "--gold", gold, "--pred", "-", "--json", stdin=pred)
    assert r.returncode == 0, r.stderr
    assert _without_misses(json.loads(r.stdout)) == expected
    # the store: the own corpus ingested and extracted, scored from its stored facts
    db = str(tmp_path / "own.db")
    assert _vndiplo("ingest", str(OWN / "corpus"), "--db", db).returncode == 0
    assert _vndiplo("extract", "--db", db).returncode == 0
    live = subprocess.run([VNDIPLO, "extract", str(OWN / "corpus"), "--format", "records"], capture_output=True,
                          text=True, check=True).stdout
    from_file = json.loads(_vndiplo("eval", "--gold", gold, "--pred", "-", "--json", stdin=live).stdout)
    r = _vndiplo("eval", "--gold", gold, "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    from_store = json.loads(r.stdout)
    assert from_store["event"]["gold"] > 0
    for t in gate.TYPES:
        assert from_store[t]["matched"] == from_file[t]["matched"], t


def test_eval_command_usage_errors(tmp_path):
    gold = str(OWN / "gold")
    for args in (["--gold", gold], ["--gold", gold, "--pred", "x", "--db", "y"],
                 ["--gold", str(tmp_path / "none"), "--pred", "-"], ["--gold", gold, "--pred", str(tmp_path / "no")]):
        r = _vndiplo("eval", *args, stdin="")
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert r.stderr.startswith("error:") and "Traceback" not in r.stderr
    r = _vndiplo("eval", "--gold", gold, "--db", str(tmp_path / "missing.db"))
    assert r.returncode == 1 and "no store" in r.stderr
    assert not (tmp_path / "missing.db").exists()
