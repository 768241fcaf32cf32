"""A rule that fails is rolled back with its savepoint (backend/rules/base.py `forget_locked`): a pickup code it
issued before failing is gone for the rest of its batch too, so the order's arrival later in the batch issues
attempt 1 with the one «ready» SMS, as if the failed event had never been sent; its orders and boxes are looked
up again for the events after it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from backend import codes, rules
from backend.models import Box, PickupCode
from backend.rules.base import order_at_point
from backend.sms.models import SmsOutbox
from tests.backend.conftest import Server, box_barcode, order_number, point_feed

NUMBER = order_number("0042", 1)


def test_a_code_issued_by_a_failing_rule_is_gone_for_the_rest_of_the_batch(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    for n in (1, 2):
        box = {"session": "s1", "box": box_barcode("0042", NUMBER, n), "order": NUMBER}
        assert device.send("box.received", box)["status"] == "applied"

    def issues_then_fails(ctx: Any, event: Any) -> Any:
        codes.issue_code(ctx.session, ctx.issuer, ctx.point, order_at_point(ctx, event.order), attempt=1)
        raise RuntimeError("bug after the code was issued")

    monkeypatch.setitem(rules.RULES, "order.locked", issues_then_fails)
    results = device.push(device.event("order.locked", {"order": NUMBER, "failed_attempts": 5}),
                          device.event("order.arrived", {"order": NUMBER, "arrived_at": "2026-11-24T09:00:00Z"}),
                          device.event("box.placed", {"box": box_barcode("0042", NUMBER, 1), "order": NUMBER,
                                                      "cell": "CA0101"}))
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "internal_error"), ("applied", None),
                                                             ("applied", None)]
    with server.db.read() as session:
        assert session.scalar(select(Box.cell_code).where(Box.barcode == box_barcode("0042", NUMBER, 1))) == "CA0101"
        assert list(session.scalars(select(PickupCode.attempt))) == [1]
        assert list(session.scalars(select(SmsOutbox.attempt).where(SmsOutbox.purpose == "ready"))) == [1]


def test_each_failing_rule_of_a_batch_is_answered_with_its_own_reason(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second failure after the first one's rollback is judged on its own (a bad value, not a server bug)."""
    server.import_feed(point_feed(orders=1))
    device = server.enrol()

    def bug(_ctx: Any, _event: Any) -> Any:
        raise RuntimeError("bug")

    def bad_value(_ctx: Any, _event: Any) -> Any:
        raise ValueError("bad date")

    monkeypatch.setitem(rules.RULES, "order.locked", bug)
    monkeypatch.setitem(rules.RULES, "receiving.closed", bad_value)
    results = device.push(device.event("order.locked", {"order": NUMBER, "failed_attempts": 5}),
                          device.event("receiving.closed", {"session": "s1", "summary": {}}))
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "internal_error"),
                                                             ("rejected", "invalid_payload: bad date")]
