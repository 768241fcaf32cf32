"""Paying a handover with mixed tenders: points, gift certificates, cash and card — every rule and bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Payment
from desktop.db.money_models import CertificateEntry
from desktop.services.club import ClubService
from desktop.services.handover import HandoverService
from desktop.services.money import CertificateService, TenderInput
from desktop.services.money.pin_guard import MAX_PIN_GUESSES
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, count, make_env, outbox, refused
from tests.unit.money_env import PIN, certificate, club_customer, ledger, set_money

GC = "GC000000000017"
GC2 = "GC000000000024"


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _unpaid(env: Env, customer_id: int | None = None, price: int = 1_000_000) -> str:
    kw = {"customer": _customer(env, customer_id)} if customer_id is not None else {}
    return env.order(prepaid=False, lines=[("Ноутбук", 1, price)], **kw)


def _customer(env: Env, customer_id: int):  # type: ignore[no-untyped-def]
    from desktop.db.models import Customer

    with env.db.read() as s:
        customer = s.get(Customer, customer_id)
        s.expunge(customer)
        return customer


def _points(n: int) -> TenderInput:
    return TenderInput("points", n * 100)


def _cert(number: str, amount: int, pin: str = PIN) -> TenderInput:
    return TenderInput("certificate", amount, certificate=number, pin=pin)


def _cash(amount: int, tendered: int | None = None) -> TenderInput:
    return TenderInput("cash", amount, tendered)


# --- the whole flow --------------------------------------------------------------------------------


def test_points_certificate_and_cash_pay_one_order_with_events_in_order(env: Env) -> None:
    customer = club_customer(env, points=2000)
    certificate(env, GC, balance=300_000)
    uid = env.begin(_unpaid(env, customer))
    options = env.svc.payment_options(env.clerk, uid)
    assert (options.due_kopecks, options.points_cap, options.points_usable, options.credit) == (
        1_000_000, 5000, 2000, False)
    assert options.balance is not None and options.balance.available == 2000
    view = env.svc.check_certificate(env.clerk, uid, GC.lower(), PIN)
    assert (view.status, view.balance_kopecks, view.available_kopecks) == ("active", 300_000, 300_000)
    state = env.svc.pay(env.clerk, uid, [_points(2000), _cert(GC, 300_000), _cash(500_000, 600_000)])
    assert state.payment is not None and state.payment.receipt is not None
    assert (state.payment.method, state.payment.change_kopecks, state.payment.points) == ("mixed", 100_000, 2000)
    assert state.missing_steps == ()
    result = env.svc.complete(env.clerk, uid)
    assert result.receipt is not None and result.receipt.status == "not_fiscal" and result.receipt.text
    assert result.bonus_points == 5000  # only the 5 000 ₽ paid with money accrue
    types = [t for t, _ in outbox(env.db)]
    start = types.index("handover.completed")
    assert types[start:start + 4] == ["handover.completed", "bonus.redeemed", "certificate.redeemed", "bonus.accrual"]
    payload = dict(outbox(env.db))
    assert payload["handover.completed"]["payment"]["tenders"] == [
        {"kind": "points", "amount": 200_000}, {"kind": "certificate", "amount": 300_000, "certificate": GC},
        {"kind": "cash", "amount": 500_000, "tendered": 600_000, "change": 100_000}]
    assert payload["handover.completed"]["payment"]["receipt"] == result.receipt.uuid
    assert payload["bonus.redeemed"]["points"] == 2000 and payload["certificate.redeemed"]["amount"] == 300_000
    with env.db.read() as s:  # the shift's cash report sees the cash only
        assert [(p.method, p.due_kopecks, p.tendered_kopecks) for p in s.scalars(select(Payment))] == [
            ("cash", 500_000, 600_000)]
    balance = ClubService(env.db, env.clock).balance(env.clerk, "2000000000015")
    assert (balance.confirmed, balance.pending, balance.reserved, balance.available) == (2000, 5000, 2000, 0)
    assert CertificateService(env.db, env.clock).lookup(env.clerk, GC).available_kopecks == 0


def test_card_and_two_certificates_pay_exactly(env: Env) -> None:
    certificate(env, GC, balance=100_000)
    certificate(env, GC2, balance=500_000)
    uid = env.begin(_unpaid(env, price=700_000))
    env.svc.pay(env.clerk, uid, [_cert(GC, 100_000), _cert(GC2, 400_000), TenderInput("card", 200_000)])
    result = env.svc.complete(env.clerk, uid)
    assert result.bonus_points == 2000
    with env.db.read() as s:
        spends = [(e.certificate, e.amount_kopecks, e.status) for e in s.scalars(
            select(CertificateEntry).where(CertificateEntry.amount_kopecks < 0))]
    assert spends == [(GC, -100_000, "pending"), (GC2, -400_000, "pending")]
    assert CertificateService(env.db, env.clock).lookup(env.clerk, GC2).available_kopecks == 100_000


# --- tenders that do not add up ----------------------------------------------------------------------


@pytest.mark.parametrize(("tenders", "code"), [
    ([], "money.no_tenders"),
    ([_cash(900_000, 900_000)], "money.tenders_mismatch"),
    ([_cash(600_000), TenderInput("card", 500_000)], "money.tenders_mismatch"),
    ([TenderInput("cheque", 1_000_000)], "money.bad_tender"),
    ([TenderInput("cash", 0)], "money.bad_tender_amount"),
    ([TenderInput("cash", -5)], "money.bad_tender_amount"),
    ([TenderInput("points", 150), _cash(999_850)], "money.points_not_whole"),
    ([_cash(500_000), _cash(500_000)], "money.tender_repeated"),
    ([_cash(1_000_000, 999_999)], "handover.cash_insufficient"),
    ([TenderInput("card", 1_000_000, 999_000)], "handover.card_amount_mismatch"),
    ([_cert("GC12", 1_000_000)], "money.bad_certificate_number"),
])
def test_tenders_that_do_not_add_up_are_refused_and_nothing_is_recorded(env: Env, tenders, code) -> None:
    uid = env.begin(_unpaid(env))
    with refused(code):
        env.svc.pay(env.clerk, uid, tenders)
    assert env.svc.state(uid).payment is None and "payment" in env.svc.state(uid).missing_steps


def test_one_certificate_twice_is_refused(env: Env) -> None:
    certificate(env, GC, balance=600_000)
    uid = env.begin(_unpaid(env))
    with refused("money.certificate_repeated", certificate=GC):
        env.svc.pay(env.clerk, uid, [_cert(GC, 300_000), _cert(GC, 300_000), _cash(400_000)])


# --- points --------------------------------------------------------------------------------------------


def test_points_over_the_share_or_the_balance_or_without_a_card_are_refused(env: Env) -> None:
    customer = club_customer(env, points=8000)
    uid = env.begin(_unpaid(env, customer))
    with refused("money.points_over_share", cap=5000, share=50, points=5001):
        env.svc.pay(env.clerk, uid, [_points(5001), _cash(499_900)])
    set_money(env, share=90)
    with refused("money.points_over_balance", available=8000, points=9000):
        env.svc.pay(env.clerk, uid, [_points(9000), _cash(100_000)])
    assert env.svc.payment_options(env.clerk, uid).points_usable == 8000
    stranger = env.begin(_unpaid(env))
    assert env.svc.payment_options(env.clerk, stranger).balance is None
    with refused("money.no_active_card"):
        env.svc.pay(env.clerk, stranger, [_points(100), _cash(990_000)])


def test_points_reserved_offline_on_this_pc_cannot_be_spent_twice(env: Env) -> None:
    customer = club_customer(env, points=3000)
    first = env.begin(_unpaid(env, customer))
    env.svc.pay(env.clerk, first, [_points(2000), _cash(800_000)])
    env.svc.complete(env.clerk, first)
    second = env.begin(_unpaid(env, customer))
    assert env.svc.payment_options(env.clerk, second).points_usable == 1000
    with refused("money.points_over_balance", available=1000, points=1500):
        env.svc.pay(env.clerk, second, [_points(1500), _cash(850_000)])
    assert ("redemption", -2000, "pending") in ledger(env)


# --- certificates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "balance", "days", "code"), [
    ("stock", None, 100, "money.certificate_not_sold"),
    ("blocked", 300_000, 100, "money.certificate_blocked"),
    ("active", 300_000, -1, "money.certificate_expired"),
    ("active", 0, 100, "money.certificate_spent"),
    ("spent", 0, 100, "money.certificate_spent"),
])
def test_certificates_that_cannot_pay_are_refused_with_the_reason(env: Env, status, balance, days, code) -> None:
    certificate(env, GC, balance=balance, status=status, days=days)
    uid = env.begin(_unpaid(env))
    with refused(code, number=GC):
        env.svc.check_certificate(env.clerk, uid, GC, PIN)
    with refused(code, number=GC):
        env.svc.pay(env.clerk, uid, [_cert(GC, 100_000), _cash(900_000)])


def test_unknown_certificate_and_amount_over_its_balance_are_refused(env: Env) -> None:
    certificate(env, GC, balance=200_000)
    uid = env.begin(_unpaid(env))
    with refused("money.certificate_unknown", number=GC2):
        env.svc.check_certificate(env.clerk, uid, GC2, PIN)
    with refused("money.certificate_over_balance", number=GC, available_kopecks=200_000):
        env.svc.pay(env.clerk, uid, [_cert(GC, 300_000), _cash(700_000)])


def test_wrong_pins_are_counted_and_the_certificate_is_locked_at_the_limit(env: Env) -> None:
    certificate(env, GC)
    uid = env.begin(_unpaid(env))
    with refused("money.bad_pin"):  # not 8 digits: not a guess
        env.svc.check_certificate(env.clerk, uid, GC, "1234")
    with refused("money.pin_required", number=GC):
        env.svc.pay(env.clerk, uid, [_cert(GC, 100_000, pin=None), _cash(900_000)])  # type: ignore[arg-type]
    for left in range(MAX_PIN_GUESSES - 1, 0, -1):
        with refused("money.wrong_pin", attempts_left=left):
            env.svc.check_certificate(env.clerk, uid, GC, "00000000")
    with refused("money.pin_locked"):
        env.svc.pay(env.clerk, uid, [_cert(GC, 100_000, pin="00000001"), _cash(900_000)])
    with refused("money.pin_locked"):  # even the right PIN waits out the window
        env.svc.check_certificate(env.clerk, uid, GC, PIN)
    from desktop.db.models import ManagerAlert

    assert count(env.db, ManagerAlert, ManagerAlert.kind == "certificate_pin_guesses") == 1
    env.clock.advance(minutes=31)
    assert env.svc.check_certificate(env.clerk, uid, GC, PIN).available_kopecks == 300_000


def test_a_certificate_sold_here_offline_cannot_pay_before_the_server_confirms(env: Env) -> None:
    certificate(env, GC, balance=None, status="stock", face=None)
    sale = CertificateService(env.db, env.clock).sell(env.clerk, GC, 500_000, [_cash(500_000, 500_000)])
    assert sale.certificate.status == "pending" and sale.receipt is not None
    uid = env.begin(_unpaid(env))
    with refused("money.certificate_pending", number=GC):
        env.svc.pay(env.clerk, uid, [_cert(GC, 100_000), _cash(900_000)])


# --- roles ----------------------------------------------------------------------------------------------------


def test_money_steps_need_a_logged_in_clerk(env: Env) -> None:
    uid = env.begin(_unpaid(env))
    for call in (lambda: env.svc.payment_options(None, uid),
                 lambda: env.svc.pay(None, uid, [_cash(1_000_000)]),
                 lambda: env.svc.check_certificate(None, uid, GC, PIN),
                 lambda: env.svc.confirm_credit_agreement(None, uid, "KD-123456", True),
                 lambda: ClubService(env.db, env.clock).balance(None, "+79160000000"),
                 lambda: CertificateService(env.db, env.clock).lookup(None, GC)):
        with refused("auth.not_logged_in"):
            call()


def test_a_refund_takes_points_first_then_certificates_card_and_cash() -> None:
    from desktop.services.handover.refunds import split_refund
    from protocol.money_rules import Tender, TenderLine

    paid = [TenderLine(Tender.CASH, 300_000, 500_000, 200_000), TenderLine(Tender.CARD, 200_000),
            TenderLine(Tender.CERTIFICATE, 100_000, certificate=GC), TenderLine(Tender.POINTS, 150_000)]
    remaining, refunds = split_refund(paid, 350_050)
    assert [(t.kind.value, t.amount) for t in refunds] == [("card", 100_050), ("certificate", 100_000),
                                                          ("points", 150_000)]
    assert [(t.kind.value, t.amount, t.tendered, t.change) for t in remaining] == [
        ("cash", 300_000, 500_000, 200_000), ("card", 99_950, 0, 0)]
    remaining, refunds = split_refund(paid, 150_050)  # whole points only: the 50 kopecks from the certificate
    assert [(t.kind.value, t.amount) for t in refunds] == [("certificate", 50), ("points", 150_000)]
    with pytest.raises(ValueError):
        split_refund(paid, 750_001)


def test_a_certificates_pin_lock_outlives_a_restart_of_the_counter(env: Env) -> None:
    certificate(env, GC)
    uid = env.begin(_unpaid(env))
    for _ in range(MAX_PIN_GUESSES - 1):
        with refused("money.wrong_pin"):
            env.svc.check_certificate(env.clerk, uid, GC, "00000000")
    with refused("money.pin_locked"):
        env.svc.check_certificate(env.clerk, uid, GC, "00000000")
    with refused("money.pin_locked"):  # the count is in the journal, not in the service's memory
        HandoverService(env.db, env.clock).pay(env.clerk, uid, [_cert(GC, 100_000), _cash(900_000)])
