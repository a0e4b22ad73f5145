"""resolved entities (persons, events, commitments, mechanisms, relations) and full-text search

Revision ID: 0002_store
Revises: 0001

SQLite gets an FTS5 table over search_entries.key kept in step by triggers;
PostgreSQL a generated tsvector column with a GIN index. Both index text
already folded by vndiplo.text.search_key (no marks, đ -> d, lower case).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_store'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=512), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=64), nullable=True),
    sa.Column('date_start', sa.String(length=10), nullable=True),
    sa.Column('date_end', sa.String(length=10), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities'))
    )
    op.create_index('ix_entities_type_key', 'entities', ['type', 'key'])
    op.create_index('ix_entities_type_date', 'entities', ['type', 'date_start'])

    op.create_table('entity_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_sources_entity_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], name=op.f('fk_entity_sources_fact_id_facts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_entity_sources_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_sources')),
    sa.UniqueConstraint('entity_id', 'fact_id', 'role', 'ordinal', name='uq_entity_sources_link')
    )
    op.create_index('ix_entity_sources_entity_id', 'entity_sources', ['entity_id'])
    op.create_index('ix_entity_sources_document_id', 'entity_sources', ['document_id'])
    op.create_index('ix_entity_sources_fact', 'entity_sources', ['fact_id'])

    op.create_table('entity_countries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('entity_type', sa.String(length=16), nullable=False),
    sa.Column('country', sa.String(length=16), nullable=False),
    sa.Column('date_start', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_countries_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_countries'))
    )
    op.create_index('ix_entity_countries_entity_id', 'entity_countries', ['entity_id'])
    op.create_index('ix_entity_countries_country_date', 'entity_countries',
                    ['country', 'entity_type', 'date_start', 'entity_id'])

    op.create_table('person_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=16), nullable=True),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('role_key', sa.String(length=255), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['entities.id'], name=op.f('fk_person_roles_person_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['entity_sources.id'], name=op.f('fk_person_roles_source_id_entity_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_roles'))
    )
    op.create_index('ix_person_roles_person_id', 'person_roles', ['person_id'])
    op.create_index('ix_person_roles_source_id', 'person_roles', ['source_id'])
    op.create_index('ix_person_roles_country_role_date', 'person_roles', ['country', 'role_key', 'date'])

    op.create_table('search_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_search_entries_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], name=op.f('fk_search_entries_fact_id_facts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entries'))
    )
    op.create_index('ix_search_entries_document_id', 'search_entries', ['document_id'])
    op.create_index('ix_search_entries_fact_id', 'search_entries', ['fact_id'])

    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        # External-content FTS5: the folded text lives once, in search_entries.
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5("
                   "key, content='search_entries', content_rowid='id', "
                   "tokenize='unicode61 remove_diacritics 0')")
        op.execute("CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
                   "INSERT INTO search_fts(rowid, key) VALUES (new.id, new.key); END")
        op.execute("CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
                   "INSERT INTO search_fts(search_fts, rowid, key) VALUES ('delete', old.id, old.key); END")
        op.execute("CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
                   "INSERT INTO search_fts(search_fts, rowid, key) VALUES ('delete', old.id, old.key); "
                   "INSERT INTO search_fts(rowid, key) VALUES (new.id, new.key); END")
    elif dialect == 'postgresql':
        # Punctuation becomes space before parsing, so "2,2" reads as two tokens as on SQLite.
        op.execute("ALTER TABLE search_entries ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('simple'::regconfig, regexp_replace(key, '[^[:alnum:]]+', ' ', 'g'))) STORED")
        op.execute("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for t in ('search_entries_ai', 'search_entries_ad', 'search_entries_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {t}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table('search_entries')
    op.drop_table('person_roles')
    op.drop_table('entity_countries')
    op.drop_table('entity_sources')
    op.drop_table('entities')
