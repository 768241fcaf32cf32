"""The same box scanned on two PCs: the server's `duplicate` for this PC's box.received makes its session honest."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.models import ManagerAlert, ReceivingSession
from desktop.services.receiving import ElsewhereBox, Outcome, ReceivingService
from desktop.sync.client import EventResult
from desktop.sync.engine import SyncEngine
from tests.support.factories import actor_for, make_order, make_point, make_shipment, make_staff


class Server:
    """Answers every event applied, except the box.received of `taken` boxes: duplicate with `reason`."""

    def __init__(self, taken: set[str], reason: str = "box_already_received") -> None:
        self.taken, self.reason = taken, reason

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        return [
            EventResult(e["event_id"], "duplicate", self.reason, i)
            if e["type"] == "box.received" and e["payload"]["box"] in self.taken
            else EventResult(e["event_id"], "applied", None, i)
            for i, e in enumerate(events, 1)
        ]


@pytest.fixture
def world(db):
    with db.write() as s:
        point = make_point(s, code="0042")
        clerk = make_staff(s, point, full_name="Петрова Анна")
        shipment = make_shipment(s, point, number="R0000001")
        orders = [make_order(s, point, shipment=shipment, number=f"50000000{i}") for i in (1, 2, 3)]
        return {"actor": actor_for(clerk), "boxes": [o.boxes[0].barcode for o in orders]}


def _push(db, clock, taken: set[str], reason: str = "box_already_received") -> None:
    SyncEngine(db, Server(taken, reason), clock).push()  # type: ignore[arg-type]


def _alerts(db) -> list[ManagerAlert]:
    with db.read() as s:
        return list(s.scalars(select(ManagerAlert).where(ManagerAlert.kind == "received_elsewhere")))


def test_a_box_another_pc_received_first_leaves_this_sessions_counts_and_act(db, clock, world):
    svc = ReceivingService(db, clock)
    actor, boxes = world["actor"], world["boxes"]
    uid = svc.open_session(actor, "R0000001")
    for box in boxes[:2]:
        svc.scan_box(actor, uid, box)
    _push(db, clock, {boxes[0]})
    counts = svc.counts(uid)
    assert (counts.received, counts.elsewhere, counts.earlier, counts.missing) == (1, 1, 1, 1)
    assert counts.expected == counts.received + counts.missing + counts.earlier
    assert [(r.box, r.outcome) for r in svc.resume(uid).scans][-1] == (boxes[0], Outcome.ELSEWHERE)
    closed = svc.close_with_act(actor, uid)
    assert closed.summary.received == 1 and closed.summary.counts["elsewhere"] == 1
    assert closed.summary.elsewhere == (ElsewhereBox(boxes[0], boxes[0][5:14]),)
    assert "принята на другом рабочем месте" in closed.act.html and boxes[0] in closed.act.html
    assert svc.summary(uid) == closed.summary
    assert not _alerts(db)  # the act was made after the answer: nothing to correct


def test_undo_never_takes_back_a_box_another_pc_received(db, clock, world):
    svc = ReceivingService(db, clock)
    actor, boxes = world["actor"], world["boxes"]
    uid = svc.open_session(actor, "R0000001")
    svc.scan_box(actor, uid, boxes[1])
    svc.scan_box(actor, uid, boxes[0])
    _push(db, clock, {boxes[0]})
    assert svc.undo_last(actor, uid).box == boxes[1]  # the last scan of this session's own
    assert svc.counts(uid).received == 0 and svc.counts(uid).elsewhere == 1


def test_an_act_closed_before_the_answer_raises_a_russian_alert(db, clock, world):
    svc = ReceivingService(db, clock)
    actor, boxes = world["actor"], world["boxes"]
    uid = svc.open_session(actor, "R0000001")
    svc.scan_box(actor, uid, boxes[0])
    before = svc.close(actor, uid)
    _push(db, clock, {boxes[0]})
    [alert] = _alerts(db)
    assert boxes[0] in alert.message and "принята на другом рабочем месте" in alert.message
    assert "R0000001" in alert.message
    assert svc.summary(uid) == before  # the act the server holds stays as it was sent; the manager corrects it
    _push(db, clock, {boxes[0]})
    assert len(_alerts(db)) == 1


def test_a_resent_event_the_server_had_applied_changes_nothing(db, clock, world):
    svc = ReceivingService(db, clock)
    actor, boxes = world["actor"], world["boxes"]
    uid = svc.open_session(actor, "R0000001")
    svc.scan_box(actor, uid, boxes[0])
    _push(db, clock, {boxes[0]}, reason="already_received:applied")
    assert (svc.counts(uid).received, svc.counts(uid).elsewhere) == (1, 0)
    with db.read() as s:
        assert s.scalar(select(ReceivingSession.status)) == "open"
