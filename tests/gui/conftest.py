"""GUI test settings: offscreen Qt, muted sounds, and helpers that type like a wedge scanner."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PICKUP_DESK_MUTE"] = "1"

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def shell(qtbot, db):
    from tests.gui.fixtures import build_shell

    built = build_shell(qtbot, db)
    yield built
    built.close()


@pytest.fixture
def pc_in_utc():
    """The PC's own zone is UTC for the test (restored after)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()
