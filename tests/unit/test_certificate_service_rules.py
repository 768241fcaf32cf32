"""Selling a gift certificate at the counter (desktop.services.money.certificate_service): what the sale records —
the pending certificate valid a year, its pending ledger entry tied to the event, the event the server receives, the
receipt's reference, the journal entry — and every refusal naming the certificate, its state and the faces allowed."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.fiscal_models import FiscalReceipt
from desktop.db.models import AuditEntry, OutboxEvent, Payment
from desktop.db.money_models import Certificate, CertificateEntry
from desktop.services.money.certificate_service import CertificateService
from desktop.services.money.certificates import status_text
from desktop.services.money.model import TenderInput
from protocol.money import rub
from protocol.money_rules import CERTIFICATE_FACES
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, refused
from tests.unit.money_env import certificate

GC = "GC000000000031"


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _sell(env: Env, face: Any = 500_000, tenders: list[TenderInput] | None = None, number: str = GC) -> Any:
    tenders = tenders if tenders is not None else [TenderInput("card", 200_000), TenderInput("cash", 300_000, 350_000)]
    return CertificateService(env.db, env.clock).sell(env.clerk, number, face, tenders)


def _nothing_recorded(env: Env) -> None:
    with env.db.read() as s:
        assert s.scalars(select(OutboxEvent).where(OutboxEvent.type == "certificate.sold")).first() is None
        assert s.scalars(select(CertificateEntry).where(CertificateEntry.status == "pending")).first() is None


def test_a_sale_records_the_pending_certificate_its_entry_event_receipt_and_journal_entry(env: Env) -> None:
    certificate(env, GC, balance=None, status="stock", face=None)
    env.clock.advance(hours=2)
    now = env.clock()
    sale = _sell(env, number=" gc000000000031 ")
    assert isinstance(sale.sale, str) and len(sale.sale) == 36  # the sale's own uid, named in its event and journal
    assert (sale.certificate.number, sale.certificate.status, sale.certificate.face_kopecks) == (GC, "pending", 500_000)
    assert sale.certificate.expires_at == now + timedelta(days=365)
    with env.db.read() as s:
        cert = s.scalars(select(Certificate)).one()
        assert (cert.status, cert.face_kopecks, cert.updated_at) == ("pending", 500_000, now)
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "certificate.sold")).one()
        [entry] = s.scalars(select(CertificateEntry)).all()
        receipt = s.scalars(select(FiscalReceipt)).one()
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "certificate.sold")).one()
        payments = [(p.order_id, p.handover_id, p.method, p.due_kopecks, p.tendered_kopecks, p.change_kopecks,
                     p.staff_id, p.paid_at) for p in s.scalars(select(Payment).order_by(Payment.id))]
    staff = env.clerk.staff_id  # the shift's cash report counts the sale's money, with the change given
    assert payments == [(None, None, "card", 200_000, 200_000, 0, staff, now),
                        (None, None, "cash", 300_000, 350_000, 50_000, staff, now)]
    assert (entry.certificate, entry.reason, entry.amount_kopecks, entry.status, entry.event_id, entry.created_at) == (
        GC, "sale", 500_000, "pending", event.event_id, now)
    assert json.loads(event.payload) == {"sale": sale.sale, "certificate": GC, "amount": 500_000, "payment": {
        "due": 500_000, "receipt": receipt.uuid, "tenders": [
            {"kind": "card", "amount": 200_000}, {"kind": "cash", "amount": 300_000, "tendered": 350_000,
                                                  "change": 50_000}]}}
    assert receipt.ref == f"certificate:{GC}" and sale.receipt is not None and sale.receipt.uuid == receipt.uuid
    assert receipt.staff_id == env.clerk.staff_id and env.clerk.full_name in sale.receipt.text  # the cashier
    assert (audit.subject, audit.staff_id, json.loads(audit.details)) == (GC, env.clerk.staff_id, {
        "sale": sale.sale, "face": 500_000, "receipt": receipt.uuid, "tenders": ["card", "cash"]})


def test_a_certificate_not_in_stock_is_refused_naming_its_state(env: Env) -> None:
    certificate(env, GC, balance=300_000, status="active", face=300_000)
    with refused("money.certificate_not_for_sale", number=GC, status=status_text("active")):
        _sell(env, 300_000, [TenderInput("cash", 300_000)])
    _nothing_recorded(env)


def test_a_certificate_with_a_printed_face_sells_only_for_it(env: Env) -> None:
    certificate(env, GC, balance=None, status="stock", face=300_000)
    with refused("money.face_mismatch", number=GC, face=rub(300_000)):
        _sell(env, 500_000)
    _nothing_recorded(env)
    assert _sell(env, 300_000, [TenderInput("cash", 300_000)]).certificate.face_kopecks == 300_000


@pytest.mark.parametrize(("face", "shown"), [(250_000, rub(250_000)), (0, rub(0)), ("500000", "500000")])
def test_a_face_not_on_the_list_is_refused_naming_the_faces_allowed(env: Env, face, shown) -> None:
    certificate(env, GC, balance=None, status="stock", face=None)
    allowed = ", ".join(rub(f) for f in CERTIFICATE_FACES)
    with refused("money.bad_face", face=shown, allowed=allowed):
        _sell(env, face, [TenderInput("cash", 250_000)])
    _nothing_recorded(env)


def test_a_certificate_is_paid_with_money_only_and_exactly(env: Env) -> None:
    certificate(env, GC, balance=None, status="stock", face=None)
    for tenders, code in (([TenderInput("cash", 400_000), TenderInput("certificate", 100_000, certificate=GC)],
                           "money.sale_money_only"), ([TenderInput("card", 400_000)], "money.tenders_mismatch")):
        with refused(code):
            _sell(env, 500_000, tenders)
    _nothing_recorded(env)


def test_selling_and_looking_up_need_a_logged_in_clerk_and_read_the_number_as_printed(env: Env) -> None:
    certificate(env, GC, balance=100_000)
    service = CertificateService(env.db, env.clock)
    with refused("auth.not_logged_in"):
        service.sell(None, GC, 500_000, [TenderInput("cash", 500_000)])
    assert service.lookup(env.clerk, " gc000000000031").balance_kopecks == 100_000
    with refused("money.certificate_unknown", number="GC000000000048"):
        service.lookup(env.clerk, "GC000000000048")
