"""The manager's status bar says when an update waits for the next start and when one was rolled back;
the clerk is not bothered."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from desktop.config import AppConfig
from desktop.services.base import Actor, Role
from desktop.update.layout import UpdateLayout, UpdateState, save_state
from tests.gui.fixtures import log_in
from ui.status_bar import UPDATE_READ_EVERY, CounterStatusBar, update_notice

CLERK = Actor(1, "kassir", "Смирнова Анна Сергеевна", Role.CLERK, 1)
MANAGER = Actor(2, "manager", "Иванов Пётр", Role.MANAGER, 1)


def bar_for(qtbot, data_dir: Path) -> CounterStatusBar:
    ctx = SimpleNamespace(config=AppConfig(data_dir=data_dir))
    bar = CounterStatusBar(None, "0042", updates=update_notice(ctx))
    qtbot.addWidget(bar)
    bar.resize(1366, 30)
    bar.show()
    return bar


def test_a_waiting_update_is_shown_to_the_manager_only(qtbot, tmp_path: Path) -> None:
    save_state(UpdateLayout.for_data_dir(tmp_path), UpdateState(current="1.4.0", staged="1.5.0"))
    bar = bar_for(qtbot, tmp_path)
    bar.set_actor(CLERK)
    assert not bar.update_notice.isVisible()
    bar.set_actor(MANAGER)
    assert bar.update_notice.isVisible()
    assert bar.update_notice.text() == "Обновление 1.5.0 загружено — установится при следующем запуске"
    bar.set_actor(None)  # locked or logged out: the next person may be a clerk
    assert not bar.update_notice.isVisible()


def test_a_rolled_back_update_is_shown_and_the_notice_follows_the_state_file(qtbot, tmp_path: Path) -> None:
    layout = UpdateLayout.for_data_dir(tmp_path)
    bar = bar_for(qtbot, tmp_path)
    bar.set_actor(MANAGER)
    assert not bar.update_notice.isVisible()  # nothing downloaded, nothing rolled back
    save_state(layout, UpdateState(current="1.5.0", bad=["1.6.0"], rolled_back="1.6.0"))
    for _ in range(UPDATE_READ_EVERY):
        bar.refresh()
    assert bar.update_notice.isVisible()
    assert "1.6.0 не прошло самопроверку" in bar.update_notice.text()


def test_the_shell_without_a_configuration_shows_no_notice(qtbot, shell) -> None:
    assert update_notice(shell.ctx) is None
    log_in(qtbot, shell, login="manager", password="secret-2222")
    assert not shell.window.status.update_notice.isVisible()
