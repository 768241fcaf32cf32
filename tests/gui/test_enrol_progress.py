"""The enrolment wizard's progress bar follows the first snapshot while the GUI thread stays free."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from desktop.config import AppConfig
from desktop.device_credentials import DeviceCredentials
from ui.enrol_wizard import EnrolWizard

pytestmark = pytest.mark.gui
ORDERS = 1_200


class SlowSnapshot:
    """A stand-in for enrolment whose snapshot advances one step each time the test releases it."""

    def __init__(self) -> None:
        self.steps = [threading.Event() for _ in range(4)]

    def __call__(self, config: AppConfig, url: str, code: str, name: str, progress: Any) -> tuple[Any, str]:
        for step, done in zip(self.steps, (0, 500, 1_000, ORDERS), strict=True):
            assert step.wait(10)
            progress(done, ORDERS)
        creds = DeviceCredentials(url, "device-1", "token", "0042", "key")
        return creds, "ПВЗ 0042 (0042)"


def test_the_progress_bar_moves_with_the_snapshot_and_the_wizard_stays_responsive(qtbot, tmp_path: Path) -> None:
    snapshot = SlowSnapshot()
    config = AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", device_name="COUNTER-1")
    wizard = EnrolWizard(config, check=lambda url, ca: {"version": "1"}, enrol=snapshot)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.server_page.url.setText("https://pvz.example.ru")
    with qtbot.waitSignal(wizard.server_page.checked):
        wizard.server_page.check_button.click()
    wizard.next()
    page = wizard.code_page
    page.code.setText("ABCD-EFGH-JKLM")
    wizard.next()
    bar = page.progress
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() == 0)  # busy while the snapshot downloads
    qtbot.keyClicks(page.device_name, "-2")  # the clerk can still type: the GUI thread is not blocked
    assert page.device_name.text() == "COUNTER-1-2"
    seen = []
    for step, done in zip(snapshot.steps[:3], (0, 500, 1_000), strict=True):
        step.set()
        qtbot.waitUntil(lambda done=done: bar.maximum() == ORDERS and bar.value() == done)
        seen.append(bar.value())
        assert f"{done} из {ORDERS}" in page.status.text()
    assert seen == [0, 500, 1_000]
    with qtbot.waitSignal(page.enrolled) as blocker:
        snapshot.steps[3].set()
    assert blocker.args == [True] and not bar.isVisible()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.confirm_page)
