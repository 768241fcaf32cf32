"""Credit orders (the signed agreement, nothing taken, points by the setting) and the handover's receipts:
the full settlement of a prepaid order, a crash between the register's print and the payment's record, and a
refusal after a fiscalised payment (sellReturn, points first)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Handover, Order
from desktop.fiscal.fake_atol import FakeAtolServer, FakeRegister
from desktop.fiscal.model import FiscalMode
from desktop.fiscal.service import FiscalService
from desktop.services.handover import HandoverService
from desktop.services.handover import payment as payment_module
from desktop.services.money import TenderInput
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, outbox, refused
from tests.unit.money_env import club_customer, customer_of, ledger, set_money

AGREEMENT = "KD-2026/000123"


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


@pytest.fixture
def register() -> Iterator[tuple[FakeRegister, str]]:
    fake = FakeRegister()
    with FakeAtolServer(fake) as server:
        yield fake, server.url


def _credit(env: Env, customer_id: int | None = None) -> str:
    kw = {"customer": customer_of(env, customer_id)} if customer_id is not None else {}
    return env.order(kind="credit", prepaid=False, lines=[("Ноутбук", 1, 9_000_000)], **kw)


def _ready_credit(env: Env, number: str) -> str:
    uid = env.begin(number)
    env.svc.record_id_document(env.clerk, uid, "passport_rf", "4321")
    return uid


# --- credit orders ----------------------------------------------------------------------------------------


def test_a_credit_order_takes_nothing_and_needs_the_signed_agreement(env: Env) -> None:
    uid = _ready_credit(env, _credit(env))
    state = env.svc.state(uid)
    assert (state.due_kopecks, state.credit, state.missing_steps) == (0, True, ("credit_agreement",))
    assert env.svc.payment_options(env.clerk, uid).credit
    with refused("money.nothing_to_pay_credit"):
        env.svc.pay(env.clerk, uid, [TenderInput("cash", 9_000_000)])
    with refused("money.credit_agreement_required"):
        env.svc.complete(env.clerk, uid)
    for bad in ("12345", "KD 12345 !", "x" * 31):
        with refused("money.bad_agreement"):
            env.svc.confirm_credit_agreement(env.clerk, uid, bad, True)
    with refused("money.agreement_not_signed"):
        env.svc.confirm_credit_agreement(env.clerk, uid, AGREEMENT, False)
    state = env.svc.confirm_credit_agreement(env.clerk, uid, f" {AGREEMENT} ", True)
    assert state.credit_agreement == AGREEMENT and state.missing_steps == ()
    result = env.svc.complete(env.clerk, uid)
    assert result.credit_agreement == AGREEMENT and result.payment is None and result.bonus_points == 0
    assert result.receipt is not None and AGREEMENT in result.receipt.text  # full settlement, agreement printed
    completed = dict(outbox(env.db))["handover.completed"]
    assert completed["credit_agreement"] == AGREEMENT and completed["payment"] is None
    assert "bonus.accrual" not in dict(outbox(env.db))


def test_a_credit_order_accrues_points_only_when_the_retailer_says_so(env: Env) -> None:
    customer = club_customer(env, points=0)
    set_money(env, credit_accrues=True)
    uid = _ready_credit(env, _credit(env, customer))
    env.svc.confirm_credit_agreement(env.clerk, uid, AGREEMENT, True)
    assert env.svc.complete(env.clerk, uid).bonus_points == 90_000
    assert ledger(env)[-1] == ("accrual", 90_000, "pending")


def test_the_agreement_is_for_credit_orders_only(env: Env) -> None:
    uid = env.begin(env.order())
    with refused("money.credit_not_credit"):
        env.svc.confirm_credit_agreement(env.clerk, uid, AGREEMENT, True)


# --- receipts through the register -------------------------------------------------------------------------


def test_a_prepaid_order_gets_its_full_settlement_receipt_once(env: Env, register) -> None:
    fake, url = register
    svc = HandoverService(env.db, env.clock, fiscal=FiscalService(env.db, env.clock, FiscalMode.ATOL, url))
    uid = env.begin(env.order(prepaid=True))
    result = svc.complete(env.clerk, uid)
    assert result.receipt is not None and result.receipt.status == "done" and result.receipt.fiscal_document
    assert len(fake.printed("sell")) == 1


def test_a_crash_between_the_print_and_the_record_prints_nothing_twice(env: Env, register, monkeypatch) -> None:
    fake, url = register
    svc = HandoverService(env.db, env.clock, fiscal=FiscalService(env.db, env.clock, FiscalMode.ATOL, url))
    uid = env.begin(env.order(prepaid=False, lines=[("Наушники", 1, 500_000)]))
    real = payment_module.PaymentIntent.of

    def power_cut(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("power cut after the register printed")

    monkeypatch.setattr(payment_module.PaymentIntent, "of", power_cut)
    with pytest.raises(RuntimeError):
        svc.pay(env.clerk, uid, [TenderInput("cash", 500_000, 500_000)])
    assert svc.state(uid).payment is None and len(fake.printed("sell")) == 1
    monkeypatch.setattr(payment_module.PaymentIntent, "of", real)
    customer = club_customer(env, points=1000)
    with env.db.write() as s:  # the retry may not change what the register already printed
        order = s.get(Order, s.scalars(select(Handover.order_id).where(Handover.uid == uid)).one())
        order.customer_id = customer
    with refused("money.sell_receipt_differs", total_kopecks=500_000):
        svc.pay(env.clerk, uid, [TenderInput("points", 100_000), TenderInput("cash", 400_000, 400_000)])
    state = svc.pay(env.clerk, uid, [TenderInput("cash", 500_000, 500_000)])  # the clerk's retry
    assert state.payment is not None and state.payment.receipt is not None
    assert len(fake.printed("sell")) == 1
    with refused("money.paid_already"):
        svc.pay(env.clerk, uid, [TenderInput("card", 500_000)])
    assert svc.complete(env.clerk, uid).receipt.uuid == state.payment.receipt  # type: ignore[union-attr]
    assert len(fake.printed("sell")) == 1


def test_a_refusal_after_the_sell_receipt_returns_points_first(env: Env, register) -> None:
    fake, url = register
    svc = HandoverService(env.db, env.clock, fiscal=FiscalService(env.db, env.clock, FiscalMode.ATOL, url))
    customer = club_customer(env, points=5000)
    number = env.order(prepaid=False, customer=customer_of(env, customer),
                       lines=[("Ноутбук", 1, 800_000), ("Мышь", 1, 200_000)])
    uid = env.begin(number)
    svc.pay(env.clerk, uid, [TenderInput("points", 300_000), TenderInput("cash", 700_000, 700_000)])
    mouse = svc.state(uid).lines[1]
    state = svc.refuse_line(env.clerk, uid, mouse.id, 1, "changed_mind")
    assert len(fake.printed("sellReturn")) == 1
    assert state.payment is not None and state.due_kopecks == 800_000 and "payment" not in state.missing_steps
    assert [(t.kind.value, t.amount) for t in state.payment.tenders] == [("points", 100_000), ("cash", 700_000)]
    with refused("money.paid_already"):  # a refusal cannot be taken back once its money went back
        svc.refuse_line(env.clerk, uid, mouse.id, 0, "changed_mind")
    result = svc.complete(env.clerk, uid)
    assert result.bonus_points == 7000 and result.result == "partially_handed_over"
    assert dict(outbox(env.db))["bonus.redeemed"]["points"] == 1000


def test_aborting_a_paid_handover_gives_the_payment_back_on_a_return_receipt(env: Env, register) -> None:
    fake, url = register
    svc = HandoverService(env.db, env.clock, fiscal=FiscalService(env.db, env.clock, FiscalMode.ATOL, url))
    uid = env.begin(env.order(prepaid=False, lines=[("Наушники", 1, 500_000)]))
    svc.pay(env.clerk, uid, [TenderInput("card", 500_000)])
    svc.abort(env.clerk, uid)
    assert len(fake.printed("sell")) == 1 and len(fake.printed("sellReturn")) == 1
    assert svc.state(uid).status == "aborted" and svc.state(uid).payment is None


def test_a_register_out_of_paper_records_no_payment_and_the_retry_prints_once(env: Env, register) -> None:
    from desktop.fiscal.errors import FiscalError

    fake, url = register
    svc = HandoverService(env.db, env.clock, fiscal=FiscalService(env.db, env.clock, FiscalMode.ATOL, url))
    uid = env.begin(env.order(prepaid=False, lines=[("Наушники", 1, 500_000)]))
    fake.paper = False
    with pytest.raises(FiscalError) as err:
        svc.pay(env.clerk, uid, [TenderInput("cash", 500_000, 1_000_000)])
    assert err.value.retryable and "лента" in str(err.value)
    assert svc.state(uid).payment is None and fake.printed("sell") == []
    fake.paper = True
    state = svc.pay(env.clerk, uid, [TenderInput("cash", 500_000, 1_000_000)])
    assert state.payment is not None and state.payment.change_kopecks == 500_000
    assert len(fake.printed("sell")) == 1
