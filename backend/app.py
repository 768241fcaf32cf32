"""The FastAPI application factory of the reference central backend."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError
from starlette.middleware import Middleware

from backend import api, changes, claims_api, errors, journal_anchor, money_api, rollout_api
from backend.config import Settings
from backend.db import Database
from backend.keys import default_key_path, load_signing_key
from backend.limits import BodySizeLimit
from backend.money import store_money_settings
from backend.sms.templates import use_templates
from backend.worker import BackgroundWorker, make_dispatcher
from protocol.log_masking import install_record_masking
from protocol.version import VERSION

log = logging.getLogger(__name__)


class _MaskCallbackSecret(logging.Filter):
    """Access logs never show the SMS.ru / SMSC callback URL secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        for mark in CALLBACK_MARKS:
            if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and mark in args[2]:
                path = args[2].split(mark, 1)[0] + mark + "***"
                record.args = args = (*args[:2], path, *args[3:])
        return True


CALLBACK_MARKS = ("/smsru-callback/", "/smsc-callback/")
_ACCESS_FILTER = _MaskCallbackSecret()


def _limit_request_threads(count: int) -> None:
    """This event loop's requests run in `count` threads at once, the rest wait their turn: a batch is Python under
    one GIL, and anyio's 40 threads taking turns on it cost a third more CPU than 2 (backend/README «Deployment»)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = count


def create_app(settings: Settings) -> FastAPI:
    """Open (and migrate) the database, load the signing key, wire the routes and the background worker."""
    db, signing_key = _open_database(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _limit_request_threads(settings.api_threads)
        worker = BackgroundWorker(db, settings) if _runs_worker(settings) else None
        app.state.worker = worker
        if worker is not None:
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            db.dispose()

    app = FastAPI(
        title="Pickup Desk central backend",
        version=VERSION,
        description="Device enrolment, event ingestion, change feed and snapshot for the counter PCs.",
        lifespan=lifespan, middleware=[Middleware(BodySizeLimit)],  # body size capped before any parsing
    )
    app.state.settings = settings
    use_templates(settings.sms_templates)
    app.state.db = db
    app.state.signing_key = signing_key
    app.state.worker = None
    errors.install(app)
    for router in (api.router, journal_anchor.router, rollout_api.router, claims_api.router, money_api.router):
        app.include_router(router)
    rollout_api.mount_update_repository(app, settings.update_repo_dir)
    if settings.sms_callbacks and settings.sms_callback_secret:
        _mount_sms_callback(app, settings, settings.sms_callback_secret)
        logging.getLogger("uvicorn.access").addFilter(_ACCESS_FILTER)  # a set: added once
    _warn_without_admin(settings)
    return app


def _open_database(settings: Settings) -> tuple[Database, Ed25519PrivateKey]:
    """The migrated database and the QR signing key (from the environment or its 0600 file, never the DB)."""
    settings.check_sms_gateway()
    install_record_masking()  # phones, codes, tokens masked in every server log line and traceback
    key_path = settings.qr_key_path or default_key_path(settings.database_url)
    db = Database(settings.database_url, settings.db_pool)
    if settings.upgrade_on_start:
        db.upgrade(qr_key_path=key_path)
    _ensure_counters(db)
    _store_money_settings(db, settings)
    return db, load_signing_key(db, key_path)


def _warn_without_admin(settings: Settings) -> None:
    if not settings.admin_token:
        log.warning("admin API disabled: no admin token configured (PICKUP_ADMIN_TOKEN)")


def _runs_worker(settings: Settings) -> bool:
    """This process runs the SMS dispatcher and the housekeeping (else `sms-worker` processes do, or none)."""
    return settings.run_sms_dispatcher and not settings.sms_dispatch_external


def _mount_sms_callback(app: FastAPI, settings: Settings, secret: str) -> None:
    from backend.sms.callbacks import smsc_callback_router, smsru_callback_router

    # with `sms-worker` processes this one runs no dispatcher loop, yet records the statuses posted to it
    external = settings.run_sms_dispatcher and settings.sms_dispatch_external
    loopless = make_dispatcher(app.state.db, settings) if external else None

    def dispatcher() -> Any:
        worker = app.state.worker
        return worker.dispatcher if worker is not None else loopless

    router = smsru_callback_router if settings.sms_gateway == "smsru" else smsc_callback_router
    app.include_router(router(dispatcher, secret))


def _ensure_counters(db: Database) -> None:
    try:
        with db.write() as session:
            changes.ensure_counters(session)
    except IntegrityError:  # another server process created them at the same moment
        with db.write() as session:
            changes.ensure_counters(session)


def _store_money_settings(db: Database, settings: Settings) -> None:
    """The configured money settings become the points' (`point.upsert` to every point when they changed)."""
    with db.write() as session:  # its changes are numbered at the commit (backend/changes.py)
        if store_money_settings(session, settings.points_share_percent, settings.credit_accrues_points,
                                settings.clock()):
            log.info("money settings: points share %d%%, credit orders accrue points: %s",
                     settings.points_share_percent, settings.credit_accrues_points)
