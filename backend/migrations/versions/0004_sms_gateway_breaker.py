"""the SMS gateway circuit breaker: an account-level error pauses the whole gateway

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sms_gateway_state',
        sa.Column('gateway', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.String(length=16), nullable=True),
        sa.Column('paused_until', protocol.coltypes.UTCDateTime(), nullable=True),
        sa.Column('since', protocol.coltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('gateway'),
    )


def downgrade() -> None:
    op.drop_table('sms_gateway_state')
