"""Opening a store already at the newest schema skips Alembic (one query), a store behind it is still
migrated, and the covering indexes of migration 0006 change no answer (SQLite and PostgreSQL)."""
from __future__ import annotations

import subprocess
import sys
from importlib import resources

from sqlalchemy import func, inspect, select, text

from tests.store_helpers import ingest_seeds_with_gold
from vndiplo.resolve import resolve_store
from vndiplo.serve import resolved
from vndiplo.store import open_store
from vndiplo.store.db import HEAD_REVISION
from vndiplo.store.entities import EntityCountryRow, EntityRow

COVERING = {"ix_search_entries_document_facets", "ix_documents_id_published", "ix_entities_id_sources"}


def _alembic(store_url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("vndiplo.store") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", store_url)
    return cfg


def test_head_revision_is_alembics_head():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(resources.files("vndiplo.store") / "migrations"))
    assert script.get_heads() == [HEAD_REVISION]


def test_a_store_behind_the_head_is_migrated_and_one_at_it_is_left_alone(store_url):
    from alembic import command

    store = open_store(store_url)
    assert store.revision() == HEAD_REVISION
    with store.engine.begin() as conn:  # back to the revision before 0006
        cfg = _alembic(store_url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005_views")
    assert store.revision() == "0005_views"
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            names = {ix for t in ("search_entries", "documents", "entities")
                     for ix in (i["name"] for i in inspect(conn).get_indexes(t))}
        assert not COVERING & names
    store.close()
    store = open_store(store_url)
    assert store.revision() == HEAD_REVISION
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            names = {ix for t in ("search_entries", "documents", "entities")
                     for ix in (i["name"] for i in inspect(conn).get_indexes(t))}
        assert COVERING <= names
    store.close()


def test_an_empty_database_has_no_revision_until_opened(store_url):
    store = open_store(store_url, migrate=False)
    assert store.revision() is None
    store.migrate()
    assert store.revision() == HEAD_REVISION
    store.close()


def test_opening_a_migrated_store_never_imports_alembic(tmp_path):
    db = tmp_path / "s.db"
    open_store(db).close()
    code = ("import sys; from vndiplo.store import open_store; s = open_store(sys.argv[1]); "
            "print(s.revision(), 'alembic' in sys.modules); s.close()")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True).stdout
    assert out.split() == [HEAD_REVISION, "False"]


def test_country_counts_equal_the_plain_join(store):
    ingest_seeds_with_gold(store)
    resolve_store(store)
    with store.session() as s:
        plain = s.execute(select(EntityCountryRow.country, EntityCountryRow.entity_type, func.sum(EntityRow.n_sources))
                          .join(EntityRow, EntityRow.id == EntityCountryRow.entity_id)
                          .group_by(EntityCountryRow.country, EntityCountryRow.entity_type)).all()
        want: dict[str, dict[str, int]] = {}
        for country, etype, n in plain:
            ftype = resolved._FACT_TYPE.get(etype)
            if ftype and n:
                want.setdefault(country, {})[ftype] = want.get(country, {}).get(ftype, 0) + int(n)
        got = resolved.country_counts(s)
        assert want and dict(got) == want
        if store.dialect == "sqlite":  # the query really goes through the covering index
            plan = " ".join(str(r) for r in s.execute(text(
                "EXPLAIN QUERY PLAN SELECT ec.country, ec.entity_type, sum(e.n_sources) FROM entity_countries ec "
                "JOIN entities e INDEXED BY ix_entities_id_sources ON e.id = ec.entity_id "
                "GROUP BY ec.country, ec.entity_type")))
            assert "ix_entities_id_sources" in plan
