"""Event intake's locks: the feed's counter is locked only to number a batch's changes, a point's own
batches are serialized by its row, and a batch that loses a race with another point's batch is retried."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from backend import changes, ingest
from backend.models import Change, EventRecord
from backend.rules import RULES, receiving
from protocol import events as ev
from protocol.errors import DomainError
from tests.backend.conftest import BOTH_DBS, Server, box_barcode, order_number, point_feed


def _received(number: str, n: int = 1) -> dict[str, Any]:
    return {"session": "s", "box": box_barcode("0042", number, n), "order": number}


@pytest.mark.postgres
@pytest.mark.parametrize("db_kind", ["postgres"])
def test_the_feed_counter_is_free_while_a_batch_applies_its_rules(server: Server, monkeypatch: Any) -> None:
    """Another point's batch can number its changes while this one is still applying rules."""
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    url = make_url(server.db.url).set(drivername="postgresql")
    seen: list[bool] = []
    rule = RULES[ev.BoxReceived.TYPE]

    def probing_rule(ctx: Any, event: Any) -> Any:
        with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
            try:  # NOWAIT: fails at once if this batch already holds the counter row
                conn.execute("SELECT value FROM counters WHERE name = 'change_seq' FOR UPDATE NOWAIT")
                seen.append(True)
            except psycopg.errors.LockNotAvailable:
                seen.append(False)
        return rule(ctx, event)

    monkeypatch.setattr(receiving, "try_apply", lambda _ctx, _event: None)  # every event through its rule
    monkeypatch.setitem(RULES, ev.BoxReceived.TYPE, probing_rule)
    number = order_number("0042", 1)
    assert [r["status"] for r in device.push(device.event("box.received", _received(number, 1)),
                                             device.event("box.received", _received(number, 2)))] == ["applied"] * 2
    assert seen == [True, True]


@BOTH_DBS
def test_a_batch_numbers_its_changes_in_order_without_a_failed_rules_ones(server: Server, monkeypatch: Any) -> None:
    server.import_feed(point_feed(orders=2))
    device = server.enrol()
    rule = RULES[ev.BoxReceived.TYPE]

    def publishing_then_failing(ctx: Any, event: Any) -> Any:
        ctx.publish("order.flagged", {"order": event.order, "flag": "x", "task": "x"})
        if event.order == order_number("0042", 2):
            raise DomainError("boom")
        return rule(ctx, event)

    monkeypatch.setattr(receiving, "try_apply", lambda _ctx, _event: None)  # every event through its rule
    monkeypatch.setitem(RULES, ev.BoxReceived.TYPE, publishing_then_failing)
    cursor = device.changes().json()["next_cursor"]
    first, second = order_number("0042", 1), order_number("0042", 2)
    results = device.push(*(device.event("box.received", _received(number)) for number in (first, second)))
    assert [r["status"] for r in results] == ["applied", "rejected"]
    feed = device.all_changes(cursor)
    assert [c["type"] for c in feed] == ["order.flagged", "order.upsert", "shipment.upsert", "event.outcome"]
    assert feed[0]["payload"]["order"] == first  # the failed rule's own change is gone with its savepoint
    seqs = [c["seq"] for c in feed]
    assert seqs == list(range(seqs[0], seqs[0] + 4))
    with server.db.read() as session:
        assert session.scalar(select(func.max(Change.seq))) == seqs[-1]


class _Deadlock(Exception):
    sqlstate = "40P01"


@BOTH_DBS
def test_a_batch_that_lost_a_deadlock_is_retried(server: Server, monkeypatch: Any) -> None:
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    real = ingest._ingest_once
    calls: list[int] = []

    def deadlocking_once(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE …", {}, _Deadlock())
        return real(*args)

    monkeypatch.setattr(ingest, "_ingest_once", deadlocking_once)
    monkeypatch.setattr(changes, "RETRY_PAUSE_S", 0)
    result = device.send("box.received", _received(order_number("0042", 1)))
    assert result["status"] == "applied"
    assert len(calls) == 2


@BOTH_DBS
def test_an_event_id_inserted_by_another_point_meanwhile_is_reused(server: Server, monkeypatch: Any) -> None:
    server.import_feed(point_feed(orders=1))
    server.import_feed(point_feed("0043", orders=1))
    here, there = server.enrol(), server.enrol("0043", name="COUNTER-2")
    event = there.event("box.received", {"session": "s", "box": box_barcode("0043", order_number("0043", 1), 1),
                                         "order": order_number("0043", 1)})
    assert there.push(event)[0]["status"] == "applied"
    real = ingest._prefetch
    reads: list[int] = []

    def blind_once(session: Any, ids: list[str]) -> Any:  # as if the other point committed just after our read
        reads.append(1)
        return {} if len(reads) == 1 else real(session, ids)

    monkeypatch.setattr(ingest, "_prefetch", blind_once)
    monkeypatch.setattr(changes, "RETRY_PAUSE_S", 0)
    reused = dict(here.event("box.received", _received(order_number("0042", 1))), event_id=event["event_id"])
    result = here.push(reused)[0]
    assert (result["status"], result["reason"]) == ("rejected", "event_id_reused")
    assert len(reads) == 2
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(EventRecord)) == 1
