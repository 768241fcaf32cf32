"""the pickup-code pool: codes hashed ahead of time by the background filler (backend/code_pool.py)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 03:25:00

Issue 14: an arrival takes a code already hashed instead of running scrypt inside its batch.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('code_pool',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('cost', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('code_hash', sa.String(length=128), nullable=False),
    sa.Column('created_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['points.id'], name=op.f('fk_code_pool_point_id_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_code_pool'))
    )
    with op.batch_alter_table('code_pool', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_code_pool_point_id'), ['point_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('code_pool', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_code_pool_point_id'))
    op.drop_table('code_pool')
