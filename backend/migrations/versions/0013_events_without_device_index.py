"""the event log without its index on device_id: no query of the server reads events by device

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 23:00:00

Every event row of a push kept the index on device_id up to date, and nothing read it (the server looks events
up by event_id, and reports go by point): on PostgreSQL ≈ 1.5 ms of a batch of 500 rows' 6 ms of COPY
(bench/load_60.py storms write 60,000 rows).
"""

from __future__ import annotations

from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_device_id'))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_device_id'), ['device_id'], unique=False)
