"""End-to-end test settings: the `e2e` marker (``pytest -m e2e`` runs these alone; they also run in the gui lane)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: the real app under its own Xvfb display, driven with xdotool")
