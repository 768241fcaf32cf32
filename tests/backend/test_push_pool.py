"""The pickup-code pool (backend/code_pool.py): codes hashed ahead of time, each taken once, verifying at the
production cost; a dry pool still issues codes; rows under a cost the point no longer has are dropped."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from backend import code_pool, code_prepare, codes, ingest
from backend.app import create_app
from backend.config import PRODUCTION_CODE_N, Settings
from backend.models import CodePoolEntry, Order, Point
from backend.rules import receiving
from backend.sms.models import SmsOutbox
from backend.worker import BackgroundWorker
from protocol.pickup_code import CodeHashParams, code_matches
from tests.backend.conftest import BOTH_DBS, Device, Server, box_barcode, order_number, point_feed

NUMBER = order_number("0042", 1)


def _arrival(device: Device, number: str = NUMBER) -> list[dict[str, Any]]:
    return [device.event("box.received", {"session": "s", "box": box_barcode("0042", number, n), "order": number})
            for n in (1, 2)] + [device.event("order.arrived", {"order": number, "arrived_at": "2026-11-24T09:00:00Z"})]


def _pooled(server: Server) -> int:
    with server.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(CodePoolEntry)) or 0)


def _no_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any) -> str:
        raise AssertionError("a pickup code hashed while a batch was applied")

    monkeypatch.setattr(codes, "salted_code_hash", refuse)
    monkeypatch.setattr(code_prepare, "salted_code_hash", refuse)


def test_a_pooled_code_verifies_at_the_production_cost(settings: Settings, server: Server,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    server.import_feed(point_feed(orders=1))
    with server.db.write() as session:
        session.execute(update(Point).values(code_hash_params=CodeHashParams(b"s" * 16, n=PRODUCTION_CODE_N).encode()))
    assert code_pool.fill(server.db, 2, settings.clock()) == 2
    assert code_pool.fill(server.db, 2, settings.clock()) == 0  # full: nothing more hashed
    device = server.enrol()
    _no_hashing(monkeypatch)
    assert [r["status"] for r in device.push(*_arrival(device))] == ["applied"] * 3
    assert _pooled(server) == 1  # one row taken, the other still waiting
    with server.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == NUMBER)).one()
        point = session.get(Point, order.point_id)
        sms = session.scalars(select(SmsOutbox).where(SmsOutbox.order_number == NUMBER)).one()
    assert point is not None and order.pickup_code_hash is not None
    assert order.pickup_code_hash.startswith(f"scrypt${PRODUCTION_CODE_N}$") and "#" in order.pickup_code_hash
    (code,) = re.findall(r"\b\d{6}\b", sms.text)
    params = CodeHashParams.decode(point.code_hash_params)
    assert code_matches(code, order.pickup_code_hash, params)
    assert not code_matches(f"{(int(code) + 1) % 10**6:06d}", order.pickup_code_hash, params)


@BOTH_DBS
def test_a_dry_pool_still_issues_codes(settings: Settings, server: Server) -> None:
    server.import_feed(point_feed(orders=2))
    code_pool.fill(server.db, 1, settings.clock())
    device = server.enrol()
    batch = _arrival(device) + _arrival(device, order_number("0042", 2))
    assert [r["status"] for r in device.push(*batch)] == ["applied"] * 6  # one code from the pool, one hashed
    assert _pooled(server) == 0
    with server.db.read() as session:
        hashes = list(session.scalars(select(Order.pickup_code_hash).order_by(Order.number)))
    assert len(hashes) == 2 and all(h and h.startswith("scrypt$") for h in hashes) and hashes[0] != hashes[1]


@pytest.mark.parametrize("db_kind", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_pool_row_is_taken_once_by_two_sessions_at_once(settings: Settings, server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    code_pool.fill(server.db, 3, settings.clock())
    with server.db.write() as first, server.db.write() as second:
        point = first.scalars(select(Point)).one()
        mine = code_pool.take(first, point, 2)  # locked, not yet committed
        theirs = code_pool.take(second, second.get(Point, point.id), 3)  # skips the locked rows, no wait
    assert len(mine) == 2 and len(theirs) == 1 and not set(mine) & set(theirs)
    assert _pooled(server) == 0


def test_codes_under_an_old_cost_are_dropped_and_replaced(settings: Settings, server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    code_pool.fill(server.db, 3, settings.clock())
    with server.db.write() as session:
        point = session.scalars(select(Point)).one()
        old = point.code_hash_params
        point.code_hash_params = dataclasses.replace(CodeHashParams.decode(old), n=2 * CodeHashParams.decode(old).n
                                                     ).encode()
    assert code_pool.fill(server.db, 3, settings.clock(), limit=2) == 2  # a chunk per pass
    with server.db.read() as session:
        costs = list(session.scalars(select(CodePoolEntry.cost)))
        point = session.scalars(select(Point)).one()
    assert costs == [code_pool.cost_of(point.code_hash_params)] * 2


def test_the_background_worker_tops_the_pool_up_a_chunk_per_pass(settings: Settings, server: Server) -> None:
    server.import_feed(point_feed(orders=1))
    worker = BackgroundWorker(server.db, dataclasses.replace(settings, code_pool_size=code_pool.FILL_CHUNK + 4))
    worker.run_once()
    assert _pooled(server) == code_pool.FILL_CHUNK
    worker.run_once()
    worker.run_once()
    assert _pooled(server) == code_pool.FILL_CHUNK + 4


def _write_transactions(server: Server, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A "write" for each write transaction the server opens from now on."""
    opened: list[str] = []
    real = server.db.write

    def write(*args: Any, **kwargs: Any) -> Any:
        opened.append("write")
        return real(*args, **kwargs)

    monkeypatch.setattr(server.db, "write", write)
    return opened


