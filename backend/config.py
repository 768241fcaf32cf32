"""Server settings: database URL, admin token, pickup-code cost, retention windows, SMS gateway and texts."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from backend.db import PoolSizes
from backend.sms.templates import check_templates
from protocol.club_rules import ACTIVATION_POINTS
from protocol.money_rules import CREDIT_ACCRUES_POINTS, POINTS_SHARE_PERCENT

MIN_CLIENT_VERSION = "0.1.0"  # deliberately not VERSION: raised only when old counters must update
ADMIN_TOKEN_ENV = "PICKUP_ADMIN_TOKEN"  # noqa: S105  (a variable name, not a secret)
PRODUCTION_CODE_N = 2**14
MAX_BATCH = 500
API_THREADS = 2  # requests an API process runs at once by default (serve --threads; backend/README «Deployment»)
POINTS_SHARE_ENV = "PICKUP_POINTS_SHARE_PERCENT"  # retailer money settings (backend/README.md «Money»)
CREDIT_POINTS_ENV = "PICKUP_CREDIT_ACCRUES_POINTS"
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


class LogGatewayRefused(RuntimeError):
    """The server would start with the demo SMS gateway outside the demo without being told to."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Settings:
    """Everything `create_app` needs; tests build one with a cheap code cost and a fake clock."""

    database_url: str
    admin_token: str | None = None
    code_hash_n: int = PRODUCTION_CODE_N
    change_retention: timedelta = timedelta(days=30)
    enrolment_ttl: timedelta = timedelta(hours=24)
    qr_token_ttl: timedelta = timedelta(days=14)
    activation_points: int = ACTIVATION_POINTS
    clock: Callable[[], datetime] = utc_now
    sms_gateway: str = "log"  # log | smsc | smsru | none
    sms_log_path: Path | None = None
    demo_mode: bool = False  # the embedded demo / --seed-demo: the `log` gateway writes clear texts for the demo UI
    allow_log_gateway: bool = False  # a real server may use the `log` gateway only when told so (masked texts)
    qr_key_path: Path | None = None  # the QR signing key file (default: backend.keys.default_key_path)
    sms_options: dict[str, Any] = field(default_factory=dict)  # gateway constructor arguments (credentials)
    sms_callback_secret: str | None = None  # secret of the SMS.ru / SMSC delivery callback (URL token, SMSC md5)
    sms_templates: dict[str, str] = field(default_factory=dict)  # the retailer's texts by purpose (else defaults)
    run_sms_dispatcher: bool = True
    sms_dispatch_external: bool = False  # `sms-worker` processes work the queue: API processes only apply callbacks
    db_pool: PoolSizes = field(default_factory=PoolSizes)  # this process's PostgreSQL pool (backend/README)
    api_threads: int = API_THREADS  # threads serving this process's requests at once
    sms_interval_seconds: float = 2.0
    code_pool_size: int = 100  # pickup codes hashed ahead per point (backend/code_pool.py): a few hours of issuance
    upgrade_on_start: bool = True
    enrol_attempts_per_minute: int = 10  # per client address (backend/limits.py)
    update_repo_dir: Path | None = None  # the TUF update repository served under /updates/ (backend/rollout_api.py)
    public_url: str | None = None  # this server's address as counter PCs reach it (else taken from the request)
    points_share_percent: int = POINTS_SHARE_PERCENT  # points may pay at most this share of the amount due
    credit_accrues_points: bool = CREDIT_ACCRUES_POINTS  # a bank-loan purchase earns points (default off)

    def __post_init__(self) -> None:
        check_templates(self.sms_templates)  # a bad template stops the server at start, not at the first SMS
        share = self.points_share_percent
        if isinstance(share, bool) or not isinstance(share, int) or not 0 <= share <= 100:
            raise ValueError(f"points_share_percent must be a whole number 0…100, not {share!r}")

    def check_sms_gateway(self) -> None:
        """The `log` gateway writes every SMS to a file: outside the demo only when explicitly allowed."""
        if self.sms_gateway == "log" and not (self.demo_mode or self.allow_log_gateway):
            raise LogGatewayRefused(
                "the 'log' SMS gateway writes messages to a file and is for the demo only: choose smsc, smsru or "
                "none, or allow it explicitly (--allow-log-sms / PICKUP_ALLOW_LOG_SMS=1)"
            )

    @property
    def sms_callbacks(self) -> bool:
        """The gateway posts delivery statuses to us: status polling is only a slow safety net."""
        return bool(self.sms_callback_secret) and self.sms_gateway in ("smsru", "smsc")

    @classmethod
    def from_env(cls, database_url: str, admin_token: str | None = None, **overrides: Any) -> Settings:
        """Settings with the admin token taken from the argument or `PICKUP_ADMIN_TOKEN`."""
        token = admin_token or os.environ.get(ADMIN_TOKEN_ENV) or None
        return cls(database_url=database_url, admin_token=token, **{**money_from_env(os.environ), **overrides})


def money_from_env(env: Mapping[str, str]) -> dict[str, Any]:
    """`PICKUP_POINTS_SHARE_PERCENT` (0…100) and `PICKUP_CREDIT_ACCRUES_POINTS` (1/0, yes/no); ValueError if bad."""
    found: dict[str, Any] = {}
    share = env.get(POINTS_SHARE_ENV, "").strip()
    if share:
        if not share.isdigit() or not 0 <= int(share) <= 100:
            raise ValueError(f"{POINTS_SHARE_ENV} must be a whole number 0…100, not {share!r}")
        found["points_share_percent"] = int(share)
    credit = env.get(CREDIT_POINTS_ENV, "").strip().lower()
    if credit not in TRUE_WORDS + FALSE_WORDS:
        raise ValueError(f"{CREDIT_POINTS_ENV} must be 1 or 0 (yes/no), not {credit!r}")
    if credit:
        found["credit_accrues_points"] = credit in TRUE_WORDS
    return found
