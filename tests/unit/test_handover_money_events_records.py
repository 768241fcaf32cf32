"""A completed handover's money records: one Payment row per money tender, and pending ledger entries that carry
the id of the event that caused them (the server's entry with that id confirms them: desktop/sync/apply.py).

DESIGN: the shift's cash report sums Payment rows by method (cash with what was handed over and the change;
card for its amount); points and certificates spent are pending redemptions of this order; points accrue on the
money part only, on the customer's card.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import BonusLedgerEntry, ClubCard, Handover, OutboxEvent, Payment
from desktop.db.money_models import CertificateEntry
from desktop.services.handover import HandoverResult
from desktop.services.money import TenderInput
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, order_row
from tests.unit.money_env import PIN, certificate, club_customer, customer_of

GC = "GC000000000017"


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _event_ids(db: Database) -> dict[str, str]:
    with db.read() as s:
        return {t: e for t, e in s.execute(select(OutboxEvent.type, OutboxEvent.event_id))}


def _pay_with_everything(env: Env) -> tuple[str, str, HandoverResult]:
    customer = club_customer(env, points=1_000)
    certificate(env, GC, balance=200_000)
    number = env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)], customer=customer_of(env, customer))
    uid = env.begin(number)
    env.clock.advance(minutes=3)
    env.svc.pay(env.clerk, uid, [TenderInput("points", 100_000), TenderInput("certificate", 200_000, certificate=GC,
                                 pin=PIN), TenderInput("card", 400_000), TenderInput("cash", 300_000, 500_000)])
    return number, uid, env.svc.complete(env.clerk, uid)


def test_each_money_tender_is_one_payment_row_of_the_clerk(env: Env) -> None:
    number, uid, _ = _pay_with_everything(env)
    order_id = order_row(env.db, number).id
    with env.db.read() as s:
        handover_id = s.scalars(select(Handover.id).where(Handover.uid == uid)).one()
        rows = [(p.method, p.due_kopecks, p.tendered_kopecks, p.change_kopecks, p.order_id, p.handover_id,
                 p.staff_id, p.paid_at) for p in s.scalars(select(Payment).order_by(Payment.id))]
    common = (order_id, handover_id, env.clerk.staff_id, env.clock())
    assert rows == [("card", 400_000, 400_000, 0, *common), ("cash", 300_000, 500_000, 200_000, *common)]


def test_redemptions_and_the_accrual_are_pending_and_carry_their_events_id(env: Env) -> None:
    number, _, result = _pay_with_everything(env)
    assert result.bonus_points == 7_000  # card and cash only
    ids = _event_ids(env.db)
    order_id = order_row(env.db, number).id
    with env.db.read() as s:
        card_id = s.scalars(select(ClubCard.id)).one()
        bonus = [(e.reason, e.points, e.status, e.order_id, e.card_id, e.event_id, e.created_at)
                 for e in s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.order_id.is_not(None))
                                    .order_by(BonusLedgerEntry.id))]
        spent = [(e.certificate, e.reason, e.amount_kopecks, e.order_number, e.status, e.event_id, e.created_at)
                 for e in s.scalars(select(CertificateEntry).where(CertificateEntry.amount_kopecks < 0))]
    now = env.clock()
    assert bonus == [
        ("redemption", -1_000, "pending", order_id, card_id, ids["bonus.redeemed"], now),
        ("accrual", 7_000, "pending", order_id, card_id, ids["bonus.accrual"], now),
    ]
    assert spent == [(GC, "redemption", -200_000, number, "pending", ids["certificate.redeemed"], now)]
