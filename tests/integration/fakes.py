"""In-process stand-ins for unit tests of the sync engine: a fake backend behind a SyncClient-like API."""

from __future__ import annotations

import json
from typing import Any

from desktop.sync.client import ChangesPage, CursorExpired, EventResult, SyncError
from protocol.events import canonical_json


class FakeBackend:
    """Event store with the contract's duplicate rules, a change feed and a snapshot."""

    def __init__(self, point: dict[str, Any]) -> None:
        self.point = point
        self.events: dict[str, tuple[str, int]] = {}  # event_id → (canonical payload, server_seq)
        self.changes: list[dict[str, Any]] = []
        self.pruned_through = 0
        self.push_calls: list[int] = []  # batch sizes
        self.verdicts: dict[str, tuple[str, str]] = {}  # event type → (status, reason) to answer
        self.fail_next: list[SyncError] = []
        self.snapshot_calls = 0
        self.orders: dict[str, dict[str, Any]] = {}
        self.journal_head: dict[str, Any] | None = None  # the anchored journal head, as the server keeps it

    def _maybe_fail(self) -> None:
        if self.fail_next:
            raise self.fail_next.pop(0)

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        self._maybe_fail()
        assert 1 <= len(events) <= 500
        assert [e["device_seq"] for e in events] == sorted(e["device_seq"] for e in events)
        self.push_calls.append(len(events))
        return [self._one(e) for e in events]

    def _one(self, e: dict[str, Any]) -> EventResult:
        text = canonical_json(e["payload"])
        if e["event_id"] in self.events:
            stored, seq = self.events[e["event_id"]]
            if stored == text:
                return EventResult(e["event_id"], "duplicate", None, seq)
            return EventResult(e["event_id"], "rejected", "same event id, different payload", None)
        status, reason = self.verdicts.get(e["type"], ("applied", None))  # type: ignore[assignment]
        seq = len(self.events) + 1
        self.events[e["event_id"]] = (text, seq)
        return EventResult(e["event_id"], status, reason, seq if status == "applied" else None)

    def anchor_journal(self, head: dict[str, Any]) -> dict[str, Any]:
        """The server's rule: the head moves forward only with proof of the held one."""
        self._maybe_fail()
        held, proof = self.journal_head, head.get("proof")
        if held is not None and (held["sequence"], held["hash"]) == (head["sequence"], head["hash"]):
            return {"status": "unchanged", "held": held}
        if held is None or held["sequence"] == 0 or (proof == {"sequence": held["sequence"], "hash": held["hash"]}
                            and head["sequence"] > held["sequence"]):
            self.journal_head = {**{k: head[k] for k in ("sequence", "count", "hash", "last_at")},
                                 "anchored_at": "2026-11-24T09:00:00+00:00"}
            return {"status": "anchored", "held": self.journal_head}
        return {"status": "mismatch", "held": held}

    def publish(self, type_: str, payload: dict[str, Any]) -> None:
        self.changes.append({"seq": len(self.changes) + 1, "type": type_, "payload": json.loads(json.dumps(payload))})
        if type_ == "order.upsert":
            self.orders[payload["number"]] = payload

    def changes_page(self, cursor: int, limit: int = 500) -> ChangesPage:
        self._maybe_fail()
        if cursor < self.pruned_through:
            raise CursorExpired("expired", status=410, code="cursor_expired")
        page = [c for c in self.changes if c["seq"] > cursor][:limit]
        nxt = page[-1]["seq"] if page else cursor
        return ChangesPage(page, nxt, any(c["seq"] > nxt for c in self.changes))

    def snapshot(self) -> dict[str, Any]:
        self._maybe_fail()
        self.snapshot_calls += 1
        return {"cursor": len(self.changes), "point": self.point, "orders": list(self.orders.values()),
                "shipments": [], "cells": [], "cards": [], "staff": []}


class FakeClient:
    """Duck-typed SyncClient over a FakeBackend."""

    def __init__(self, backend: FakeBackend) -> None:
        self.backend = backend

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        return self.backend.push_events(events)

    def changes(self, cursor: int, limit: int = 500) -> ChangesPage:
        return self.backend.changes_page(cursor, limit)

    def anchor_journal(self, head: dict[str, Any]) -> dict[str, Any]:
        return self.backend.anchor_journal(head)

    def snapshot(self) -> dict[str, Any]:
        return self.backend.snapshot()
