"""Logging to the platform log directory with rotation; phone numbers masked, secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

from desktop.config import AppConfig

LOG_FILE_NAME = "pickup-desk.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"
REDACTED = "***"

# +7 916 123-45-67, 8 (916) 123-45-67, 89161234567, +79161234567 — not inside longer digit runs or barcodes.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+7|8)[\s\-(]{0,3}(\d{3})[\s\-)]{0,3}(\d{3})[\s\-]?(\d{2})[\s\-]?(\d{2})(?![\w])"
)
_SENSITIVE_FIELDS = (
    r"token|access_token|device_token|admin_token|refresh_token|qr_token|password|passwd|psw|pwd|secret|"
    r"client_secret|api_key|apikey|pin|pin_hash|password_hash|pickup_code|pickup_code_hash|activation_code|"
    r"activation_code_hash|enrolment_code|enrollment_code|enrol_code|sms_code|confirmation_code"
)
_KEY_VALUE = re.compile(rf"""(?i)(["']?\b(?:{_SENSITIVE_FIELDS})\b["']?\s*[:=]\s*)(["']?)([^"'\s,;}}&)]+)""")
_HEADER = re.compile(r"""(?i)(\b(?:authorization|x-admin-token)\b["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+""")
_BEARER = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{6,}")
_QR_TOKEN = re.compile(r"\bPD1\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")
_CODE_FIELD = re.compile(
    r"""(?i)(["']?\bcode\b["']?\s*[:=]\s*["']?)(\d{4,8}|[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\b"""
)


def mask_phone(match: re.Match[str]) -> str:
    """``+7 916 123-45-67`` → ``+7•••••••45-67`` (only the last four digits stay)."""
    return f"+7•••••••{match.group(3)}-{match.group(4)}"


def redact(text: str) -> str:
    """The text with phone numbers masked and known secrets replaced by ***."""
    text = _HEADER.sub(lambda m: m.group(1) + (m.group(2) or "") + REDACTED, text)
    text = _BEARER.sub("Bearer " + REDACTED, text)
    text = _QR_TOKEN.sub("PD1." + REDACTED, text)
    text = _KEY_VALUE.sub(lambda m: m.group(1) + m.group(2) + REDACTED, text)
    text = _CODE_FIELD.sub(lambda m: m.group(1) + REDACTED, text)
    return _PHONE.sub(mask_phone, text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback text) through `redact` before any handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _OwnHandler:
    """Marker mixin so a second setup replaces, not duplicates, our handlers."""


class _RotatingFile(_OwnHandler, logging.handlers.RotatingFileHandler):
    pass


class _Console(_OwnHandler, logging.StreamHandler):  # type: ignore[type-arg,unused-ignore]
    pass


def log_file(config: AppConfig) -> Path:
    return config.log_dir / LOG_FILE_NAME


def setup_logging(config: AppConfig, console: bool = True) -> Path:
    """Install the rotating file handler (and a stderr handler for warnings); returns the log file."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _OwnHandler)]:
        root.removeHandler(old)
        old.close()
    path = log_file(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [
        _RotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    ]
    if console:
        stderr = _Console(sys.stderr)
        stderr.setLevel(logging.WARNING)
        handlers.append(stderr)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(config.log_level)
    logging.captureWarnings(True)
    for noisy in ("urllib3", "alembic.runtime.migration", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _log_start(config)
    return path


def _log_start(config: AppConfig) -> None:
    from desktop.version import build_info

    info = build_info()
    logging.getLogger("pickup_desk").info(
        "Pickup Desk %s (commit %s, %s) starting; settings from %s; data in %s; backend %s",
        info.version, info.commit, "bundle" if info.frozen else "source", ", ".join(config.sources) or "defaults",
        config.data_dir, config.backend_url or "embedded",
    )


def close_logs() -> None:
    """Flush and close the app's own handlers (at exit); other handlers (a test runner's) are left alone."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OwnHandler)]:
        handler.flush()
        root.removeHandler(handler)
        handler.close()
