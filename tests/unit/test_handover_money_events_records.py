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
from tests.unit.handover_env import Env, make_env, order_row, outbox
from tests.unit.money_env import PIN, certificate, club_customer, customer_of, ledger

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


def test_the_accrual_goes_on_the_customers_own_card_that_holds_points(env: Env) -> None:
    """Another customer's card made earlier and the customer's own rejected card are not where points go."""
    club_customer(env, points=0, card="2000000000022")  # someone else's active card, the first one here
    customer = club_customer(env, points=0, card="2000000000039")
    with env.db.write() as s:
        s.scalars(select(ClubCard).where(ClubCard.customer_id == customer)).one().status = "rejected"
        own = ClubCard(number="2000000000046", point_id=env.point_id, activation_code_hash="x", status="active",
                       customer_id=customer)
        s.add(own)
        s.flush()
        own_id = own.id
    number = env.order(prepaid=False, lines=[("Kettle", 1, 300_000)], customer=customer_of(env, customer))
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, [TenderInput("card", 300_000)])
    env.svc.complete(env.clerk, uid)
    with env.db.read() as s:
        accrual = s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.reason == "accrual")).one()
    assert (accrual.customer_id, accrual.card_id, accrual.points) == (customer, own_id, 3_000)


def test_the_redemption_events_name_the_order_the_handover_and_a_redemption_of_their_own(env: Env) -> None:
    number, uid, _ = _pay_with_everything(env)
    sent = {t: p for t, p in outbox(env.db) if t in ("bonus.redeemed", "certificate.redeemed")}
    points, spent = sent["bonus.redeemed"], sent["certificate.redeemed"]
    assert (points["order"], points["handover"], points["points"]) == (number, uid, 1_000)
    assert (spent["order"], spent["handover"], spent["certificate"], spent["amount"]) == (number, uid, GC, 200_000)
    assert len({points["redemption"], spent["redemption"]}) == 2 and None not in (points["redemption"],
                                                                                    spent["redemption"])


def test_a_single_point_spent_is_redeemed_and_a_single_point_earned_accrues(env: Env) -> None:
    customer = club_customer(env, points=1_000)
    number = env.order(prepaid=False, lines=[("Cable", 1, 250)], customer=customer_of(env, customer))
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, [TenderInput("points", 100), TenderInput("cash", 150, 200)])
    result = env.svc.complete(env.clerk, uid)
    assert result.bonus_points == 1  # 1.50 ₽ paid with money
    assert [(r, p) for r, p, _ in ledger(env) if r != "activation"] == [("redemption", -1), ("accrual", 1)]
