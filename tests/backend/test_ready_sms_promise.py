"""The «ready» SMS is a promise: held until the receiving session closes or the point's grace period
passes; an undo before it goes cancels it, an undo after it corrects it; never a code for an order not ready."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import event, select

from backend.sms.models import SmsOutbox
from backend.worker import make_dispatcher
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, order_number, point_feed
from tests.support.clock import FakeClock

NUMBER = order_number("0042", 1)
SESSION = "rs-1"


def _box(n: int, session: str = SESSION) -> dict[str, Any]:
    return {"session": session, "box": box_barcode("0042", NUMBER, n), "order": NUMBER}


def _receive_all(device: Device, session: str = SESSION) -> None:
    for n in (1, 2):
        assert device.send("box.received", _box(n, session))["status"] == "applied"
    assert device.send("order.arrived", {"order": NUMBER, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"


def _close(device: Device, session: str = SESSION) -> None:
    assert device.send("receiving.closed", {"session": session, "summary": {}})["status"] == "applied"


class Phone:
    """The dispatcher the server runs, over the demo log gateway; what the customer's phone received."""

    def __init__(self, server: Server) -> None:
        self.settings = server.app.state.settings
        self.dispatcher = make_dispatcher(server.app.state.db, self.settings)
        self.server = server

    def tick(self) -> None:
        self.dispatcher.run_once()

    def texts(self) -> list[str]:
        path = self.settings.sms_log_path
        if not path.exists():
            return []
        return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]

    def rows(self) -> list[tuple[str, int, str]]:
        with self.server.db.read() as session:
            rows = session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == NUMBER)
                                   .order_by(SmsOutbox.id)).all()
            return [(r.purpose, r.attempt, r.status) for r in rows]


@pytest.fixture
def device(server: Server) -> Device:
    server.import_feed(point_feed())
    return server.enrol()


@pytest.fixture
def phone(server: Server) -> Phone:
    return Phone(server)


def _statuses(device: Device) -> list[str]:
    return [c["payload"]["status"] for c in device.all_changes()
            if c["type"] == "sms.status" and c["payload"]["purpose"] == "ready"]


@BOTH_DBS
def test_ready_sms_waits_for_the_receiving_session_to_close(device: Device, phone: Phone, clock: FakeClock) -> None:
    _receive_all(device)
    clock.advance(minutes=9)
    phone.tick()
    assert phone.texts() == [] and phone.rows() == [("ready", 1, "held")]
    _close(device)
    assert phone.rows() == [("ready", 1, "pending")]
    phone.tick()
    phone.tick()
    texts = phone.texts()
    assert len(texts) == 1 and "Код получения" in texts[0]
    assert _statuses(device)[:2] == ["held", "pending"]  # the counter's SMS tab says why it waits


@BOTH_DBS
def test_undo_before_the_sms_went_cancels_it(device: Device, phone: Phone, clock: FakeClock) -> None:
    _receive_all(device)
    assert device.send("receiving.scan_undone", _box(2))["status"] == "applied"
    assert phone.rows() == [("ready", 1, "cancelled")]
    _close(device)
    clock.advance(minutes=30)
    phone.tick()
    assert phone.texts() == [] and phone.rows() == [("ready", 1, "cancelled")]
    assert "cancelled" in _statuses(device)


@BOTH_DBS
def test_grace_period_sends_it_and_an_undo_after_sends_one_correction(
    device: Device, phone: Phone, clock: FakeClock
) -> None:
    _receive_all(device)
    clock.advance(minutes=10)
    phone.tick()
    assert len(phone.texts()) == 1
    assert device.send("receiving.scan_undone", _box(2))["status"] == "applied"
    phone.tick()
    texts = phone.texts()
    assert len(texts) == 2 and NUMBER in texts[1] and "не готов" in texts[1]
    assert "Код" not in texts[1] and not any(ch.isdigit() for ch in texts[1].replace(NUMBER, ""))
    assert phone.rows() == [("ready", 1, "accepted"), ("correction", 1, "accepted")]
    # ready again: a new «ready» SMS with a new code, held until the session closes
    assert device.send("box.received", _box(2))["status"] == "applied"
    assert device.send("order.arrived", {"order": NUMBER, "arrived_at": "2026-11-24T09:20:00+00:00"})[
        "status"] == "applied"
    phone.tick()
    assert len(phone.texts()) == 2
    _close(device)
    phone.tick()
    texts = phone.texts()
    assert len(texts) == 3 and "Код получения" in texts[2] and texts[2] != texts[0]
    # undone once more after the new SMS went: one more correction, for that attempt
    assert device.send("receiving.scan_undone", _box(2))["status"] == "applied"
    assert [r[:2] for r in phone.rows()] == [("ready", 1), ("correction", 1), ("ready", 2), ("correction", 2)]


