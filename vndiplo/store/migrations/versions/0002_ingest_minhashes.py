"""ingest: MinHash signatures of documents, kept for near-duplicate search across runs

Revision ID: 0002_ingest
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_ingest'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_minhashes',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('num_perm', sa.Integer(), nullable=False),
    sa.Column('hashvalues', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_minhashes_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_document_minhashes'))
    )


def downgrade() -> None:
    op.drop_table('document_minhashes')
