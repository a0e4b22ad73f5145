"""Score this branch's extractors on the seed gold with the shared scorer (tests' helper)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path


from vndiplo.extract.doc import analyze
from vndiplo.read import read_file


def _shared() -> Path:
    """The shared corpus and scorer (found once, in tests/conftest.py); skips the test without it."""
    from tests.conftest import SHARED, require_shared

    require_shared()
    return SHARED




def scorer():
    spec = importlib.util.spec_from_file_location("vndiplo_eval_score", _shared() / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def seed_docs():
    """(doc id, analysed Doc) of every seed page, through the real loader."""
    for path in sorted((_shared() / "corpus" / "seeds").glob("*.txt")):
        (d,) = read_file(path)
        yield d.doc_id, analyze(d.text, d.published, d.title)


def seed_f1(kind: str, extract) -> dict:
    """The shared scorer's report for one record type, extracting with `extract(doc)`."""
    mod = scorer()
    gold = mod.load_gold(_shared() / "eval" / "gold" / "seeds")
    pred: dict[str, list] = {}
    for doc_id, doc in seed_docs():
        pred[doc_id] = [json.loads(json.dumps(f.to_record(doc_id), ensure_ascii=False)) for f in extract(doc)]
    return mod.score(gold, pred)[kind]
