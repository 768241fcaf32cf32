"""Log redaction (phones masked, secrets removed) and the rotating log file."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.config import AppConfig
from desktop.logs import BACKUP_COUNT, redact, setup_logging


@pytest.mark.parametrize(
    "phone", ["+7 916 123-45-67", "89161234567", "+79161234567", "8 (916) 123-45-67", "+7(916)1234567"]
)
def test_phone_numbers_keep_only_last_four_digits(phone: str) -> None:
    text = redact(f"SMS to {phone} queued")
    assert text == "SMS to +7•••••••45-67 queued"


@pytest.mark.parametrize(
    "harmless",
    ["order 000000012", "box B004250000001201", "card 2000000000008", "cell CA0103", "seq 891612345678"],
)
def test_barcodes_and_long_numbers_are_not_phones(harmless: str) -> None:
    assert redact(harmless) == harmless


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abcdef123456", "abcdef123456"),
        ("headers={'Authorization': 'Bearer tok-123456'}", "tok-123456"),
        ("X-Admin-Token: s3cr3t-admin", "s3cr3t-admin"),
        ('{"token": "dev-token-xyz", "device_id": "1"}', "dev-token-xyz"),
        ("password=hunter2&login=ivanov", "hunter2"),
        ("psw=gatewaypass", "gatewaypass"),
        ("{'pin': '1234'}", "1234"),
        ('{"pickup_code": "123456"}', "123456"),
        ('{"activation_code_hash": "$argon2id$v=19$m=65536"}', "argon2id"),
        ('POST /v1/enrol {"code": "ABCD-EFGH-JKLM"}', "ABCD-EFGH-JKLM"),
        ("code=482913 accepted", "482913"),
        ("scanned PD1.eyJvIjoiMTIzIn0.c2lnbmF0dXJl", "eyJvIjoiMTIzIn0"),
    ],
)
def test_secrets_are_redacted(text: str, secret: str) -> None:
    result = redact(text)
    assert secret not in result
    assert "***" in result


def test_error_codes_and_point_codes_stay_readable() -> None:
    text = '{"code": "enrolment_code_expired"} point_code=0042'
    assert redact(text) == text


@pytest.fixture
def logging_to(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    config = AppConfig(log_dir=tmp_path / "logs", data_dir=tmp_path / "data", log_level="DEBUG")
    yield setup_logging(config, console=False)
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_log_file_receives_redacted_records(logging_to: Path) -> None:
    log = logging.getLogger("pickup.test")
    log.info("customer %s token=%s", "+7 916 123-45-67", "abcdef")
    try:
        raise ValueError("password=topsecret")
    except ValueError:
        log.exception("failed for 89161234567")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = logging_to.read_text(encoding="utf-8")
    assert "Pickup Desk 0.1.0 (commit" in content and "starting" in content
    assert "+7•••••••45-67" in content and "token=***" in content
    assert "916 123" not in content and "abcdef" not in content and "topsecret" not in content
    assert "Traceback" in content and "ValueError" in content


def test_setup_twice_does_not_duplicate_handlers(logging_to: Path, tmp_path: Path) -> None:
    config = AppConfig(log_dir=tmp_path / "logs", data_dir=tmp_path / "data")
    count = len(logging.getLogger().handlers)
    setup_logging(config, console=False)
    assert len(logging.getLogger().handlers) == count


def test_log_rotates_by_size(logging_to: Path) -> None:
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    handler.maxBytes = 2000
    log = logging.getLogger("pickup.rotate")
    for i in range(200):
        log.warning("line %d %s", i, "x" * 40)
    rotated = sorted(logging_to.parent.glob(logging_to.name + ".*"))
    assert 1 <= len(rotated) <= BACKUP_COUNT
    assert logging_to.stat().st_size <= 2000
