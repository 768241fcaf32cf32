"""--self-test: every check against real files and a loopback HTTP(S) server speaking the health API."""

from __future__ import annotations

import io
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop import device_credentials
from desktop.cli import parse_args, run_command
from desktop.config import AppConfig
from desktop.db.engine import Database
from desktop.db.migrate import head_revision, migrate_with_backup
from desktop.scanner_settings import ScannerSettings
from desktop.selftest import run_self_test
from desktop.selftest.report import Status
from desktop.selftest.server import check_backend_health, client_too_old
from tests.support.tls import self_signed

TOKEN = "good-token"


class Api(BaseHTTPRequestHandler):
    """/v1/health and an authenticated /v1/changes, as the contract describes them."""

    min_client_version = "0.1.0"
    min_schema_v = 1

    def do_GET(self) -> None:
        if self.path == "/v1/health":
            self._json(200, {"status": "ok", "version": "0.1.0", "schema_v": 1, "min_schema_v": self.min_schema_v,
                             "min_client_version": self.min_client_version})
        elif self.path.startswith("/v1/changes"):
            ok = self.headers.get("Authorization") == f"Bearer {TOKEN}"
            self._json(200, {"changes": [], "next_cursor": 0, "has_more": False}) if ok else self._json(
                401, {"code": "unauthorized", "message": "no"})
        else:
            self._json(404, {"detail": "Not Found"})

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def serve(handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def backend() -> Iterator[str]:
    yield from serve(Api)


@pytest.fixture
def tls_backend(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert_file, key_file = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    for url in serve(Api, context):
        yield url, cert_file


def make_config(tmp_path: Path, **changes: object) -> AppConfig:
    return AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", **changes)  # type: ignore[arg-type]


def enrol_file(config: AppConfig, url: str, token: str = TOKEN, point: str = "0042") -> None:
    config.data_dir.mkdir(parents=True, exist_ok=True)
    config.device_file.write_text(json.dumps(
        {"backend_url": url, "device_id": "d-1", "token": token, "point_code": point, "public_key": "x"}))
    config.device_file.chmod(0o600)


def test_fresh_embedded_install_warns_only_about_missing_database(tmp_path: Path) -> None:
    report = run_self_test(make_config(tmp_path), printers=lambda: ["HP A4"], cameras=lambda: ["USB Camera"])
    statuses = {r.title: r.status for r in report.results}
    assert statuses["База данных"] is Status.WARNING
    assert statuses["Штрихкоды"] is Status.OK
    assert statuses["Принтеры"] is Status.OK and statuses["Камеры"] is Status.OK
    assert report.exit_code == 0  # the database is created at the first start: nothing for the installer to do


def test_healthy_enrolled_install_is_all_ok(tmp_path: Path, backend: str) -> None:
    config = make_config(tmp_path, backend_url=backend, point_code="0042", printers={"label": "Zebra"})
    migrate_with_backup(config.cache_path).dispose()
    enrol_file(config, backend)
    report = run_self_test(config, printers=lambda: ["Zebra", "HP"], cameras=lambda: ["USB Camera"])
    assert report.exit_code == 0, report.render()
    assert f"ревизия {head_revision()} (актуальная)" in report.render()
    assert report.result("Ключ устройства").status is Status.OK


def test_a_revoked_credential_means_the_pc_cannot_work(tmp_path: Path, backend: str) -> None:
    """Revoked for good: nothing this PC records would reach the server, so an install script must see a failure."""
    config = make_config(tmp_path, backend_url=backend)
    enrol_file(config, backend, token="revoked")
    report = run_self_test(config)
    assert report.result("Ключ устройства").status is Status.FAILED
    assert "зарегистрируйте компьютер заново" in report.result("Ключ устройства").detail
    assert report.exit_code == 2


def test_not_enrolled_against_a_real_backend_is_degraded(tmp_path: Path, backend: str) -> None:
    report = run_self_test(make_config(tmp_path, backend_url=backend))
    assert report.result("Регистрация").status is Status.DEGRADED
    assert "--enrol" in report.result("Регистрация").detail


def test_enrolled_for_another_point_fails(tmp_path: Path, backend: str) -> None:
    config = make_config(tmp_path, backend_url=backend, point_code="0001")
    enrol_file(config, backend, point="0042")
    assert run_self_test(config).result("Регистрация").status is Status.FAILED


def test_unreachable_backend_is_degraded_because_the_app_works_offline(tmp_path: Path, backend: str) -> None:
    config = make_config(tmp_path, backend_url="http://127.0.0.1:9")
    result = run_self_test(config).result("Сервер")
    assert result.status is Status.DEGRADED and "недоступен" in result.detail


def test_wrong_url_is_named(tmp_path: Path, backend: str) -> None:
    result = run_self_test(make_config(tmp_path, backend_url=backend + "/wrong")).result("Сервер")
    assert result.status is Status.DEGRADED and "не сервер Pickup Desk" in result.detail


def test_untrusted_certificate_fails_and_ca_bundle_fixes_it(tmp_path: Path,
                                                            tls_backend: tuple[str, Path]) -> None:
    url, cert = tls_backend
    result = run_self_test(make_config(tmp_path, backend_url=url)).result("Сервер")
    assert result.status is Status.DEGRADED and "Сертификат" in result.detail
    assert check_backend_health(url, verify=str(cert)).version == "0.1.0"
    trusted = run_self_test(make_config(tmp_path, backend_url=url, ca_bundle=cert)).result("Сервер")
    assert trusted.status is Status.OK


def test_client_older_than_backend_minimum_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 backend: str) -> None:
    monkeypatch.setattr(Api, "min_client_version", "9.0.0")
    result = run_self_test(make_config(tmp_path, backend_url=backend)).result("Сервер")
    assert result.status is Status.DEGRADED and "Обновите программу" in result.detail
    assert client_too_old("0.2.0", "0.1.9") and not client_too_old("0.1.0", "0.1.0")


def test_event_schema_older_than_backend_minimum_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       backend: str) -> None:
    monkeypatch.setattr(Api, "min_schema_v", 2)
    result = run_self_test(make_config(tmp_path, backend_url=backend)).result("Сервер")
    assert result.status is Status.DEGRADED and "Обновите программу" in result.detail


