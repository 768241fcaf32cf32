"""A damaged cache: found by its check, its unsent events salvaged row by row, the backup or a new cache in place."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.config import AppConfig
from desktop.db import integrity, recovery
from desktop.db.migrate import backup_file, migrate_with_backup
from desktop.db.models import OutboxEvent, SyncState
from desktop.db.salvage import salvage
from desktop.selftest.local import check_database
from desktop.selftest.report import SelfTestReport, Status
from protocol.states import OutboxStatus
from tests.support.damage import (
    add_events,
    flip_header,
    flip_page,
    leaf_pages,
    make_cache,
    outbox_page_of,
    schema_name_undecodable,
)

UNSENT = 40


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cache.sqlite3"


def pending_ids(path: Path, requeue: bool = False) -> set[str]:
    """The unsent events of the cache at `path` as the app opens it (with the requeue when asked)."""
    db = migrate_with_backup(path)
    try:
        if requeue:
            recovery.requeue_salvaged(path, db)
        with db.read() as s:
            return set(s.scalars(select(OutboxEvent.event_id).where(OutboxEvent.status == OutboxStatus.PENDING)))
    finally:
        db.dispose()


def test_a_sound_cache_is_not_damaged(cache: Path) -> None:
    make_cache(cache, pending=3)
    assert integrity.check(cache) is None
    assert integrity.check(cache, thorough=True, read_only=True) is None
    assert integrity.check(cache.with_name("missing.sqlite3")) is None


def test_flipped_bytes_in_another_table_lose_no_unsent_event(cache: Path) -> None:
    unsent = make_cache(cache, pending=UNSENT, applied=60)
    flip_page(cache, leaf_pages(cache, "audit_journal")[2])

    damage = integrity.check(cache)
    assert damage is not None and damage.path == cache
    found = salvage(cache)
    assert sorted(e["event_id"] for e in found.events) == sorted(unsent)
    assert found.lost == [] and not found.outbox_unreadable
    assert found.state["device_id"] == "dev-1"


def test_flipped_bytes_in_the_outbox_lose_only_that_page_and_name_what_is_lost(cache: Path) -> None:
    unsent = make_cache(cache, pending=UNSENT, applied=60)
    flip_page(cache, outbox_page_of(cache, unsent[UNSENT // 2]))

    assert integrity.check(cache) is not None
    found = salvage(cache)
    salvaged = {e["event_id"] for e in found.events}
    assert found.lost and salvaged and not found.outbox_unreadable
    assert set(found.lost) | salvaged == set(unsent)  # every unsent event: salvaged, or named as lost
    assert not set(found.lost) & salvaged
    for event in found.events:  # what is salvaged is whole
        assert json.loads(event["payload"])["note"] == "x" * 150 and event["type"] == "box.received"


def test_flipped_bytes_in_confirmed_events_lose_nothing_unsent(cache: Path) -> None:
    unsent = make_cache(cache, pending=UNSENT, applied=200)
    flip_page(cache, leaf_pages(cache, "outbox")[0])  # the first rows: confirmed by the server long ago

    found = salvage(cache)
    assert sorted(e["event_id"] for e in found.events) == sorted(unsent) and found.lost == []


def test_an_unreadable_header_is_damage_and_the_events_are_still_salvaged(cache: Path) -> None:
    unsent = make_cache(cache, pending=5)
    flip_header(cache)

    damage = integrity.check(cache)
    assert damage is not None and "header" in damage.detail
    assert sorted(e["event_id"] for e in salvage(cache).events) == sorted(unsent)


def test_damage_whose_report_is_not_utf8_is_reported_not_a_crash(cache: Path) -> None:
    make_cache(cache, pending=3)
    schema_name_undecodable(cache)
    damage = integrity.check(cache, thorough=True, read_only=True)
    assert damage is not None


@pytest.mark.parametrize("damage", ["undecodable", "page", "header"])
def test_self_test_names_the_damaged_file_and_fails(cache: Path, damage: str) -> None:
    make_cache(cache, pending=3)
    if damage == "undecodable":
        schema_name_undecodable(cache)
    elif damage == "page":
        flip_page(cache, leaf_pages(cache, "audit_journal")[1])
    else:
        flip_header(cache)
    report = SelfTestReport()
    check_database(AppConfig(data_dir=cache.parent, log_dir=cache.parent / "log"), report)
    line = report.result("База данных")
    assert line.status is Status.FAILED and report.exit_code == 2
    assert str(cache) in line.detail and "повреждён" in line.detail


def test_restore_keeps_the_damaged_file_aside_and_requeues_every_salvaged_event(cache: Path) -> None:
    early = make_cache(cache, pending=5)
    backup = backup_file(cache)  # as a migration makes it
    late = add_events(cache, pending=10, applied=3)
    flip_page(cache, leaf_pages(cache, "audit_journal")[2])
    damaged_bytes = cache.read_bytes()

    assert recovery.last_good_backup(cache) == backup
    report = recovery.repair(cache, backup)

    assert report.kept_as.read_bytes() == damaged_bytes and "damaged-" in report.kept_as.name  # never deleted
    assert report.salvaged == 15 and report.lost == [] and report.backup == backup
    assert integrity.check(cache) is None
    assert pending_ids(cache, requeue=True) == set(early) | set(late)  # the backup's 5 are not doubled
    journals = list(cache.parent.glob("cache.salvaged-*.json.requeued"))
    assert len(journals) == 1 and not list(cache.parent.glob("cache.salvaged-*.json"))
    assert os.name != "posix" or stat.S_IMODE(journals[0].stat().st_mode) == 0o600  # it holds the cache's data


def test_rebuild_starts_a_new_cache_with_the_salvaged_events_and_state_but_no_cursor(cache: Path) -> None:
    unsent = make_cache(cache, pending=UNSENT, applied=10)
    flip_page(cache, outbox_page_of(cache, unsent[-1]))

    report = recovery.repair(cache, None)

    assert not cache.exists() and report.kept_as.exists() and report.backup is None
    assert report.lost and report.salvaged + len(report.lost) == UNSENT
    db = migrate_with_backup(cache)
    try:
        assert recovery.requeue_salvaged(cache, db) == report.salvaged
        assert recovery.requeue_salvaged(cache, db) == 0  # done once
        with db.read() as s:
            queued = set(s.scalars(select(OutboxEvent.event_id).where(OutboxEvent.status == OutboxStatus.PENDING)))
            state = {row.key: row.value for row in s.scalars(select(SyncState))}
    finally:
        db.dispose()
    assert queued == set(unsent) - set(report.lost)
    assert state["device_id"] == "dev-1" and "cursor" not in state


def test_an_interrupted_repair_requeues_at_the_next_start(cache: Path) -> None:
    unsent = make_cache(cache, pending=4)
    flip_page(cache, leaf_pages(cache, "audit_journal")[1])
    recovery.repair(cache, None)  # the process dies here: the events are only in the salvage file
    assert pending_ids(cache) == set()
    assert pending_ids(cache, requeue=True) == set(unsent)


def test_a_damaged_backup_is_not_offered(cache: Path) -> None:
    make_cache(cache, pending=2)
    older = backup_file(cache)
    newer = backup_file(cache)
    flip_header(newer)
    assert recovery.backups(cache)[0] == newer
    assert recovery.last_good_backup(cache) == older


def test_damage_met_during_work_is_a_storage_fault_not_a_bug(cache: Path) -> None:
    from sqlalchemy import func

    from desktop.db.engine import Database
    from desktop.db.models import AuditEntry
    from desktop.faults import StorageProblem, StorageUnavailable

    make_cache(cache, pending=2)
    flip_page(cache, leaf_pages(cache, "audit_journal")[1])
    db = Database(cache)
    try:
        with pytest.raises(StorageUnavailable) as caught, db.read() as s:
            s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.details.like("%zzz%")))
    finally:
        db.dispose()
    assert caught.value.problem is StorageProblem.DAMAGED
