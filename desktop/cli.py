"""Command-line flags shared by the app and the installer; the headless commands run without Qt.

``--version``, ``--self-test`` and ``--enrol URL CODE`` print and exit (no QApplication is created);
everything else is a configuration override or a flag for the GUI (``--quit-after-start``).
Unknown arguments are left in ``CliArgs.qt_argv`` for QApplication (``-platform offscreen``…).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from desktop.config import AppConfig, ConfigError, load_config
from desktop.translatable import translate
from desktop.version import version_text

if TYPE_CHECKING:
    from desktop.device_credentials import DeviceCredentials

EXIT_OK = 0
EXIT_FAILED = 2  # 1 is the self-test's «degraded» (SelfTestReport.exit_code)


@dataclass(frozen=True)
class CliArgs:
    """Parsed command line."""

    version: bool = False
    self_test: bool = False
    json: bool = False
    enrol: tuple[str, str] | None = None
    re_enrol: bool = False
    quit_after_start: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    qt_argv: list[str] = field(default_factory=list)

    @property
    def headless_command(self) -> bool:
        return self.version or self.self_test or self.enrol is not None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="PickupDesk", description=translate("Cli", "Pickup Desk — программа пункта выдачи заказов."), add_help=True
    )
    flag = parser.add_argument
    flag("--version", action="store_true", help=translate("Cli", "показать версию, коммит и дату сборки и выйти"))
    flag("--self-test", action="store_true", help=translate(
        "Cli", "проверить установку и выйти: 0 — готов к работе, 1 — работает не полностью, 2 — работать нельзя"))
    flag("--json", action="store_true", help=translate("Cli", "с --self-test: отчёт в JSON для сценариев установки"))
    flag("--enrol", "--enroll", nargs=2, metavar=("URL", "CODE"),
         help=translate("Cli", "зарегистрировать компьютер на сервере по коду и выйти"))
    flag("--re-enrol", "--re-enroll", action="store_true",
         help=translate("Cli", "с --enrol: заменить прежнюю регистрацию (ключ отозван, ПК перенесён в другой пункт)"))
    flag("--config", dest="config_file", metavar="FILE", help=translate("Cli", "дополнительный файл настроек TOML"))
    flag("--data-dir", metavar="DIR", help=translate("Cli", "каталог данных (база, регистрация)"))
    flag("--log-dir", metavar="DIR", help=translate("Cli", "каталог журналов"))
    flag("--backend-url", metavar="URL", help=translate("Cli", "адрес центрального сервера (embedded — встроенный)"))
    flag("--point", dest="point_code", metavar="CODE", help=translate("Cli", "код пункта выдачи (4 цифры)"))
    flag("--device-name", metavar="NAME", help=translate("Cli", "имя этого компьютера на сервере"))
    flag("--ca-bundle", metavar="FILE", help=translate("Cli", "файл корневых сертификатов для TLS"))
    flag("--log-level", metavar="LEVEL", help=translate("Cli", "DEBUG, INFO, WARNING или ERROR"))
    flag("--language", metavar="LANG", help=translate("Cli", "язык интерфейса: ru или en"))
    flag("--quit-after-start", action="store_true",
         help=translate("Cli", "выйти сразу после показа экрана входа (проверка сборки, замер запуска)"))
    return parser


OVERRIDE_FLAGS = ("config_file", "data_dir", "log_dir", "backend_url", "point_code", "device_name",
                  "ca_bundle", "log_level", "language")


def parse_args(argv: Sequence[str] | None = None) -> CliArgs:
    """Parse argv (without the program name); unknown arguments go to `qt_argv`."""
    namespace, rest = build_parser().parse_known_args(list(sys.argv[1:] if argv is None else argv))
    overrides = {name: getattr(namespace, name) for name in OVERRIDE_FLAGS if getattr(namespace, name)}
    return CliArgs(
        version=namespace.version,
        self_test=namespace.self_test,
        json=namespace.json,
        enrol=tuple(namespace.enrol) if namespace.enrol else None,
        re_enrol=namespace.re_enrol,
        quit_after_start=namespace.quit_after_start,
        overrides=overrides,
        qt_argv=rest,
    )


def load_config_for(args: CliArgs) -> AppConfig:
    """The effective configuration for these arguments (raises ConfigError)."""
    overrides = dict(args.overrides)
    if args.enrol is not None:
        overrides["backend_url"] = args.enrol[0]
    return load_config(overrides)


Probe = Callable[[], list[str]]


def run_command(
    args: CliArgs,
    printers: Probe | None = None,
    cameras: Probe | None = None,
    out: TextIO | None = None,
    qt_platform: Probe | None = None,
) -> int | None:
    """Run a headless command and return its exit code, or None when the GUI should start."""
    stream = out or sys.stdout
    if args.version:
        stream.write(version_text())
        return EXIT_OK
    if not args.headless_command:
        return None
    try:
        config = load_config_for(args)
    except ConfigError as exc:
        return _config_error(args, exc, stream)
    if args.enrol is not None:
        return enrol_from_command_line(config, args.enrol[1], stream, replace_existing=args.re_enrol)
    from desktop.selftest import run_self_test

    report = run_self_test(config, printers=printers, cameras=cameras, qt_platform=qt_platform)
    stream.write(report.render_json() if args.json else report.render())
    return report.exit_code


def _config_error(args: CliArgs, exc: ConfigError, stream: TextIO) -> int:
    """A configuration the app cannot read: exit 2, as text or (``--self-test --json``) as a one-check report."""
    if args.self_test and args.json:
        from desktop.selftest.report import SelfTestReport, Status

        report = SelfTestReport()
        report.add("config", Status.FAILED, str(exc))
        stream.write(report.render_json())
        return report.exit_code
    stream.write(translate("Cli", "Ошибка настроек: {0}").format(exc) + "\n")
    return EXIT_FAILED


def enrol_from_command_line(config: AppConfig, code: str, out: TextIO, replace_existing: bool = False) -> int:
    """``--enrol URL CODE [--re-enrol]``: enrol this PC non-interactively (installers); prints the pickup point.

    An existing credential for the same server and point is kept (re-running an installer is harmless)
    unless `replace_existing`: then the new code replaces it (revoked key, PC moved); unsynced events stay queued.
    """
    from desktop import device_credentials
    from protocol.errors import DomainError

    url = config.backend_url
    if url is None:
        out.write(translate("Cli", "Ошибка: укажите адрес сервера: --enrol https://сервер КОД") + "\n")
        return EXIT_FAILED
    existing = device_credentials.load(config.data_dir)
    if existing is not None and not replace_existing and _same_place(existing, url, config.point_code):
        already = translate("Cli", "Компьютер уже зарегистрирован: пункт {0}, сервер {1}. Код не использован.")
        out.write(already.format(existing.point_code, url) + "\n")
        return EXIT_OK
    try:
        creds = _enrol(config, url, code)
    except DomainError as exc:
        out.write(translate("Cli", "Регистрация не выполнена: {0}").format(exc) + "\n")
        return EXIT_FAILED
    if config.point_code and creds.point_code != config.point_code:
        return _cancel_for_another_point(config, creds.point_code, out)
    device_credentials.unmark_demo(config.data_dir)  # enrolled with a server: the app talks to it from now on
    done = translate("Cli", "Компьютер «{0}» зарегистрирован: пункт выдачи {1}, сервер {2}.")
    out.write(done.format(config.device_name, creds.point_code, creds.backend_url) + "\n")
    return EXIT_OK


def _enrol(config: AppConfig, url: str, code: str) -> DeviceCredentials:
    """Migrate the local database and enrol with `code` (a DomainError says what the server refused)."""
    from desktop.db.migrate import migrate_with_backup
    from desktop.sync.enrolment import enrol

    db = migrate_with_backup(config.cache_path)
    try:
        return enrol(url, code, config.data_dir, db, config.device_name,
                     str(config.ca_bundle) if config.ca_bundle else None)
    finally:
        db.dispose()


def _cancel_for_another_point(config: AppConfig, point_code: str, out: TextIO) -> int:
    """The code was issued for another point than the installation's: forget the new credential."""
    from desktop import device_credentials

    device_credentials.credentials_path(config.data_dir).unlink(missing_ok=True)
    cancelled = translate(
        "Cli", "Регистрация отменена: код выдан для пункта {0}, а установка — для пункта {1}. "
        "Попросите код для своего пункта."
    )
    out.write(cancelled.format(point_code, config.point_code) + "\n")
    return EXIT_FAILED


def _same_place(existing: Any, url: str, point_code: str | None) -> bool:
    return bool(existing.backend_url == url and point_code in (None, existing.point_code))


def main(argv: Sequence[str] | None = None) -> int:
    """Headless entry: only the commands (used by tests and scripts; the GUI entry is ui.app)."""
    args = parse_args(argv)
    code = run_command(args)
    if code is None:
        sys.stderr.write(translate("Cli", "Укажите --version, --self-test или --enrol URL CODE.") + "\n")
        return EXIT_FAILED
    return code