@BOTH_DBS
def test_with_the_pool_full_a_batch_takes_its_codes_in_its_own_transaction_counted_from_its_rows(
        settings: Settings, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """No transaction of its own for the codes and no query to count them: the batch counts them from the orders
    and codes it locked, takes that many from the pool, hashes none."""
    server.import_feed(point_feed(orders=3))
    code_pool.fill(server.db, 5, settings.clock())
    device = server.enrol()
    batch = [*_arrival(device), *_arrival(device, order_number("0042", 2)),
             device.event("order.arrived", {"order": order_number("0042", 2), "arrived_at": "2026-11-24T09:00:00Z"})]
    opened = _write_transactions(server, monkeypatch)
    _no_hashing(monkeypatch)
    monkeypatch.setattr(code_prepare, "codes_needed", lambda *args: pytest.fail("counted by query"))
    assert [r["status"] for r in device.push(*batch)] == ["applied"] * 6 + ["duplicate"]
    assert opened == ["write"]  # the batch's own transaction, nothing before it
    assert _pooled(server) == 3  # two orders arrived, a code each; the second arrival of one issues none
    with server.db.read() as session:
        hashes = list(session.scalars(select(Order.pickup_code_hash).order_by(Order.number)))
    assert hashes[0] and hashes[1] and hashes[0] != hashes[1] and hashes[2] is None


@BOTH_DBS
def test_a_pool_short_of_codes_rolls_the_batch_back_and_hashes_them_outside_it(
        settings: Settings, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    server.import_feed(point_feed(orders=3))
    code_pool.fill(server.db, 1, settings.clock())
    device = server.enrol()
    batch = [*_arrival(device), *_arrival(device, order_number("0042", 2)), *_arrival(device, order_number("0042", 3))]
    hashing: list[bool] = []
    real_hash = code_prepare.salted_code_hash
    monkeypatch.setattr(code_prepare, "salted_code_hash", lambda *args: (
        hashing.append(server.db.engine.pool.checkedout() == 0), real_hash(*args))[1])
    counted: list[int] = []
    real_count = code_prepare.codes_needed
    monkeypatch.setattr(ingest, "codes_needed", lambda *args: counted.append(real_count(*args)) or counted[-1])
    assert [r["status"] for r in device.push(*batch)] == ["applied"] * 9
    assert counted == [3] and hashing == [True, True]  # 3 counted by query, 1 pooled, 2 hashed with no transaction
    assert _pooled(server) == 0
    with server.db.read() as session:
        hashes = list(session.scalars(select(Order.pickup_code_hash)))
        assert session.scalar(select(func.count()).select_from(SmsOutbox)) == 3  # the first attempt left nothing
    assert len(set(hashes)) == 3 and all(h and h.startswith("scrypt$") for h in hashes)


class _Deadlock(Exception):
    sqlstate = "40P01"


def test_codes_an_attempt_took_are_not_issued_by_its_retry_they_are_back_in_the_pool(
        settings: Settings, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """A deadlock after the batch took its codes rolls them back into the pool: the retry takes them again rather
    than issuing the ones it still holds, which are waiting in the pool too (two orders could get one code)."""
    server.import_feed(point_feed(orders=2))
    code_pool.fill(server.db, 2, settings.clock())
    with server.db.read() as session:
        pooled = set(session.scalars(select(CodePoolEntry.code_hash)))
    device = server.enrol()
    real_apply = receiving.try_apply
    failures = [OperationalError("UPDATE", {}, _Deadlock())]

    def deadlock_once(ctx: Any, event: Any) -> Any:  # the codes are taken, no rule has run yet
        if failures:
            raise failures.pop()
        return real_apply(ctx, event)

    monkeypatch.setattr(receiving, "try_apply", deadlock_once)
    assert [r["status"] for r in device.push(*_arrival(device), *_arrival(device, order_number("0042", 2)))] == [
        "applied"] * 6
    assert failures == [] and _pooled(server) == 0
    with server.db.read() as session:
        issued = {h.split("#")[0] for h in session.scalars(select(Order.pickup_code_hash))}
    assert issued == pooled


@pytest.fixture
def poolless(settings: Settings) -> Iterator[Server]:
    app = create_app(dataclasses.replace(settings, code_pool_size=0))
    with TestClient(app) as client:
        yield Server(client, app)


def test_with_the_pool_switched_off_a_batch_hashes_its_codes_first_and_runs_once(
        poolless: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """`code_pool_size = 0`: no pool to take from, so no attempt that would only find it empty and roll back."""
    server = poolless
    server.import_feed(point_feed(orders=2))
    device = server.enrol()
    attempts: list[bool] = []
    real = ingest._ingest_once
    monkeypatch.setattr(ingest, "_ingest_once", lambda *args: (attempts.append(args[3]), real(*args))[1])
    assert [r["status"] for r in device.push(*_arrival(device), *_arrival(device, order_number("0042", 2)))] == [
        "applied"] * 6
    assert attempts == [False]  # one attempt, with the codes hashed before it (a short pool is not an error)
    with server.db.read() as session:
        hashes = list(session.scalars(select(Order.pickup_code_hash)))
    assert len(set(hashes)) == 2 and all(h and h.startswith("scrypt$") for h in hashes)
