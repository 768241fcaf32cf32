"""audit_journal: an index on the entry time (the manager's journal of a period)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:00:00.000000

Without it the console's «Журнал» tab reads the whole journal (a year is some 300,000 entries) for a week.
"""

from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_journal_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_journal_at'))
