"""Logging to the platform log directory with rotation; phone numbers masked, secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from typing import Any

from desktop.config import AppConfig
from protocol.log_masking import REDACTED, RedactingFilter, mask_phone, redact
from protocol.private_files import private_dir, touch_private

__all__ = ["REDACTED", "RedactingFilter", "close_logs", "log_file", "mask_phone", "redact", "setup_logging"]

LOG_FILE_NAME = "pickup-desk.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"


class _OwnHandler:
    """Marker mixin so a second setup replaces, not duplicates, our handlers."""


class _RotatingFile(_OwnHandler, logging.handlers.RotatingFileHandler):
    def _open(self) -> Any:
        touch_private(self.baseFilename)  # the log and each rotated file: owner only (0600)
        return super()._open()


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
    private_dir(path.parent)
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
