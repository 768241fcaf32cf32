"""customers: phones in E.164 (+7XXXXXXXXXX), the form every entry point now stores

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:50:00.000000

A phone that is not a valid Russian number is left as it was (the next cache import replaces it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from protocol.phone import BadPhoneError, canonical_phone

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for customer_id, phone in conn.execute(sa.text("SELECT id, phone FROM customers")).all():
        try:
            canonical = canonical_phone(phone)
        except BadPhoneError:
            continue
        if canonical != phone:
            conn.execute(sa.text("UPDATE customers SET phone = :p, phone_last4 = :l WHERE id = :i"),
                         {"p": canonical, "l": canonical[-4:], "i": customer_id})


def downgrade() -> None:
    """Nothing to undo: the canonical form is a valid form of the same number."""
