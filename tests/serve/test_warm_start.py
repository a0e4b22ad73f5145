"""A server started by `vndiplo serve` warms its first pages after it listens, answers the same as one
that does not, and survives a warm-up that fails; a store at the newest revision is not migrated in a
forked child (nothing to do), one behind it is."""
from __future__ import annotations

import gc
from importlib import resources

from fastapi.testclient import TestClient

from vndiplo.serve import memo, queries
from vndiplo.serve.api import create_app
from vndiplo.serve.commands.web import _migrate_in_child
from vndiplo.store import open_store
from vndiplo.store.db import HEAD_REVISION
from vndiplo.store.version import store_version

PAGES = ["/", "/api/countries", "/api/events?limit=10", "/api/anniversaries?days=120", "/countries/KH"]


def _kept(store) -> set:
    """The keys memo holds for the store's current version."""
    with store.session() as s:
        held = memo._MEMO.get(s.get_bind())
        return set(held[1]) if held and held[0] == store_version(s) else set()


def test_warm_up_builds_the_first_pages_values_and_changes_no_answer(seeded):
    cold = create_app(store=seeded, cache_mb=0)
    assert cold.state.warmed.is_set()  # nothing to wait for without warm-up
    with TestClient(cold) as c:
        want = {p: c.get(p).text for p in PAGES}
    memo._MEMO.clear()
    app = create_app(store=seeded, cache_mb=0, warm=True)
    assert not app.state.warmed.is_set()
    gc.unfreeze()
    with TestClient(app) as c:  # the startup handler starts the warm-up
        assert app.state.warmed.wait(60)
        assert "countries" in _kept(seeded) and "anniversaries" in _kept(seeded)
        assert gc.get_freeze_count() > 0  # the start-up's objects are out of the collector's walks
        got = {p: c.get(p).text for p in PAGES}
    gc.unfreeze()  # the test process goes on collecting as before
    assert got == want


def test_a_failing_warm_up_leaves_a_working_server(seeded, monkeypatch, caplog):
    def broken(s):
        raise RuntimeError("no countries today")

    monkeypatch.setattr(queries, "list_countries", broken)
    memo._MEMO.clear()
    app = create_app(store=seeded, cache_mb=0, warm=True)
    with TestClient(app) as c:
        assert app.state.warmed.wait(60)
        monkeypatch.undo()
        assert c.get("/").status_code == 200
    gc.unfreeze()
    assert "warming the first pages failed" in caplog.text


def test_no_child_is_forked_for_a_store_at_the_head(tmp_path, monkeypatch):
    import multiprocessing

    db = str(tmp_path / "s.db")
    open_store(db).close()

    def no_fork(*a, **k):
        raise AssertionError("forked a migration child for a store at the head")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    assert _migrate_in_child(db) is None
    monkeypatch.undo()
    # Behind the head: the child migrates it.
    from alembic import command
    from alembic.config import Config

    store = open_store(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("vndiplo.store") / "migrations"))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005_views")
    assert store.revision() == "0005_views"
    assert _migrate_in_child(db) is None
    assert store.revision() == HEAD_REVISION
    store.close()
