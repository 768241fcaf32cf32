"""The demo point's money (protocol/demo_money.py) seeded into the server: the demo customer's active card and
2 000 confirmed points, the certificates of DEMO_CERTIFICATES with their PINs, a ready credit order, and the
customer's ready order paid with points, a certificate and cash end to end."""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy import select

from backend.demo_seed import seed_demo
from backend.models import ClubCard, Customer
from protocol.demo_data import DEMO_CERTIFICATES, DEMO_CLAIM_PHONE
from protocol.money_rules import CertificateStatus
from tests.backend.conftest import BOTH_DBS, CHEAP_N, Server
from tests.backend.money_fixtures import cash, cert, hand_over, payment, points, redeem, spend
from tests.support.clock import FakeClock


@BOTH_DBS
def test_the_demo_point_has_balances_certificates_and_a_credit_order(server: Server, clock: FakeClock) -> None:
    secrets = seed_demo(server.db, CHEAP_N, clock(), orders=120)
    assert secrets is not None and secrets["money_order"]
    device = server.enrol()
    snapshot = device.snapshot().json()
    orders = {o["number"]: o for o in snapshot["orders"]}
    customer = orders[secrets["money_order"]]["customer"]
    assert customer["phone"] == DEMO_CLAIM_PHONE and not orders[secrets["money_order"]]["prepaid"]
    assert orders[secrets["money_order"]]["status"] == "ready"
    assert any(o["kind"] == "credit" and o["status"] == "ready" for o in orders.values())
    mine = [e for e in snapshot["bonus_entries"] if e["customer"] == customer["external_id"]]
    assert sorted((e["reason"], e["points"]) for e in mine) == [("accrual", 1_810), ("activation", 190)]
    with server.db.read() as session:
        card = session.scalars(select(ClubCard).join(Customer, Customer.id == ClubCard.customer_id)
                               .where(Customer.phone == DEMO_CLAIM_PHONE)).one()
        assert card.status == "active" and card.number not in secrets["card_codes"]
    by_number = {c["certificate"]: c for c in snapshot["certificates"]}
    assert set(by_number) == set(DEMO_CERTIFICATES)
    for number, (pin, face, status) in DEMO_CERTIFICATES.items():
        assert (by_number[number]["status"], by_number[number]["face"]) == (status, face)
        assert PasswordHasher().verify(by_number[number]["pin_hash"], pin)
    statuses = [status for _pin, _face, status in DEMO_CERTIFICATES.values()]
    assert [statuses.count(s) for s in (CertificateStatus.ACTIVE, CertificateStatus.STOCK, CertificateStatus.EXPIRED,
                                        CertificateStatus.BLOCKED)] == [3, 2, 1, 1]
    sold = {e["certificate"]: e["amount"] for e in snapshot["certificate_entries"]}
    assert sold == {n: face for n, (_pin, face, status) in DEMO_CERTIFICATES.items() if status != "stock"}
    assert seed_demo(server.db, CHEAP_N, clock(), orders=120) is None  # once


def test_the_demo_customers_order_is_paid_with_points_a_certificate_and_cash(server: Server,
                                                                             clock: FakeClock) -> None:
    secrets = seed_demo(server.db, CHEAP_N, clock(), orders=120)
    assert secrets is not None
    device = server.enrol()
    number = secrets["money_order"]
    total = next(o for o in device.snapshot().json()["orders"] if o["number"] == number)["total_kopecks"]
    gift = "GC004200000002"
    use = min(300_000, total // 4)
    done = hand_over(device, number, payment(total, points(1_000), cert(gift, use), cash(total - 100_000 - use)))
    assert done["status"] == "applied", done
    assert redeem(device, number, done["uid"], 1_000)["status"] == "applied"
    assert spend(device, gift, number, done["uid"], use)["status"] == "applied"
    money = (total - 100_000 - use) // 100
    assert device.send("bonus.accrual", {"order": number, "points": money})["status"] == "applied"
    entries = [c["payload"] for c in device.all_changes() if c["type"] == "bonus.entry"]
    assert [(e["reason"], e["points"]) for e in entries][-2:] == [("redemption", -1_000), ("accrual", money)]
