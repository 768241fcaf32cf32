"""Disk full during a clerk's action: «Диск заполнен: …», nothing half-written, the work resumes when space returns.

Two ways to fill the disk. Always: SQLite itself limited (``PRAGMA max_page_count`` at the current size makes
it answer SQLITE_FULL exactly as a full disk does) — no root needed. As root also the real thing: the cache
on a small tmpfs, filled up with a file, freed by deleting it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Box, OutboxEvent, ReceivingScan
from desktop.faults import StorageProblem, StorageUnavailable
from desktop.services.base import Actor
from desktop.services.receiving import ReceivingService
from protocol.states import BoxStatus
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff
from ui import workers

ORDERS = 150  # three boxes each: far more scans than the pages left free hold
TMPFS_SIZE = 4 * 1024 * 1024
ROOM_LEFT = 256 * 1024  # what the filler file leaves free on the tmpfs: a few scans fit


def world(db: Database) -> tuple[Actor, str, list[str]]:
    """A point, a clerk and a shipment of ORDERS three-box orders; returns the clerk, the shipment, the boxes."""
    with db.write() as s:
        point = make_point(s, code="0042", storage_days=7)
        clerk = make_staff(s, point)
        shipment = make_shipment(s, point, number="R0000001")
        barcodes = []
        for n in range(ORDERS):
            order = make_order(s, point, shipment=shipment, number=f"5{n:08d}", boxes=3)
            barcodes += [box_barcode("0042", order.number, i) for i in (1, 2, 3)]
        return actor_for(clerk), shipment.number, barcodes


def written(db: Database) -> tuple[int, ...]:
    """Everything a scan writes: its scan row, the box, the journal entry, the outbox event."""
    with db.read() as s:
        return tuple(int(s.scalar(query) or 0) for query in (
            select(func.count()).select_from(ReceivingScan), select(func.count()).select_from(AuditEntry),
            select(func.count()).select_from(OutboxEvent),
            select(func.count()).select_from(Box).where(Box.status == BoxStatus.RECEIVED)))


def scan_until_full(db: Database, barcodes: list[str], scan: Any) -> int:
    """Scan boxes until the disk is full; the failing scan left the database exactly as it was. Its index."""
    for index, barcode in enumerate(barcodes):
        before = written(db)
        try:
            scan(barcode)
        except StorageUnavailable as full:
            assert full.problem is StorageProblem.DISK_FULL
            assert written(db) == before  # one service call = one transaction: nothing half-written
            return index
    raise AssertionError("the disk never filled up")


def clerk_sees(qtbot: Any, call: Any) -> str:
    """The text the clerk gets for a failed background call (as every page runs its service calls)."""
    failures: list[workers.Failure] = []
    workers.TaskRunner(workers.ignore_bug).run(call, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert not failures[0].is_bug
    return failures[0].message


def check_full_then_resume(qtbot: Any, db: Database, fill: Any, free: Any) -> None:
    actor, shipment, barcodes = world(db)
    service = ReceivingService(db, FakeClock())
    session = service.open_session(actor, shipment)
    fill()
    index = scan_until_full(db, barcodes, lambda barcode: service.scan_box(actor, session, barcode))
    assert index > 0  # the action before the full disk was saved whole
    before = written(db)
    message = clerk_sees(qtbot, lambda: service.scan_box(actor, session, barcodes[index]))
    assert message.startswith("Диск заполнен:") and written(db) == before
    free()
    for barcode in barcodes[index:index + 5]:  # the same scan again, then the work goes on
        assert service.scan_box(actor, session, barcode).kind.value == "received"
    scans, entries, events, received = written(db)
    assert (scans, received) == (before[0] + 5, before[3] + 5) and entries > before[1] and events > before[2]


def test_sqlite_full_rolls_the_action_back_and_work_resumes(qtbot: Any, tmp_path: Path) -> None:
    db = Database(tmp_path / "cache.sqlite3")
    db.create_all()
    limit: list[int | None] = [None]

    @event.listens_for(db.engine, "checkout")
    def page_limit(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pages = limit[0] or 2_147_483_646
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    def fill() -> None:
        with db.read() as s:
            limit[0] = int(s.connection().exec_driver_sql("PRAGMA page_count").scalar_one())

    try:
        check_full_then_resume(qtbot, db, fill, lambda: limit.__setitem__(0, None))
    finally:
        db.dispose()


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs (root only: the max_page_count test above runs everywhere)."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root; test_sqlite_full_rolls_the_action_back_and_work_resumes covers it")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"no tmpfs here ({done.stderr.strip()}); the max_page_count test covers it")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_rolls_the_action_back_and_work_resumes(qtbot: Any, small_tmpfs: Path) -> None:
    db = Database(small_tmpfs / "cache.sqlite3")
    db.create_all()
    filler = small_tmpfs / "filler.bin"

    def fill() -> None:
        room = os.statvfs(small_tmpfs)
        with filler.open("wb") as file:
            file.write(b"\0" * max(room.f_bavail * room.f_frsize - ROOM_LEFT, 0))

    try:
        check_full_then_resume(qtbot, db, fill, filler.unlink)
    finally:
        db.dispose()
