"""money at the counter: bonus ledger from the server, gift certificates, credit agreement, point money settings

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 23:27:47.466202

Issue 12: the bonus ledger follows the server's (each entry tied to its event and, once confirmed, to the
server's entry; signed points for redemptions and reversals — the old one-per-reason constraints go, a
customer has many accruals), the gift certificate cache and this PC's certificate sales and spends, a credit
order's agreement number on the handover, the point's money settings, and payments without an order (the
money of a certificate sold at the counter, in the shift's cash report).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('certificate_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate', sa.String(length=14), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('amount_kopecks', sa.Integer(), nullable=False),
    sa.Column('order_number', sa.String(length=16), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=True),
    sa.Column('server_id', sa.Integer(), nullable=True),
    sa.Column('created_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_entries')),
    sa.UniqueConstraint('server_id', name=op.f('uq_certificate_entries_server_id'))
    )
    with op.batch_alter_table('certificate_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_entries_certificate'), ['certificate'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_entries_event_id'), ['event_id'], unique=False)

    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=14), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('face_kopecks', sa.Integer(), nullable=True),
    sa.Column('expires_at', protocol.coltypes.UTCDateTime(), nullable=True),
    sa.Column('pin_hash', sa.String(length=200), nullable=True),
    sa.Column('updated_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('number', name=op.f('uq_certificates_number'))
    )
    with op.batch_alter_table('bonus_ledger', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('server_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_bonus_ledger_reason_card'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_bonus_ledger_reason_order'), type_='unique')
        batch_op.create_index(batch_op.f('ix_bonus_ledger_event_id'), ['event_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_bonus_ledger_server_id'), ['server_id'])
        batch_op.create_index('uq_bonus_ledger_activation_card', ['card_id'], unique=True,
                              sqlite_where=sa.text("reason = 'activation'"))

    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credit_agreement', sa.String(length=32), nullable=True))

    with op.batch_alter_table('pickup_points', schema=None) as batch_op:
        batch_op.add_column(sa.Column('money', sa.JSON(), nullable=True))

    with op.batch_alter_table('payments', schema=None) as batch_op:  # a certificate sale's money: no order
        batch_op.alter_column('order_id', existing_type=sa.INTEGER(), nullable=True)



def downgrade() -> None:
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.alter_column('order_id', existing_type=sa.INTEGER(), nullable=False)

    with op.batch_alter_table('pickup_points', schema=None) as batch_op:
        batch_op.drop_column('money')

    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_column('credit_agreement')

    with op.batch_alter_table('bonus_ledger', schema=None) as batch_op:
        batch_op.drop_index('uq_bonus_ledger_activation_card')
        batch_op.drop_constraint(batch_op.f('uq_bonus_ledger_server_id'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_bonus_ledger_event_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_bonus_ledger_reason_order'), ['reason', 'order_id'])
        batch_op.create_unique_constraint(batch_op.f('uq_bonus_ledger_reason_card'), ['reason', 'card_id'])
        batch_op.drop_column('server_id')
        batch_op.drop_column('event_id')

    op.drop_table('certificates')
    with op.batch_alter_table('certificate_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_entries_event_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_entries_certificate'))

    op.drop_table('certificate_entries')
