"""Receiving service rules the other receiving tests leave open: a barcode of another kind is named in the clerk's
language, and the discrepancy act describes the point as it is (its own time zone, no made-up name)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.models import PickupPoint
from desktop.scan_routing import ScanKind
from desktop.services.receiving import Outcome, ReceivingService
from desktop.services.receiving.service import KIND_NAMES
from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff


@pytest.fixture
def desk(db):
    """Point 0042 (Vladivostok time) with a clerk and truck R0000001 bringing a one-box order."""
    with db.write() as s:
        point = make_point(s, code="0042", timezone="Asia/Vladivostok")
        clerk = make_staff(s, point)
        truck = make_shipment(s, point, number="R0000001")
        make_order(s, point, shipment=truck, number="500000001")
    return actor_for(clerk)


@pytest.fixture
def svc(db, clock):
    return ReceivingService(db, clock)


def test_a_barcode_of_another_kind_is_named_in_the_ui_language(svc, desk, tagging_translator):
    uid = svc.open_session(desk, "R0000001")
    out = svc.scan_box(desk, uid, "CA0103")
    assert (out.kind, out.error_code) == (Outcome.UNKNOWN_FORMAT, "receiving.not_a_box")
    assert out.error_params == {"kind": f"[ScanKinds] {KIND_NAMES[ScanKind.CELL]}"}


def test_the_act_prints_the_start_and_end_of_receiving_in_the_points_own_time(svc, desk, clock):
    """09:00 UTC is 19:00 in Vladivostok: the act a Vladivostok clerk signs says 19:00, now and when re-read."""
    uid = svc.open_session(desk, "R0000001")
    svc.scan_box(desk, uid, box_barcode("0042", "500000001", 1))
    closed = svc.close_with_act(desk, uid)
    assert closed.summary.point.timezone == "Asia/Vladivostok"
    assert "24.11.2026 19:00" in closed.act.html
    stored = svc.summary(uid)
    assert stored is not None and stored.point.timezone == "Asia/Vladivostok"


def test_a_point_without_a_name_yet_is_shown_without_one(db, svc, desk):
    with db.write() as s:
        s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one().name = ""
    uid = svc.open_session(desk, "R0000001")
    summary = svc.close(desk, uid)
    assert (summary.point.code, summary.point.name) == ("0042", "")
    stored = svc.summary(uid)
    assert stored is not None and stored.point.name == ""
