"""The first start creates the demo point (seconds of slow code hashing): the login screen shows at once with the
start-up's progress on it, the clerk types meanwhile, and the login submitted early runs when the start-up is done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.config import AppConfig
from ui.app import Launcher
from ui.crash import CrashReporter
from ui.startup import STEP, STEPS


def test_the_demo_point_is_created_behind_a_moving_progress_on_the_login_screen_that_takes_an_early_login(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.shift_actions.ShiftActions.offer_to_open", lambda self: None)  # no modal question here
    config = AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")  # the embedded default, first run
    reporter = CrashReporter(str(tmp_path / "pickup-desk.log"), show_dialog=False)
    launcher = Launcher(QApplication.instance(), config, reporter)
    shown: list[tuple[int, str, bool]] = []
    logged_in: list[object] = []
    try:
        assert launcher.launch()
        window = launcher.window
        assert window is not None and window.login.isVisible() and not window.login.ready
        bar = window.login.progress
        bar.valueChanged.connect(lambda value: shown.append((value, bar.format(), bar.isVisible())))
        window.login.login_succeeded.connect(logged_in.append)
        qtbot.keyClicks(window.login.identifier, "admin")  # typed while the demo point is being made
        window.login.secret.setText("admin-demo")
        qtbot.keyClick(window.login.secret, Qt.Key.Key_Return)
        assert "ещё запускается" in window.login.message.text()
        qtbot.waitUntil(lambda: window.login.ready, timeout=60_000)
        assert not bar.isVisible() and window.windowTitle().startswith("Пункт выдачи — ")
        qtbot.waitUntil(lambda: bool(logged_in), timeout=10_000)  # the early login ran once the start-up was done
        assert launcher.started is not None
    finally:
        launcher.shutdown()
        launcher.scanner.deleteLater()
        if launcher.window is not None:
            launcher.window.close()
            launcher.window.deleteLater()
    values = [value for value, _text, _visible in shown]
    assert all(visible for _v, _t, visible in shown)  # every step was on screen
    assert values == sorted(values) and values[-1] == STEPS * STEP  # forward, up to the end
    creating = [value for value, text, _ in shown if text == "Создание демонстрационного пункта выдачи…"]
    assert len(creating) >= STEP // 2 and creating[-1] == 2 * STEP  # it moves while the orders are made
