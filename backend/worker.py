"""Background work of the server: the SMS dispatcher loop and the change-feed pruning.

It runs as a thread of the API process (`serve`, the default) or as the main loop of an `sms-worker` process
(`run_forever`); several of either may work one PostgreSQL: the SMS queue is claimed row by row with
SKIP LOCKED (backend/sms/queue.py) and the pruning takes the feed lock.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from backend import changes, code_pool
from backend.config import Settings
from backend.db import Database
from backend.reminders import queue_reminders
from backend.sms.promise import publish_sms_status, still_ready

if TYPE_CHECKING:
    from backend.sms.service import DispatchReport

log = logging.getLogger(__name__)
PRUNE_EVERY = timedelta(hours=1)


def make_gateway(settings: Settings) -> Any | None:
    """The configured gateway adapter, or None when sending is switched off."""
    from backend.sms import gateways

    name = settings.sms_gateway
    if name == "none":
        return None
    if name == "log":
        settings.check_sms_gateway()
        return gateways.LogGateway(settings.sms_log_path or "sms-demo.log", clear=settings.demo_mode)
    if name == "smsc":
        return gateways.SmscGateway(**settings.sms_options)
    if name == "smsru":
        return gateways.SmsRuGateway(**settings.sms_options)
    raise ValueError(f"unknown SMS gateway: {name}")


def make_dispatcher(db: Database, settings: Settings) -> Any | None:
    from backend.sms.breaker import publish_gateway_alert
    from backend.sms.service import SmsDispatcher

    gateway = make_gateway(settings)
    if gateway is None:
        return None

    @contextmanager
    def session_factory() -> Iterator[Session]:
        with db.session() as session:
            yield session

    return SmsDispatcher(session_factory, gateway, publish_sms_status, settings.clock, may_release=still_ready,
                         alert=publish_gateway_alert, callbacks=settings.sms_callbacks)


class BackgroundWorker:
    """A daemon thread: dispatch SMS every few seconds, prune old changes hourly; `stop()` joins it."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.dispatcher = make_dispatcher(db, settings)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backend-worker", daemon=True)
        self._last_prune: datetime | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def run_forever(self) -> None:
        """Run the passes in this thread until SIGTERM or SIGINT (the main loop of an `sms-worker` process)."""
        before = {sig: signal.signal(sig, lambda *_: self._stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
        log.info("SMS worker started (gateway %s, a pass every %.1f s)", self.settings.sms_gateway,
                 self.settings.sms_interval_seconds)
        try:
            self._run()
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)
        log.info("SMS worker stopped")

    def _run(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._stop.wait(self.settings.sms_interval_seconds)

    def run_once(self) -> None:
        """One pass; a failure is logged with its traceback and retried on the next pass."""
        try:
            if self.dispatcher is not None:
                _log_dispatch(self.dispatcher.run_once())
            self._maybe_prune()
            fill_code_pool(self.db, self.settings)
        except Exception:
            log.exception("background pass failed")

    def _maybe_prune(self) -> None:
        """Hourly housekeeping: prune the change feed, queue reminders for orders expiring soon."""
        now = self.settings.clock()
        if self._last_prune is not None and now - self._last_prune < PRUNE_EVERY:
            return
        self._last_prune = now
        with self.db.write() as session:
            deleted = changes.prune(session, now - self.settings.change_retention)
            reminders = queue_reminders(session, now) if self.dispatcher is not None else 0
        if deleted or reminders:
            log.info("pruned %d old changes, queued %d reminders", deleted, reminders)


def fill_code_pool(db: Database, settings: Settings) -> None:
    """Top the pickup-code pool up (a chunk per pass, hashed outside any transaction: backend/code_pool.py)."""
    hashed = code_pool.fill(db, settings.code_pool_size, settings.clock())
    if hashed:
        log.info("code pool: %d codes hashed ahead", hashed)


def _log_dispatch(report: DispatchReport) -> None:
    if report.sent or report.reconciled or report.polled:
        log.info("sms pass: %d sent, %d reconciled, %d polled, %d changed",
                 report.sent, report.reconciled, report.polled, len(report.changed))
