"""App start-up: one command line for every entry point, `--version` without Qt, first-run enrolment wizard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop import device_credentials
from desktop.cli import parse_args
from desktop.config import AppConfig
from desktop.device_credentials import DeviceCredentials
from desktop.errors import DomainError
from desktop.version import __version__

ROOT = Path(__file__).resolve().parents[2]
OFFLINE_SERVER = "http://127.0.0.1:9"


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKUP_DESK_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CONFIG_DIRS=str(home / "site"), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"))
    return env


@pytest.mark.parametrize("entry", [["-m", "ui.app"], ["-m", "ui"], [str(ROOT / "packaging" / "launcher.py")]],
                         ids=["python -m ui.app", "python -m ui", "packaging/launcher.py"])
def test_version_from_every_entry_point_never_imports_qt(entry: list[str], tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", *entry, "--version"], cwd=ROOT,
                            env=clean_env(tmp_path), capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines()[0] == f"Pickup Desk {__version__}"
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "desktop.cli" in imported  # the import log was really captured
    assert not [name for name in imported if name.startswith("PySide6")]


def test_self_test_runs_from_the_launcher_with_qt_probes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import launcher

    probed: list[str] = []
    monkeypatch.setattr(launcher, "qt_printers", lambda: probed.append("printers") or ["Zebra ZD421"])
    monkeypatch.setattr(launcher, "qt_cameras", lambda: probed.append("cameras") or [])
    code = launcher.main(["--self-test", "--data-dir", str(tmp_path / "data"), "--log-dir", str(tmp_path / "log")])
    report = capsys.readouterr().out
    assert code in (0, 1), report
    assert probed == ["printers", "cameras"] and "Zebra ZD421" in report


def test_gui_gets_the_overrides_and_only_unknown_arguments_for_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.app
    from ui import launcher

    seen: list[Any] = []
    monkeypatch.setattr(ui.app, "run_gui", lambda args: seen.append(args) or 0)
    assert launcher.main(["--backend-url", "https://pvz.example.ru", "-platform", "offscreen", "--point", "0042"]) == 0
    args = seen[0]
    assert args.overrides == {"backend_url": "https://pvz.example.ru", "point_code": "0042"}
    assert launcher.qt_arguments(args.qt_argv)[1:] == ["-platform", "offscreen"]
    assert not hasattr(ui.app, "parse_args")  # one parser: desktop.cli


@pytest.fixture
def server_config(tmp_path: Path) -> AppConfig:
    return AppConfig(backend_url=OFFLINE_SERVER, data_dir=tmp_path / "data", log_dir=tmp_path / "logs")


@pytest.fixture
def no_demo(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record any attempt to fill the cache with demo data (a real counter PC must never get it)."""
    import desktop.demo.loader
    import ui.startup

    loaded: list[str] = []
    monkeypatch.setattr(ui.startup, "_ensure_demo_cache", lambda db: loaded.append("demo cache"))
    monkeypatch.setattr(desktop.demo.loader, "load_demo", lambda *a, **k: loaded.append("load_demo"))
    return loaded


def test_configured_server_without_credential_runs_the_wizard_and_cancel_exits_2(
    qtbot: Any, server_config: AppConfig, monkeypatch: pytest.MonkeyPatch, no_demo: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    import ui.app

    calls: list[AppConfig] = []
    shown: list[str] = []
    started: list[str] = []
    monkeypatch.setattr(ui.app, "run_enrol_wizard", lambda config: calls.append(config))
    monkeypatch.setattr(ui.app.QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(ui.app, "run_task", lambda *a, **k: started.append("start-up"))
    monkeypatch.setattr(ui.app, "setup_logging", lambda config: str(config.log_dir / "pickup-desk.log"))
    monkeypatch.setattr(ui.app.CrashReporter, "install", lambda self: None)
    args = parse_args(["--backend-url", OFFLINE_SERVER, "--data-dir", str(server_config.data_dir),
                       "--log-dir", str(server_config.log_dir)])

    assert ui.app.run_gui(args) == ui.app.EXIT_ENROLMENT_CANCELLED == 2

    assert [c.backend_url for c in calls] == [OFFLINE_SERVER]
    assert started == [] and no_demo == []
    assert shown and "регистрация отменена" in shown[0]
    assert "регистрация отменена" in capsys.readouterr().err
    assert not (server_config.data_dir / "cache.sqlite3").exists()


def test_enrolled_in_the_wizard_then_start_up_runs_off_the_gui_thread(
    qtbot: Any, server_config: AppConfig, monkeypatch: pytest.MonkeyPatch, no_demo: list[str],
) -> None:
    import ui.app
    from ui.crash import CrashReporter

    creds = DeviceCredentials(OFFLINE_SERVER, "dev-1", "token", "0042", "AAAA")
    order: list[str] = []
    monkeypatch.setattr(ui.app, "run_enrol_wizard", lambda config: order.append("wizard") or creds)
    monkeypatch.setattr(ui.app, "run_task", lambda *a, **k: order.append("start-up off the GUI thread"))
    launcher = ui.app.Launcher(ui.app.QApplication.instance(), server_config, CrashReporter("x.log"))
    assert launcher.launch() is True
    assert order == ["wizard", "start-up off the GUI thread"] and no_demo == []
    launcher.splash.close()


def test_enrolled_counter_pc_skips_the_wizard(server_config: AppConfig, monkeypatch: pytest.MonkeyPatch,
                                               qtbot: Any) -> None:
    import ui.app

    device_credentials.save(server_config.data_dir,
                            DeviceCredentials(OFFLINE_SERVER, "dev-1", "token", "0042", "AAAA"))
    monkeypatch.setattr(ui.app, "run_enrol_wizard", lambda config: pytest.fail("wizard shown to an enrolled PC"))
    assert ui.app.needs_enrolment(server_config) is False
    assert ui.app.needs_enrolment(AppConfig(data_dir=server_config.data_dir / "other")) is False  # embedded


def test_start_up_never_loads_demo_data_for_a_configured_server(server_config: AppConfig,
                                                                 no_demo: list[str]) -> None:
    from ui.startup import start

    with pytest.raises(DomainError) as caught:
        start(server_config)
    assert caught.value.code == "device_not_enrolled" and OFFLINE_SERVER in str(caught.value)
    assert no_demo == []


def test_embedded_default_falls_back_to_the_demo_cache_when_its_backend_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.startup

    loaded: list[str] = []

    def broken(name: str) -> Any:
        raise ImportError(name)

    monkeypatch.setattr(ui.startup.importlib, "import_module", broken)
    monkeypatch.setattr(ui.startup, "_ensure_demo_cache", lambda db: loaded.append("demo cache"))
    started = ui.startup.start(AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs"))
    try:
        assert loaded == ["demo cache"] and started.sync is None and started.embedded is None
    finally:
        started.db.dispose()
