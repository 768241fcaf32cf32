"""warranty claims: the claims table, and each order line's warranty period (default 12 months)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 20:23:19

Issue 13 (protocol/claims.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import protocol.coltypes

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=32), nullable=False),
    sa.Column('product', sa.String(length=300), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=True),
    sa.Column('prefiled', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('fault', sa.String(length=1000), nullable=False),
    sa.Column('cover', sa.String(length=16), nullable=True),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('condition', sa.String(length=500), nullable=False),
    sa.Column('photos', sa.JSON(), nullable=False),
    sa.Column('label', sa.String(length=32), nullable=True),
    sa.Column('serial_override', sa.String(length=500), nullable=True),
    sa.Column('override_by', sa.String(length=64), nullable=True),
    sa.Column('dispatch_session', sa.String(length=36), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('conclusion', sa.String(length=1000), nullable=True),
    sa.Column('repair_kopecks', sa.Integer(), nullable=False),
    sa.Column('return_order_id', sa.Integer(), nullable=True),
    sa.Column('filed_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.Column('accepted_at', protocol.coltypes.UTCDateTime(), nullable=True),
    sa.Column('dispatched_at', protocol.coltypes.UTCDateTime(), nullable=True),
    sa.Column('closed_at', protocol.coltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_at', protocol.coltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_claims_order_id_orders')),
    sa.ForeignKeyConstraint(['point_id'], ['points.id'], name=op.f('fk_claims_point_id_points')),
    sa.ForeignKeyConstraint(['return_order_id'], ['orders.id'], name=op.f('fk_claims_return_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims')),
    sa.UniqueConstraint('number', name=op.f('uq_claims_number')),
    sa.UniqueConstraint('return_order_id', name=op.f('uq_claims_return_order_id'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_point_id'), ['point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_serial'), ['serial'], unique=False)

    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('warranty_months', sa.Integer(), server_default='12', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_column('warranty_months')

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_serial'))
        batch_op.drop_index(batch_op.f('ix_claims_point_id'))
        batch_op.drop_index(batch_op.f('ix_claims_order_id'))

    op.drop_table('claims')
