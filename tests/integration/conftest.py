"""Integration fixtures: the real backend on 127.0.0.1 with the default feed, and a fault proxy in front of it.

A test module needing another feed defines its own `live` (pytest takes the module's over this one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.counter import feed
from tests.integration.live import FaultProxy, LiveBackend


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveBackend]:
    backend = LiveBackend(tmp_path).start()
    backend.import_feed(feed())
    yield backend
    backend.stop()


@pytest.fixture
def proxy(live: LiveBackend) -> Iterator[FaultProxy]:
    """A proxy the counter talks through (the tests make it drop, delay or fail requests)."""
    p = FaultProxy(live.url).start()
    yield p
    p.stop()
