"""Deleting the newest journal entries on a counter is caught through the server's anchor (the real backend on
127.0.0.1), and the manager reads it on the console's «Журнал» tab."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from backend import models as server
from desktop.db.models import AuditEntry, PickupPoint, Staff, SyncState
from desktop.journal import ANCHOR_KEY
from tests.gui.fixtures import build_shell, log_in
from tests.integration.counter import CounterPC, feed
from tests.integration.live import LiveBackend
from tests.support.factories import FAST_HASHER
from ui.pages.manager.journal_tab import JournalTab


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveBackend]:
    backend = LiveBackend(tmp_path).start()
    data = feed(orders=4)
    data["staff"].append({"login": "boss", "full_name": "Кузнецова Ольга", "role": "manager",
                          "badge_code": "ST000002", "pin_hash": FAST_HASHER.hash("2222"),
                          "password_hash": FAST_HASHER.hash("pw-boss"), "active": True})
    backend.import_feed(data)
    yield backend
    backend.stop()


def _server_head(live: LiveBackend) -> tuple[int, str]:
    with live.app.state.db.read() as s:
        row = s.scalars(select(server.JournalHead)).one()
        return row.sequence, row.hash


def test_deleted_newest_entries_are_reported_on_the_journal_tab(qtbot, live, proxy, tmp_path):
    pc = CounterPC(live, proxy, tmp_path / "pc1")
    pc.engine.sync_once()  # snapshot: the point and its staff
    pc.receive(1, 2, 3)
    pc.engine.sync_once()
    with pc.db.read() as s:
        newest = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        anchored = (newest.id, newest.hash)
    assert _server_head(live) == anchored

    with pc.db.write() as s:  # remove the last two receipts and the local copy of the anchor
        ids = s.scalars(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(2)).all()
        s.execute(delete(AuditEntry).where(AuditEntry.id.in_(ids)))
        s.execute(delete(SyncState).where(SyncState.key == ANCHOR_KEY))
    pc.engine.sync_once()
    assert _server_head(live) == anchored  # the server did not let the head go back

    with pc.db.read() as s:
        point = s.scalars(select(PickupPoint).where(PickupPoint.is_local.is_(True))).one()
        clerk = s.scalars(select(Staff).where(Staff.login == "kassir")).one()
        manager = s.scalars(select(Staff).where(Staff.login == "boss")).one()
    shell = build_shell(qtbot, pc.db, seeded=(point, clerk, manager))
    try:
        log_in(qtbot, shell, login="boss", password="pw-boss", open_shift=False)
        page = shell.window.page_named("ManagerPage")
        with qtbot.waitSignal(page.became_idle, timeout=10000):
            shell.window.show_page(page)
        tab = page.show_tab(JournalTab)
        with qtbot.waitSignal(page.became_idle, timeout=10000):
            tab.check_button.click()
        verdict = tab.verdict.text()
        assert verdict.startswith("Журнал повреждён"), verdict
        assert "Удалены последние записи журнала" in verdict and f"запись №{anchored[0]} " in verdict
    finally:
        shell.close()


def test_a_sync_with_nothing_new_writes_nothing_on_the_counter(live, proxy, tmp_path, monkeypatch):
    """The real server answers an unchanged head «unchanged» with the head it holds, which equals the one the counter
    kept (times and all), and its change feed has nothing new: the whole sync is no write transaction on the counter
    (each would make the clerk's next scan wait)."""
    from contextlib import contextmanager

    pc = CounterPC(live, proxy, tmp_path / "pc1")
    pc.engine.sync_once()  # snapshot
    pc.receive(1)
    pc.engine.sync_once()  # the receipt pushed, the head anchored
    pc.engine.sync_once()  # the server's own changes after the push pulled
    writes: list[int] = []
    write = pc.db.write

    @contextmanager
    def counted():
        writes.append(1)
        with write() as s:
            yield s

    monkeypatch.setattr(pc.db, "write", counted)
    report = pc.engine.sync_once()
    assert (report.pushed, report.pulled, writes) == (0, 0, [])
    pc.receive(2)  # something new again: pushed, and the moved head kept
    writes.clear()
    pc.engine.sync_once()
    assert len(writes) >= 2  # the batch's verdicts and the new head
    with pc.db.read() as s:
        newest = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert _server_head(live) == (newest.id, newest.hash)
