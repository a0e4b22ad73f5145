"""event facets: the levels of an event's participants and its venue, one row per value

Revision ID: 0005_views
Revises: 0004_acquire

The events list filters by level (head of state or government, minister,
deputy, party, assembly, province) and venue (bilateral, multilateral). These
are derived from an event's participants' roles (titles.tsv `level`) and its
occasion by `vndiplo.resolve.facets` whenever the resolver writes an event,
and stored here so the filters page in SQL: a listed event is probed on
(entity_id, facet, value), and (facet, value, entity_id) lists the events of a value.
An index on entities (type, n_sources, date_start) serves the list sorted by sources, one on
documents (near_duplicate_of) the documents list's near-duplicates.
Events resolved before this migration get their rows here.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_views'
down_revision = '0004_acquire'  # after the acquisition tables (linearised at merge)
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('event_facets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('facet', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_event_facets_entity_id_entities'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_facets'))
    )
    op.create_index('ix_event_facets_entity', 'event_facets', ['entity_id', 'facet', 'value'])
    op.create_index('ix_event_facets_facet_value', 'event_facets', ['facet', 'value', 'entity_id'])
    # The events list sorted by how many sources report each event, read in index order.
    op.create_index('ix_entities_type_sources', 'entities', ['type', 'n_sources', 'date_start'])
    # The documents list names, for each document of a page, the later ones that nearly duplicate it.
    op.create_index('ix_documents_near_duplicate_of', 'documents', ['near_duplicate_of'])
    _backfill()


def _backfill() -> None:
    from vndiplo.resolve.facets import event_facets

    bind = op.get_bind()
    entities = sa.table('entities', sa.column('id', sa.Integer), sa.column('type', sa.String),
                        sa.column('data', sa.JSON))
    facets = sa.table('event_facets', sa.column('entity_id', sa.Integer), sa.column('facet', sa.String),
                      sa.column('value', sa.String))
    rows = []
    for eid, data in bind.execute(sa.select(entities.c.id, entities.c.data).where(entities.c.type == 'event')):
        rows += [{"entity_id": eid, "facet": f, "value": v} for f, v in event_facets(data or {})]
        if len(rows) >= 5000:
            bind.execute(facets.insert(), rows)
            rows = []
    if rows:
        bind.execute(facets.insert(), rows)


def downgrade() -> None:
    op.drop_index('ix_documents_near_duplicate_of', table_name='documents')
    op.drop_index('ix_entities_type_sources', table_name='entities')
    op.drop_index('ix_event_facets_facet_value', table_name='event_facets')
    op.drop_index('ix_event_facets_entity', table_name='event_facets')
    op.drop_table('event_facets')
