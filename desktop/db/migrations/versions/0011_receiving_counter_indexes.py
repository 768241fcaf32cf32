"""indexes for a receiving session's live counters: a long truck's every scan stays as quick as its first

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 02:00:00.000000

Each scan re-reads its session's row with three counted subqueries (desktop/services/receiving/rows.py
`SESSION_BY_UID`): the standing scans of another shipment and taken in elsewhere, and the manifest's boxes done
before or elsewhere. They walked every scan of the session row by row and every box of the manifest: at 2,000
scans the row took 1.5 ms of a scan's 5 ms, growing with the truck. (session_id, outcome, undone, box_id) counts
the first two from the index alone and gives the third its scans without reading them; (shipment_id, status) counts
the manifest's done boxes from the index alone.
"""

from __future__ import annotations

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_receiving_scans_session_outcome", "receiving_scans", ["session_id", "outcome", "undone", "box_id"]),
    ("ix_boxes_shipment_status", "boxes", ["shipment_id", "status"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