def test_corrupt_database_fails(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.data_dir.mkdir(parents=True)
    config.cache_path.write_bytes(b"this is not a database" * 100)
    assert run_self_test(config).result("База данных").status is Status.FAILED


def test_outdated_schema_is_a_warning(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.data_dir.mkdir(parents=True)
    Database(config.cache_path).dispose()
    import sqlite3

    with sqlite3.connect(config.cache_path) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert run_self_test(config).result("Схема базы").status is Status.WARNING


def test_newer_schema_than_app_fails(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    migrate_with_backup(config.cache_path).dispose()
    import sqlite3

    with sqlite3.connect(config.cache_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    assert run_self_test(config).result("Схема базы").status is Status.FAILED


@pytest.mark.parametrize(
    ("scanner", "words"),
    [(ScannerSettings(suffix=""), "суффикс"), (ScannerSettings(min_length=8), "кода получения"),
     (ScannerSettings(max_interkey_ms=5), "медленный"), (ScannerSettings(max_interkey_ms=300), "быстрый")],
)
def test_scanner_misconfiguration_warns(tmp_path: Path, scanner: ScannerSettings, words: str) -> None:
    result = run_self_test(make_config(tmp_path, scanner=scanner)).result("Сканер")
    assert result.status is Status.WARNING and words in result.detail


def test_missing_configured_printer_warns_and_probe_errors_are_reported(tmp_path: Path) -> None:
    def broken() -> list[str]:
        raise RuntimeError("cups down")

    report = run_self_test(make_config(tmp_path, printers={"label": "Zebra"}), printers=lambda: ["HP"],
                           cameras=broken)
    assert report.result("Принтеры").status is Status.WARNING and "Zebra" in report.result("Принтеры").detail
    assert "cups down" in report.result("Камеры").detail


def test_unwritable_data_dir_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    config = AppConfig(data_dir=blocker / "data", log_dir=tmp_path / "logs")
    assert run_self_test(config).result("Каталог данных").status is Status.FAILED


def test_cli_self_test_prints_report_and_returns_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "site"))
    out = io.StringIO()
    args = parse_args(["--self-test", "--data-dir", str(tmp_path / "d"), "--log-dir", str(tmp_path / "l")])
    code = run_command(args, printers=lambda: ["HP"], cameras=lambda: ["Cam"], out=out)
    assert code == 0 and "Итог: компьютер готов к работе (код выхода 0)" in out.getvalue()


def test_cli_reports_config_error_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("idle_lock_minutes = 'x'\n")
    out = io.StringIO()
    assert run_command(parse_args(["--self-test", "--config", str(bad)]), out=out) == 2
    assert "Ошибка настроек" in out.getvalue() and str(bad) in out.getvalue()


def test_cli_version_and_gui_passthrough() -> None:
    out = io.StringIO()
    assert run_command(parse_args(["--version"]), out=out) == 0
    assert out.getvalue().startswith("Pickup Desk 0.1.0\n")
    args = parse_args(["--quit-after-start", "--point", "0042", "-platform", "offscreen"])
    assert run_command(args) is None
    assert args.quit_after_start and args.overrides == {"point_code": "0042"}
    assert args.qt_argv == ["-platform", "offscreen"]


def test_embedded_install_does_not_probe_its_loopback_server(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    device_credentials.mark_demo(config.data_dir)  # as the embedded demo's first run leaves its data dir
    enrol_file(config, "http://127.0.0.1:53124")
    result = run_self_test(config).result("Сервер")
    assert result.status is Status.SKIPPED and "встроенный" in result.detail
