"""update rollouts: a target version (or stopped) per channel and a channel per pickup point

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:30:00

`GET /v1/update/policy` tells a counter PC the newest version its point's channel may install;
a point without a `point_channels` row is in `everyone`. Both channels get their row here (no target yet), so
setting a target locks an existing row and two administrators never race to insert it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


CHANNELS = ('pilot', 'everyone')  # backend.rollout.Channel when this revision was written


def upgrade() -> None:
    rollouts = op.create_table(
        'update_rollouts',
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('target_version', sa.String(length=64), nullable=True),
        sa.Column('stopped', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('updated_at', protocol.coltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('channel', name=op.f('pk_update_rollouts')),
    )
    now = datetime.now(UTC)
    op.bulk_insert(rollouts, [{'channel': c, 'target_version': None, 'stopped': False, 'updated_at': now}
                              for c in CHANNELS])
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
