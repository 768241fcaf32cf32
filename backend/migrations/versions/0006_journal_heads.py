"""journal_heads: each counter PC's newest audit-journal entry, anchored with each sync

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 17:45:00

A counter that later no longer holds the anchored entry (fewer entries or another hash at that number) had
its newest journal entries deleted; the server keeps the anchor so the counter's check can say so.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'journal_heads',
        sa.Column('device_id', sa.String(length=36), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('entry_count', sa.Integer(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.Column('last_at', protocol.coltypes.UTCDateTime(), nullable=True),
        sa.Column('anchored_at', protocol.coltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_journal_heads_device_id_devices')),
        sa.PrimaryKeyConstraint('device_id', name=op.f('pk_journal_heads')),
    )


def downgrade() -> None:
    op.drop_table('journal_heads')
