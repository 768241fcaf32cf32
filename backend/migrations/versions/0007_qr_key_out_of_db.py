"""qr signing key out of the database: moved to the 0600 key file, deleted from server_settings

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 18:30:00

The path comes from the Alembic attribute `qr_key_path` (the server passes `Settings.qr_key_path` or its
default). Without it (a bare `alembic upgrade`) the row stays and backend.keys.load_signing_key moves it at
the server's next start. With `PICKUP_QR_SIGNING_KEY` set the stored key is superseded and only deleted.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

from backend.keys import KEY_ENV, SIGNING_KEY, write_key_file

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_SETTINGS = sa.table('server_settings', sa.column('key', sa.String), sa.column('value', sa.Text))


def upgrade() -> None:
    bind = op.get_bind()
    value = bind.execute(sa.select(_SETTINGS.c.value).where(_SETTINGS.c.key == SIGNING_KEY)).scalar()
    if value is None:
        return
    path = context.config.attributes.get('qr_key_path')
    if os.environ.get(KEY_ENV, '').strip():
        pass  # the environment's key is the one in use: the stored one is only deleted
    elif path is None:
        return
    else:
        write_key_file(Path(path), value)  # an existing file wins: it is the key in use
    bind.execute(sa.delete(_SETTINGS).where(_SETTINGS.c.key == SIGNING_KEY))


def downgrade() -> None:
    path = context.config.attributes.get('qr_key_path')
    if path is None or not Path(path).exists():
        return
    value = Path(path).read_text(encoding='ascii').strip()
    op.get_bind().execute(sa.insert(_SETTINGS).values(key=SIGNING_KEY, value=value))
