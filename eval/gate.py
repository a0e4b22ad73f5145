#!/usr/bin/env python3
"""The extraction quality gate: score the annotated sets and compare with pinned floors.

    python eval/gate.py              # every set there is: report, exit 1 if a type fell below its floor
    python eval/gate.py --set own    # one set
    python eval/gate.py --update     # pin the current scores as floors (never lowers one...)
    python eval/gate.py --update --allow-regression   # ...unless told to

Three sets: `own` (eval/own: articles written in our own words and annotated by hand, in the
repository, always scored), and from the shared benchmark beside the checkout (../shared, or where
VNDIPLO_SHARED points) `seeds` (the five development pages) and `dev` (the development set); the
shared ones are skipped, saying so, when the benchmark is absent.

The scorer is vndiplo's own (`vndiplo eval`, vndiplo/evaluate), which agrees with the benchmark's
score.py (tests/test_evaluate.py checks it). baseline.json also pins a SHA-256 of the gold and
inputs of each set: when they change, the floors are stale and the gate says so instead of comparing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # vndiplo from this checkout
from vndiplo.evaluate import TYPES, find_shared  # noqa: E402

BASELINE = Path(__file__).resolve().parent / "baseline.json"
OWN = Path(__file__).resolve().parent / "own"
SHARED = find_shared(ROOT)
# name -> (corpus folder, gold folder)
SETS = {
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "eval" / "gold" / "seeds"),
    "dev": (SHARED / "corpus" / "dev" / "input", SHARED / "eval" / "gold" / "dev"),
    "own": (OWN / "corpus", OWN / "gold"),
}
SHARED_SETS = ("seeds", "dev")
MARGIN = 0.0  # extraction is deterministic: any drop is a regression


def available(name: str) -> bool:
    corpus, gold = SETS[name]
    return corpus.is_dir() and gold.is_dir()


def digest(corpus: Path, gold: Path) -> str:
    h = hashlib.sha256()
    for f in sorted([*corpus.glob("*"), *gold.glob("*.json")]):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def predict(corpus: Path) -> dict[str, list[dict]]:
    """Records per document, through the same path as `vndiplo extract PATH --format records`."""
    from vndiplo.extract.pipeline import extract
    from vndiplo.read import ReadError, iter_documents

    out: dict[str, list[dict]] = {}
    for item in iter_documents([corpus]):
        if isinstance(item, ReadError):
            raise SystemExit(f"gate: cannot read {item}")
        out.setdefault(item.doc_id, []).extend(
            json.loads(json.dumps(f.to_record(item.doc_id), ensure_ascii=False))
            for f in extract(item.text, item.published, item.title))
    return {doc: recs for doc, recs in out.items() if recs}  # as read back from JSON Lines


def evaluate(name: str) -> dict:
    """The set's scores (per type F1 and macro F1), its digest, the full report and the predictions."""
    from vndiplo.evaluate import load_gold, score

    corpus, gold_dir = SETS[name]
    predictions = predict(corpus)
    report = score(load_gold(gold_dir), predictions)
    return {"digest": digest(corpus, gold_dir), "macro_f1": report["macro_f1"],
            **{t: report[t]["f1"] for t in TYPES}, "report": report, "predictions": predictions}


def check(result: dict, pinned: dict) -> list[str]:
    """Regressions of `result` against `pinned` floors (empty when the gate passes)."""
    if not pinned:
        return ["no floors pinned for this set: pin them with --update"]
    if pinned.get("digest") != result["digest"]:
        return ["gold or inputs changed since the floors were pinned: re-pin with --update"]
    return [f"{k}: {result[k]:.3f} < floor {pinned[k]:.3f}"
            for k in (*TYPES, "macro_f1") if result[k] + MARGIN < pinned.get(k, 0.0)]


def pin(result: dict, pinned: dict, allow_regression: bool) -> dict:
    new = {k: result[k] for k in (*TYPES, "macro_f1")}
    if not allow_regression and pinned.get("digest") == result["digest"]:
        new = {k: max(v, pinned.get(k, 0.0)) for k, v in new.items()}
    return {"digest": result["digest"], **new}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), action="append",
                    help="a set to score (repeatable; default: every set there is)")
    ap.add_argument("--details", action="store_true", help="print the full report, misses included")
    ap.add_argument("--update", action="store_true", help="pin the current scores as floors")
    ap.add_argument("--allow-regression", action="store_true", help="with --update: allow lowering floors")
    args = ap.parse_args(argv)
    from vndiplo.evaluate import format_report

    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    problems = []
    for name in args.set or list(SETS):
        if not available(name):
            print(f"{name}: skipped, the shared benchmark is not here ({SHARED}; set VNDIPLO_SHARED)")
            if args.set:
                problems.append(f"{name}: not found")
            continue
        result = evaluate(name)
        pinned = baseline.get(name, {})
        print(f"{name}: " + " ".join(f"{k}={result[k]:.3f}" for k in (*TYPES, "macro_f1")))
        if args.details:
            print(format_report(result["report"]))
        if args.update:
            baseline[name] = pin(result, pinned, args.allow_regression)
            print(f"pinned {name} floors in {BASELINE.name}")
            continue
        problems += [f"{name} {p}" for p in check(result, pinned)]
    if args.update:
        BASELINE.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n")
    for p in problems:
        print("REGRESSION " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
