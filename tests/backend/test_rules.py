"""The server's guarantees, on SQLite and on a real PostgreSQL: idempotency and each conflict rule."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from backend.models import BonusEntry, Box, ClubCard, EventRecord, Order, OrderFlag, StaffTask
from backend.sms.models import SmsOutbox
from protocol.pickup_code import CodeHashParams, code_matches
from protocol.qr_token import public_key_from_b64, verify_token
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, card_number, order_number, point_feed

NUMBER = order_number("0042", 1)
ARRIVED = {"order": NUMBER, "arrived_at": "2026-11-24T09:00:00+00:00"}


def _count(server: Server, model: Any, *where: Any) -> int:
    with server.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _order(server: Server, number: str = NUMBER) -> Order:
    with server.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        session.expunge(order)
        return order


def _changes(device: Device, type_: str) -> list[dict[str, Any]]:
    return [c["payload"] for c in device.all_changes() if c["type"] == type_]


def _receive_all(device: Device, number: str = NUMBER, boxes: int = 2) -> None:
    for n in range(1, boxes + 1):
        result = device.send("box.received", {"session": "s1", "box": box_barcode("0042", number, n),
                                              "order": number})
        assert result["status"] == "applied", result
    assert device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"


def _handover(device: Device, uid: str, number: str = NUMBER, result: str = "handed_over") -> dict[str, Any]:
    return device.send("handover.completed", {
        "handover": uid, "order": number, "result": result, "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None})


def _ready_server(server: Server) -> Device:
    server.import_feed(point_feed())
    return server.enrol()


@BOTH_DBS
def test_arrival_issues_a_hashed_code_a_signed_qr_and_one_sms(server: Server, clock) -> None:
    device = _ready_server(server)
    _receive_all(device)
    issued = _changes(device, "order.code_issued")
    assert len(issued) == 1 and issued[0]["order"] == NUMBER
    with server.db.read() as session:
        sms = session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == NUMBER)).all()
    # held: its receiving session "s1" is still open (backend/sms/promise.py)
    assert [(s.purpose, s.attempt, s.status, s.phone) for s in sms] == [("ready", 1, "held", "+79161234567")]
    code = re.search(r"Код получения: (\d{6})", sms[0].text).group(1)  # type: ignore[union-attr]
    assert "ул. Тверская, 12" in sms[0].text and "10:00–21:00" in sms[0].text
    params = CodeHashParams.decode(device.point["code_hash_params"])
    assert code_matches(code, issued[0]["pickup_code_hash"], params)
    own_salt = CodeHashParams.decode(issued[0]["pickup_code_hash"].rpartition("$")[0])
    assert own_salt.salt != params.salt and own_salt.n == params.n  # salted per code, at the point's cost
    token = verify_token(public_key_from_b64(device.public_key), issued[0]["qr_token"], clock())
    assert (token.order_number, token.point_code) == (NUMBER, "0042")
    order = _order(server)
    assert order.status == "ready" and order.pickup_code_hash == issued[0]["pickup_code_hash"]
    assert code not in str(device.all_changes())
    upserts = [o for o in _changes(device, "order.upsert") if o["number"] == NUMBER]
    assert upserts[-1]["status"] == "ready" and upserts[-1]["storage_until"] and upserts[-1]["ready_at"]
    assert {b["status"] for b in upserts[-1]["boxes"]} == {"received"}


@BOTH_DBS
def test_device_sms_request_is_the_same_sms_and_a_resend_reuses_the_code(server: Server, clock) -> None:
    device = _ready_server(server)
    _receive_all(device)
    same = device.send("sms.requested", {"sms": "u1", "order": NUMBER, "purpose": "ready", "attempt": 1})
    assert same == {**same, "status": "applied", "reason": "already_requested"}
    assert _count(server, SmsOutbox, SmsOutbox.order_number == NUMBER) == 1
    clock.advance(minutes=11)
    resend = device.send("sms.requested", {"sms": "u2", "order": NUMBER, "purpose": "ready", "attempt": 2})
    assert resend["status"] == "applied"
    assert _count(server, SmsOutbox, SmsOutbox.order_number == NUMBER) == 2
    hashes = [c["pickup_code_hash"] for c in _changes(device, "order.code_issued")]
    assert len(hashes) == 1  # no new code: the resend carries the current one
    with server.db.read() as session:
        texts = session.scalars(select(SmsOutbox.text).where(SmsOutbox.order_number == NUMBER)
                                .order_by(SmsOutbox.attempt)).all()
    assert texts[0] == texts[1]
    reminder = device.send("sms.requested", {"sms": "u3", "order": NUMBER, "purpose": "reminder", "attempt": 1})
    assert reminder["status"] == "applied"
    assert _count(server, SmsOutbox, SmsOutbox.order_number == NUMBER) == 3


@BOTH_DBS
def test_same_batch_twice_is_duplicate_and_changes_nothing(server: Server) -> None:
    device = _ready_server(server)
    batch = [device.event("box.received", {"session": "s", "box": box_barcode("0042", NUMBER, 1),
                                           "order": NUMBER}),
             device.event("shift.opened", {"shift": "x", "staff": "kassir"})]
    first = device.push(*batch)
    head = device.changes(0).json()["next_cursor"]
    second = device.push(*batch)
    assert [r["status"] for r in first] == ["applied", "applied"]
    assert [r["status"] for r in second] == ["duplicate", "duplicate"]
    assert [r["server_seq"] for r in first] == [r["server_seq"] for r in second]
    assert device.changes(0).json()["next_cursor"] == head
    assert _count(server, EventRecord) == 2


@BOTH_DBS
def test_same_event_id_with_another_payload_is_rejected(server: Server) -> None:
    device = _ready_server(server)
    event = device.event("shift.opened", {"shift": "x", "staff": "kassir"})
    assert device.push(event)[0]["status"] == "applied"
    forged = {**event, "payload": {"shift": "y", "staff": "kassir"}}
    result = device.push(forged)[0]
    assert result["status"] == "rejected" and result["reason"] == "event_id_reused_with_different_payload"
    other = server.enrol(name="COUNTER-2")
    assert other.push(forged)[0]["status"] == "rejected"
    assert other.push(event)[0]["status"] == "duplicate"


@BOTH_DBS
def test_the_same_box_from_two_devices_is_a_duplicate(server: Server) -> None:
    first = _ready_server(server)
    second = server.enrol(name="COUNTER-2")
    box = {"session": "s", "box": box_barcode("0042", NUMBER, 1), "order": NUMBER}
    assert first.send("box.received", box)["status"] == "applied"
    result = second.send("box.received", {**box, "session": "s2"})
    assert result["status"] == "duplicate" and result["reason"] == "box_already_received"
    assert second.send("order.arrived", ARRIVED)["status"] == "applied"
    again = first.send("order.arrived", ARRIVED)
    assert again["status"] == "duplicate"
    assert _count(server, SmsOutbox, SmsOutbox.order_number == NUMBER) == 1


@BOTH_DBS
def test_club_card_first_activation_wins_second_is_a_conflict(server: Server) -> None:
    first = _ready_server(server)
    _receive_all(first)  # the customer's 12,500 ₽ order is ready: it qualifies for a card
    second = server.enrol(name="COUNTER-2")
    card = card_number("0042", 1)
    activation = {"card": card, "phone": "+79161234567", "city": "Москва", "points": 190}
    assert first.send("club.card_activated", activation)["status"] == "applied"
    lost = second.send("club.card_activated", {**activation, "phone": "+79990000000"})
    assert lost["status"] == "conflict" and lost["reason"] == "card_already_active"
    outcomes = _changes(second, "event.outcome")
    assert outcomes[-1] == {"event_id": lost["event_id"], "status": "conflict", "reason": "card_already_active"}
    results = _changes(first, "club.activation_result")
    assert [r["status"] for r in results] == ["active", "rejected"]
    assert _changes(first, "bonus.confirmed") == [{"order": None, "card": card, "reason": "activation",
                                                   "points": 190}]
    assert _count(server, BonusEntry, BonusEntry.reason == "activation") == 1
    unknown = first.send("club.card_activated", {**activation, "card": "2000000000000"})
    assert unknown["status"] == "rejected"


@BOTH_DBS
def test_bonus_is_credited_exactly_once_per_handover(server: Server) -> None:
    device = _ready_server(server)
    _receive_all(device)
    early = device.send("bonus.accrual", {"order": order_number("0042", 2), "points": 100})
    assert early["status"] == "conflict" and early["reason"].startswith("order_not_handed_over")
    assert _handover(device, "h1")["status"] == "applied"
    accrual = {"order": NUMBER, "points": 12_500}
    assert device.send("bonus.accrual", accrual)["status"] == "applied"
    again = device.send("bonus.accrual", accrual)
    assert again["status"] == "duplicate" and again["reason"] == "bonus_already_credited"
    too_much = device.send("bonus.accrual", {"order": NUMBER, "points": 12_501})
    assert too_much["status"] in ("rejected", "duplicate")
    assert _count(server, BonusEntry, BonusEntry.reason == "accrual") == 1
    assert len(_changes(device, "bonus.confirmed")) == 1


@BOTH_DBS
def test_handover_of_a_centrally_cancelled_order_is_applied_and_flagged(server: Server) -> None:
    device = _ready_server(server)
    _receive_all(device)
    assert server.cancel(NUMBER).status_code == 200
    result = _handover(device, "h1")
    assert result["status"] == "applied" and result["reason"] == "handed_over_after_cancel"
    flagged = _changes(device, "order.flagged")
    assert len(flagged) == 1 and flagged[0]["order"] == NUMBER
    assert flagged[0]["flag"] == "handed_over_after_cancel" and flagged[0]["task"]
    assert _order(server).status == "handed_over"
    assert _count(server, OrderFlag) == 1 and _count(server, StaffTask) == 1
    again = _handover(device, "h1")
    assert again["status"] == "duplicate"
    other = _handover(server.enrol(name="COUNTER-2"), "h2")
    assert other["status"] == "conflict" and other["reason"].startswith("order_already_closed")
    assert _count(server, StaffTask) == 1


@BOTH_DBS
def test_storage_returns_and_placement_update_the_servers_view(server: Server, clock) -> None:
    device = _ready_server(server)
    _receive_all(device)
    box = box_barcode("0042", NUMBER, 1)
    assert device.send("box.placed", {"box": box, "order": NUMBER, "cell": "CA0101"})["status"] == "applied"
    assert device.send("box.placed", {"box": box, "order": NUMBER, "cell": "CZ9999"})["status"] == "rejected"
    assert device.send("box.damaged", {"box": box, "order": NUMBER, "note": "мятый угол"})["status"] == "applied"
    until = "2026-12-10T21:00:00+00:00"
    assert device.send("storage.extended", {"order": NUMBER, "days": 3, "until": until})["status"] == "applied"
    assert _changes(device, "order.upsert")[-1]["storage_until"] == until
    assert [b["status"] for b in _changes(device, "order.upsert")[-1]["boxes"]] == ["placed", "received"]
    for n in (1, 2):
        returned = {"session": "r1", "box": box_barcode("0042", NUMBER, n), "order": NUMBER, "reason": "expired"}
        assert device.send("box.returned", returned)["status"] == "applied"
    assert device.send("order.returned", {"order": NUMBER, "session": "r1"})["status"] == "applied"
    assert device.send("order.returned", {"order": NUMBER, "session": "r1"})["status"] == "duplicate"
    order = _order(server)
    assert order.status == "returned" and order.extended_days == 3
    with server.db.read() as session:
        boxes = session.scalars(select(Box).where(Box.barcode == box)).one()
        assert boxes.status == "returned" and boxes.damaged


@BOTH_DBS
def test_record_only_events_are_applied(server: Server) -> None:
    device = _ready_server(server)
    events = [
        ("shift.opened", {"shift": "s", "staff": "kassir"}),
        ("receiving.opened", {"session": "r", "shipment": "R0042"}),
        ("receiving.unexpected_box", {"session": "r", "box": "B004299999999901", "kind": "surplus"}),
        ("receiving.closed", {"session": "r", "summary": {"received": 0}}),
        ("order.locked", {"order": NUMBER, "failed_attempts": 5}),
        ("order.unlocked", {"order": NUMBER, "by": "manager"}),
        ("return.opened", {"session": "x"}),
        ("return.closed", {"session": "x", "act": {}}),
        ("shift.closed", {"shift": "s", "staff": "kassir"}),
    ]
    results = device.push(*[device.event(t, p) for t, p in events])
    assert [r["status"] for r in results] == ["applied"] * len(events)
    assert all(isinstance(r["server_seq"], int) for r in results)


@BOTH_DBS
def test_undoing_a_receiving_scan_puts_the_box_back(server: Server) -> None:
    device = _ready_server(server)
    box = {"session": "s", "box": box_barcode("0042", NUMBER, 1), "order": NUMBER}
    assert device.send("box.received", box)["status"] == "applied"
    assert _order(server).status == "partially_arrived"
    assert device.send("receiving.scan_undone", box)["status"] == "applied"
    assert _order(server).status == "in_transit"
    assert device.send("receiving.scan_undone", box)["status"] == "duplicate"
    assert device.send("box.received", box)["status"] == "applied"


@BOTH_DBS
def test_arrival_of_a_cancelled_order_issues_no_code(server: Server) -> None:
    device = _ready_server(server)
    server.cancel(NUMBER)
    result = device.send("order.arrived", ARRIVED)
    assert result["status"] == "conflict" and result["reason"] == "order_cancelled"
    assert _count(server, SmsOutbox) == 0


def test_card_activation_and_bonus_rows_are_unique(server: Server) -> None:
    device = _ready_server(server)
    _receive_all(device)
    card = card_number("0042", 2)
    device.send("club.card_activated", {"card": card, "phone": "+79161234567", "city": "Москва", "points": 190})
    with server.db.read() as session:
        row = session.scalars(select(ClubCard).where(ClubCard.number == card)).one()
        assert row.status == "active" and row.customer_id is not None


def test_a_failing_rule_rejects_its_event_and_the_batch_goes_on(server: Server, monkeypatch, caplog) -> None:
    from backend import rules

    device = _ready_server(server)

    def broken(_ctx: Any, _event: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setitem(rules.RULES, "order.locked", broken)
    results = device.push(device.event("order.locked", {"order": NUMBER, "failed_attempts": 5}),
                          device.event("shift.opened", {"shift": "s", "staff": "kassir"}))
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "internal_error"), ("applied", None)]
    assert "rule for order.locked failed" in caplog.text


@BOTH_DBS
def test_arrival_after_an_undone_scan_issues_a_new_code_with_a_new_ready_sms(server: Server) -> None:
    device = _ready_server(server)
    _receive_all(device)
    box = {"session": "s", "box": box_barcode("0042", NUMBER, 2), "order": NUMBER}
    assert device.send("receiving.scan_undone", box)["status"] == "applied"
    assert _order(server).status == "partially_arrived"
    assert device.send("box.received", box)["status"] == "applied"
    assert device.send("order.arrived", ARRIVED)["status"] == "applied"
    order = _order(server)
    assert order.status == "ready"
    hashes = [c["pickup_code_hash"] for c in _changes(device, "order.code_issued")]
    assert len(hashes) == 2 and hashes[-1] == order.pickup_code_hash != hashes[0]
    with server.db.read() as session:
        sms = session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == NUMBER)
                              .order_by(SmsOutbox.attempt)).all()
        assert [(s.purpose, s.attempt, s.status) for s in sms] == [("ready", 1, "cancelled"), ("ready", 2, "held")]
    again = device.send("sms.requested", {"sms": "u2", "order": NUMBER, "purpose": "ready", "attempt": 2})
    assert (again["status"], again["reason"]) == ("applied", "already_requested")


def test_shipment_status_follows_its_boxes(server: Server) -> None:
    server.import_feed(point_feed(orders=2))
    device = server.enrol()
    second = order_number("0042", 2)
    barcodes = [(NUMBER, 1), (NUMBER, 2), (second, 1), (second, 2)]
    statuses = []
    for number, n in barcodes:
        device.send("box.received", {"session": "s", "box": box_barcode("0042", number, n), "order": number})
        statuses.append([s["status"] for s in _changes(device, "shipment.upsert")][-1])
    assert statuses == ["receiving", "receiving", "receiving", "received"]


def test_one_reminder_before_the_last_day(server: Server, clock) -> None:
    from backend.reminders import queue_reminders

    device = _ready_server(server)
    _receive_all(device)
    with server.db.write() as session:
        assert queue_reminders(session, clock()) == 0
    clock.advance(days=6, hours=1)
    with server.db.write() as session:
        assert queue_reminders(session, clock()) == 1
    with server.db.write() as session:
        assert queue_reminders(session, clock()) == 0
    with server.db.read() as session:
        reminder = session.scalars(select(SmsOutbox).where(SmsOutbox.purpose == "reminder")).one()
    assert reminder.order_number == NUMBER and "Последний день хранения" in reminder.text
    clock.advance(days=2)
    with server.db.write() as session:
        assert queue_reminders(session, clock()) == 0


@BOTH_DBS
def test_a_partial_handover_keeps_the_return_box_at_the_point(server: Server) -> None:
    device = _ready_server(server)
    _receive_all(device)
    kept, gone = (box_barcode("0042", NUMBER, n) for n in (1, 2))
    assert device.send("box.placed", {"box": kept, "order": NUMBER, "cell": "CA0101"})["status"] == "applied"
    result = device.send("handover.completed", {
        "handover": "h-partial", "order": NUMBER, "result": "partially_handed_over", "verified_by": "code",
        "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 1, "reason": "defect"}], "payment": None,
        "kept_box": kept})
    assert result["status"] == "applied", result
    boxes = {b["barcode"]: (b["status"], b["cell"]) for b in _changes(device, "order.upsert")[-1]["boxes"]}
    assert boxes == {kept: ("received", None), gone: ("handed_over", None)}
    returned = {"session": "r1", "box": kept, "order": NUMBER, "reason": "partial"}
    assert device.send("box.returned", returned)["status"] == "applied"
    assert device.send("box.returned", {**returned, "box": gone})["status"] == "duplicate"  # left with the customer
    assert _order(server).status == "partially_handed_over"
