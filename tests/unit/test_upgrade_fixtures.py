"""Every released schema revision's real cache file upgrades to head with its unsynced events still queued."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop import journal
from desktop.db import migrate
from desktop.db.claim_models import Claim
from desktop.db.fiscal_models import FiscalReceipt
from desktop.db.models import Box, Order, OrderLine, OutboxEvent
from desktop.services.base import Actor, Role
from desktop.services.receiving import ReceivingService
from protocol.claims import DEFAULT_WARRANTY_MONTHS
from tests.support.clock import FakeClock

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "databases").glob("cache-*.sqlite3"))


def test_there_is_a_fixture_for_every_revision():
    revisions = {p.stem.removeprefix("cache-") for p in FIXTURES}
    assert migrate.head_revision() in revisions, "add a fixture: python tests/fixtures/databases/make_fixture_db.py"
    assert "0001" in revisions


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_old_cache_upgrades_to_head_keeping_everything(fixture, tmp_path):
    path = tmp_path / "cache.sqlite3"
    shutil.copyfile(fixture, path)
    db = migrate.migrate_with_backup(path)
    try:
        assert migrate.current_revision(db) == migrate.head_revision()
        with db.read() as s:
            pending = s.scalars(select(OutboxEvent.event_id).where(OutboxEvent.status == "pending")).all()
            assert len(pending) == 2
            assert s.scalar(select(func.count()).select_from(Order)) == 3
            assert s.scalar(select(func.count()).select_from(Box)) == 4
            assert journal.verify(s).ok
            assert set(s.scalars(select(OrderLine.warranty_months))) == {DEFAULT_WARRANTY_MONTHS}
            if fixture.stem >= "cache-0008":
                assert s.scalars(select(Claim.number)).all() == ["W000000001"]
            if fixture.stem >= "cache-0009":
                assert s.scalars(select(FiscalReceipt.ref)).all() == ["sell:500000003"]
        clerk = Actor(1, "kassir", "Смирнова Анна Сергеевна", Role.CLERK, 1)
        receiving = ReceivingService(db, FakeClock())
        session = receiving.open_session(clerk)
        outcome = receiving.scan_box(clerk, session, "B004250000000201")
        assert outcome.order_arrived
        with db.read() as s:
            assert s.scalar(select(func.count()).where(OutboxEvent.status == "pending")) > 2
    finally:
        db.dispose()
