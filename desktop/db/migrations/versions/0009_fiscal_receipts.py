"""fiscal receipts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 23:35:00.000000

Issue 12: one row per receipt or shift document sent to the point's cash register (ATOL driver v10's web
server), written pending before the register is asked and keyed by its idempotency ref.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fiscal_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('ref', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('total_kopecks', sa.Integer(), nullable=False),
    sa.Column('task', sa.JSON(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('error', sa.String(length=500), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('created_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.Column('done_at', protocol.coltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fiscal_receipts')),
    sa.UniqueConstraint('ref', name=op.f('uq_fiscal_receipts_ref')),
    sa.UniqueConstraint('uuid', name=op.f('uq_fiscal_receipts_uuid'))
    )
    with op.batch_alter_table('fiscal_receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fiscal_receipts_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_fiscal_receipts_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fiscal_receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fiscal_receipts_status'))
        batch_op.drop_index(batch_op.f('ix_fiscal_receipts_created_at'))

    op.drop_table('fiscal_receipts')
