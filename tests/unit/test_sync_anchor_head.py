"""Anchoring the audit journal's head on the server: what the counter sends (its head; the server's held head as
proof only while its chain still holds it), what it keeps (the server's answer), and a failed or malformed answer
that never stops the sync but is logged."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, select

from desktop import journal
from desktop.db.engine import Database
from desktop.db.models import AuditEntry
from desktop.journal import JournalHead
from desktop.services.base import Service
from desktop.sync.anchor import anchor_journal, head_body
from desktop.sync.client import BackendUnavailable
from tests.support.clock import FakeClock
from tests.support.factories import make_point

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class RecordingClient:
    """Answers the anchoring as the server would, or with a scripted answer or error; keeps the bodies sent."""

    def __init__(self, answer: Any = None) -> None:
        self.answer = answer
        self.sent: list[dict[str, Any]] = []

    def anchor_journal(self, head: dict[str, Any]) -> dict[str, Any]:
        self.sent.append(head)
        if isinstance(self.answer, Exception):
            raise self.answer
        if self.answer is not None:
            return self.answer  # type: ignore[no-any-return]
        held = {k: head[k] for k in ("sequence", "count", "hash", "last_at")}
        return {"status": "anchored", "held": {**held, "anchored_at": AT.isoformat()}}


def write_entries(db: Database, n: int) -> None:
    with db.write() as s:
        if s.scalar(select(AuditEntry.id).limit(1)) is None:
            make_point(s)
    for i in range(n):
        with Service(db, FakeClock(AT)).action(None) as act:
            act.audit("order.unlocked", f"1000{i}")


def test_an_empty_journal_sends_its_genesis_head_without_a_time_or_proof() -> None:
    head = JournalHead(0, 0, "g" * 64)
    assert head_body(head, None) == {"sequence": 0, "count": 0, "hash": "g" * 64, "last_at": None}


def test_the_head_carries_the_newest_entrys_time() -> None:
    body = head_body(JournalHead(5, 5, "h5", AT), None)
    assert body == {"sequence": 5, "count": 5, "hash": "h5", "last_at": "2026-11-24T09:00:00+00:00"}


def test_the_servers_held_head_goes_along_as_proof_when_it_names_an_entry() -> None:
    body = head_body(JournalHead(6, 6, "h6", AT), JournalHead(1, 1, "h1", AT))
    assert body["proof"] == {"sequence": 1, "hash": "h1"}


def test_a_held_empty_journal_is_no_proof() -> None:
    assert "proof" not in head_body(JournalHead(6, 6, "h6", AT), JournalHead(0, 0, "g"))


def test_the_servers_answer_is_kept_and_its_status_returned(db: Database) -> None:
    write_entries(db, 2)
    client = RecordingClient()
    assert anchor_journal(db, client) == "anchored"  # type: ignore[arg-type]
    with db.read() as s:
        now = journal.head(s)
        assert journal.stored_anchor(s) == JournalHead(now.sequence, 2, now.hash, now.last_at, AT)
    assert "proof" not in client.sent[0]  # nothing held yet
    write_entries(db, 1)
    anchor_journal(db, client)  # type: ignore[arg-type]
    assert client.sent[1]["proof"] == {"sequence": now.sequence, "hash": now.hash}


def test_a_held_head_the_chain_no_longer_holds_is_not_sent_as_proof(db: Database) -> None:
    write_entries(db, 3)
    client = RecordingClient()
    anchor_journal(db, client)  # type: ignore[arg-type]
    with db.write() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id == journal.head(s).sequence))
    anchor_journal(db, client)  # type: ignore[arg-type]
    assert "proof" not in client.sent[1]


def test_a_failed_anchoring_is_logged_and_keeps_the_stored_head(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    write_entries(db, 1)
    anchor_journal(db, RecordingClient())  # type: ignore[arg-type]
    with db.read() as s:
        before = journal.stored_anchor(s)
    busy = BackendUnavailable("sync.link.server_unavailable", status=503, code="busy")
    with caplog.at_level(logging.WARNING, logger="desktop.sync.anchor"):
        assert anchor_journal(db, RecordingClient(busy)) is None  # type: ignore[arg-type]
    assert [r.getMessage() for r in caplog.records] == ["journal head not anchored: HTTP 503 busy"]
    with db.read() as s:
        assert journal.stored_anchor(s) == before


@pytest.mark.parametrize("answer", [{"status": "anchored"}, {"status": "anchored", "held": {"sequence": "x"}},
                                    {"status": "anchored", "held": None}])
def test_a_malformed_answer_is_logged_and_stores_nothing(answer: dict[str, Any], db: Database,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    write_entries(db, 1)
    with caplog.at_level(logging.WARNING, logger="desktop.sync.anchor"):
        assert anchor_journal(db, RecordingClient(answer)) is None  # type: ignore[arg-type]
    assert [r.getMessage() for r in caplog.records] == [
        "journal head not anchored: the server's answer is malformed"]
    with db.read() as s:
        assert journal.stored_anchor(s) is None


def test_a_mismatch_keeps_the_servers_head_and_is_logged_with_its_entry(db: Database,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    write_entries(db, 1)
    held = {"sequence": 41, "count": 41, "hash": "h41", "last_at": None}
    with caplog.at_level(logging.WARNING, logger="desktop.sync.anchor"):
        assert anchor_journal(db, RecordingClient({"status": "mismatch", "held": held})) == "mismatch"  # type: ignore[arg-type]
    assert [r.getMessage() for r in caplog.records] == [
        "the server holds journal entry 41 that this PC's journal no longer matches"]
    with db.read() as s:
        assert journal.stored_anchor(s) == JournalHead(41, 41, "h41")


@pytest.mark.parametrize("status", ["anchored", "unchanged"])
def test_an_accepted_head_logs_no_warning(status: str, db: Database, caplog: pytest.LogCaptureFixture) -> None:
    write_entries(db, 1)
    held = {"sequence": 1, "count": 1, "hash": "h1"}
    with caplog.at_level(logging.WARNING, logger="desktop.sync.anchor"):
        assert anchor_journal(db, RecordingClient({"status": status, "held": held})) == status  # type: ignore[arg-type]
    assert caplog.records == []
