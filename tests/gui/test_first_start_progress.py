"""The first start creates the demo point (seconds of slow code hashing): the splash shows it, then the login."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QProgressBar

from desktop.config import AppConfig
from ui.app import Launcher
from ui.crash import CrashReporter
from ui.startup import STEP, STEPS


def test_the_demo_point_is_created_behind_a_moving_progress_then_the_login_appears(qtbot: Any,
                                                                                  tmp_path: Path) -> None:
    config = AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")  # the embedded default, first run
    reporter = CrashReporter(str(tmp_path / "pickup-desk.log"), show_dialog=False)
    launcher = Launcher(QApplication.instance(), config, reporter)
    bar = launcher.splash.findChild(QProgressBar)
    assert bar is not None
    shown: list[tuple[int, str, bool]] = []
    bar.valueChanged.connect(lambda value: shown.append((value, launcher.splash.labelText(),
                                                         launcher.splash.isVisible())))
    try:
        assert launcher.launch()
        qtbot.waitUntil(lambda: launcher.window is not None, timeout=60_000)
        assert launcher.window is not None
        qtbot.waitUntil(lambda: launcher.window.login.isVisible(), timeout=5000)
        assert not launcher.splash.isVisible()
    finally:
        launcher.shutdown()
        launcher.scanner.deleteLater()
        if launcher.window is not None:
            launcher.window.close()
            launcher.window.deleteLater()
    values = [value for value, _text, _visible in shown]
    assert all(visible for _v, _t, visible in shown)  # every step was on screen
    assert values == sorted(values) and values[-1] == bar.maximum() == STEPS * STEP  # forward, up to the end
    creating = [value for value, text, _ in shown if text == "Создание демонстрационного пункта выдачи…"]
    assert len(creating) >= STEP // 2 and creating[-1] == 2 * STEP  # it moves while the orders are made
