"""update rollouts: a target version (or stopped) per channel and a channel per pickup point

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:30:00

`GET /v1/update/policy` tells a counter PC the newest version its point's channel may install;
a point without a `point_channels` row is in `everyone`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'update_rollouts',
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('target_version', sa.String(length=64), nullable=True),
        sa.Column('stopped', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('updated_at', protocol.coltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('channel', name=op.f('pk_update_rollouts')),
    )
    op.create_table(
        'point_channels',
        sa.Column('point_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('updated_at', protocol.coltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['point_id'], ['points.id'], name=op.f('fk_point_channels_point_id_points')),
        sa.PrimaryKeyConstraint('point_id', name=op.f('pk_point_channels')),
    )


def downgrade() -> None:
    op.drop_table('point_channels')
    op.drop_table('update_rollouts')
