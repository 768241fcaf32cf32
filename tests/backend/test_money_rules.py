"""The server is authoritative on money at a handover: tenders add up, credit orders need the signed agreement,
points are spent only from the confirmed balance, points accrue only on money — on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.models import BonusEntry, Handover
from tests.backend.conftest import BOTH_DBS, Server
from tests.backend.money_fixtures import (
    AT_PICKUP,
    CREDIT,
    PREPAID,
    SECOND_AT_PICKUP,
    TOTAL,
    balance,
    card,
    cash,
    cert,
    credit_points,
    feed_items,
    hand_over,
    payment,
    points,
    ready,
    redeem,
    setup_points,
)


def _recorded(server: Server, uid: str) -> Handover:
    with server.db.read() as session:
        found = session.scalars(select(Handover).where(Handover.uid == uid)).one()
        session.expunge(found)
        return found


@BOTH_DBS
def test_a_payment_that_does_not_add_up_is_rejected_and_a_good_one_is_recorded(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, AT_PICKUP)
    short = hand_over(device, AT_PICKUP, payment(TOTAL, cash(TOTAL - 100)))
    assert (short["status"], short["reason"]) == ("rejected", "bad_tenders:tenders_sum_mismatch")
    greedy = hand_over(device, AT_PICKUP, payment(TOTAL, points(6_251), cash(TOTAL - 625_100)))
    assert (greedy["status"], greedy["reason"]) == ("rejected", "bad_tenders:points_over_share:6251>6250")
    change = hand_over(device, AT_PICKUP, payment(TOTAL, {"kind": "cash", "amount": TOTAL, "tendered": TOTAL,
                                                           "change": 5}))
    assert (change["status"], change["reason"]) == ("rejected", "bad_tenders:cash_change_mismatch")
    twice = hand_over(device, AT_PICKUP, payment(TOTAL, cert("GC000000000001", 100), cert("GC000000000001", 100),
                                                 cash(TOTAL - 200)))
    assert twice["reason"] == "bad_tenders:certificate_repeated"
    no_due = hand_over(device, AT_PICKUP, {"tenders": [cash(TOTAL)]})
    assert no_due["reason"] == "bad_tenders:due_invalid"
    good = hand_over(device, AT_PICKUP, payment(TOTAL, points(5_000), cash(TOTAL - 500_000, 800_000)))
    assert good["status"] == "applied", good
    assert _recorded(server, good["uid"]).payment == {"due": TOTAL, "tenders": [
        {"kind": "points", "amount": 500_000},
        {"kind": "cash", "amount": TOTAL - 500_000, "tendered": 800_000, "change": 800_000 - TOTAL + 500_000}]}


@BOTH_DBS
def test_the_previous_counters_one_method_payment_is_still_accepted(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, AT_PICKUP)
    old = hand_over(device, AT_PICKUP, {"method": "card", "due": TOTAL, "tendered": TOTAL, "change": 0})
    assert old["status"] == "applied", old
    assert _recorded(server, old["uid"]).payment == {"due": TOTAL, "tenders": [{"kind": "card", "amount": TOTAL}]}
    assert device.send("bonus.accrual", {"order": AT_PICKUP, "points": 12_500})["status"] == "applied"


@BOTH_DBS
def test_a_credit_order_needs_its_signed_agreement_and_earns_no_points_by_default(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, CREDIT)
    missing = hand_over(device, CREDIT, None)
    assert (missing["status"], missing["reason"]) == ("rejected", "credit_agreement_missing")
    garbage = hand_over(device, CREDIT, None, agreement="12")  # not an agreement number
    assert garbage["reason"] == "credit_agreement_missing"
    done = hand_over(device, CREDIT, None, agreement="КД-2026/001234")
    assert done["status"] == "applied", done
    assert _recorded(server, done["uid"]).credit_agreement == "КД-2026/001234"
    accrual = device.send("bonus.accrual", {"order": CREDIT, "points": 1})
    assert (accrual["status"], accrual["reason"]) == ("rejected", "points_exceed_paid:1>0")


@BOTH_DBS
def test_a_refused_credit_order_needs_no_agreement(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, CREDIT)
    assert hand_over(device, CREDIT, None, result="refused")["status"] == "applied"


@BOTH_DBS
def test_points_accrue_on_the_money_part_only(server: Server) -> None:
    device, _ = setup_points(server)
    credit_points(server, 5_000)
    ready(device, AT_PICKUP)
    done = hand_over(device, AT_PICKUP, payment(TOTAL, points(5_000), card(TOTAL - 500_000)))
    assert redeem(device, AT_PICKUP, done["uid"], 5_000)["status"] == "applied"
    over = device.send("bonus.accrual", {"order": AT_PICKUP, "points": 7_501})
    assert (over["status"], over["reason"]) == ("rejected", "points_exceed_paid:7501>7500")
    assert device.send("bonus.accrual", {"order": AT_PICKUP, "points": 7_500})["status"] == "applied"
    assert balance(server) == 7_500


@BOTH_DBS
def test_nothing_accrues_when_nothing_was_paid_with_money(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, AT_PICKUP)
    done = hand_over(device, AT_PICKUP, None)  # a pay-at-pickup order handed over without a payment recorded
    assert done["status"] == "applied"
    assert _recorded(server, done["uid"]).payment == {}
    assert device.send("bonus.accrual", {"order": AT_PICKUP, "points": 1})["reason"] == "points_exceed_paid:1>0"
    ready(device, PREPAID)
    hand_over(device, PREPAID, None)
    assert device.send("bonus.accrual", {"order": PREPAID, "points": 12_500})["status"] == "applied"  # as before


@BOTH_DBS
def test_points_are_spent_only_from_the_confirmed_balance(server: Server) -> None:
    device, _ = setup_points(server)
    credit_points(server, 1_000)
    ready(device, AT_PICKUP)
    assert redeem(device, AT_PICKUP, "no-such-handover", 10)["reason"] == "handover_not_recorded"
    done = hand_over(device, AT_PICKUP, payment(TOTAL, points(1_500), cash(TOTAL - 150_000)))
    for bad in (0, -5):
        refused = redeem(device, AT_PICKUP, done["uid"], bad)
        assert (refused["status"], refused["reason"]) == ("rejected", f"invalid_points:{bad}")
    over = redeem(device, AT_PICKUP, done["uid"], 1_500)
    assert (over["status"], over["reason"]) == ("conflict", "points_overdraft:1000<1500")
    assert balance(server) == 1_000
    less = redeem(device, AT_PICKUP, done["uid"], 1_000)  # the balance, but not what the payment took in points
    assert (less["status"], less["reason"]) == ("rejected", "redemption_not_in_payment")
    credit_points(server, 500)
    assert redeem(device, AT_PICKUP, done["uid"], 1_500)["status"] == "applied"
    again = redeem(device, AT_PICKUP, done["uid"], 1_500)  # the same handover's points, another event id
    assert (again["status"], again["reason"]) == ("duplicate", "redemption_already_recorded")
    assert balance(server) == 0
    with server.db.read() as session:
        entry = session.scalars(select(BonusEntry).where(BonusEntry.reason == "redemption")).one()
        assert (entry.points, entry.reference) == (-1_500, done["uid"])


@BOTH_DBS
def test_every_ledger_entry_reaches_every_point_holding_an_order_of_the_customer(server: Server) -> None:
    here, there = setup_points(server)
    credit_points(server, 2_000)
    ready(here, SECOND_AT_PICKUP)
    done = hand_over(here, SECOND_AT_PICKUP, payment(TOTAL, points(2_000), cash(TOTAL - 200_000)))
    spent = here.push(here.event("bonus.redeemed", {"redemption": "r1", "order": SECOND_AT_PICKUP,
                                                    "handover": done["uid"], "points": 2_000}, event_id=EVENT))[0]
    assert spent["status"] == "applied"
    here.send("bonus.accrual", {"order": SECOND_AT_PICKUP, "points": 10_500})
    for device in (here, there):
        entries = feed_items(device, "bonus.entry")
        assert [(e["reason"], e["points"]) for e in entries] == [("redemption", -2_000), ("accrual", 10_500)]
        redemption = entries[0]
        assert set(redemption) == {"entry", "customer", "card", "order", "reason", "points", "event_id", "at"}
        assert (redemption["customer"], redemption["card"], redemption["order"], redemption["event_id"]) == (
            "C-MONEY", None, SECOND_AT_PICKUP, EVENT)
        assert redemption["at"].startswith("20")
    assert [c["payload"]["reason"] for c in here.all_changes() if c["type"] == "bonus.confirmed"] == ["accrual"]
    snapshot = there.snapshot().json()
    assert [(e["reason"], e["points"]) for e in snapshot["bonus_entries"]] == [
        ("activation", 2_000), ("redemption", -2_000), ("accrual", 10_500)]


EVENT = "5b0d6f0e-7b7a-4c39-9a43-8d1d3c0e0a01"


@BOTH_DBS
def test_the_activation_bonus_is_a_ledger_entry_in_the_feed(server: Server) -> None:
    device, _ = setup_points(server)
    ready(device, PREPAID)
    activation = {"card": _card(device), "phone": "+79161234567", "city": "Москва", "points": 190}
    assert device.send("club.card_activated", activation)["status"] == "applied"
    entry = feed_items(device, "bonus.entry")[-1]
    assert (entry["reason"], entry["points"], entry["card"], entry["order"]) == ("activation", 190, _card(device),
                                                                                 None)


def _card(device: Any) -> str:
    return str(device.snapshot().json()["cards"][0]["number"])
