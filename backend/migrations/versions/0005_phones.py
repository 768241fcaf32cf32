"""customers: phones in E.164 (+7XXXXXXXXXX), the form the import now stores

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 16:50:00

Older imports stored phones as given ('8 (916) …'); SMSC auto-corrected such numbers and the status poll
then missed the message. A phone that is not a valid Russian number is left as it was (the next import
of that customer rejects it with a reason).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from protocol.phone import BadPhoneError, canonical_phone

revision = '0005'
down_revision = '0004'
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
            conn.execute(sa.text("UPDATE customers SET phone = :p WHERE id = :i"), {"p": canonical, "i": customer_id})


def downgrade() -> None:
    """Nothing to undo: the canonical form is a valid form of the same number."""