def test_a_resend_before_the_first_went_replaces_it(device: Device, phone: Phone, clock: FakeClock) -> None:
    _receive_all(device)
    clock.advance(minutes=11)
    resend = device.send("sms.requested", {"sms": "r2", "order": NUMBER, "purpose": "ready", "attempt": 2})
    assert resend["status"] == "applied"
    assert phone.rows() == [("ready", 1, "cancelled"), ("ready", 2, "held")]  # one SMS goes, not two
    _close(device)
    phone.tick()
    assert len(phone.texts()) == 1 and "Код получения" in phone.texts()[0]


def test_the_grace_period_is_a_setting_of_the_point(server: Server, phone: Phone, clock: FakeClock) -> None:
    feed = point_feed()
    feed["point"]["ready_sms_grace_minutes"] = 30
    server.import_feed(feed)
    device = server.enrol()
    _receive_all(device)
    clock.advance(minutes=29)
    phone.tick()
    assert phone.texts() == []
    clock.advance(minutes=1)
    phone.tick()
    assert len(phone.texts()) == 1


def test_a_held_sms_of_an_order_no_longer_ready_never_goes(device: Device, phone: Phone, clock: FakeClock) -> None:
    _receive_all(device)
    handover = {"handover": "h1", "order": NUMBER, "result": "handed_over", "verified_by": "code",
                "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None}
    assert device.send("handover.completed", handover)["status"] == "applied"
    clock.advance(minutes=10)
    phone.tick()
    assert phone.texts() == [] and phone.rows() == [("ready", 1, "cancelled")]


def test_without_a_receiving_session_the_sms_goes_at_once(device: Device, phone: Phone) -> None:
    assert device.send("order.arrived", {"order": NUMBER, "arrived_at": "2026-11-24T09:00:00+00:00"})[
        "status"] == "applied"
    phone.tick()
    assert len(phone.texts()) == 1


@BOTH_DBS
def test_a_session_uid_longer_than_its_column_still_holds_and_releases(device: Device, phone: Phone) -> None:
    long_session = "s" * 80
    _receive_all(device, long_session)
    assert phone.rows() == [("ready", 1, "held")]
    _close(device, long_session)
    phone.tick()
    assert len(phone.texts()) == 1


def test_a_counter_cannot_ask_for_a_correction(device: Device) -> None:
    result = device.send("sms.requested", {"sms": "x", "order": NUMBER, "purpose": "correction", "attempt": 1})
    assert (result["status"], result["reason"]) == ("rejected", "invalid_sms_request:correction/1")


@BOTH_DBS
def test_closing_a_trucks_session_releases_each_orders_sms_with_a_few_statements(server: Server, phone: Phone) -> None:
    """A session of three orders: the ready one's SMS goes, the one with a box still in another open session stays
    held, the one handed over meanwhile is cancelled; one read of the held SMS rows, no lookup of the point per row,
    the SMS tab told in the orders' order."""
    server.import_feed(point_feed(orders=3))
    device = server.enrol()
    numbers = [order_number("0042", n) for n in (1, 2, 3)]
    for number in numbers:
        for n in (1, 2):
            session = "rs-other" if (number, n) == (numbers[1], 2) else SESSION
            box = {"session": session, "box": box_barcode("0042", number, n), "order": number}
            assert device.send("box.received", box)["status"] == "applied"
        assert device.send("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00+00:00"})[
            "status"] == "applied"
    handover = {"handover": "h1", "order": numbers[2], "result": "handed_over", "verified_by": "code",
                "lines": [{"sku": "SKU-1", "quantity": 1, "refused": 0, "reason": None}], "payment": None}
    assert device.send("handover.completed", handover)["status"] == "applied"
    known = len(device.all_changes())
    statements: list[str] = []
    def listen(*args: Any) -> None:
        statements.append(args[2])

    event.listen(server.db.engine, "before_cursor_execute", listen)
    _close(device)
    event.remove(server.db.engine, "before_cursor_execute", listen)
    with server.db.read() as session:
        rows = {r.order_number: r.status for r in session.scalars(select(SmsOutbox))}
    assert rows == {numbers[0]: "pending", numbers[1]: "held", numbers[2]: "cancelled"}
    told = [(c["payload"]["order"], c["payload"]["status"]) for c in device.all_changes()[known:]
            if c["type"] == "sms.status"]
    assert told == [(numbers[0], "pending"), (numbers[2], "cancelled")]
    assert len([s for s in statements if "FROM sms_outbox" in s]) == 1
    assert not [s for s in statements if "WHERE points.code" in s]  # the SMS rows' point is the session's
