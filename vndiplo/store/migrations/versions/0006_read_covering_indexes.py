"""covering indexes for the reads that visit every match: a search's facets and order, the country counts

Revision ID: 0006_covering
Revises: 0005_views

A search counts its facets over every document that matches (vndiplo.serve.search) and orders them
by score, then document id. Reading each match's stored facets, date and id from the tables means a
B-tree visit to a wide row (the folded text, the page's text) per match: 20,000 of them for a common
word at 10^5 events. These indexes hold just those columns, so the visit reads a narrow index row:
- search_entries (id, document_id, facets), document entries only;
- documents (id, published, doc_id);
- entities (id, n_sources), for the country list's sums (every country index row joins its entity).
SQLite is told to use them (INDEXED BY) in the queries that need them; PostgreSQL needs none of
them (it ranks from the GIN index and reads the rows it must rank anyway), so they are SQLite only.
"""
from alembic import op


revision = '0006_covering'
down_revision = '0005_views'
branch_labels = None
depends_on = None

INDEXES = {
    "ix_search_entries_document_facets": "ON search_entries (id, document_id, facets) WHERE kind = 'document'",
    "ix_documents_id_published": "ON documents (id, published, doc_id)",
    "ix_entities_id_sources": "ON entities (id, n_sources)",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, spec in INDEXES.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} {spec}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
