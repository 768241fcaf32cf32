"""App start-up: one command line for every entry point, `--version` without Qt, first-run enrolment wizard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from desktop import device_credentials
from desktop.cli import parse_args
from desktop.config import AppConfig
from desktop.device_credentials import DeviceCredentials
from protocol.errors import DomainError
from protocol.version import VERSION

ROOT = Path(__file__).resolve().parents[2]
OFFLINE_SERVER = "http://127.0.0.1:9"


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKUP_DESK_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CONFIG_DIRS=str(home / "site"), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"))
    return env


def console_script() -> list[str]:
    """`pickup-desk` as pip's wrapper runs it: import the [project.scripts] target and call it."""
    target = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["pickup-desk"]
    module, function = target.split(":")
    return ["-c", f"import sys; from {module} import {function}; sys.argv[0] = 'pickup-desk'; sys.exit({function}())"]


@pytest.mark.parametrize("entry", [["-m", "ui.app"], ["-m", "ui"], [str(ROOT / "packaging" / "launcher.py")],
                                   console_script()],
                         ids=["python -m ui.app", "python -m ui", "packaging/launcher.py", "pickup-desk"])
def test_version_from_every_entry_point_never_imports_qt(entry: list[str], tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", *entry, "--version"], cwd=ROOT,
                            env=clean_env(tmp_path), capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines()[0] == f"Pickup Desk {VERSION}"
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
    assert code == 0, report  # no camera and a fresh database are warnings: the PC can work
    assert probed == ["printers", "cameras"] and "Zebra ZD421" in report
    assert "[ OK ] Графическая платформа Qt: offscreen" in report


def test_the_qt_platform_probe_names_a_plugin_that_is_not_there(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import launcher

    monkeypatch.setenv("QT_QPA_PLATFORM", "nosuch")
    with pytest.raises(RuntimeError, match="no 'nosuch' platform plugin"):
        launcher.qt_platform()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert launcher.qt_platform()[0].startswith("offscreen (")


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
    monkeypatch.setattr(ui.startup, "_ensure_demo_cache", lambda db, *_: loaded.append("demo cache"))
    monkeypatch.setattr(desktop.demo.loader, "load_demo", lambda *a, **k: loaded.append("load_demo"))
    return loaded


def test_configured_server_without_credential_runs_the_wizard_and_cancel_exits_2(
    qtbot: Any, server_config: AppConfig, monkeypatch: pytest.MonkeyPatch, no_demo: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    import ui.app
    import ui.enrol_wizard

    calls: list[AppConfig] = []
    shown: list[str] = []
    started: list[str] = []
    monkeypatch.setattr(ui.enrol_wizard, "run_enrol_wizard", lambda config, **_: calls.append(config))
    monkeypatch.setattr(ui.app.QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(ui.app.TaskRunner, "run", lambda *a, **k: started.append("start-up"))
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
    import ui.enrol_wizard

    monkeypatch.setattr(ui.enrol_wizard, "run_enrol_wizard", lambda config, **_: order.append("wizard") or creds)
    monkeypatch.setattr(ui.app.TaskRunner, "run", lambda *a, **k: order.append("start-up off the GUI thread"))
    launcher = ui.app.Launcher(ui.app.QApplication.instance(), server_config, CrashReporter("x.log"))
    assert launcher.launch() is True
    assert order == ["wizard", "start-up off the GUI thread"] and no_demo == []
    assert launcher.window is not None and launcher.window.login.isVisible() and not launcher.window.login.ready
    launcher.window.close()


def test_enrolled_counter_pc_skips_the_wizard(server_config: AppConfig, monkeypatch: pytest.MonkeyPatch,
                                               qtbot: Any) -> None:
    import ui.app

    device_credentials.save(server_config.data_dir,
                            DeviceCredentials(OFFLINE_SERVER, "dev-1", "token", "0042", "AAAA"))
    import ui.enrol_wizard

    monkeypatch.setattr(ui.enrol_wizard, "run_enrol_wizard",
                        lambda config: pytest.fail("wizard shown to an enrolled PC"))
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

    monkeypatch.setitem(sys.modules, "backend.embedded", None)  # as in a counter built without the server
    monkeypatch.setattr(ui.startup, "_ensure_demo_cache", lambda db, *_: loaded.append("demo cache"))
    started = ui.startup.start(AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs"))
    try:
        assert loaded == ["demo cache"] and started.sync is None and started.embedded is None
    finally:
        started.db.dispose()


def test_embedded_default_falls_back_to_the_demo_cache_when_its_backend_fails_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import backend.embedded
    import ui.startup

    def port_taken(data_dir: Path, **_: Any) -> Any:
        raise OSError("address already in use")

    loaded: list[str] = []
    monkeypatch.setattr(backend.embedded, "start_embedded", port_taken)
    monkeypatch.setattr(ui.startup, "_ensure_demo_cache", lambda db, *_: loaded.append("demo cache"))
    started = ui.startup.start(AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs"))
    try:
        assert loaded == ["demo cache"] and started.sync is None and started.embedded is None
    finally:
        started.db.dispose()


# --- the demo SMS dialog (embedded default only) -------------------------------------------------------------


def sms_line(at: str, phone: str, text: str) -> str:
    return json.dumps({"at": at, "id": at, "phone": phone, "text": text}, ensure_ascii=False) + "\n"


def test_demo_sms_dialog_lists_sms_newest_first_and_the_pickup_codes(qtbot: Any, tmp_path: Path) -> None:
    from ui.demo_sms_dialog import DemoSmsDialog

    log_file = tmp_path / "sms-demo.log"
    log_file.write_text(
        sms_line("2026-11-24T09:00:00+00:00", "+79161234567", "Заказ 500000001 готов. Код получения 111111")
        + "{broken line\n"
        + sms_line("2026-11-24T10:00:00+00:00", "+79035550199", "Заказ 500000002 готов. Код получения 222222"),
        encoding="utf-8")
    (tmp_path / "demo-secrets.json").write_text(json.dumps(
        {"staff": [], "card_codes": {"2004270000003": "8482"},
         "pickup_codes": {"500000002": "222222", "500000001": "111111"}}), encoding="utf-8")
    dialog = DemoSmsDialog(tmp_path, refresh_ms=50)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sms_table.rowCount() == 2, timeout=5000)

    cells = [[dialog.sms_table.item(r, c).text() for c in range(3)] for r in range(2)]
    assert "222222" in cells[0][2] and "111111" in cells[1][2]  # newest first, the text carries the code
    assert cells[0][1] == "+7 ••• •••-01-99" and "5550199" not in "".join(cells[0])  # phone masked
    assert not dialog.sms_hint.isVisible()
    codes = [(dialog.codes_table.item(r, 0).text(), dialog.codes_table.item(r, 1).text()) for r in range(2)]
    assert codes == [("500000001", "111111"), ("500000002", "222222")]
    assert dialog.codes_table.rowCount() == 2  # the club card activation codes are not pickup codes

    with log_file.open("a", encoding="utf-8") as out:  # the gateway "sends" another SMS
        out.write(sms_line("2026-11-24T11:00:00+00:00", "+79260000042", "Заказ 500000003 готов. Код 333333"))
    qtbot.waitUntil(lambda: dialog.sms_table.rowCount() == 3, timeout=5000)
    assert "333333" in dialog.sms_table.item(0, 2).text()

    dialog.hide()
    assert not dialog.timer.isActive()  # no file reading while closed


def test_demo_sms_dialog_reads_off_the_gui_thread_and_explains_an_empty_log(qtbot: Any, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import ui.demo_sms_dialog as module

    threads: list[bool] = []
    real = module.read_demo
    monkeypatch.setattr(module, "read_demo", lambda d, zone: threads.append(
        threading.current_thread() is threading.main_thread()) or real(d, zone))
    dialog = module.DemoSmsDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loads == 1, timeout=5000)
    assert threads == [False]
    assert dialog.sms_table.rowCount() == 0 and dialog.codes_table.rowCount() == 0
    assert dialog.sms_hint.isVisible()


@pytest.mark.parametrize("backend", ["embedded", OFFLINE_SERVER, "no config"])
def test_demo_sms_menu_only_on_the_embedded_backend(backend: str, qtbot: Any, db: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.gui.fixtures as fixtures
    from ui.demo_sms_dialog import DemoSmsDialog

    config = None if backend == "no config" else AppConfig(
        backend_url=None if backend == "embedded" else backend, data_dir=tmp_path)
    if backend == "embedded":
        device_credentials.mark_demo(tmp_path)  # as the demo's first run leaves its data dir
    real_context = fixtures.AppContext
    monkeypatch.setattr(fixtures, "AppContext", lambda *a, **k: real_context(*a, config=config, **k))
    shell = fixtures.build_shell(qtbot, db)
    try:
        actions = {a.text(): a for a in shell.window.actions()}
        assert ("Демо: SMS и коды получения" in actions) is (backend == "embedded")
        if backend == "embedded":
            action = actions["Демо: SMS и коды получения"]
            assert action.shortcut().toString() == "Ctrl+Shift+S"
            action.trigger()
            dialog = shell.window.findChild(DemoSmsDialog)
            assert dialog is not None and dialog.isVisible() and dialog.data_dir == tmp_path
            qtbot.waitUntil(lambda: dialog.loads >= 1, timeout=5000)
            dialog.hide()
    finally:
        shell.close()


def test_demo_sms_dialog_switches_to_english(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ui import translations_build
    from ui.demo_sms_dialog import DemoSmsDialog

    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        dialog = DemoSmsDialog(tmp_path)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Demo: SMS and pickup codes"  # the runtime context matches the .ts
        assert dialog.tabs.tabText(1) == "Pickup codes"
    finally:
        app.removeTranslator(translator)


def test_an_enrolled_pc_started_without_backend_url_talks_to_its_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_demo: list[str],
) -> None:
    """`--enrol URL CODE`, then a plain start: no embedded backend, no demo files, sync to the enrolled server."""
    import backend.embedded
    from desktop.config import load_config
    from ui.startup import start

    data = tmp_path / "data"
    device_credentials.save(data, DeviceCredentials(OFFLINE_SERVER, "dev-1", "token", "0042", "AAAA"))
    monkeypatch.setattr(backend.embedded, "start_embedded", lambda *a, **k: pytest.fail("demo backend started"))
    config = load_config({"data_dir": str(data), "log_dir": str(tmp_path / "logs")}, {},
                         site_file=tmp_path / "site.toml", user_file=tmp_path / "user.toml")
    started = start(config)
    try:
        assert started.embedded is None and started.sync is not None and started.demo_hint == ""
        assert started.sync.engine.client.base_url.rstrip("/") == OFFLINE_SERVER
    finally:
        if started.sync is not None:
            started.sync.stop(10)
        started.db.dispose()
    assert no_demo == []
    left = {p.name for p in data.iterdir()}
    assert not left & {"sms-demo.log", "demo-secrets.json", "embedded-backend.sqlite3", "embedded-demo.marker"}


@pytest.mark.parametrize("error", [ZeroDivisionError("a bug"), DomainError("device_not_enrolled", backend="x")])
def test_a_start_up_that_fails_closes_the_login_screen_it_showed_with_exit_3_for_a_bug_or_2_with_a_message(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception,
) -> None:
    import ui.app
    import ui.startup
    from ui.crash import CrashReporter

    def failing_start(*_args: object, **_kwargs: object) -> None:
        raise error

    shown: list[str] = []
    exits: list[int] = []
    monkeypatch.setattr(ui.startup, "start", failing_start)
    monkeypatch.setattr(ui.app.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    app = ui.app.QApplication.instance()
    monkeypatch.setattr(app, "exit", exits.append)
    reporter = CrashReporter(str(tmp_path / "pickup-desk.log"), show_dialog=False)
    launcher = ui.app.Launcher(app, AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs"), reporter)
    try:
        assert launcher.launch()
        assert launcher.window is not None and launcher.window.login.isVisible()
        qtbot.waitUntil(lambda: bool(exits), timeout=10_000)
    finally:
        launcher.scanner.deleteLater()
        if launcher.window is not None:
            launcher.window.close()
    bug = isinstance(error, ZeroDivisionError)
    assert exits == [ui.app.EXIT_START_BUG if bug else ui.app.EXIT_START_FAILED]
    assert launcher.started is None and not launcher.window.login.ready  # never a login screen that cannot log in
    assert shown == ([] if bug else [str(error)])  # a bug went to the crash reporter instead
