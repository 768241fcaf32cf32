"""Taking the money at the handover: what the payment dialog is offered, what the journal keeps, a refusal made
while the receipt printed, and the credit agreement's strict «signed».

DESIGN: points pay at most the points share of the amount due and never more than the customer's available
balance; the sell receipt is printed before the payment is recorded, and if the amount due changed meanwhile
the payment is taken again; a credit order needs the bank's agreement number and the customer's signature seen.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.fiscal_models import FiscalReceipt
from desktop.db.models import AuditEntry, Customer, Order
from desktop.services.handover import HandoverService
from desktop.services.handover import payment as payment_module
from desktop.services.money import TenderInput
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, refused
from tests.unit.money_env import club_customer, customer_of, set_money


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _paid_entries(db: Database) -> list[tuple[int | None, str, dict[str, Any]]]:
    with db.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "handover.paid").order_by(AuditEntry.id))
        return [(e.staff_id, e.subject, json.loads(e.details)) for e in rows]


def test_the_dialog_is_offered_the_due_the_points_cap_and_what_the_customer_can_use(env: Env) -> None:
    rich = club_customer(env, points=9_000)
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)], customer=customer_of(env, rich)))
    options = env.svc.payment_options(env.clerk, uid)
    assert (options.due_kopecks, options.credit, options.points_cap, options.points_usable) == (
        1_000_000, False, 5_000, 5_000)  # half of 10,000 roubles in points: the cap, not the balance
    assert options.balance is not None and options.balance.available == 9_000
    poor = club_customer(env, points=1_200, card="2000000000022")
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)], customer=customer_of(env, poor)))
    assert env.svc.payment_options(env.clerk, uid).points_usable == 1_200  # the balance, under the cap
    set_money(env, share=20)
    assert env.svc.payment_options(env.clerk, uid).points_cap == 2_000
    stranger = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    options = env.svc.payment_options(env.clerk, stranger)
    assert (options.balance, options.points_cap, options.points_usable) == (None, 2_000, 0)


def test_a_payment_is_journalled_with_due_tenders_change_and_receipt(env: Env) -> None:
    customer = club_customer(env, points=3_000)
    number = env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)], customer=customer_of(env, customer))
    uid = env.begin(number)
    state = env.svc.pay(env.clerk, uid, [TenderInput("points", 200_000), TenderInput("cash", 800_000, 1_000_000)])
    assert state.payment is not None and state.payment.receipt is not None
    assert _paid_entries(env.db) == [(env.clerk.staff_id, number, {
        "handover": uid, "method": "mixed", "due": 1_000_000, "tenders": ["points", "cash"], "change": 200_000,
        "receipt": state.payment.receipt})]
    assert env.svc.fiscal.receipt(state.payment.receipt).kind == "sell"


def test_one_method_payments_need_a_whole_positive_amount(env: Env) -> None:
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    for amount in (None, 1_000_000.0, "1000000"):
        with refused("handover.bad_amount"):
            env.svc.pay(env.clerk, uid, "cash", amount)  # type: ignore[arg-type]
    assert env.svc.pay(env.clerk, uid, "card", 1_000_000).payment is not None


def test_a_refusal_made_while_the_receipt_printed_makes_the_payment_be_taken_again(
        env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000), ("Mouse", 1, 100_000)]))
    mouse = env.svc.state(uid).lines[1].id
    real = payment_module.issue_sell

    def with_a_refusal_meanwhile(*args: Any, **kwargs: Any) -> Any:
        receipt = real(*args, **kwargs)
        HandoverService(env.db, env.clock).refuse_line(env.clerk, uid, mouse, 1, "changed_mind")  # the other PC
        return receipt

    monkeypatch.setattr(payment_module, "issue_sell", with_a_refusal_meanwhile)
    with refused("money.due_changed"):
        env.svc.pay(env.clerk, uid, "card", 1_100_000)
    state = env.svc.state(uid)
    assert state.payment is None and state.due_kopecks == 1_000_000 and "payment" in state.missing_steps
    assert _paid_entries(env.db) == []


def test_the_customers_signature_must_be_confirmed_as_seen_not_just_anything_true(env: Env) -> None:
    uid = env.begin(env.order(kind="credit", prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    env.svc.record_id_document(env.clerk, uid, "passport_rf", "4321")
    for signed in (1, "yes"):
        with refused("money.agreement_not_signed"):
            env.svc.confirm_credit_agreement(env.clerk, uid, "KD-000777", signed)  # type: ignore[arg-type]
    long = "7" * 50
    with refused("money.bad_agreement", agreement="7" * 40):  # the clerk sees the start of what was scanned
        env.svc.confirm_credit_agreement(env.clerk, uid, long, True)
    with refused("money.bad_agreement", agreement=""):
        env.svc.confirm_credit_agreement(env.clerk, uid, None, True)  # type: ignore[arg-type]
    state = env.svc.confirm_credit_agreement(env.clerk, uid, " KD-0007 77 ", True)
    assert state.credit_agreement == "KD-000777"
    with env.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "handover.credit_agreement")).one()
    assert (entry.staff_id, json.loads(entry.details)) == (env.clerk.staff_id,
                                                          {"handover": uid, "agreement": "KD-000777"})


def test_a_certificate_typed_in_lower_case_pays_with_its_pin(env: Env) -> None:
    from tests.unit.money_env import PIN, certificate

    certificate(env, "GC000000000017", balance=300_000)
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    state = env.svc.pay(env.clerk, uid, [TenderInput("certificate", 300_000, certificate="gc000000000017", pin=PIN),
                                         TenderInput("card", 700_000)])
    assert state.payment is not None
    assert [(t.kind.value, t.certificate) for t in state.payment.tenders] == [
        ("certificate", "GC000000000017"), ("card", None)]
    with refused("money.paid_already"):
        env.svc.pay(env.clerk, uid, "card", 1_000_000)


def test_a_certificate_is_checked_for_the_clerk_and_a_wrong_pin_is_journalled_under_the_clerks_name(
        env: Env) -> None:
    from desktop.services.money.pin_guard import WRONG
    from tests.unit.money_env import PIN, certificate

    certificate(env, "GC000000000017", balance=300_000)
    certificate(env, "GC000000000024", balance=300_000, status="blocked")
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    view = env.svc.check_certificate(env.clerk, uid, " gc000000000017 ", PIN)
    assert (view.number, view.available_kopecks) == ("GC000000000017", 300_000)
    with refused("money.certificate_blocked", number="GC000000000024"):
        env.svc.check_certificate(env.clerk, uid, "GC000000000024", PIN)
    with refused("money.wrong_pin"):
        env.svc.check_certificate(env.clerk, uid, "GC000000000017", "00000000")
    with env.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == WRONG)).one()
    assert (entry.staff_id, entry.subject) == (env.clerk.staff_id, "GC000000000017")
    with refused("money.pin_required", number="GC000000000017"):
        env.svc.pay(env.clerk, uid, [TenderInput("certificate", 300_000, certificate="GC000000000017"),
                                     TenderInput("card", 700_000)])
    unverified = env.svc.start(env.clerk, env.order()).uid
    with refused("handover.not_verified"):
        env.svc.check_certificate(env.clerk, unverified, "GC000000000017", PIN)


def test_cash_of_a_kopeck_is_an_amount_that_does_not_cover_the_due(env: Env) -> None:
    number = env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)])
    uid = env.begin(number)
    with refused("handover.cash_insufficient", tendered_kopecks=1):
        env.svc.pay(env.clerk, uid, "cash", 1)
    with refused("money.credit_not_credit", order=number):
        env.svc.confirm_credit_agreement(env.clerk, uid, "KD-000777", True)
    stranger = env.svc.payment_options(env.clerk, uid)
    assert (stranger.due_kopecks, stranger.credit, stranger.balance) == (1_000_000, False, None)


def test_the_smallest_amount_due_is_paid_like_any_other(env: Env) -> None:
    uid = env.begin(env.order(prepaid=False, lines=[("Sticker", 1, 1)]))
    state = env.svc.pay(env.clerk, uid, "card", 1)
    assert state.payment is not None and state.payment.due_kopecks == 1 and state.missing_steps == ()


def test_every_certificates_pin_is_checked_not_only_the_first(env: Env) -> None:
    from tests.unit.money_env import PIN, certificate

    certificate(env, "GC000000000017", balance=300_000)
    certificate(env, "GC000000000024", balance=300_000)
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    tenders = [TenderInput("certificate", 300_000, certificate="GC000000000017", pin=PIN),
               TenderInput("certificate", 300_000, certificate="GC000000000024", pin="00000000"),
               TenderInput("card", 400_000)]
    with refused("money.wrong_pin"):
        env.svc.pay(env.clerk, uid, tenders)
    assert env.svc.state(uid).payment is None


def test_even_a_single_point_needs_an_active_card_and_the_balance(env: Env) -> None:
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    with refused("money.no_active_card"):
        env.svc.pay(env.clerk, uid, [TenderInput("points", 100), TenderInput("card", 999_900)])
    poor = club_customer(env, points=0)
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)], customer=customer_of(env, poor)))
    with refused("money.points_over_balance", available=0, points=1):
        env.svc.pay(env.clerk, uid, [TenderInput("points", 100), TenderInput("card", 999_900)])


def test_a_payment_accepted_without_a_receipt_may_be_taken_again_with_one(env: Env) -> None:
    from desktop.db.models import Handover

    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    with env.db.write() as s:  # accepted by an earlier version, before receipts were printed at the counter
        s.scalars(select(Handover).where(Handover.uid == uid)).one().payment = {
            "method": "card", "due": 1_000_000, "tendered": 1_000_000, "change": 0}
    state = env.svc.pay(env.clerk, uid, "card", 1_000_000)
    assert state.payment is not None and state.payment.receipt is not None
    with refused("money.paid_already"):
        env.svc.pay(env.clerk, uid, "card", 1_000_000)


def test_a_wrong_pin_given_with_the_payment_is_journalled_under_the_clerks_name(env: Env) -> None:
    from desktop.services.money.pin_guard import WRONG
    from tests.unit.money_env import certificate

    certificate(env, "GC000000000017", balance=300_000)
    uid = env.begin(env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)]))
    with refused("money.wrong_pin"):
        env.svc.pay(env.clerk, uid, [TenderInput("certificate", 300_000, certificate="GC000000000017",
                                                 pin="00000000"), TenderInput("card", 700_000)])
    with env.db.read() as s:
        assert s.scalars(select(AuditEntry.staff_id).where(AuditEntry.action == WRONG)).one() == env.clerk.staff_id


def test_nothing_is_taken_for_an_order_with_nothing_due_whatever_the_tenders(env: Env) -> None:
    uid = env.begin(env.order(prepaid=True))
    with refused("handover.nothing_due"):
        env.svc.pay(env.clerk, uid, [TenderInput("card", 100)])


def test_the_sell_receipt_of_a_payment_goes_to_the_phone_of_the_orders_customer(env: Env) -> None:
    """The customer gets the electronic copy of the sell receipt on the phone the order was placed with."""
    number = env.order(prepaid=False, lines=[("Laptop", 1, 1_000_000)])
    uid = env.begin(number)
    env.svc.pay(env.clerk, uid, [TenderInput("card", 1_000_000)])
    with env.db.read() as s:
        phone = s.scalars(select(Customer.phone).join(Order, Order.customer_id == Customer.id)
                          .where(Order.number == number)).one()
        task = s.scalars(select(FiscalReceipt.task).where(FiscalReceipt.ref == f"sell:{uid}")).one()
    assert phone and task["clientInfo"] == {"emailOrPhone": phone}
