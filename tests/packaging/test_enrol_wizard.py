"""First-run enrolment against the real backend on 127.0.0.1: the Qt wizard and `--enrol URL CODE`."""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.cli import parse_args, run_command
from desktop.config import AppConfig
from tests.integration.live import LiveBackend
from tests.integration.shapes import point_dict
from tests.packaging.tls import TlsProxy

pytestmark = pytest.mark.gui


class MovableClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory, clock: MovableClock) -> Iterator[LiveBackend]:
    live = LiveBackend(tmp_path_factory.mktemp("backend"), clock=clock).start()
    live.import_feed({"point": point_dict("0042"), "orders": [], "shipments": [], "cells": [], "cards": [],
                      "staff": []})
    yield live
    live.stop()


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    return AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", device_name="COUNTER-1")


def wizard_for(qtbot, config: AppConfig):  # type: ignore[no-untyped-def]
    from ui.enrol_wizard import EnrolWizard

    wizard = EnrolWizard(config)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def check_url(qtbot, wizard, url: str) -> bool:  # type: ignore[no-untyped-def]
    page = wizard.server_page
    page.url.setText(url)
    with qtbot.waitSignal(page.checked, timeout=20_000) as blocker:
        page.check_button.click()
    return bool(blocker.args[0])


def test_wizard_enrols_and_confirms_the_point(qtbot, backend: LiveBackend, config: AppConfig) -> None:
    wizard = wizard_for(qtbot, config)
    assert not wizard.server_page.isComplete()
    assert check_url(qtbot, wizard, backend.url)
    assert "Сервер отвечает" in wizard.server_page.status.text()
    wizard.next()
    page = wizard.code_page
    page.code.setText(backend.enrolment_code("0042"))
    with qtbot.waitSignal(page.enrolled, timeout=30_000) as blocker:
        wizard.next()
    assert blocker.args == [True], page.status.text()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.confirm_page)
    assert "ПВЗ 0042" in wizard.confirm_page.point.text()
    assert not wizard.confirm_page.isComplete()
    wizard.confirm_page.confirm.setChecked(True)
    wizard.accept()
    assert wizard.credentials is not None and wizard.credentials.point_code == "0042"
    assert stat.S_IMODE(config.device_file.stat().st_mode) == 0o600


def test_cancelling_at_point_confirmation_forgets_the_credential(qtbot, backend: LiveBackend,
                                                                 config: AppConfig) -> None:
    wizard = wizard_for(qtbot, config)
    assert check_url(qtbot, wizard, backend.url)
    wizard.next()
    wizard.code_page.code.setText(backend.enrolment_code("0042"))
    with qtbot.waitSignal(wizard.code_page.enrolled, timeout=30_000):
        wizard.next()
    assert config.device_file.exists()
    wizard.reject()
    assert not config.device_file.exists() and wizard.credentials is None


def test_wrong_address_is_explained(qtbot, backend: LiveBackend, config: AppConfig) -> None:
    wizard = wizard_for(qtbot, config)
    assert not check_url(qtbot, wizard, backend.url + "/wrong")
    assert "не сервер Pickup Desk" in wizard.server_page.status.text()
    assert not wizard.server_page.isComplete()
    assert not check_url(qtbot, wizard, "pvz.example.ru")
    assert "неверно" in wizard.server_page.status.text()


def test_untrusted_certificate_is_explained(qtbot, backend: LiveBackend, config: AppConfig, tmp_path: Path) -> None:
    proxy = TlsProxy(backend.port, tmp_path)
    try:
        wizard = wizard_for(qtbot, config)
        assert not check_url(qtbot, wizard, proxy.url)
        assert "Сертификат" in wizard.server_page.status.text()
        trusted = wizard_for(qtbot, AppConfig(data_dir=config.data_dir, log_dir=config.log_dir,
                                              ca_bundle=proxy.cert))
        assert check_url(qtbot, trusted, proxy.url)  # the organisation's CA bundle makes it trusted
    finally:
        proxy.close()


def test_expired_and_wrong_codes_are_explained(qtbot, backend: LiveBackend, config: AppConfig,
                                               clock: MovableClock) -> None:
    code = backend.enrolment_code("0042")
    wizard = wizard_for(qtbot, config)
    assert check_url(qtbot, wizard, backend.url)
    wizard.next()
    page = wizard.code_page
    clock.now += timedelta(hours=25)
    try:
        page.code.setText(code)
        with qtbot.waitSignal(page.enrolled, timeout=30_000) as blocker:
            wizard.next()
    finally:
        clock.now -= timedelta(hours=25)
    assert blocker.args == [False] and "истёк" in page.status.text()
    page.code.setText("AAAA-BBBB-CCCC")
    with qtbot.waitSignal(page.enrolled, timeout=30_000) as blocker:
        wizard.next()
    assert blocker.args == [False] and "неверен" in page.status.text()
    assert wizard.currentPage() is page and not config.device_file.exists()


def cli(config: AppConfig, *args: str) -> tuple[int | None, str]:
    out = io.StringIO()
    argv = [*args, "--data-dir", str(config.data_dir), "--log-dir", str(config.log_dir)]
    return run_command(parse_args(argv), out=out), out.getvalue()


def test_command_line_enrolment_for_installers(backend: LiveBackend, config: AppConfig) -> None:
    code = backend.enrolment_code("0042")
    status, text = cli(config, "--enrol", backend.url, code, "--point", "0042")
    assert status == 0, text
    assert "пункт выдачи 0042" in text
    stored = json.loads(config.device_file.read_text())
    assert stored["point_code"] == "0042" and stored["backend_url"] == backend.url
    again, text = cli(config, "--enrol", backend.url, code, "--point", "0042")  # re-run by an upgrade
    assert again == 0 and "уже зарегистрирован" in text
    code, report = cli(config, "--self-test", "--backend-url", backend.url)
    assert code in (0, 1), report
    assert "[ OK ] Ключ устройства" in report and "[ОШИБ]" not in report, report


def test_command_line_enrolment_failures(backend: LiveBackend, config: AppConfig, tmp_path: Path) -> None:
    status, text = cli(config, "--enrol", backend.url, "AAAA-BBBB-CCCC")
    assert status == 2 and "неверен" in text
    status, text = cli(config, "--enrol", backend.url, backend.enrolment_code("0042"), "--point", "0001")
    assert status == 2 and "для пункта 0042" in text and not config.device_file.exists()
    status, text = cli(config, "--enrol", "ftp://x", "CODE")
    assert status == 2 and "--backend-url" in text


def test_re_enrolment_after_the_key_was_revoked(backend: LiveBackend, config: AppConfig) -> None:
    status, text = cli(config, "--enrol", backend.url, backend.enrolment_code("0042"))
    assert status == 0, text
    device_id = json.loads(config.device_file.read_text())["device_id"]
    assert backend.admin("POST", f"/v1/admin/devices/{device_id}/revoke").status_code == 204
    code, report = cli(config, "--self-test", "--backend-url", backend.url)
    assert code == 2, report  # a revoked credential is a failure
    status, text = cli(config, "--enrol", backend.url, backend.enrolment_code("0042"))
    assert status == 0 and "уже зарегистрирован" in text  # without --re-enrol the old key is kept
    status, text = cli(config, "--enrol", backend.url, backend.enrolment_code("0042"), "--re-enrol")
    assert status == 0 and "зарегистрирован: пункт выдачи 0042" in text, text
    assert json.loads(config.device_file.read_text())["device_id"] != device_id
    code, report = cli(config, "--self-test", "--backend-url", backend.url)
    assert code in (0, 1) and "[ОШИБ]" not in report, report
