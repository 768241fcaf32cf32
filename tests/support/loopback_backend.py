"""A backend that accepts every pushed event once (as the real server does for a new event id) and has nothing to
pull: the sync thread of the scan-stress test and of bench/scan_feedback.py runs against it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from desktop.sync.client import ChangesPage, EventResult


class LoopbackBackend:
    """Answers `applied` to an event id's first push and `duplicate` after; counts the pushes."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.pushes = 0

    def push_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        self.pushes += 1
        results = []
        for event in events:
            self.seen[event["event_id"]] += 1
            status = "applied" if self.seen[event["event_id"]] == 1 else "duplicate"
            results.append(EventResult(event["event_id"], status, None, len(self.seen)))
        return results

    def changes(self, cursor: int, limit: int = 500) -> ChangesPage:
        return ChangesPage([], cursor, False)

    def anchor_journal(self, head: dict[str, Any]) -> dict[str, Any]:
        return {"status": "anchored", "held": {**head, "anchored_at": None}}

    def snapshot(self) -> dict[str, Any]:
        raise AssertionError("no snapshot expected")

    def close(self) -> None:
        """Nothing to release."""
