"""The local test site, and the `vndiplo` command pointed at it with tiny pauses and limits."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tests.conftest import ROOT
from tests.gather.site import LocalSite

CONTACT = "https://vndiplo.example/lien-he"
# Small enough to keep the suite fast, large enough for a loaded machine (the slow page waits 2.5 s).
FAST = {"VNDIPLO_FETCH_DELAY": "0", "VNDIPLO_FETCH_TIMEOUT": "1", "VNDIPLO_FETCH_RETRIES": "1",
        "VNDIPLO_FETCH_BACKOFF": "0.01", "VNDIPLO_FETCH_MAX_MB": "1", "VNDIPLO_CONTACT": CONTACT}


@pytest.fixture
def site():
    s = LocalSite().start()
    yield s
    s.stop()


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def vndiplo(site: LocalSite, *args: str) -> Result:
    """The `vndiplo` command in this process (Click's runner: the real commands, without paying
    Python's start-up forty times); `vndiplo_process` runs it as a separate process."""
    from typer.testing import CliRunner

    from vndiplo.serve.cli import app

    r = CliRunner().invoke(app, list(args), env={**FAST, "VNDIPLO_PROXY": site.proxy, "COLUMNS": "300"})
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Result(r.exit_code, r.stdout, r.stderr)


def vndiplo_process(site: LocalSite, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(FAST, VNDIPLO_PROXY=site.proxy, PYTHONPATH=str(ROOT), COLUMNS="300")
    return subprocess.run([sys.executable, "-m", "vndiplo", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def counts(stderr: str) -> dict[str, int]:
    """The run's closing line ("4 found, 4 fetched, 4 stored, 2 skipped, 0 failed") as a dict."""
    line = next(ln for ln in reversed(stderr.splitlines()) if " found, " in ln)
    return {k: int(n) for n, k in re.findall(r"(\d+) (\w+)", line)}


def errors(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error:")]
