"""Pickup codes of a pushed batch are hashed before its write transaction, at the point's real cost, and the
code the SMS carries verifies against the hash the counter receives."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from sqlalchemy import select

from backend import codes, ingest
from backend.config import PRODUCTION_CODE_N, Settings
from backend.models import Order, Point
from backend.sms.models import SmsOutbox
from protocol.pickup_code import CodeHashParams, code_matches
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, order_number, point_feed

NUMBER = order_number("0042", 1)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, code_hash_n=PRODUCTION_CODE_N)


def _arrival(device: Device, number: str = NUMBER) -> list[dict[str, Any]]:
    return [device.event("box.received", {"session": "s", "box": box_barcode("0042", number, n), "order": number})
            for n in (1, 2)] + [device.event("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00Z"})]


def test_the_sms_code_verifies_against_the_hash_computed_before_the_transaction(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()

    def no_hash_inside(*_args: Any) -> str:
        raise AssertionError("a pickup code hashed inside the write transaction")

    monkeypatch.setattr(codes, "salted_code_hash", no_hash_inside)
    batch = [*_arrival(device), device.event("sms.requested", {"sms": "u1", "order": NUMBER, "purpose": "ready",
                                                               "attempt": 1})]
    assert [r["status"] for r in device.push(*batch)] == ["applied"] * 4
    with server.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == NUMBER)).one()
        point = session.get(Point, order.point_id)
        sms = session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == NUMBER)).one()
    assert point is not None and order.pickup_code_hash is not None
    assert order.pickup_code_hash.startswith(f"scrypt${PRODUCTION_CODE_N}$")
    issued = [c for c in device.all_changes() if c["type"] == "order.code_issued"]
    assert [c["payload"]["pickup_code_hash"] for c in issued] == [order.pickup_code_hash]
    (code,) = re.findall(r"\b\d{6}\b", sms.text)
    assert code_matches(code, order.pickup_code_hash, CodeHashParams.decode(point.code_hash_params))
    assert not code_matches(f"{(int(code) + 1) % 10**6:06d}", order.pickup_code_hash,
                            CodeHashParams.decode(point.code_hash_params))


def test_a_batch_sent_again_hashes_no_code(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    server.import_feed(point_feed(orders=2))
    device = server.enrol()
    batch = _arrival(device)
    device.push(*batch)
    prepared: list[int] = []
    real = ingest.prepare
    monkeypatch.setattr(ingest, "prepare", lambda issuer, point, count, *pooled: (
        prepared.append(count), real(issuer, point, count, *pooled)))
    assert [r["status"] for r in device.push(*batch)] == ["duplicate"] * 3
    again = device.event("order.arrived", {"order": NUMBER, "arrived_at": "2026-11-24T09:00:00Z"})
    assert device.push(again)[0]["status"] == "duplicate"  # already arrived: no code to issue
    assert [r["status"] for r in device.push(*_arrival(device, order_number("0042", 2)))] == ["applied"] * 3
    assert prepared == [1]  # the new arrival alone, hashed outside its transaction (the pool is dry)


@BOTH_DBS
def test_an_unstorable_order_number_is_rejected_alone_not_looked_up_for_codes(server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    poisoned = device.event("order.arrived", {"order": "04\x00", "arrived_at": "2026-11-24T09:00:00Z"})
    results = device.push(poisoned, *_arrival(device))
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "text_has_nul:order"), ("applied", None), ("applied", None), ("applied", None)]
