"""Every `vndiplo` command the README shows runs, as shown, on the demo store (scripts/demo.sh)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
# Commands the README shows that this test does not run, and why.
NOT_RUN = {
    "serve": "a server that runs until stopped (tests/serve/test_server*.py start it)",
    "spark-extract": "starts a Spark session (tests/scale/ run it)",
    "load": "needs a spark-extract output (tests/scale/ run it)",
    # tests reach no site on the internet: tests/gather/ run these against a local news site
    "fetch": "downloads from a news site on the internet (tests/gather/ run it on a local site)",
    "crawl": "downloads from a news site on the internet (tests/gather/ run it on a local site)",
    "sources": "the sources the README adds are news sites on the internet (tests/gather/ run it)",
    "watch": "crawls the listed news sites on the internet (tests/gather/ run it)",
}


def readme_commands() -> list[str]:
    """The lines of the README's bash blocks that run vndiplo, without their trailing comments."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if re.search(r"(^|\| )vndiplo ", line):
                out.append(line)
    return out


COMMANDS = readme_commands()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo store, built by the README's demo script, in a folder where the README's relative
    paths (examples/, eval/) lead to the repository's."""
    work = tmp_path_factory.mktemp("readme")
    for name in ("examples", "eval"):
        (work / name).symlink_to(ROOT / name)
    db = work / "vndiplo.db"
    r = subprocess.run(["bash", str(ROOT / "scripts" / "demo.sh")], env={**os.environ, "VNDIPLO_DB": str(db)},
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    assert "documents" in r.stdout
    return work, db


def test_the_readme_shows_the_commands():
    names = {re.search(r"vndiplo ([a-z-]+)", c)[1] for c in COMMANDS}
    assert {"ingest", "extract", "search", "events", "event", "country", "export", "eval", "serve"} <= names


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs_on_the_demo_store(command, demo):
    work, db = demo
    name = re.search(r"vndiplo ([a-z-]+)", command)[1]
    if name in NOT_RUN:
        pytest.skip(NOT_RUN[name])
    env = {**os.environ, "VNDIPLO_DB": str(db), "PATH": f"{BIN}:{os.environ['PATH']}"}
    if name == "event":  # the README's id is an example: take one the store has
        events = json.loads(subprocess.run([str(BIN / "vndiplo"), "events", "--json"], env=env, cwd=work,
                                           capture_output=True, text=True, check=True).stdout)
        command = re.sub(r"event \d+", f"event {events['items'][0]['id']}", command)
    r = subprocess.run(["bash", "-o", "pipefail", "-c", command], env=env, cwd=work, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, f"{command}\n{r.stderr}"
    assert "Traceback" not in r.stderr
    produced = r.stdout.strip() or any(f.is_file() and f.stat().st_size for f in work.iterdir())
    assert produced or r.stderr.strip(), command  # every command says or writes something
