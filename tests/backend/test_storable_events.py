"""One event carrying a value the database cannot store is rejected with a reason; the rest of its batch is
applied — on PostgreSQL as on SQLite, never a 500 for the batch (issue 9)."""

from __future__ import annotations

from typing import Any

import pytest

from backend import payload_types
from protocol import events as ev
from protocol.limits import CITY_MAX, PHONE_MAX
from tests.backend.conftest import BOTH_DBS, POSTGRES, Server, box_barcode, card_number, order_number, point_feed

CITY_OK, PHONE_OK = "Пермь", "+79161234567"


def _card(card: str, *, phone: str = PHONE_OK, city: str = CITY_OK, points: int = 190) -> dict[str, Any]:
    return {"card": card, "phone": phone, "city": city, "points": points}


POISONED = {
    "city_too_long": ("club.card_activated", _card(card_number("0042", 1), city="г" * (CITY_MAX + 1)),
                      "text_too_long:city"),
    "phone_too_long": ("club.card_activated", _card(card_number("0042", 1), phone="+7" + "9" * PHONE_MAX),
                       "text_too_long:phone"),
    "nul_byte": ("shift.opened", {"shift": "s-1", "staff": "kas\x00sir"}, "text_has_nul:staff"),
    "int_too_big": ("club.card_activated", _card(card_number("0042", 1), points=2**31), "number_out_of_range:points"),
}


@BOTH_DBS
@pytest.mark.parametrize("kind", sorted(POISONED))
def test_one_poisoned_event_is_rejected_and_the_others_applied(server: Server, kind: str) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    type_, payload, reason = POISONED[kind]
    batch = [device.event("shift.opened", {"shift": "s-0", "staff": "kassir"}), device.event(type_, payload),
             device.event("shift.opened", {"shift": "s-2", "staff": "kassir"})]
    results = device.push(*batch)  # asserts HTTP 200
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"], results
    assert results[1]["reason"] == reason
    again = device.push(batch[1])[0]  # the refusal is final and idempotent
    assert again["status"] == "duplicate" and again["reason"] == "already_received:rejected"


@pytest.mark.parametrize("db_kind", [POSTGRES])
def test_a_database_error_rejects_that_event_only(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last resort: a value the limits let through and the database refuses (a savepoint per event)."""
    monkeypatch.setattr(ev, "storage_problem", lambda event: None)
    server.import_feed(point_feed())
    device = server.enrol()
    first = device.event("shift.opened", {"shift": "s-0", "staff": "kassir"})
    number = order_number("0042", 1)  # a damage note with a NUL byte: no rule reads it, PostgreSQL cannot store it
    poisoned = device.event("box.damaged", {"box": box_barcode("0042", number, 1), "order": number,
                                            "note": "вмятина\x00"})
    results = device.push(first, poisoned, device.event("shift.opened", {"shift": "s-2", "staff": "kassir"}))
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"], results
    assert results[1]["reason"] == "value_not_storable"


def test_every_event_type_is_checked_by_one_generic_rule() -> None:
    too_long = {name: "x" * 3000 for name in ("shift", "staff")}
    assert ev.storage_problem(ev.ShiftOpened(**too_long)) == "text_too_long:shift"
    assert ev.storage_problem(ev.ShiftClosed("s", "k", {"note": ["a\x00"]})) == "text_has_nul:report"
    huge = ev.StorageExtended("500000001", -(2**31) - 1, "2026-12-01T00:00:00+00:00")
    assert ev.storage_problem(huge) == "number_out_of_range:days"
    assert ev.storage_problem(ev.StorageExtended("500000001", 3, "2026-12-01T00:00:00+00:00")) is None
    assert payload_types.validate("storage.extended", {"order": "500000001", "days": 3, "until": "x"}) is not None


@BOTH_DBS
def test_an_envelope_number_too_big_for_its_column_is_a_422_never_a_500(server: Server) -> None:
    """The counter splits a batch refused with 422 down to the one event (desktop.sync.engine.SPLITTABLE)."""
    server.import_feed(point_feed())
    device = server.enrol()
    event = device.event("shift.opened", {"shift": "s-0", "staff": "kassir"})
    event["device_seq"] = 2**31
    assert device.push_raw([event]).status_code == 422
