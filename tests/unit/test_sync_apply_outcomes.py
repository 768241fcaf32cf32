"""The server's verdicts and club results in the cache: a refused or conflicting event stays in the outbox with a
manager alert (raised once, its reason refined later), the activation of a card of this point's stock at another PC
makes it active here, bonus confirmations touch only the named order's or card's pending entries, and a box another
PC received first is marked «elsewhere» (only for that duplicate answer)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import BonusLedgerEntry, ClubCard, ManagerAlert, Order, OutboxEvent
from desktop.services.receiving import elsewhere
from desktop.sync.apply import apply_change, record_duplicate, record_problem
from desktop.sync.reasons import describe_problem
from tests.support.factories import make_customer, make_order, make_point

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CARD = "2000000000015"


@pytest.fixture
def s(db: Database) -> Any:
    with db.write() as session:
        point = make_point(session)
        customer = make_customer(session)
        make_order(session, point, customer, number="100000001", status="handed_over")
        make_order(session, point, customer, number="100000002", status="handed_over")
        session.add(ClubCard(number=CARD, point_id=point.id, activation_code_hash="x", status="stock"))
        session.flush()
        yield session


def apply(s: Session, type_: str, payload: dict[str, Any]) -> None:
    apply_change(s, {"seq": 1, "type": type_, "payload": payload}, NOW)


def event(s: Session, event_id: str = "ev-1", type_: str = "handover.completed", status: str = "pending",
          reason: str | None = None, payload: dict[str, Any] | None = None) -> OutboxEvent:
    row = OutboxEvent(event_id=event_id, device_seq=len(s.scalars(select(OutboxEvent)).all()) + 1, type=type_,
                      schema_v=1, payload=json.dumps(payload or {}), occurred_at=NOW, status=status, reason=reason)
    s.add(row)
    s.flush()
    return row


def alerts(s: Session) -> list[ManagerAlert]:
    return list(s.scalars(select(ManagerAlert).order_by(ManagerAlert.id)))


def card(s: Session) -> ClubCard:
    return s.scalars(select(ClubCard)).one()


def test_a_conflict_is_kept_and_alerted_with_its_details(s: Session) -> None:
    row = event(s, status="conflict", reason="order_cancelled")
    record_problem(s, row, NOW)
    (alert,) = alerts(s)
    assert alert.kind == "conflict" and alert.order_id is None
    assert alert.message == describe_problem("handover.completed", "conflict", "order_cancelled")
    assert alert.details == {"event_id": "ev-1", "type": "handover.completed", "reason": "order_cancelled",
                             "status": "conflict"}
    assert alert.created_at.replace(tzinfo=UTC) == NOW and alert.resolved_at is None
    assert s.scalars(select(OutboxEvent.status)).one() == "conflict"


def test_a_refusal_is_alerted_as_a_rejected_event(s: Session) -> None:
    record_problem(s, event(s, status="rejected", reason="unknown_order:1"), NOW)
    assert alerts(s)[0].kind == "rejected_event"


def test_an_alerts_text_is_cut_to_500_characters(s: Session) -> None:
    reason = "unknown_order:" + "9" * 600
    record_problem(s, event(s, status="rejected", reason=reason), NOW)
    assert alerts(s)[0].message == describe_problem("handover.completed", "rejected", reason)[:500]
    assert len(alerts(s)[0].message) == 500


def test_a_refused_event_frees_the_points_it_held(s: Session) -> None:
    customer_id = s.scalars(select(Order.customer_id)).first()
    s.add(BonusLedgerEntry(customer_id=customer_id, reason="redemption", points=-500, created_at=NOW,
                           event_id="ev-1"))
    record_problem(s, event(s, status="conflict", reason="points_overdraft:1<5"), NOW)
    assert s.scalars(select(BonusLedgerEntry.status)).one() == "rejected"


def test_an_outcome_for_a_pending_event_records_it_and_alerts(s: Session) -> None:
    event(s)
    apply(s, "event.outcome", {"event_id": "ev-1", "status": "conflict", "reason": "order_cancelled"})
    row = s.scalars(select(OutboxEvent)).one()
    assert (row.status, row.reason) == ("conflict", "order_cancelled")
    assert [a.kind for a in alerts(s)] == ["conflict"]


def test_an_outcome_already_known_only_refines_the_reason(s: Session) -> None:
    event(s, status="conflict", reason="order_cancelled")
    apply(s, "event.outcome", {"event_id": "ev-1", "status": "conflict", "reason": "order_cancelled:100000001"})
    assert s.scalars(select(OutboxEvent.reason)).one() == "order_cancelled:100000001" and alerts(s) == []


def test_an_outcome_without_a_reason_keeps_the_known_one(s: Session) -> None:
    event(s, status="rejected", reason="unknown_order:1")
    apply(s, "event.outcome", {"event_id": "ev-1", "status": "conflict"})
    assert s.scalars(select(OutboxEvent.reason)).one() == "unknown_order:1"


def test_an_outcome_of_an_event_not_from_this_pc_is_ignored(s: Session) -> None:
    apply(s, "event.outcome", {"event_id": "someone-else", "status": "conflict", "reason": "x"})
    assert alerts(s) == []


def test_a_card_of_this_points_stock_activated_at_another_pc_becomes_active(s: Session) -> None:
    apply(s, "club.activation_result", {"card": CARD, "status": "active"})
    assert card(s).status == "active"


def test_a_refusal_for_a_card_not_activated_here_changes_nothing_and_is_logged(
        s: Session, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.sync.apply"):
        apply(s, "club.activation_result", {"card": CARD, "status": "rejected", "reason": "phone_has_card"})
        apply(s, "club.activation_result", {"card": "2999999999992", "status": "active"})
    assert card(s).status == "stock"
    assert [r.getMessage() for r in caplog.records] == [
        f"club result for card {CARD} not applicable: club.card_not_pending",
        "club result for card 2999999999992 not applicable: club.card_not_pending"]


def test_a_result_for_a_card_neither_in_stock_nor_pending_leaves_it(s: Session) -> None:
    card(s).status = "rejected"
    apply(s, "club.activation_result", {"card": CARD, "status": "active"})
    assert card(s).status == "rejected"


def test_this_pcs_pending_activation_is_settled_in_the_pages_transaction(s: Session) -> None:
    card(s).status = "pending"
    apply(s, "club.activation_result", {"card": CARD, "status": "active"})
    assert card(s).status == "active"


def test_a_refused_activation_here_is_alerted_with_the_servers_reason_at_the_pages_time(s: Session) -> None:
    card(s).status = "pending"
    apply(s, "club.activation_result", {"card": CARD, "status": "rejected", "reason": "phone_has_card"})
    (alert,) = alerts(s)
    assert card(s).status == "rejected" and alert.kind == "club_activation_rejected"
    assert alert.details == {"card": CARD, "reason": "phone_has_card"} and alert.created_at.replace(tzinfo=UTC) == NOW


def test_another_pcs_winning_activation_gives_the_card_to_the_customer_it_names(s: Session) -> None:
    mine = s.scalars(select(Order.customer_id)).first()
    first, named = make_customer(s, phone="+79160000077"), make_customer(s, phone="+79160000077")
    named.external_id = "C-named"
    card(s).status, card(s).customer_id = "pending", mine
    apply(s, "club.activation_result", {"card": CARD, "status": "active", "phone": "+79160000077",
                                        "customer": "C-named"})
    assert (card(s).status, card(s).customer_id) == ("active", named.id) and first.id != named.id


def pending(s: Session, reason: str, order: str | None = None, on_card: bool = False,
            status: str = "pending") -> BonusLedgerEntry:
    order_row = s.scalars(select(Order).where(Order.number == order)).first() if order else None
    customer_id = s.scalars(select(Order.customer_id)).first()
    entry = BonusLedgerEntry(customer_id=customer_id, reason=reason, points=100, created_at=NOW, status=status,
                             order_id=order_row.id if order_row else None, card_id=card(s).id if on_card else None)
    s.add(entry)
    s.flush()
    return entry


def test_a_bonus_confirmation_for_an_order_confirms_its_pending_entries_of_that_reason(s: Session) -> None:
    mine = pending(s, "accrual", "100000001")
    other_order = pending(s, "accrual", "100000002")
    other_reason = pending(s, "redemption", "100000001")
    refused = pending(s, "accrual", "100000001", status="rejected")
    apply(s, "bonus.confirmed", {"reason": "accrual", "order": "100000001"})
    assert [e.status for e in (mine, other_order, other_reason, refused)] == [
        "confirmed", "pending", "pending", "rejected"]


def test_a_bonus_confirmation_for_a_card_confirms_its_pending_entries(s: Session) -> None:
    on_card, elsewhere_entry = pending(s, "activation", on_card=True), pending(s, "activation")
    apply(s, "bonus.confirmed", {"reason": "activation", "card": CARD})
    assert (on_card.status, elsewhere_entry.status) == ("confirmed", "pending")


@pytest.mark.parametrize("payload", [{"reason": "accrual", "order": "999999999"},
                                     {"reason": "accrual", "card": "2999999999992"}, {"reason": "accrual"}])
def test_a_bonus_confirmation_naming_nothing_known_here_confirms_nothing(s: Session, payload: dict[str, str]) -> None:
    entries = [pending(s, "accrual"), pending(s, "accrual", "100000001"), pending(s, "accrual", on_card=True)]
    apply(s, "bonus.confirmed", payload)
    assert [e.status for e in entries] == ["pending"] * 3


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []

    def mark(session: Session, session_uid: str, barcode: str, now: datetime) -> bool:
        calls.append((session_uid, barcode))
        return True

    monkeypatch.setattr(elsewhere, "mark_received_elsewhere", mark)
    return calls


@pytest.mark.parametrize("reason", ["box_already_received", "already_received:duplicate"])
def test_a_box_another_pc_received_first_is_marked_elsewhere_and_logged(
        s: Session, reason: str, marked: list[tuple[str, str]], caplog: pytest.LogCaptureFixture) -> None:
    row = event(s, type_="box.received", payload={"session": "rs-1", "box": "B0042100000001"})
    with caplog.at_level(logging.INFO, logger="desktop.sync.apply"):
        record_duplicate(s, row, reason, NOW)
    assert marked == [("rs-1", "B0042100000001")]
    assert [r.getMessage() for r in caplog.records] == [
        "box B0042100000001 of session rs-1 was received on another PC first"]


@pytest.mark.parametrize(("type_", "reason"), [("box.received", "already_received:applied"),
                                                ("box.received", None), ("cell.placed", "box_already_received")])
def test_other_duplicates_change_nothing(s: Session, type_: str, reason: str | None,
                                         marked: list[tuple[str, str]]) -> None:
    record_duplicate(s, event(s, type_=type_, payload={"session": "rs-1", "box": "B1"}), reason, NOW)
    assert marked == []


def test_nothing_to_mark_is_not_logged(s: Session, monkeypatch: pytest.MonkeyPatch,
                                       caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(elsewhere, "mark_received_elsewhere", lambda *args: False)
    row = event(s, type_="box.received", payload={"session": "rs-1", "box": "B1"})
    with caplog.at_level(logging.INFO, logger="desktop.sync.apply"):
        record_duplicate(s, row, "box_already_received", NOW)
    assert caplog.records == []
