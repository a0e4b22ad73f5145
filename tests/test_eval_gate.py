"""The quality gate: scores may not fall below the floors pinned in eval/baseline.json.

`own` (in the repository) is always scored; `seeds` and `dev` need the shared benchmark."""
import json

import pytest

from eval import gate
from tests.conftest import SHARED_REASON


@pytest.fixture(scope="module")
def own_result():
    return gate.evaluate("own")


@pytest.mark.parametrize("name", sorted(gate.SETS))
def test_scores_hold_their_pinned_floors(name, own_result):
    if not gate.available(name):
        pytest.skip(SHARED_REASON)
    pinned = json.loads(gate.BASELINE.read_text())[name]
    result = own_result if name == "own" else gate.evaluate(name)
    assert result["report"]["event"]["gold"] > 0  # the set was really scored
    assert gate.check(result, pinned) == []


def test_gate_reports_a_drop_in_any_type(own_result):
    pinned = {"digest": own_result["digest"], **{t: own_result[t] for t in gate.TYPES}}
    pinned["figure"] = own_result["figure"] + 0.01
    problems = gate.check(own_result, pinned)
    assert len(problems) == 1 and problems[0].startswith("figure:")


def test_gate_refuses_floors_pinned_on_other_gold(own_result):
    pinned = {"digest": "0" * 64, **{t: 0.0 for t in gate.TYPES}}
    assert "changed" in gate.check(own_result, pinned)[0]


def test_repinning_never_lowers_a_floor_unless_allowed(own_result):
    pinned = {"digest": own_result["digest"], "macro_f1": 1.0, **{t: 1.0 for t in gate.TYPES}}
    assert gate.pin(own_result, pinned, allow_regression=False)["event"] == 1.0
    assert gate.pin(own_result, pinned, allow_regression=True)["event"] == own_result["event"]


def test_gate_without_the_shared_benchmark_scores_own_and_says_what_it_skipped(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "VNDIPLO_SHARED": str(tmp_path)}
    r = subprocess.run([sys.executable, str(gate.ROOT / "eval" / "gate.py")], env=env, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["seeds", "dev", "own"]
    assert "skipped" in lines[0] and "skipped" in lines[1]
    assert lines[2].startswith("own: event=") and "macro_f1=" in lines[2]
