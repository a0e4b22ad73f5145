"""Shared fixtures: paths to the shared corpus and gold, stores on SQLite and on a real PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from vndiplo.evaluate import find_shared

os.environ.setdefault("VNDIPLO_STRICT", "1")  # an extractor bug fails the test instead of being logged

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
OWN = ROOT / "eval" / "own"  # the repository's own annotated articles (corpus/ + gold/): always here


SHARED = find_shared(ROOT)  # VNDIPLO_SHARED, else ../shared or ../../shared
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds"
# Tests that read the shared seed pages, dev set or scorer run when it is there (as in CI) and are
# skipped otherwise, all with this one reason; everything else uses data in the repository.
HAVE_SHARED = SEEDS.is_dir() and GOLD.is_dir() and (SHARED / "eval" / "score.py").is_file()
SHARED_REASON = f"the shared corpus is not here ({SHARED}; set VNDIPLO_SHARED to use one)"
needs_shared = pytest.mark.skipif(not HAVE_SHARED, reason=SHARED_REASON)


def require_shared() -> None:
    """Skip the calling test, fixture or (at import) whole module when the shared corpus is absent."""
    if not HAVE_SHARED:
        pytest.skip(SHARED_REASON, allow_module_level=True)


def seed_path(prefix: str) -> Path:
    """The seed page whose file name starts with `prefix` (e.g. "000"); skips without the shared corpus."""
    require_shared()
    (p,) = SEEDS.glob(f"{prefix}_*")
    return p


def pytest_report_header(config):
    return f"shared corpus: {SHARED if HAVE_SHARED else 'absent, tests that need it are skipped'}"


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
