"""Log masking shared by the counter and the server: phones masked, tokens, codes and hashes redacted.

Applied as a logging filter to every record, including its traceback and stack text, so a payload or a
request body quoted in an exception message never reaches a log file in clear.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

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



_RECORD_FILTER = RedactingFilter()


def _masked_record(factory: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        try:
            _RECORD_FILTER.filter(record)
        except Exception:  # a message whose arguments do not fit: left to the handler's own error report
            return record
        return record

    make.masks_logs = True  # type: ignore[attr-defined]
    return make


def install_record_masking() -> None:
    """Mask every log record of the process as it is made (whatever logger or handler: uvicorn's too), so a
    traceback or a payload quoted in a message is masked before any handler formats it. Idempotent."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "masks_logs", False):
        logging.setLogRecordFactory(_masked_record(factory))
