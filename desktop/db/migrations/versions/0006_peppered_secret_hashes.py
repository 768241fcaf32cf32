"""orders, staff: pickup-code hashes and staff PIN/password hashes peppered with this PC's device pepper

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 18:30:00.000000

A stolen cache file alone no longer allows an offline sweep: each code hash becomes HMAC(pepper, hash) and each
argon2 string is sealed (AES-GCM) under the pepper, which lives in the OS credential store (desktop/db/pepper.py).
Values already peppered are left as they are. No schema change: the columns are wide enough.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from desktop.db.pepper import device_pepper, pepper_code_hash, seal_secret_hash

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_ORDERS = sa.table('orders', sa.column('id', sa.Integer), sa.column('pickup_code_hash', sa.String))
_STAFF = sa.table('staff', sa.column('id', sa.Integer), sa.column('pin_hash', sa.String),
                  sa.column('password_hash', sa.String))


def _pepper(bind: sa.Connection) -> bytes:
    database = bind.engine.url.database
    return device_pepper(None if not database or database == ':memory:' else Path(database).parent)


def upgrade() -> None:
    bind = op.get_bind()
    orders = bind.execute(sa.select(_ORDERS.c.id, _ORDERS.c.pickup_code_hash)
                          .where(_ORDERS.c.pickup_code_hash.is_not(None))).all()
    staff = bind.execute(sa.select(_STAFF.c.id, _STAFF.c.pin_hash, _STAFF.c.password_hash)
                         .where(sa.or_(_STAFF.c.pin_hash.is_not(None), _STAFF.c.password_hash.is_not(None)))).all()
    if not orders and not staff:
        return  # nothing to pepper: the pepper is made when the first hash arrives
    pepper = _pepper(bind)
    for row in orders:
        bind.execute(sa.update(_ORDERS).where(_ORDERS.c.id == row.id)
                     .values(pickup_code_hash=pepper_code_hash(pepper, row.pickup_code_hash)))
    for person in staff:
        bind.execute(sa.update(_STAFF).where(_STAFF.c.id == person.id).values(
            pin_hash=seal_secret_hash(pepper, person.pin_hash),
            password_hash=seal_secret_hash(pepper, person.password_hash)))


def downgrade() -> None:
    """The server's hashes cannot be recovered from their peppered form: the next snapshot brings them again."""
