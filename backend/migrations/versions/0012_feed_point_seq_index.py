"""the change feed read by index: (point_id, seq) replaces the index on point_id alone; the global changes' seq

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 03:30:00

A page reads a point's changes and the global ones (point_id NULL) each in seq order with its own LIMIT
(backend/changes.py `page`); PostgreSQL needs the composite index to read them in order without a sort
(SQLite's index on point_id already carried the rowid, which is seq). The composite index also serves every
lookup by point_id alone, so the old one goes. PostgreSQL does not read `point_id IS NULL` in seq order from the
composite index (it sorts): the global changes get a partial index on seq (partial on SQLite too).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_point_id'))
        batch_op.create_index('ix_changes_point_id_seq', ['point_id', 'seq'], unique=False)
        batch_op.create_index('ix_changes_global_seq', ['seq'], unique=False,
                              postgresql_where=sa.text('point_id IS NULL'), sqlite_where=sa.text('point_id IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index('ix_changes_global_seq', postgresql_where=sa.text('point_id IS NULL'))
        batch_op.drop_index('ix_changes_point_id_seq')
        batch_op.create_index(batch_op.f('ix_changes_point_id'), ['point_id'], unique=False)
