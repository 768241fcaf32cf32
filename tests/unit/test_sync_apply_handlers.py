"""Change-feed entries in the cache (DESIGN «Sync protocol»): cells and staff land on this PC's point, a central
cancellation moves the order (not one already handed over here), a flag raises one alert per order and flag, the SMS
gateway's pause raises one alert per reason until `ok` resolves them, SMS statuses only move forward, and a change
type this version does not know is skipped. Replaying any of it changes nothing."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import ClubCard, ManagerAlert, Order, PickupPoint, Shipment, SmsMessage, Staff, StorageCell
from desktop.db.pepper import open_secret_hash, pepper_for_session
from desktop.sync.apply import apply_change, apply_changes
from desktop.sync.reasons import describe_flag, describe_sms_gateway
from tests.support.factories import make_order, make_point

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def s(db: Database) -> Any:
    with db.write() as session:
        point = make_point(session)
        make_point(session, code="0043", local=False)
        make_order(session, point, number="100000001", status="ready")
        make_order(session, point, number="100000002", status="handed_over")
        yield session


def apply(s: Session, type_: str, payload: dict[str, Any], now: datetime = NOW) -> None:
    apply_change(s, {"seq": 1, "type": type_, "payload": payload}, now)


def local_id(s: Session) -> int:
    return s.scalars(select(PickupPoint.id).where(PickupPoint.code == "0042")).one()


def alerts(s: Session) -> list[tuple[Any, ...]]:
    rows = s.scalars(select(ManagerAlert).order_by(ManagerAlert.id))
    return [(a.kind, a.order_id, a.message, a.details, a.resolved_at) for a in rows]


def order(s: Session, number: str) -> Order:
    return s.scalars(select(Order).where(Order.number == number)).one()


def test_an_unknown_change_type_is_skipped_and_logged(s: Session, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.sync.apply"):
        apply(s, "robot.delivery", {"anything": 1})
    assert [r.getMessage() for r in caplog.records] == ["change type robot.delivery not known to this version: skipped"]


def test_a_cell_lands_on_this_pcs_point(s: Session) -> None:
    apply(s, "cell.upsert", {"code": "CA0101", "label": "A-1", "size_class": "M", "capacity": 3})
    cell = s.scalars(select(StorageCell)).one()
    assert (cell.point_id, cell.label, cell.capacity) == (local_id(s), "A-1", 3)


def test_staff_land_on_this_pcs_point_with_sealed_secrets(s: Session) -> None:
    apply(s, "staff.upsert", {"login": "kassir", "full_name": "K", "role": "clerk", "pin_hash": "$argon2id$x"})
    staff = s.scalars(select(Staff).where(Staff.login == "kassir")).one()
    assert staff.point_id == local_id(s) and staff.role == "clerk"
    assert open_secret_hash(pepper_for_session(s), staff.pin_hash) == "$argon2id$x"


def test_a_shipment_and_a_card_are_stored(s: Session) -> None:
    apply(s, "shipment.upsert", {"number": "R0000001", "point_code": "0042", "expected_at": None, "carrier": "X"})
    apply(s, "card.upsert", {"number": "2000000000015", "point_code": "0042", "activation_code_hash": "h"})
    assert s.scalars(select(Shipment.carrier)).one() == "X"
    assert s.scalars(select(ClubCard.point_id)).one() == local_id(s)


def test_a_point_change_keeps_this_pc_on_its_point(s: Session) -> None:
    apply(s, "point.upsert", {"code": "0042", "name": "New name"})
    point = s.scalars(select(PickupPoint).where(PickupPoint.code == "0042")).one()
    assert point.is_local is True and point.name == "New name"


def test_a_single_order_change_is_stored(s: Session) -> None:
    from tests.integration.shapes import order_dict

    apply(s, "order.upsert", order_dict("100000009"))
    assert order(s, "100000009").status == "in_transit"


def test_a_page_keeps_its_order_around_order_runs(s: Session) -> None:
    from tests.integration.shapes import order_dict

    apply_changes(s, [{"seq": 1, "type": "order.upsert", "payload": order_dict("100000009")},
                      {"seq": 2, "type": "order.cancelled", "payload": {"order": "100000009"}},
                      {"seq": 3, "type": "order.upsert", "payload": order_dict("100000010")}], NOW)
    assert order(s, "100000009").status == "cancelled" and order(s, "100000010").status == "in_transit"


def test_a_new_pickup_code_replaces_the_orders_hash_sealed(s: Session) -> None:
    apply(s, "order.code_issued", {"order": "100000001", "pickup_code_hash": "p1:abc"})
    stored = order(s, "100000001").pickup_code_hash
    assert stored is not None and stored != order(s, "100000002").pickup_code_hash
    apply(s, "order.code_issued", {"order": "999999999", "pickup_code_hash": "p1:abc"})  # unknown here: nothing


def test_a_central_cancellation_cancels_the_order_once(s: Session) -> None:
    apply(s, "order.cancelled", {"order": "100000001"})
    cancelled = order(s, "100000001")
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None
    apply(s, "order.cancelled", {"order": "100000001"}, NOW + timedelta(hours=1))
    assert cancelled.cancelled_at.replace(tzinfo=UTC) == NOW


def test_a_cancellation_of_an_order_handed_over_here_leaves_it_and_is_logged(
        s: Session, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.sync.apply"):
        apply(s, "order.cancelled", {"order": "100000002"})
        apply(s, "order.cancelled", {"order": "999999999"})
    handed = order(s, "100000002")
    assert handed.status == "handed_over" and handed.cancelled_at is None
    assert [r.getMessage() for r in caplog.records] == [
        "order 100000002 cancelled centrally but is handed_over here"]


def test_a_flag_raises_one_alert_per_order_and_flag(s: Session) -> None:
    flag = {"order": "100000002", "flag": "handed_over_after_cancel", "task": "call the customer"}
    apply(s, "order.flagged", flag)
    apply(s, "order.flagged", flag)
    apply(s, "order.flagged", flag | {"order": "100000001"})
    rows = alerts(s)
    assert [(kind, oid) for kind, oid, *_ in rows] == [("handed_over_after_cancel", order(s, "100000002").id),
                                                       ("handed_over_after_cancel", order(s, "100000001").id)]
    assert rows[0][2] == describe_flag("handed_over_after_cancel", "100000002")
    assert rows[0][3] == {"order_number": "100000002", "flag": "handed_over_after_cancel", "task": "call the customer"}
    assert rows[0][4] is None


def test_a_flag_without_a_kind_or_of_an_order_unknown_here_still_alerts(s: Session) -> None:
    apply(s, "order.flagged", {"order": "999999999"})
    apply(s, "order.flagged", {"order": "999999999"})
    rows = alerts(s)
    assert len(rows) == 1 and rows[0][:2] == ("order_flagged", None)
    assert rows[0][3] == {"order_number": "999999999", "flag": "", "task": None}


def test_a_paused_gateway_raises_one_alert_per_reason_and_ok_resolves_them(s: Session) -> None:
    apply(s, "sms.gateway", {"reason": "funds", "gateway": "smsc", "at": "2026-11-24T08:00:00+00:00"})
    apply(s, "sms.gateway", {"reason": "funds", "gateway": "smsc"})
    apply(s, "sms.gateway", {"reason": "auth"})
    rows = alerts(s)
    assert [(r[0], r[2], r[3]["sms_gateway"]) for r in rows] == [
        ("sms_gateway", describe_sms_gateway("funds"), "funds"), ("sms_gateway", describe_sms_gateway("auth"), "auth")]
    assert rows[0][3] == {"sms_gateway": "funds", "gateway": "smsc", "at": "2026-11-24T08:00:00+00:00"}
    apply(s, "sms.gateway", {"reason": "ok"}, NOW + timedelta(hours=2))
    assert [r[4].replace(tzinfo=UTC) for r in alerts(s)] == [NOW + timedelta(hours=2)] * 2
    apply(s, "sms.gateway", {"reason": "funds"})  # paused again: a new alert
    assert len(alerts(s)) == 3 and alerts(s)[2][4] is None


def test_a_gateway_pause_without_reason_is_an_unknown_account_problem(s: Session) -> None:
    apply(s, "sms.gateway", {})
    assert alerts(s)[0][2] == describe_sms_gateway("") and alerts(s)[0][3]["sms_gateway"] == ""


def sms_change(status: str, at: str | None = "2026-11-24T09:01:00+00:00", **extra: Any) -> dict[str, Any]:
    return {"sms": "sms-1", "order": "100000001", "purpose": "ready", "attempt": 1, "status": status, "at": at,
            "error": None} | extra


def the_sms(s: Session) -> SmsMessage:
    return s.scalars(select(SmsMessage)).one()


def test_a_servers_sms_unknown_here_is_added_for_its_order(s: Session) -> None:
    apply(s, "sms.status", sms_change("accepted", attempt=2))
    sms = the_sms(s)
    assert (sms.uid, sms.order_id, sms.purpose, sms.attempt, sms.status) == (
        "sms-1", order(s, "100000001").id, "ready", 2, "accepted")
    assert sms.timeline == [{"status": "accepted", "at": "2026-11-24T09:01:00+00:00"}]
    assert sms.updated_at.replace(tzinfo=UTC) == datetime(2026, 11, 24, 9, 1, tzinfo=UTC)
    assert sms.requested_at.replace(tzinfo=UTC) == NOW


def test_an_sms_of_an_order_unknown_here_is_skipped(s: Session) -> None:
    apply(s, "sms.status", sms_change("accepted", order="999999999"))
    apply(s, "sms.status", sms_change("accepted", order=None))
    assert s.scalars(select(SmsMessage)).all() == []


def test_the_servers_row_is_matched_to_this_pcs_request_by_order_purpose_and_attempt(s: Session) -> None:
    s.add(SmsMessage(uid="local-uid", order_id=order(s, "100000001").id, purpose="ready", attempt=2,
                     status="requested", requested_at=NOW, updated_at=NOW, timeline=[]))
    s.add(SmsMessage(uid="other", order_id=order(s, "100000001").id, purpose="reminder", attempt=1,
                     status="requested", requested_at=NOW, updated_at=NOW, timeline=[]))
    apply(s, "sms.status", sms_change("sending", attempt=2))
    rows = {m.uid: m.status for m in s.scalars(select(SmsMessage))}
    assert rows == {"local-uid": "sending", "other": "requested"}


def test_sms_statuses_only_move_forward_but_every_step_is_in_the_timeline(s: Session) -> None:
    apply(s, "sms.status", sms_change("delivered", at="2026-11-24T09:05:00+00:00"))
    apply(s, "sms.status", sms_change("accepted", at="2026-11-24T09:02:00+00:00"))
    sms = the_sms(s)
    assert sms.status == "delivered" and [t["status"] for t in sms.timeline] == ["delivered", "accepted"]
    assert sms.updated_at.replace(tzinfo=UTC) == datetime(2026, 11, 24, 9, 5, tzinfo=UTC)


def test_a_failure_records_its_error_and_an_equal_step_replaces_the_status(s: Session) -> None:
    apply(s, "sms.status", sms_change("failed", error="abonent unavailable"))
    assert (the_sms(s).status, the_sms(s).error) == ("failed", "abonent unavailable")
    apply(s, "sms.status", sms_change("delivered", at="2026-11-24T09:09:00+00:00"))
    assert (the_sms(s).status, the_sms(s).error) == ("delivered", None)


def test_an_unknown_status_is_left_for_any_later_news(s: Session) -> None:
    apply(s, "sms.status", sms_change("unknown"))
    apply(s, "sms.status", sms_change("accepted", at="2026-11-24T09:09:00+00:00"))
    assert the_sms(s).status == "accepted"


def test_a_replayed_sms_change_changes_nothing(s: Session) -> None:
    apply(s, "sms.status", sms_change("accepted"))
    apply(s, "sms.status", sms_change("accepted"))
    assert len(the_sms(s).timeline) == 1


def test_an_sms_change_without_a_time_is_dated_now(s: Session) -> None:
    apply(s, "sms.status", sms_change("accepted", at=None))
    sms = the_sms(s)
    assert sms.timeline == [{"status": "accepted", "at": NOW.isoformat()}]
    assert sms.updated_at.replace(tzinfo=UTC) == NOW


def local_sms(s: Session, uid: str, number: str = "100000001", status: str = "requested", attempt: int = 1,
              purpose: str = "ready") -> SmsMessage:
    sms = SmsMessage(uid=uid, order_id=order(s, number).id, purpose=purpose, attempt=attempt, status=status,
                     requested_at=NOW, updated_at=NOW, timeline=[])
    s.add(sms)
    s.flush()
    return sms


def test_an_sms_known_here_by_its_id_is_moved_even_when_the_change_names_no_order(s: Session) -> None:
    other, mine = local_sms(s, "other", purpose="reminder"), local_sms(s, "sms-1", status="pending")
    apply(s, "sms.status", sms_change("accepted", order=None))
    assert (mine.status, other.status) == ("accepted", "requested")


def test_a_request_of_another_order_is_not_taken_for_this_ones(s: Session) -> None:
    elsewhere = local_sms(s, "local-2", number="100000002")
    apply(s, "sms.status", sms_change("accepted"))
    assert elsewhere.status == "requested" and elsewhere.uid == "local-2"
    assert s.scalars(select(SmsMessage.uid).where(SmsMessage.order_id == order(s, "100000001").id)).one() == "sms-1"


def test_two_statuses_reported_at_the_same_moment_are_both_recorded(s: Session) -> None:
    apply(s, "sms.status", sms_change("accepted"))
    apply(s, "sms.status", sms_change("delivered"))
    assert [t["status"] for t in the_sms(s).timeline] == ["accepted", "delivered"]
    assert the_sms(s).status == "delivered"


def test_a_status_this_version_does_not_know_is_recorded_without_moving_a_known_step(s: Session) -> None:
    sms = local_sms(s, "sms-1", status="pending")
    apply(s, "sms.status", sms_change("queued_at_operator"))
    assert sms.status == "pending" and [t["status"] for t in sms.timeline] == ["queued_at_operator"]


def test_after_a_status_this_version_does_not_know_the_next_known_one_moves_it(s: Session) -> None:
    sms = local_sms(s, "sms-1")  # requested: nothing is before it
    apply(s, "sms.status", sms_change("queued_at_operator"))
    assert sms.status == "queued_at_operator"
    apply(s, "sms.status", sms_change("delivered", at="2026-11-24T09:03:00+00:00"))
    assert sms.status == "delivered"


def test_a_flag_is_raised_even_when_the_order_has_another_kind_of_alert(s: Session) -> None:
    s.add(ManagerAlert(kind="order_locked", order_id=order(s, "100000002").id, message="locked", created_at=NOW))
    apply(s, "order.flagged", {"order": "100000002", "flag": "handed_over_after_cancel"})
    assert [a[0] for a in alerts(s)] == ["order_locked", "handed_over_after_cancel"]


def test_the_gateways_recovery_resolves_only_gateway_alerts(s: Session) -> None:
    s.add(ManagerAlert(kind="conflict", message="x", details={"status": "conflict"}, created_at=NOW))
    apply(s, "sms.gateway", {"reason": "funds"})
    apply(s, "sms.gateway", {"reason": "ok"})
    assert [(a[0], a[4] is None) for a in alerts(s)] == [("conflict", True), ("sms_gateway", False)]


def test_the_request_of_the_same_purpose_and_attempt_is_the_one_matched(s: Session) -> None:
    first_attempt = local_sms(s, "ready-1", attempt=1)
    reminder = local_sms(s, "reminder-2", purpose="reminder", attempt=2)
    second_attempt = local_sms(s, "ready-2", attempt=2)
    apply(s, "sms.status", sms_change("sending", attempt=2))
    assert (first_attempt.status, reminder.status, second_attempt.status) == ("requested", "requested", "sending")


def test_a_new_sms_reported_in_a_status_this_version_does_not_know_waits_as_pending(s: Session) -> None:
    apply(s, "sms.status", sms_change("queued_at_operator"))
    sms = the_sms(s)
    assert sms.status == "pending" and sms.updated_at.replace(tzinfo=UTC) == NOW
    assert [t["status"] for t in sms.timeline] == ["queued_at_operator"]


def test_one_unknown_status_after_another_shows_the_later(s: Session) -> None:
    sms = local_sms(s, "sms-1")
    apply(s, "sms.status", sms_change("queued_at_operator"))
    apply(s, "sms.status", sms_change("handed_to_operator", at="2026-11-24T09:02:00+00:00"))
    assert sms.status == "handed_to_operator"
