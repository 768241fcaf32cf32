"""GUI test settings: offscreen Qt, muted sounds, and helpers that type like a wedge scanner."""

from __future__ import annotations

import os

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
