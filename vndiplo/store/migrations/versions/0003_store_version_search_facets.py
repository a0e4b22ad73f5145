"""a store version counter kept by triggers, facet values on documents' search entries, a covering
index from facts to the entities they support

Revision ID: 0003_version_facets
Revises: 0002_store

`store_state.version` grows with every change to documents, facts or
entities, whoever writes them (the ORM, bulk COPY, a hand-run SQL statement),
so the read side can tell in one indexed row read whether anything it
cached (ETags, derived lists) is stale, instead of counting whole tables.
SQLite has row triggers only; PostgreSQL gets statement triggers (one bump
per statement, not per copied row).

`search_entries.facets` holds, for a document's entry, the facet values its
facts give (countries, kinds): a search counts facets from the rows it has
already matched. NULL means "not computed yet" (see vndiplo.store.fts).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_version_facets'
down_revision = '0002_store'
branch_labels = None
depends_on = None

TRACKED = ("documents", "facts", "entities")


def upgrade() -> None:
    op.create_table('store_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store_state'))
    )
    op.execute("INSERT INTO store_state (id, version) VALUES (1, 1)")
    op.add_column('search_entries', sa.Column('facets', sa.Text(), nullable=True))
    # Event <-> participant lookups go fact -> (role, entity) on every person and network view.
    op.drop_index('ix_entity_sources_fact', table_name='entity_sources')
    op.create_index('ix_entity_sources_fact_role', 'entity_sources', ['fact_id', 'role', 'entity_id'])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for t in TRACKED:
            for when in ("INSERT", "UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {t}_{when.lower()}_version AFTER {when} ON {t} BEGIN "
                           "UPDATE store_state SET version = version + 1 WHERE id = 1; END")
        # Re-index the FTS row only when the folded text changes, not when facets are filled in.
        op.execute("DROP TRIGGER search_entries_au")
        op.execute("CREATE TRIGGER search_entries_au AFTER UPDATE OF key ON search_entries BEGIN "
                   "INSERT INTO search_fts(search_fts, rowid, key) VALUES ('delete', old.id, old.key); "
                   "INSERT INTO search_fts(rowid, key) VALUES (new.id, new.key); END")
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE FUNCTION vndiplo_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN UPDATE store_state SET version = version + 1 WHERE id = 1; RETURN NULL; END $$")
        for t in TRACKED:
            op.execute(f"CREATE TRIGGER {t}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {t} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION vndiplo_bump_version()")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for t in TRACKED:
            for when in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {t}_{when}_version")
        op.execute("DROP TRIGGER search_entries_au")
        op.execute("CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
                   "INSERT INTO search_fts(search_fts, rowid, key) VALUES ('delete', old.id, old.key); "
                   "INSERT INTO search_fts(rowid, key) VALUES (new.id, new.key); END")
    elif bind.dialect.name == "postgresql":
        for t in TRACKED:
            op.execute(f"DROP TRIGGER IF EXISTS {t}_version ON {t}")
        op.execute("DROP FUNCTION IF EXISTS vndiplo_bump_version()")
    op.drop_index('ix_entity_sources_fact_role', table_name='entity_sources')
    op.create_index('ix_entity_sources_fact', 'entity_sources', ['fact_id'])
    op.drop_column('search_entries', 'facets')
    op.drop_table('store_state')
