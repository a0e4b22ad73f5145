"""The quality gate: seed scores may not fall below the floors pinned in eval/baseline.json."""
import json

import pytest

from eval import gate


@pytest.fixture(scope="module")
def seeds_result():
    return gate.evaluate("seeds")


@pytest.mark.parametrize("name", sorted(gate.SETS))
def test_scores_hold_their_pinned_floors(name):
    pinned = json.loads(gate.BASELINE.read_text())[name]
    assert gate.check(gate.evaluate(name), pinned) == []


def test_gate_reports_a_drop_in_any_type(seeds_result):
    pinned = {"digest": seeds_result["digest"], **{t: seeds_result[t] for t in gate.TYPES}}
    pinned["figure"] = seeds_result["figure"] + 0.01
    problems = gate.check(seeds_result, pinned)
    assert len(problems) == 1 and problems[0].startswith("figure:")


def test_gate_refuses_floors_pinned_on_other_gold(seeds_result):
    pinned = {"digest": "0" * 64, **{t: 0.0 for t in gate.TYPES}}
    assert "changed" in gate.check(seeds_result, pinned)[0]


def test_repinning_never_lowers_a_floor_unless_allowed(seeds_result):
    pinned = {"digest": seeds_result["digest"], "macro_f1": 1.0, **{t: 1.0 for t in gate.TYPES}}
    assert gate.pin(seeds_result, pinned, allow_regression=False)["event"] == 1.0
    assert gate.pin(seeds_result, pinned, allow_regression=True)["event"] == seeds_result["event"]
