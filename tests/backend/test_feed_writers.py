"""One mechanism for every writer of the change feed: changes are numbered at the end of the transaction (the
counter row is the last lock taken), so an admin route and an intake batch on the same order both finish, and a
deadlock between two writers' row locks is retried."""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from backend import changes
from backend.models import Change
from backend.rules import RULES, receiving
from protocol import events as ev
from tests.backend.conftest import BOTH_DBS, Server, box_barcode, order_number, point_feed


def _lock_waiters(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                           "AND datname = current_database()").fetchone()
        return int(row[0]) if row else 0


@pytest.mark.postgres
@pytest.mark.parametrize("db_kind", ["postgres"])
def test_an_admin_cancel_and_an_intake_batch_on_one_order_both_finish(server: Server, monkeypatch: Any) -> None:
    """The admin cancel waits for the order row the batch holds; the batch then numbers its changes and commits:
    no deadlock (before, the cancel held the feed's counter while it waited), the cancel's change comes last."""
    server.import_feed(point_feed(orders=1))
    device = server.enrol()
    cursor = device.changes().json()["next_cursor"]
    number = order_number("0042", 1)
    url = make_url(server.db.url).set(drivername="postgresql").render_as_string(hide_password=False)
    rule, replies, waited = RULES[ev.BoxReceived.TYPE], [], []

    def rule_then_cancel(ctx: Any, event: Any) -> Any:
        outcome = rule(ctx, event)  # the order is now locked by this batch
        thread = threading.Thread(target=lambda: replies.append(server.cancel(number)))
        thread.start()
        deadline = time.monotonic() + 10
        while not _lock_waiters(url) and time.monotonic() < deadline and thread.is_alive():
            time.sleep(0.02)
        waited.append(thread.is_alive())
        threads.append(thread)
        return outcome

    threads: list[threading.Thread] = []
    monkeypatch.setitem(RULES, ev.BoxReceived.TYPE, rule_then_cancel)
    monkeypatch.setattr(receiving, "try_apply", lambda _ctx, _event: None)  # the scan through its rule
    result = device.send("box.received", {"session": "s", "box": box_barcode("0042", number, 1), "order": number})
    threads[0].join(30)
    assert result["status"] == "applied"
    assert replies[0].status_code == 200, replies[0].text  # before: 503 (deadlock detected)
    assert waited == [True]  # the cancel really waited for the batch's row lock, and the batch ran once
    feed = device.all_changes(cursor)
    assert feed[-1] == {"seq": feed[-1]["seq"], "type": "order.cancelled", "payload": {"order": number}}
    assert [c["seq"] for c in feed] == sorted(c["seq"] for c in feed)
    assert any(c["type"] == "order.upsert" for c in feed[:-1])


def _count(server: Server) -> int:
    with server.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Change)) or 0)


@BOTH_DBS
def test_a_writer_numbers_its_changes_at_its_commit_and_a_rollback_publishes_nothing(server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    before, head = _count(server), 0
    with server.db.write() as session:
        for n in range(3):
            changes.publish(session, None, "x.test", {"n": n}, server.app.state.settings.clock())
        session.flush()
        assert session.scalar(select(func.count()).select_from(Change)) == before  # nothing numbered yet
        head = changes.current_seq(session)
    with server.db.read() as session:
        rows = session.execute(select(Change.seq, Change.payload).where(Change.type == "x.test")).all()
        assert rows == [(head + 1, {"n": 0}), (head + 2, {"n": 1}), (head + 3, {"n": 2})]
        assert changes.current_seq(session) == head + 3
    with pytest.raises(RuntimeError), server.db.write() as session:
        changes.publish(session, None, "x.lost", {}, server.app.state.settings.clock())
        raise RuntimeError
    assert _count(server) == before + 3
    with server.db.read() as session:
        assert changes.current_seq(session) == head + 3


def test_an_entitys_state_published_twice_in_a_transaction_is_written_once_as_it_is_at_the_end(server: Server
                                                                                               ) -> None:
    """`publish_state` (an order's `order.upsert`): built when the changes are written, once per entity, at the
    place of its last publication; other changes keep theirs."""
    server.import_feed(point_feed(orders=1))
    state = {"status": "partially_arrived"}
    now = server.app.state.settings.clock()
    with server.db.write() as session:
        changes.publish_state(session, None, "x.state", "A", lambda: dict(state), now)
        changes.publish(session, None, "x.event", {"n": 1}, now)
        changes.publish_state(session, None, "x.state", "B", lambda: {"status": "other"}, now)
        state["status"] = "ready"
        changes.publish_state(session, None, "x.state", "A", lambda: dict(state), now)
        changes.publish(session, None, "x.event", {"n": 2}, now)
        state["status"] = "ready, at the end"
    with server.db.read() as session:
        rows = session.execute(select(Change.type, Change.payload).where(Change.type.in_(("x.state", "x.event")))
                               .order_by(Change.seq)).all()
    assert [tuple(r) for r in rows] == [("x.event", {"n": 1}), ("x.state", {"status": "other"}),
                                        ("x.state", {"status": "ready, at the end"}), ("x.event", {"n": 2})]


class _Deadlock(Exception):
    sqlstate = "40P01"


@BOTH_DBS
def test_a_writer_that_lost_a_deadlock_runs_again(server: Server, monkeypatch: Any) -> None:
    monkeypatch.setattr(changes, "RETRY_PAUSE_S", 0)
    calls: list[int] = []

    def work(session: Any) -> int:
        calls.append(1)
        changes.publish(session, None, "x.retry", {"try": len(calls)}, server.app.state.settings.clock())
        if len(calls) == 1:
            session.flush()
            raise OperationalError("UPDATE …", {}, _Deadlock())
        return len(calls)

    assert changes.transaction(server.db, work) == 2
    with server.db.read() as session:  # the lost attempt's change is gone with its transaction
        assert session.execute(select(Change.payload).where(Change.type == "x.retry")).scalars().all() == [{"try": 2}]


def test_a_writer_gives_up_on_an_error_that_is_not_a_deadlock(server: Server) -> None:
    calls: list[int] = []

    def work(_session: Any) -> None:
        calls.append(1)
        raise OperationalError("UPDATE …", {}, Exception("disk I/O error"))

    with pytest.raises(OperationalError):
        changes.transaction(server.db, work)
    assert calls == [1]
