"""Gift certificates on the server: import (PINs only hashed), sale at a counter, spending at a handover, blocking;
every refusal with the contract's reason code; the certificate feed is global — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from sqlalchemy import select

from backend.models import Change
from backend.money_models import CertificateEntry
from tests.backend.conftest import BOTH_DBS, Server
from tests.backend.money_fixtures import (
    AT_PICKUP,
    FOREIGN,
    SECOND_AT_PICKUP,
    TOTAL,
    card,
    cash,
    cert,
    certificate,
    feed_items,
    hand_over,
    import_certificates,
    payment,
    points,
    ready,
    sell,
    setup_points,
    spend,
)
from tests.support.clock import FakeClock

GC1, GC2, GC3, GC4 = (f"GC{n:012d}" for n in (101, 102, 103, 104))
PIN = "48151623"


@BOTH_DBS
def test_an_import_keeps_only_the_pin_hash_and_every_point_sees_the_certificate(server: Server) -> None:
    here, there = setup_points(server)
    reply = import_certificates(server, (GC1, PIN, 500_000), (GC2, "00000001", None))
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"imported": [{"certificate": GC1, "status": "stock"}, {"certificate": GC2,
                                                                                   "status": "stock"}]}
    stored = certificate(server, GC1)
    assert PasswordHasher().verify(stored.pin_hash, PIN) and PIN not in stored.pin_hash
    with server.db.read() as session:
        assert all(PIN not in str(c.payload) for c in session.scalars(select(Change)))
        assert {c.point_id for c in session.scalars(select(Change).where(Change.type == "certificate.upsert"))} == {
            None}
    for device in (here, there):
        upserts = feed_items(device, "certificate.upsert")
        assert upserts[0] == {"certificate": GC1, "status": "stock", "face": 500_000, "expires_at": None,
                              "pin_hash": stored.pin_hash}
        assert [c["certificate"] for c in device.snapshot().json()["certificates"]] == [GC1, GC2]


@BOTH_DBS
def test_a_bad_import_is_a_422_and_a_sold_certificate_is_not_reimported(server: Server) -> None:
    device, _ = setup_points(server)
    for bad in ([(GC1, "1234", 100_000)], [("GC12", PIN, 100_000)], [(GC1, PIN, 0)], [(GC1, PIN, None)] * 2):
        reply = import_certificates(server, *bad)
        assert reply.status_code == 422, (bad, reply.text)
        assert PIN not in reply.text
    late = server.admin("POST", "/v1/admin/certificates", json={"certificates": [
        {"number": GC1, "pin": PIN, "face": None, "expires_at": "0001-01-01T00:00:00+05:00"}]})
    assert late.status_code == 422
    assert import_certificates(server, (GC1, PIN, None)).status_code == 200
    assert sell(device, GC1, 300_000)["status"] == "applied"
    again = import_certificates(server, (GC1, PIN, None))
    assert (again.status_code, again.json()["code"]) == (409, "certificate_not_in_stock")


@BOTH_DBS
def test_a_sale_activates_the_certificate_once_paid_with_money(server: Server) -> None:
    here, there = setup_points(server)
    import_certificates(server, (GC1, PIN, 500_000), (GC2, PIN, None))
    assert sell(here, "GC999999999999", 500_000)["reason"] == "unknown_certificate:GC999999999999"
    assert sell(here, GC1, 300_000)["reason"] == "certificate_face_mismatch:500000"
    assert sell(here, GC2, 123_456)["reason"] == "certificate_face_invalid:123456"
    assert sell(here, GC1, 500_000, payment(500_000, points(5_000)))["reason"] == "bad_tenders:tender_not_money"
    assert sell(here, GC1, 500_000, payment(500_000, cash(400_000)))["reason"] == "bad_tenders:tenders_sum_mismatch"
    assert certificate(server, GC1).status == "stock"
    sold = sell(here, GC1, 500_000, payment(500_000, cash(200_000), card(300_000)), sale="sale-1")
    assert sold["status"] == "applied", sold
    found = certificate(server, GC1)
    assert (found.status, found.face_kopecks) == ("active", 500_000)
    assert found.expires_at == server.app.state.settings.clock() + timedelta(days=365)
    repeat = sell(here, GC1, 500_000, sale="sale-1")  # the same sale, another event id
    assert (repeat["status"], repeat["reason"]) == ("duplicate", "certificate_sale_already_recorded")
    other = sell(there, GC1, 500_000)
    assert (other["status"], other["reason"]) == ("conflict", "certificate_not_in_stock:active")
    entries = feed_items(there, "certificate.entry")
    assert len(entries) == 1 and set(entries[0]) == {"entry", "certificate", "reason", "amount", "order", "event_id",
                                                     "at"}
    assert (entries[0]["certificate"], entries[0]["reason"], entries[0]["amount"], entries[0]["order"]) == (
        GC1, "sale", 500_000, None)
    assert there.snapshot().json()["certificate_entries"] == entries


@BOTH_DBS
def test_spending_a_certificate_keeps_the_rest_and_refuses_every_bad_case(server: Server, clock: FakeClock) -> None:
    device, _ = setup_points(server)
    import_certificates(server, (GC1, PIN, 500_000), (GC2, PIN, 300_000), (GC3, PIN, 100_000), (GC4, PIN, None))
    for number in (GC1, GC2, GC3):
        sell(device, number, certificate(server, number).face_kopecks or 0)
    server.admin("POST", f"/v1/admin/certificates/{GC2}/block")
    ready(device, AT_PICKUP)
    done = hand_over(device, AT_PICKUP, payment(TOTAL, cert(GC1, 200_000), cert(GC3, 100_000),
                                                cash(TOTAL - 300_000)))
    uid = done["uid"]
    assert spend(device, "GC999999999999", AT_PICKUP, uid, 1)["reason"] == "unknown_certificate:GC999999999999"
    assert spend(device, GC1, AT_PICKUP, "no-such-handover", 1)["reason"] == "handover_not_recorded"
    assert spend(device, GC1, AT_PICKUP, uid, 0)["reason"] == "invalid_amount:0"
    assert spend(device, GC2, AT_PICKUP, uid, 1) | {"event_id": 0, "server_seq": 0} == {
        "event_id": 0, "server_seq": 0, "status": "conflict", "reason": "certificate_blocked"}
    assert spend(device, GC4, AT_PICKUP, uid, 1)["reason"] == "certificate_not_active:stock"
    beyond = spend(device, GC1, AT_PICKUP, uid, 600_000)  # not what the handover's payment took from it
    assert (beyond["status"], beyond["reason"]) == ("rejected", "redemption_not_in_payment")
    assert spend(device, GC1, AT_PICKUP, uid, 200_000)["status"] == "applied"
    assert spend(device, GC1, AT_PICKUP, uid, 200_000)["reason"] == "redemption_already_recorded"
    assert spend(device, GC3, AT_PICKUP, uid, 100_000)["status"] == "applied"
    assert (certificate(server, GC1).status, certificate(server, GC3).status) == ("active", "spent")
    with server.db.read() as session:
        amounts = {e.amount for e in session.scalars(select(CertificateEntry).where(
            CertificateEntry.reason == "redemption"))}
    assert amounts == {-200_000, -100_000}
    ready(device, SECOND_AT_PICKUP)
    later = hand_over(device, SECOND_AT_PICKUP, payment(TOTAL, cert(GC3, 100), cash(TOTAL - 100)))
    assert spend(device, GC3, SECOND_AT_PICKUP, later["uid"], 100)["reason"] == "certificate_overdraft:0<100"
    clock.advance(days=366)
    assert spend(device, GC1, SECOND_AT_PICKUP, later["uid"], 100)["reason"] == "certificate_expired"
    assert certificate(server, GC1).status == "expired"
    assert feed_items(device, "certificate.upsert")[-1]["certificate"] == GC1
    assert feed_items(device, "certificate.upsert")[-1]["status"] == "expired"
    assert spend(device, GC1, FOREIGN, later["uid"], 100)["reason"] == f"foreign_order:{FOREIGN}"


@BOTH_DBS
def test_blocking_a_certificate_reaches_every_point(server: Server) -> None:
    here, there = setup_points(server)
    import_certificates(server, (GC1, PIN, 500_000))
    unknown = server.admin("POST", "/v1/admin/certificates/GC999999999999/block")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "certificate_not_found")
    assert server.admin("POST", "/v1/admin/certificates/GC1/block").status_code == 422
    for _ in range(2):  # blocking twice is still one block
        reply = server.admin("POST", f"/v1/admin/certificates/{GC1}/block")
        assert reply.json() == {"certificate": GC1, "status": "blocked"}
    for device in (here, there):
        assert [u["status"] for u in feed_items(device, "certificate.upsert")] == ["stock", "blocked"]
    assert sell(here, GC1, 500_000)["reason"] == "certificate_not_in_stock:blocked"
