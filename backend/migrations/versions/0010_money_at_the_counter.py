"""money at the counter: gift certificates and their ledger, redemptions and reversals in the bonus ledger,
the handover's recorded payment and credit agreement, global changes (point NULL: every point's feed)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 23:28:08

Issue 12 (protocol/money_rules.py). Existing handovers keep payment NULL (recorded before the payment was kept).
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
    op.create_table('gift_certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=14), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('face_kopecks', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('expires_at', protocol.coltypes.UTCDateTime(), nullable=True),
    sa.Column('sold_point_id', sa.Integer(), nullable=True),
    sa.Column('sale_uid', sa.String(length=36), nullable=True),
    sa.Column('sale_event_id', sa.String(length=36), nullable=True),
    sa.Column('sold_at', protocol.coltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['sold_point_id'], ['points.id'], name=op.f('fk_gift_certificates_sold_point_id_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_certificates')),
    sa.UniqueConstraint('number', name=op.f('uq_gift_certificates_number')),
    sa.UniqueConstraint('sale_uid', name=op.f('uq_gift_certificates_sale_uid'))
    )
    op.create_table('certificate_ledger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.String(length=36), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('created_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['gift_certificates.id'], name=op.f('fk_certificate_ledger_certificate_id_gift_certificates')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_certificate_ledger_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_ledger')),
    sa.UniqueConstraint('certificate_id', 'reason', 'reference', name='uq_certificate_ledger_reason_reference')
    )
    with op.batch_alter_table('certificate_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_ledger_certificate_id'), ['certificate_id'], unique=False)

    with op.batch_alter_table('bonus_ledger', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.String(length=64), server_default='', nullable=False))
        batch_op.alter_column('event_id',
               existing_type=sa.VARCHAR(length=36),
               nullable=True)
        batch_op.drop_constraint(batch_op.f('uq_bonus_ledger_reason_order'), type_='unique')
        batch_op.create_unique_constraint('uq_bonus_ledger_reason_order_reference', ['reason', 'order_id', 'reference'])

    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.alter_column('point_id',
               existing_type=sa.INTEGER(),
               nullable=True)

    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payment', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('credit_agreement', sa.String(length=30), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_column('credit_agreement')
        batch_op.drop_column('payment')

    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.alter_column('point_id',
               existing_type=sa.INTEGER(),
               nullable=False)

    with op.batch_alter_table('bonus_ledger', schema=None) as batch_op:
        batch_op.drop_constraint('uq_bonus_ledger_reason_order_reference', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_bonus_ledger_reason_order'), ['reason', 'order_id'])
        batch_op.alter_column('event_id',
               existing_type=sa.VARCHAR(length=36),
               nullable=False)
        batch_op.drop_column('reference')

    with op.batch_alter_table('certificate_ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_ledger_certificate_id'))

    op.drop_table('certificate_ledger')
    op.drop_table('gift_certificates')
