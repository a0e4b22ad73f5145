"""a store version counter kept by triggers, facet values on documents' search entries, a full-text
index of documents alone, a covering index from facts to the entities they support

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

Document search ranks documents only, so it gets an index of its own
(SQLite: an FTS5 table over the document entries, kept by triggers;
PostgreSQL: a partial GIN index): ranking no longer scores every matching
fact only to throw it away.
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
        op.execute("CREATE VIRTUAL TABLE document_fts USING fts5("
                   "key, content='search_entries', content_rowid='id', tokenize='unicode61 remove_diacritics 0')")
        op.execute("INSERT INTO document_fts(rowid, key) SELECT id, key FROM search_entries WHERE kind = 'document'")
        op.execute("CREATE TRIGGER document_fts_ai AFTER INSERT ON search_entries WHEN new.kind = 'document' BEGIN "
                   "INSERT INTO document_fts(rowid, key) VALUES (new.id, new.key); END")
        op.execute("CREATE TRIGGER document_fts_ad AFTER DELETE ON search_entries WHEN old.kind = 'document' BEGIN "
                   "INSERT INTO document_fts(document_fts, rowid, key) VALUES ('delete', old.id, old.key); END")
        op.execute("CREATE TRIGGER document_fts_au AFTER UPDATE OF key ON search_entries "
                   "WHEN new.kind = 'document' BEGIN "
                   "INSERT INTO document_fts(document_fts, rowid, key) VALUES ('delete', old.id, old.key); "
                   "INSERT INTO document_fts(rowid, key) VALUES (new.id, new.key); END")
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_search_entries_document_tsv ON search_entries USING gin (tsv) "
                   "WHERE kind = 'document'")
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
        for t in ("document_fts_ai", "document_fts_ad", "document_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {t}")
        op.execute("DROP TABLE IF EXISTS document_fts")
        op.execute("DROP TRIGGER search_entries_au")
        op.execute("CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
                   "INSERT INTO search_fts(search_fts, rowid, key) VALUES ('delete', old.id, old.key); "
                   "INSERT INTO search_fts(rowid, key) VALUES (new.id, new.key); END")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_entries_document_tsv")
        for t in TRACKED:
            op.execute(f"DROP TRIGGER IF EXISTS {t}_version ON {t}")
        op.execute("DROP FUNCTION IF EXISTS vndiplo_bump_version()")
    op.drop_index('ix_entity_sources_fact_role', table_name='entity_sources')
    op.create_index('ix_entity_sources_fact', 'entity_sources', ['fact_id'])
    op.drop_column('search_entries', 'facets')
    op.drop_table('store_state')
