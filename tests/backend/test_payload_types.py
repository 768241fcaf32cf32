"""An event's fields checked against the JSON types its class declares (backend/payload_types.py), before any rule:
a wrong type is the event's own «invalid_payload», the batch goes on."""

from __future__ import annotations

from typing import Any

import pytest

from backend.payload_types import _checks, checker, validate
from protocol import events as ev


@pytest.fixture(autouse=True)
def _built_here() -> None:
    """Each test builds the checks it uses (not the ones an earlier test, or a forked run's parent, built)."""
    _checks.cache_clear()


CLAIM = {"claim": "W000000001", "order": "500000001", "sku": "SKU-1", "serial": "SN1", "prefiled": True,
         "cover": "in_warranty", "checklist": ["box", "charger"], "condition": "ok", "fault": "no power",
         "photos": [], "label": "L1"}


@pytest.mark.parametrize(("event_type", "payload", "field"), [
    ("storage.extended", {"order": "500000001", "days": "3", "until": "x"}, "days"),  # a number as text
    ("storage.extended", {"order": "500000001", "days": True, "until": "x"}, "days"),  # a bool is no int
    ("storage.extended", {"order": 500000001, "days": 3, "until": "x"}, "order"),
    ("receiving.opened", {"session": "s", "shipment": 5}, "shipment"),  # optional, but text when given
    ("shift.closed", {"shift": "s", "staff": "k", "report": []}, "report"),  # an object, not a list
    ("claim.accepted", {**CLAIM, "checklist": ["box", 1]}, "checklist"),  # each item of a list
    ("claim.accepted", {**CLAIM, "checklist": "box"}, "checklist"),
    ("claim.accepted", {**CLAIM, "prefiled": 1}, "prefiled"),
    ("claim.accepted", {**CLAIM, "serial_override": ["x"]}, "serial_override"),
])
def test_a_field_of_the_wrong_json_type_is_refused_by_name(event_type: str, payload: dict[str, Any],
                                                            field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{event_type}\.{field}: unexpected value"):
        validate(event_type, payload)


def test_the_declared_types_pass_none_where_optional_and_any_object_where_a_dict() -> None:
    assert validate("receiving.opened", {"session": "s", "shipment": None}) == ev.ReceivingOpened("s", None)
    assert validate("shift.closed", {"shift": "s", "staff": "k", "report": {"a": [1, None]}}) == ev.ShiftClosed(
        "s", "k", {"a": [1, None]})
    accepted = validate("claim.accepted", {**CLAIM, "serial_override": "manager: label worn"})
    assert isinstance(accepted, ev.ClaimAccepted) and accepted.checklist == ["box", "charger"]
    assert validate("storage.extended", {"order": "500000001", "days": -3, "until": "x"}) == ev.StorageExtended(
        "500000001", -3, "x")


def test_a_checker_is_built_from_the_hint_once() -> None:
    optional_ints = checker(list[int] | None)
    assert optional_ints(None) and optional_ints([]) and optional_ints([1, 2])
    assert not optional_ints([1, True]) and not optional_ints((1,)) and not optional_ints("1")
    assert checker(Any)(object()) and checker(float)(1.5) and not checker(float)("1.5")
