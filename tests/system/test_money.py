"""Money through the whole system (issue 12): two counter PCs, the real backend on loopback (SQLite and PostgreSQL).

Both PCs spend the same points offline → the first applied, the second a conflict for the manager (in Russian),
both caches end with the server's balance; the same for a gift certificate; a handover paid with points + a
certificate + cash → the server's ledgers and both caches agree; a credit order handed over with its agreement.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from backend import models as srv
from backend import money as server_money
from backend.money_models import GiftCertificate
from desktop.db.models import ManagerAlert, Order, OutboxEvent
from desktop.services.handover import HandoverResult
from desktop.services.money import CertificateService, TenderInput
from desktop.sync.reasons import describe_alert
from protocol.demo_data import DEMO_CERTIFICATES
from protocol.demo_money import DEMO_MONEY_PHONE
from protocol.money_rules import CertificateStatus
from protocol.order_states import OrderStatus
from tests.sms.fake_gateways import FakeGatewayServer
from tests.system.harness import Counter, System, build_system

pytestmark = pytest.mark.slow
CARD_OR_PHONE = DEMO_MONEY_PHONE
CERT, CERT_PIN = next((n, v[0]) for n, v in DEMO_CERTIFICATES.items() if v[2] == CertificateStatus.ACTIVE)


@pytest.fixture
def money(system_db_url: str, tmp_path: Path) -> Iterator[System]:
    """The demo point with the demo customer's orders ready on both PCs (synced)."""
    with FakeGatewayServer("smsc") as gateway:
        whole = build_system(tmp_path, system_db_url, gateway)
        try:
            whole.sync_all()
            yield whole
        finally:
            for counter in whole.counters:
                counter.db.dispose()
            whole.backend.stop()


def _ready_unpaid(system: System, counter: Counter, n: int) -> list[str]:
    """`n` ready pay-at-pickup retail orders with a pickup code (no documents needed), cheapest first."""
    with counter.db.read() as s:
        rows = s.scalars(select(Order).where(Order.status == OrderStatus.READY, Order.prepaid.is_(False),
                                             Order.kind == "retail", Order.total_kopecks < 10_000_000)
                         .order_by(Order.total_kopecks)).all()
        numbers = [o.number for o in rows if o.number in system.secrets.pickup_codes and o.total_kopecks >= 800_000]
    assert len(numbers) >= n
    return numbers[:n]


def _hand_over(system: System, counter: Counter, number: str, tenders: list[TenderInput]) -> HandoverResult:
    """The clerk of `counter` hands `number` over; `cash` (the rest of what is due) is added last."""
    actor = counter.actor("kassir")
    service = counter.handover()
    state = service.start(actor, number)
    state = service.verify_code(actor, state.uid, system.secrets.pickup_codes[number])
    for box in state.boxes:
        service.scan_box(actor, state.uid, box.barcode)
    rest = state.due_kopecks - sum(t.amount_kopecks for t in tenders)
    service.pay(actor, state.uid, [*tenders, TenderInput("cash", rest, rest)] if rest else tenders)
    return service.complete(actor, state.uid)


def _due(counter: Counter, number: str) -> int:
    with counter.db.read() as s:
        due = int(s.scalar(select(Order.total_kopecks).where(Order.number == number)) or 0)
    assert 400_000 <= due <= 1_200_000, due  # points pay 2 000 ₽, a 10 000 ₽ certificate the rest
    return due


def _server_points(system: System) -> int:
    with system.backend.db.read() as s:
        customer = s.scalars(select(srv.Customer.id).where(srv.Customer.phone == DEMO_MONEY_PHONE)).first()
        return server_money.balance(s, server_money.account_ids(s, customer))


def _server_certificate(system: System, number: str) -> int:
    with system.backend.db.read() as s:
        cert = s.scalars(select(GiftCertificate).where(GiftCertificate.number == number)).one()
        return server_money.certificate_balance(s, cert)


def _outcomes(counter: Counter, type_: str) -> list[tuple[str, str | None]]:
    with counter.db.read() as s:
        return [(e.status, e.reason) for e in s.scalars(select(OutboxEvent).where(OutboxEvent.type == type_))]


def _conflict_text(counter: Counter) -> str:
    with counter.db.read() as s:
        alert = s.scalars(select(ManagerAlert).where(ManagerAlert.kind == "conflict")).one()
        return describe_alert(alert.kind, alert.message, alert.details)


def _customers_orders(system: System, numbers: list[str]) -> None:
    """The orders become the demo customer's on the server and both PCs (their accounts are the phone's)."""
    with system.backend.db.write() as s:
        customer = s.scalars(select(srv.Customer).where(srv.Customer.phone == DEMO_MONEY_PHONE)).first()
        for order in s.scalars(select(srv.Order).where(srv.Order.number.in_(numbers))):
            order.customer_id = customer.id
    for counter in system.counters:
        with counter.db.write() as s:
            from desktop.db.models import Customer

            mine = s.scalars(select(Customer).where(Customer.phone == DEMO_MONEY_PHONE)).first()
            for order in s.scalars(select(Order).where(Order.number.in_(numbers))):
                order.customer_id = mine.id


def _both_caches_hold(system: System, points: int) -> None:
    for counter in system.counters:
        balance = counter.club().balance(counter.actor("kassir"), CARD_OR_PHONE)
        assert (balance.confirmed, balance.pending, balance.reserved) == (points, 0, 0), counter.name


