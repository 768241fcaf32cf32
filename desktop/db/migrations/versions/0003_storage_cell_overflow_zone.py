"""storage cells: the point's overflow zone

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 15:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('storage_cells', schema=None) as batch_op:
        batch_op.add_column(sa.Column('overflow', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('storage_cells', schema=None) as batch_op:
        batch_op.drop_column('overflow')
