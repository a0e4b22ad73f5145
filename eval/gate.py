#!/usr/bin/env python3
"""The extraction quality gate: score the seed pages and compare with pinned floors.

    python eval/gate.py              # report, exit 1 if a type fell below its floor
    python eval/gate.py --update     # pin the current scores as floors (never lowers one...)
    python eval/gate.py --update --allow-regression   # ...unless told to

The scorer is the shared one (../shared/eval/score.py), so the gate cannot drift
from the benchmark. baseline.json also pins a SHA-256 of the gold and inputs: when
they change, the floors are stale and the gate says so instead of comparing.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the shared corpus and scorer: where VNDIPLO_SHARED points, else beside the checkout (as in tests/conftest.py)
SHARED = Path(os.environ["VNDIPLO_SHARED"]) if os.environ.get("VNDIPLO_SHARED") else ROOT.parent / "shared"
BASELINE = Path(__file__).resolve().parent / "baseline.json"
OWN = Path(__file__).resolve().parent / "own"
# seeds: the shared development pages; own: articles we wrote in our own words, in styles the seeds
# lack, annotated apart from the rules (a stand-in for the held-out set).
SETS = {
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "eval" / "gold" / "seeds"),
    "own": (OWN / "corpus", OWN / "gold"),
}
TYPES = ("event", "person", "figure", "anniversary", "mechanism", "relation")
MARGIN = 0.0  # extraction is deterministic: any drop is a regression


def load_scorer():
    spec = importlib.util.spec_from_file_location("vndiplo_shared_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def digest(corpus: Path, gold: Path) -> str:
    h = hashlib.sha256()
    for f in sorted([*corpus.glob("*"), *gold.glob("*.json")]):
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
    return out


def evaluate(name: str) -> dict:
    corpus, gold_dir = SETS[name]
    scorer = load_scorer()
    report = scorer.score(scorer.load_gold(gold_dir), predict(corpus))
    return {"digest": digest(corpus, gold_dir), "macro_f1": report["macro_f1"],
            **{t: report[t]["f1"] for t in TYPES}, "report": report}


def check(result: dict, pinned: dict) -> list[str]:
    """Regressions of `result` against `pinned` floors (empty when the gate passes)."""
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
    ap.add_argument("--set", default="seeds", choices=sorted(SETS))
    ap.add_argument("--details", action="store_true", help="print the scorer's full report")
    ap.add_argument("--update", action="store_true", help="pin the current scores as floors")
    ap.add_argument("--allow-regression", action="store_true", help="with --update: allow lowering floors")
    args = ap.parse_args(argv)
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    result = evaluate(args.set)
    pinned = baseline.get(args.set, {})
    print(" ".join(f"{k}={result[k]:.3f}" for k in (*TYPES, "macro_f1")))
    if args.details:
        print(json.dumps(result["report"], ensure_ascii=False, indent=1))
    if args.update:
        baseline[args.set] = pin(result, pinned, args.allow_regression)
        BASELINE.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n")
        print(f"pinned {args.set} floors in {BASELINE.name}")
        return 0
    problems = check(result, pinned)
    for p in problems:
        print("REGRESSION " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
