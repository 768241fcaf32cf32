"""The server's money items on the counter: bonus entries confirm this PC's own by event id, certificates and their
entries, the point's money settings, a refused redemption freeing its points, snapshots; reasons in Russian."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop import messages
from desktop.cache_import import load_snapshot
from desktop.db.engine import Database
from desktop.db.models import BonusLedgerEntry, ClubCard, OutboxEvent, Payment, PickupPoint
from desktop.db.money_models import Certificate
from desktop.scan_routing import ScanKind, route_scan
from desktop.services.club import ClubService
from desktop.services.money import CertificateService, TenderInput
from desktop.sync.apply import apply_change, record_problem
from desktop.sync.reasons import REMEDY_FAMILY, UNKNOWN_REASON, describe_reason
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import FAST_HASHER, make_customer
from tests.unit.handover_env import Env, make_env, refused
from tests.unit.money_env import bonus_entry, certificate, club_customer, customer_of, ledger

GC = "GC000000000031"
CARD = "2000000000015"


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _apply(env: Env, type_: str, payload: dict) -> None:
    with env.db.write() as s:
        apply_change(s, {"seq": 1, "type": type_, "payload": payload}, env.clock())


def _event_id(env: Env, type_: str) -> str:
    with env.db.read() as s:
        return s.scalars(select(OutboxEvent.event_id).where(OutboxEvent.type == type_)).one()


def _spend_points(env: Env, customer: int, points: int) -> str:
    uid = env.begin(env.order(prepaid=False, customer=customer_of(env, customer), lines=[("Ноутбук", 1, 1_000_000)]))
    env.svc.pay(env.clerk, uid, [TenderInput("points", points * 100),
                                 TenderInput("cash", 1_000_000 - points * 100)])
    env.svc.complete(env.clerk, uid)
    return uid


def test_the_servers_entries_confirm_this_pcs_own_by_event_id_and_add_the_others(env: Env) -> None:
    customer = club_customer(env, points=1000)
    external = customer_of(env, customer).external_id
    assert external is not None
    _spend_points(env, customer, 400)
    redeemed, accrued = _event_id(env, "bonus.redeemed"), _event_id(env, "bonus.accrual")
    club = ClubService(env.db, env.clock)
    assert club.balance(env.clerk, CARD).available == 600
    _apply(env, "bonus.entry", bonus_entry(external, -400, "redemption", event_id=redeemed))
    _apply(env, "bonus.entry", bonus_entry(external, 9600, "accrual", event_id=accrued))
    other = bonus_entry(external, 250, "accrual", event_id="another-pcs-event")
    _apply(env, "bonus.entry", other)
    _apply(env, "bonus.entry", other)  # a replayed page changes nothing
    balance = club.balance(env.clerk, customer_of(env, customer).phone)
    assert (balance.confirmed, balance.pending, balance.reserved, balance.available) == (10_450, 0, 0, 10_450)
    assert sorted(ledger(env)) == sorted([("activation", 1000, "confirmed"), ("redemption", -400, "confirmed"),
                                          ("accrual", 9600, "confirmed"), ("accrual", 250, "confirmed")])
    assert [e.reason for e in balance.entries][-1] == "activation" and len(balance.entries) == 4


def test_a_refused_redemption_frees_its_points_and_alerts_the_manager(env: Env) -> None:
    customer = club_customer(env, points=1000)
    _spend_points(env, customer, 500)
    club = ClubService(env.db, env.clock)
    assert club.balance(env.clerk, CARD).reserved == 500
    with env.db.write() as s:
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "bonus.redeemed")).one()
        event.status, event.reason = "conflict", "points_overdraft:100<500"
        record_problem(s, event, env.clock())
    balance = club.balance(env.clerk, CARD)
    assert (balance.reserved, balance.available) == (0, 1000)
    assert ("redemption", -500, "rejected") in ledger(env)


def test_unknown_customer_entries_and_unknown_cards_are_handled(env: Env) -> None:
    _apply(env, "bonus.entry", bonus_entry("nobody-here", 100))
    assert ledger(env) == []
    with refused("club.card_unknown"):
        ClubService(env.db, env.clock).balance(env.clerk, "2999999999992")
    with refused("club.customer_unknown"):
        ClubService(env.db, env.clock).balance(env.clerk, "+79169999999")


def test_a_sale_made_here_stays_pending_until_the_server_confirms_it(env: Env) -> None:
    certificate(env, GC, balance=None, status="stock", face=None)
    certs = CertificateService(env.db, env.clock)
    with refused("money.bad_face"):
        certs.sell(env.clerk, GC, 250_000, [TenderInput("cash", 250_000)])
    with refused("money.sale_money_only"):
        certs.sell(env.clerk, GC, 500_000, [TenderInput("points", 500_000)])
    with refused("money.tenders_mismatch"):
        certs.sell(env.clerk, GC, 500_000, [TenderInput("card", 400_000)])
    sale = certs.sell(env.clerk, GC, 500_000, [TenderInput("card", 200_000), TenderInput("cash", 300_000, 500_000)])
    assert sale.certificate.status == "pending" and sale.receipt is not None and "GC000000000031" in sale.receipt.text
    with refused("money.certificate_not_for_sale"):
        certs.sell(env.clerk, GC, 500_000, [TenderInput("cash", 500_000)])
    with env.db.read() as s:  # the shift's cash report counts the sale's money
        assert [(p.order_id, p.method, p.due_kopecks, p.tendered_kopecks) for p in s.scalars(select(Payment))] == [
            (None, "card", 200_000, 200_000), (None, "cash", 300_000, 500_000)]
    sold = json.loads(_payload(env, "certificate.sold"))
    assert sold["amount"] == 500_000 and sold["payment"]["tenders"][1] == {
        "kind": "cash", "amount": 300_000, "tendered": 500_000, "change": 200_000}
    upsert = {"certificate": GC, "status": "stock", "face": None, "expires_at": None, "pin_hash": "x"}
    _apply(env, "certificate.upsert", upsert)  # an older server view: still pending here
    assert certs.lookup(env.clerk, GC).status == "pending"
    _apply(env, "certificate.upsert", upsert | {"status": "active", "face": 500_000,
                                                "expires_at": "2027-11-24T09:00:00+00:00"})
    _apply(env, "certificate.entry", {"entry": 7, "certificate": GC, "reason": "sale", "amount": 500_000,
                                      "order": None, "event_id": _event_id(env, "certificate.sold"),
                                      "at": "2026-11-24T09:00:00+00:00"})
    view = certs.lookup(env.clerk, GC)
    assert (view.status, view.balance_kopecks, view.available_kopecks) == ("active", 500_000, 500_000)


def test_a_refused_sale_puts_the_certificate_back_in_stock(env: Env) -> None:
    certificate(env, GC, balance=None, status="stock", face=500_000)
    CertificateService(env.db, env.clock).sell(env.clerk, GC, 500_000, [TenderInput("cash", 500_000)])
    with env.db.write() as s:
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "certificate.sold")).one()
        event.status, event.reason = "conflict", "certificate_not_in_stock:active"
        record_problem(s, event, env.clock())
        assert s.scalars(select(Certificate.status).where(Certificate.number == GC)).one() == "stock"


def _payload(env: Env, type_: str) -> str:
    with env.db.read() as s:
        return s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == type_)).one()


def test_the_points_share_comes_from_the_points_money_settings(env: Env) -> None:
    customer = club_customer(env, points=9000)
    with env.db.read() as s:
        code = s.get(PickupPoint, env.point_id).code  # type: ignore[union-attr]
    _apply(env, "point.upsert", {"code": code, "money": {"points_share_percent": 20, "credit_accrues_points": True}})
    uid = env.begin(env.order(prepaid=False, customer=customer_of(env, customer), lines=[("Ноутбук", 1, 1_000_000)]))
    assert env.svc.payment_options(env.clerk, uid).points_cap == 2000
    _apply(env, "point.upsert", {"code": code})  # a point change without money keeps the settings
    assert env.svc.payment_options(env.clerk, uid).points_cap == 2000


def test_a_snapshot_brings_certificates_their_entries_and_bonus_entries(env: Env) -> None:
    customer = club_customer(env, points=0)
    external = customer_of(env, customer).external_id
    with env.db.read() as s:
        point = s.get(PickupPoint, env.point_id)
        point_data = {"code": point.code, "name": point.name, "city": point.city,  # type: ignore[union-attr]
                      "address": point.address}  # type: ignore[union-attr]
    snapshot = {"point": point_data, "certificates": [
        {"certificate": GC, "status": "active", "face": 100_000, "expires_at": None, "pin_hash": "x"}],
        "certificate_entries": [{"entry": 70, "certificate": GC, "reason": "sale", "amount": 100_000,
                                 "order": None, "event_id": None, "at": None}],
        "bonus_entries": [bonus_entry(str(external), 1234)]}
    with env.db.write() as s:
        load_snapshot(s, snapshot)
        load_snapshot(s, snapshot)
    assert CertificateService(env.db, env.clock).lookup(env.clerk, GC).balance_kopecks == 100_000
    assert ClubService(env.db, env.clock).balance(env.clerk, CARD).confirmed == 1234


def test_a_gift_certificate_scan_is_routed_as_a_certificate() -> None:
    assert route_scan("GC000000000017\n") == (scan := route_scan("gc000000000017"))
    assert scan.kind is ScanKind.CERTIFICATE and scan.value == "GC000000000017"
    with pytest.raises(DomainError):
        route_scan("GC00000000001")


@pytest.mark.parametrize("reason", [
    "bad_tenders:tenders_sum_mismatch", "credit_agreement_missing", "points_overdraft:100<500", "invalid_points:-1",
    "handover_not_recorded", "redemption_already_recorded", "unknown_certificate:GC000000000017",
    "certificate_not_in_stock:active", "certificate_face_mismatch:500000", "certificate_face_invalid:1",
    "certificate_sale_already_recorded", "certificate_not_active:stock", "certificate_expired",
    "certificate_blocked", "certificate_overdraft:100<500", "invalid_amount:0", "redemption_not_in_payment",
])
def test_every_money_reason_of_the_server_reads_in_russian_with_a_remedy(reason: str) -> None:
    text = describe_reason(reason)
    code = reason.split(":")[0]
    assert text != messages.describe(UNKNOWN_REASON, {}) and code not in text
    assert code in REMEDY_FAMILY


def test_an_activation_confirmed_by_the_servers_entry_and_another_pcs_of_the_same_card(env: Env) -> None:
    customer = club_customer(env, points=0, card="2000000000022")
    external = customer_of(env, customer).external_id
    with env.db.write() as s:  # a second card for a second customer's activation on this PC
        other = make_customer(s)
        other.external_id = "C-other"
        s.add(ClubCard(number=CARD, point_id=env.point_id, activation_code_hash=FAST_HASHER.hash("1111"),
                       status="pending", customer_id=other.id))
        s.flush()
        s.add(BonusLedgerEntry(customer_id=other.id, card_id=s.scalars(select(ClubCard.id).where(
            ClubCard.number == CARD)).one(), reason="activation", points=190, status="pending",
            created_at=env.clock(), event_id="this-pcs-activation"))
    _apply(env, "bonus.entry", bonus_entry(str(external), 190, "activation", event_id="another-pcs") | {"card": CARD})
    _apply(env, "bonus.entry", bonus_entry("C-other", 190, "activation", event_id="this-pcs-activation")
           | {"card": CARD})
    assert sorted(ledger(env)) == [("activation", 0, "confirmed"), ("activation", 190, "confirmed"),
                                   ("activation", 190, "confirmed")]
