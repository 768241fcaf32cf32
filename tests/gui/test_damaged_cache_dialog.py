"""A damaged cache at start: the dialog names the file and the repairs, the clerk's choice runs, the summary shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from desktop import device_credentials
from desktop.config import AppConfig
from desktop.db.integrity import Damage
from desktop.db.migrate import backup_file
from desktop.device_credentials import DeviceCredentials
from tests.gui.test_app_startup import ROOT, clean_env
from tests.support.damage import flip_page, leaf_pages, make_cache, schema_name_undecodable
from ui.app import Launcher
from ui.crash import CrashReporter
from ui.damaged_cache_dialog import DamagedCacheDialog
from ui.startup import CacheDamaged, Repair

OFFLINE_SERVER = "http://127.0.0.1:9"
BUTTONS = {Repair.RESTORE: "Восстановить из резервной копии", Repair.REBUILD: "Загрузить заново с сервера"}


def button_for(dialog: DamagedCacheDialog, repair: Repair) -> QAbstractButton | None:
    """The dialog's button for `repair`, found by its text as the clerk finds it."""
    return next((button for button in dialog.buttons() if button.text() == BUTTONS[repair]), None)


def damaged(tmp_path: Path, backup: Path | None = None) -> CacheDamaged:
    return CacheDamaged(Damage(tmp_path / "data" / "cache.sqlite3", "quick_check: page 7 is never used"), backup)


@pytest.mark.parametrize("with_backup", [True, False])
def test_the_dialog_names_the_file_and_offers_the_backup_only_when_there_is_one(qtbot: Any, tmp_path: Path,
                                                                                with_backup: bool) -> None:
    backup = tmp_path / "data" / "cache.backup-20261201T100000000000.sqlite3" if with_backup else None
    dialog = DamagedCacheDialog(damaged(tmp_path, backup))
    qtbot.addWidget(dialog)
    assert str(tmp_path / "data" / "cache.sqlite3") in dialog.text()
    assert "неотправленные действия" in dialog.informativeText()
    assert (button_for(dialog, Repair.RESTORE) is not None) is with_backup
    assert (backup.name in dialog.informativeText()) if backup else "резервн" not in dialog.informativeText()
    assert dialog.defaultButton() is dialog.quit_button  # Enter in passing repairs nothing
    dialog.open()
    chosen = Repair.RESTORE if with_backup else Repair.REBUILD
    button = button_for(dialog, chosen)
    assert button is not None
    button.click()
    assert dialog.choice() is chosen


def test_closing_the_dialog_repairs_nothing(qtbot: Any, tmp_path: Path) -> None:
    dialog = DamagedCacheDialog(damaged(tmp_path))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.quit_button.click()
    assert dialog.choice() is None


def click_when_shown(choice: Repair, seen: list[str]) -> None:
    """Wait for the damaged-cache dialog (it runs its own loop) and click `choice` in it."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DamagedCacheDialog):
            seen.append(dialog.text())
            button = button_for(dialog, choice)
            assert button is not None
            button.click()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


@pytest.mark.parametrize("choice", [Repair.RESTORE, Repair.REBUILD])
def test_a_damaged_cache_at_start_asks_repairs_and_tells_what_was_saved(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, choice: Repair,
) -> None:
    import ui.startup

    config = AppConfig(backend_url=OFFLINE_SERVER, data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    device_credentials.save(config.data_dir, DeviceCredentials(OFFLINE_SERVER, "dev-1", "token", "0042", "AAAA"))
    unsent = make_cache(config.cache_path, pending=7)
    backup_file(config.cache_path)
    flip_page(config.cache_path, leaf_pages(config.cache_path, "audit_journal")[1])
    snapshots: list[str] = []
    monkeypatch.setattr(ui.startup, "_rebuild_from_snapshot", lambda *_: snapshots.append("snapshot"))
    monkeypatch.setattr(ui.startup, "_sync_runner", lambda *_: None)  # no server in this test
    reporter = CrashReporter(str(tmp_path / "pickup-desk.log"), show_dialog=False)
    launcher = Launcher(QApplication.instance(), config, reporter)
    seen: list[str] = []
    click_when_shown(choice, seen)
    try:
        assert launcher.launch()
        qtbot.waitUntil(lambda: launcher.started is not None, timeout=30_000)
        assert launcher.window is not None and launcher.window.login.ready
        assert launcher.started is not None and launcher.started.repair is not None
        summary = next(box for box in launcher.window.findChildren(QMessageBox)
                       if box.windowTitle() == "База данных восстановлена")
        qtbot.waitUntil(summary.isVisible, timeout=5000)
    finally:
        launcher.shutdown()
        launcher.scanner.deleteLater()
        if launcher.window is not None:
            launcher.window.close()
            launcher.window.deleteLater()
    assert seen and str(config.cache_path) in seen[0]
    report = launcher.started.repair
    assert report.salvaged == len(unsent) and report.kept_as.exists()
    assert f"поставлено в очередь на отправку: {len(unsent)}." in summary.text()
    assert str(report.kept_as) in summary.text()
    assert snapshots == ([] if choice is Repair.RESTORE else ["snapshot"])
    assert (report.backup is not None) is (choice is Repair.RESTORE)


def test_self_test_of_the_real_launcher_reports_the_damaged_file_and_exits_2(tmp_path: Path) -> None:
    """The damage whose own report is not UTF-8 used to end the self-test in a traceback with exit code 1."""
    data = tmp_path / "data"
    device_credentials.mark_demo(data)  # the embedded demo's data dir: every other check passes
    make_cache(data / "cache.sqlite3", pending=2)
    schema_name_undecodable(data / "cache.sqlite3")
    result = subprocess.run([sys.executable, "-m", "ui", "--self-test", "--data-dir", str(data), "--log-dir",
                             str(tmp_path / "logs")], cwd=ROOT, env=clean_env(tmp_path / "home"),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stdout + result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    failed = [line for line in result.stdout.splitlines() if line.startswith("[ОШИБ]")]
    assert failed == [line for line in failed if line.startswith("[ОШИБ] База данных:")] and len(failed) == 1
    assert f"файл {data / 'cache.sqlite3'} повреждён" in failed[0]


def test_damage_met_during_work_tells_the_clerk_to_restart_for_the_repair() -> None:
    from desktop.faults import StorageProblem, StorageUnavailable
    from ui import workers

    damaged_now = StorageUnavailable(StorageProblem.DAMAGED, "database disk image is malformed")
    assert workers.is_environment_error(damaged_now)
    assert workers.environment_message(damaged_now).startswith("Файл базы данных повреждён:")
