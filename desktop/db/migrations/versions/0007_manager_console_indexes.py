"""indexes for the manager console: moments its reports and charts read by period, boxes by state

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 19:00:00.000000

Without them a week of the console reads a year: the charts scan every box, order and SMS for their moments
(boxes.received_at, orders (point_id, handed_over_at), sms_messages (requested_at, status)); the ready and the locked orders
are found through orders.point_id, which on a counter's cache (its own point's orders only) selects every order:
(point_id, status) and (point_id, locked_at) find them; «unplaced boxes» and the occupancy chart read every box
for its state (boxes (status, received_at)); clerk activity scans every receiving scan, handover, payment and
journal entry for one clerk's shift ((staff_id, moment, and what decides whether the act counts) on
receiving_scans, handovers, payments, audit_journal: a shift's acts are counted from the index alone).
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_boxes_received_at", "boxes", ["received_at"]),
    ("ix_boxes_status_received_at", "boxes", ["status", "received_at"]),
    ("ix_orders_point_status", "orders", ["point_id", "status"]),
    ("ix_orders_point_handed_over_at", "orders", ["point_id", "handed_over_at"]),
    ("ix_orders_point_locked_at", "orders", ["point_id", "locked_at"]),
    ("ix_sms_messages_requested_at", "sms_messages", ["requested_at", "status"]),
    ("ix_receiving_scans_staff_scanned_at", "receiving_scans", ["staff_id", "scanned_at", "outcome", "undone"]),
    ("ix_handovers_staff_completed_at", "handovers", ["staff_id", "completed_at", "status", "order_id"]),
    ("ix_payments_staff_paid_at", "payments", ["staff_id", "paid_at", "method", "due_kopecks"]),
    ("ix_audit_journal_staff_at", "audit_journal", ["staff_id", "at", "action"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
