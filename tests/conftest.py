"""Shared fixtures: paths to the shared corpus and gold, stores on SQLite and on a real PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("VNDIPLO_STRICT", "1")  # an extractor bug fails the test instead of being logged

ROOT = Path(__file__).resolve().parent.parent
# The shared corpus: where VNDIPLO_SHARED points, else beside the repository (or beside the folder
# of worktrees). Every test helper takes it from here.
SHARED = next((p for p in [*([Path(os.environ["VNDIPLO_SHARED"])] if os.environ.get("VNDIPLO_SHARED") else []),
                           ROOT.parent / "shared", ROOT.parent.parent / "shared"] if (p / "corpus").is_dir()),
              ROOT.parent / "shared")
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"


def seed_path(prefix: str) -> Path:
    """The seed page whose file name starts with `prefix` (e.g. "000")."""
    (p,) = SEEDS.glob(f"{prefix}_*")
    return p


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL cluster for the whole run (skipped outside CI if none is installed)."""
    from tests.pgserver import PgServer, find_bindir

    if find_bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is required in CI but its binaries are missing")
        pytest.skip("PostgreSQL binaries not installed")
    server = PgServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty store URL on each backend: every store test runs on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'vndiplo.db'}"
    return request.getfixturevalue("pg_server").create_database()


@pytest.fixture
def store(store_url):
    from vndiplo.store import open_store

    s = open_store(store_url)
    yield s
    s.close()