def test_two_pcs_spend_the_same_points_offline_one_is_a_conflict_and_both_end_with_the_servers_balance(
        money: System) -> None:
    pc1, pc2 = money.counters
    first, second = _ready_unpaid(money, pc1, 2)
    _customers_orders(money, [first, second])
    assert _server_points(money) == 2000
    for counter in (pc1, pc2):
        assert counter.club().balance(counter.actor("kassir"), CARD_OR_PHONE).available == 2000
    # Both offline, each sees 2 000 points. PC 1 pays the rest with a certificate (no money: no accrual that
    # would cover PC 2's spend on the server); PC 2 the rest in cash.
    due = _due(pc1, first)
    big, big_pin = next((n, v[0]) for n, v in DEMO_CERTIFICATES.items() if v[1] == 1_000_000)
    one = _hand_over(money, pc1, first, [TenderInput("points", 200_000),
                                         TenderInput("certificate", due - 200_000, certificate=big, pin=big_pin)])
    two = _hand_over(money, pc2, second, [TenderInput("points", 200_000)])
    assert one.bonus_points == 0
    money.sync_all(rounds=3)
    assert _outcomes(pc1, "bonus.redeemed") == [("applied", None)]
    [(status, reason)] = _outcomes(pc2, "bonus.redeemed")
    assert status == "conflict" and reason is not None and reason.startswith("points_overdraft:")
    assert "баллов на счёте не хватило" in _conflict_text(pc2)
    server = _server_points(money)
    assert server == 2000 - 2000 + two.bonus_points
    _both_caches_hold(money, server)


def test_two_pcs_spend_the_same_certificate_offline_and_agree_with_the_server_after(money: System) -> None:
    pc1, pc2 = money.counters
    first, second = _ready_unpaid(money, pc1, 2)
    balance = _server_certificate(money, CERT)
    spend = balance * 2 // 3
    for counter, number in ((pc1, first), (pc2, second)):
        _hand_over(money, counter, number, [TenderInput("certificate", spend, certificate=CERT, pin=CERT_PIN)])
    money.sync_all(rounds=3)
    assert _outcomes(pc1, "certificate.redeemed") == [("applied", None)]
    [(status, reason)] = _outcomes(pc2, "certificate.redeemed")
    assert status == "conflict" and reason is not None and reason.startswith("certificate_overdraft:")
    assert "уже потрачен на другом компьютере" in _conflict_text(pc2)
    assert _server_certificate(money, CERT) == balance - spend
    for counter in (pc1, pc2):
        view = CertificateService(counter.db, counter.clock).lookup(counter.actor("kassir"), CERT)
        assert (view.balance_kopecks, view.available_kopecks) == (balance - spend, balance - spend), counter.name


def test_points_a_certificate_and_cash_on_one_order_agree_on_the_server_and_both_pcs(money: System) -> None:
    pc1, pc2 = money.counters
    number = money.secrets.money_order
    assert number is not None
    cert_before = _server_certificate(money, CERT)
    result = _hand_over(money, pc1, number, [TenderInput("points", 100_000),
                                             TenderInput("certificate", 200_000, certificate=CERT, pin=CERT_PIN)])
    assert result.receipt is not None and result.payment is not None
    money.sync_all(rounds=3)
    for counter in (pc1, pc2):
        for kind in ("handover.completed", "bonus.redeemed", "certificate.redeemed", "bonus.accrual"):
            assert all(status == "applied" for status, _ in _outcomes(counter, kind)), (counter.name, kind)
    with money.backend.db.read() as s:
        handover = s.scalars(select(srv.Handover).join(srv.Order, srv.Handover.order_id == srv.Order.id)
                             .where(srv.Order.number == number)).one()
        recorded: dict[str, Any] = handover.payment or {}
    assert [t["kind"] for t in recorded["tenders"]] == ["points", "certificate", "cash"]
    assert result.bonus_points == result.payment.money_kopecks // 100
    _both_caches_hold(money, _server_points(money))
    assert _server_points(money) == 2000 - 1000 + result.bonus_points
    assert _server_certificate(money, CERT) == cert_before - 200_000
    for counter in (pc1, pc2):
        view = CertificateService(counter.db, counter.clock).lookup(counter.actor("kassir"), CERT)
        assert view.balance_kopecks == cert_before - 200_000, counter.name


def test_a_credit_order_is_handed_over_with_its_signed_agreement(money: System) -> None:
    pc1, pc2 = money.counters
    with pc1.db.read() as s:
        number = s.scalars(select(Order.number).where(Order.kind == "credit", Order.status == OrderStatus.READY)
                           .order_by(Order.number)).first()
    assert number is not None and number in money.secrets.pickup_codes
    actor, service = pc1.actor("kassir"), pc1.handover()
    state = service.start(actor, number)
    state = service.verify_code(actor, state.uid, money.secrets.pickup_codes[number])
    for box in state.boxes:
        service.scan_box(actor, state.uid, box.barcode)
    service.record_id_document(actor, state.uid, "passport_rf", "4321")
    assert service.state(state.uid).missing_steps == ("credit_agreement",)
    service.confirm_credit_agreement(actor, state.uid, "KD-2026/77001", signed=True)
    result = service.complete(actor, state.uid)
    assert result.payment is None and result.bonus_points == 0 and result.receipt is not None
    money.sync_all()
    assert _outcomes(pc1, "handover.completed") == [("applied", None)]
    with money.backend.db.read() as s:
        handover = s.scalars(select(srv.Handover).join(srv.Order, srv.Handover.order_id == srv.Order.id)
                             .where(srv.Order.number == number)).one()
        assert handover.credit_agreement == "KD-2026/77001"
    with pc2.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == number)) == OrderStatus.HANDED_OVER
