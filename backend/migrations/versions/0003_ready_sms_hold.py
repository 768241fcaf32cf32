"""the «ready» SMS promise: a per-point grace period, the receiving session of each received box

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('points', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ready_sms_grace_minutes', sa.Integer(), server_default='10', nullable=False))
    with op.batch_alter_table('boxes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('received_session', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_boxes_received_session'), ['received_session'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('boxes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_boxes_received_session'))
        batch_op.drop_column('received_session')
    with op.batch_alter_table('points', schema=None) as batch_op:
        batch_op.drop_column('ready_sms_grace_minutes')
