"""Requesting an SMS (idempotent per order, purpose and attempt) and dispatching the outbox.

A «ready» SMS may be queued `held` (`hold_until` in its context): the dispatcher releases it to
`pending` once the hold time passes — unless `may_release` says its order is no longer ready, then
it is `cancelled` (backend/sms/promise.py releases and cancels held rows on receiving events).

The dispatcher never sends a row twice on its own: a row whose send may have reached the gateway
(`sending` left by a crash, or an ambiguous timeout → `unknown`) is reconciled through the
gateway's status API; only a definite "not found" puts it back to `pending`.

An account-level answer (wrong password, no funds, blocked IP) pauses the whole gateway through the
circuit breaker (backend/sms/breaker.py): no message is charged an attempt for it. An accepted row is
followed for `lifetime` (24 h), polled ever more slowly after the first `max_status_checks` polls; with
`callbacks` (the gateway posts statuses to us) polling is only a slow safety net (backend/sms/pacing.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.sms import breaker, queue
from backend.sms.gateways import Gateway, SendResult, StatusResult
from backend.sms.models import PURPOSES, SmsOutbox
from backend.sms.pacing import first_check, next_check
from backend.sms.rows import outbox_row
from backend.sms.templates import mask_phone
from protocol.limits import SMS_ERROR_MAX
from protocol.states import SMS_FINAL, SmsStatus

SMS_CLEARS_ERROR = (SmsStatus.ACCEPTED, SmsStatus.DELIVERED)  # the gateway took it: an old error is gone

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
PublishStatus = Callable[[Session, SmsOutbox], None]
MayRelease = Callable[[Session, SmsOutbox], bool]
SessionFactory = Callable[[], AbstractContextManager[Session]]


def utc_now() -> datetime:
    return datetime.now(UTC)


def request_sms(
    session: Session, order_number: str, purpose: str, attempt: int, context: Mapping[str, Any]
) -> None:
    """Queue one SMS inside the caller's transaction; a second request for the same key is a no-op.

    `context` carries `phone` plus the template fields (order, code, address, hours, last_day, …);
    optional `uid` (the device's sms uid), `point_code`, `now`, `hold_until` (queued `held` until then) and
    `text` (a resend: the earlier SMS's text, sent again as it was).
    """
    if purpose not in PURPOSES:
        raise ValueError(f"unknown SMS purpose: {purpose}")
    if find_sms(session, order_number, purpose, attempt) is not None:
        return
    row = outbox_row(order_number, purpose, attempt, context)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # a concurrent request for the same key won the race: same SMS
        if find_sms(session, order_number, purpose, attempt) is None:
            raise


def find_sms(session: Session, order_number: str, purpose: str, attempt: int) -> SmsOutbox | None:
    return session.scalars(
        select(SmsOutbox).where(
            SmsOutbox.order_number == order_number, SmsOutbox.purpose == purpose, SmsOutbox.attempt == attempt
        )
    ).first()


@dataclass
class DispatchReport:
    """What one dispatcher pass did (for logs and tests)."""

    sent: int = 0
    reconciled: int = 0
    polled: int = 0
    changed: list[tuple[str, str]] = field(default_factory=list)  # (uid, new status)


class SmsDispatcher:
    """Sends pending rows, polls accepted ones and reconciles ambiguous ones through the status API."""

    def __init__(
        self,
        session_factory: SessionFactory,
        gateway: Gateway,
        publish_status: PublishStatus,
        clock: Clock = utc_now,
        *,
        batch: int = 50,
        max_send_attempts: int = 5,
        poll_interval: timedelta = timedelta(seconds=30),
        stale_sending: timedelta = timedelta(seconds=60),
        max_status_checks: int = 100,
        may_release: MayRelease | None = None,
        alert: breaker.GatewayAlert | None = None,
        lifetime: timedelta = timedelta(hours=24),
        callbacks: bool = False,
        status_lease: timedelta = timedelta(minutes=2),
    ) -> None:
        self.session_factory = session_factory
        self.gateway = gateway
        self.publish_status = publish_status
        self.clock = clock
        self.batch = batch
        self.max_send_attempts = max_send_attempts
        self.poll_interval = poll_interval
        self.stale_sending = stale_sending
        self.max_status_checks = max_status_checks
        self.may_release = may_release
        self.alert = alert
        self.lifetime = lifetime  # an accepted SMS is followed this long (operators may deliver late)
        self.callbacks = callbacks  # statuses arrive by callback: status requests are a slow safety net
        self.status_lease = status_lease  # a row being asked about is left to this dispatcher that long

    def run_once(self) -> DispatchReport:
        """One pass: reconcile, send, poll. Safe to call from a loop or a scheduler."""
        report = DispatchReport()
        if not self.paused():
            self._reconcile(report)
        self._release_held(report)
        if not self.paused():
            self._send_pending(report)
        if not self.paused():  # a paused gateway gets no requests at all (they count towards an IP block)
            self._poll_accepted(report)
        return report

    def _account_error(self, result: StatusResult) -> bool:
        """A status answer about the account pauses the gateway (True); a real answer closes a tripped breaker."""
        with self.session_factory() as session, session.begin():
            return breaker.on_status(session, self.gateway.name, result, self.clock(), self.alert)

    def paused(self) -> bool:
        with self.session_factory() as session:
            return breaker.paused_until(session, self.gateway.name, self.clock()) is not None

    # --- held «ready» SMS ----------------------------------------------------------------------

    def _release_held(self, report: DispatchReport) -> None:
        """A held row whose grace period passed goes to `pending`, or `cancelled` when its order is not ready."""
        for uid in self._due_uids([SmsStatus.HELD]):
            with self.session_factory() as session, session.begin():
                row = self._row(session, uid, lock=True)
                if row is None or row.status != SmsStatus.HELD:
                    continue
                if self.may_release is None or self.may_release(session, row):
                    self._move(session, row, SmsStatus.PENDING, note="grace period over")
                else:
                    self._move(session, row, SmsStatus.CANCELLED, note="the order is not ready")
                report.changed.append((uid, row.status))

    # --- sending ------------------------------------------------------------------------------

    def _send_pending(self, report: DispatchReport) -> None:
        for _ in range(self.batch):
            claimed = self._claim()
            if claimed is None:
                return
            uid, phone, text = claimed
            result = self.gateway.send(uid, phone, text)
            report.sent += 1
            if not self._record_send(uid, result, report):
                return  # the gateway is paused: the rest of the queue waits, untouched

    def _claim(self) -> tuple[str, str, str] | None:
        """The next due pending row → sending, committed BEFORE the gateway call (a crash leaves `sending`).

        `FOR UPDATE SKIP LOCKED` (backend/sms/queue.py): dispatchers in other processes claim other rows.
        """
        with self.session_factory() as session, session.begin():
            row = queue.claim_next(session, SmsStatus.PENDING, self.clock())
            if row is None:
                return None
            row.send_attempts += 1
            row.gateway = self.gateway.name
            self._move(session, row, SmsStatus.SENDING)
            return row.uid, row.phone, row.text

    def _record_send(self, uid: str, result: SendResult, report: DispatchReport) -> bool:
        """Record a send's outcome; False when it was an account-level error (the gateway is now paused)."""
        with self.session_factory() as session, session.begin():
            row = self._row(session, uid, lock=True)
            if row is None or row.status != SmsStatus.SENDING:
                return True
            log.info("SMS %s to %s: %s", uid, mask_phone(row.phone), result.outcome)
            if result.outcome == "account_error":  # not the message's fault: no attempt counted, stays pending
                row.send_attempts -= 1
                self._move(session, row, SmsStatus.PENDING, note="gateway paused: account error")
                breaker.trip(session, self.gateway.name, getattr(result, "reason", None), self.clock(), self.alert)
                report.changed.append((uid, row.status))
                return False
            breaker.recover(session, self.gateway.name, self.clock(), self.alert)
            if result.outcome == "accepted":
                row.gateway_message_id = result.message_id
                self._move(session, row, SmsStatus.ACCEPTED, delay=first_check(self.poll_interval, self.callbacks))
            elif result.outcome == "failed":
                self._move(session, row, SmsStatus.FAILED, error=result.error)
            elif result.outcome == "retry_later":
                self._retry_later(session, row, result)
            else:  # unknown (reply lost) or duplicate: the gateway may hold it → reconcile, never resend
                self._move(session, row, SmsStatus.UNKNOWN, error=result.error)
            report.changed.append((uid, row.status))
            return True

    def _retry_later(self, session: Session, row: SmsOutbox, result: SendResult) -> None:
        if row.send_attempts >= self.max_send_attempts:
            self._move(session, row, SmsStatus.FAILED, error=result.error)
            return
        delay = timedelta(seconds=result.retry_after or 60)
        self._move(session, row, SmsStatus.PENDING, error=result.error, delay=delay)

    # --- reconciliation -------------------------------------------------------------------------

    def _reconcile(self, report: DispatchReport) -> None:
        now = self.clock()
        for uid in self._lease(queue.due_to_reconcile(now, now - self.stale_sending, self.max_status_checks)):
            with self.session_factory() as session:
                row = self._row(session, uid)
                if row is None:
                    continue
                key = (row.phone, row.gateway_message_id)
            result = self.gateway.status(uid, key[1], key[0])
            if self._account_error(result):
                return
            report.reconciled += 1
            self._record_reconcile(uid, result, report)

    def _record_reconcile(self, uid: str, result: StatusResult, report: DispatchReport) -> None:
        with self.session_factory() as session, session.begin():
            row = self._row(session, uid, lock=True)
            if row is None or row.status not in (SmsStatus.UNKNOWN, SmsStatus.SENDING):
                return
            row.status_checks += 1
            if result.state in ("accepted", "delivered", "failed"):
                self._move(session, row, SmsStatus(result.state), error=result.error,
                           delay=first_check(self.poll_interval, self.callbacks), note="found through the status API")
            elif result.state == "not_found" and self.gateway.lookup_by_client_id:
                # the gateway definitely never got it: sending again is not a blind resend
                self._move(session, row, SmsStatus.PENDING, note="the gateway never received the message")
            elif not self.gateway.lookup_by_client_id:
                self._move(session, row, SmsStatus.UNKNOWN, error=result.error or row.error, delay=None,
                           note="cannot check: resend manually only")
                row.status_checks = self.max_status_checks
            else:
                self._defer(row, result)
            report.changed.append((uid, row.status))

    # --- delivery polling ------------------------------------------------------------------------

    def _poll_accepted(self, report: DispatchReport) -> None:
        for uid in self._lease(queue.due_to_poll(self.clock())):
            with self.session_factory() as session:
                row = self._row(session, uid)
                if row is None:
                    continue
                key = (row.phone, row.gateway_message_id)
            result = self.gateway.status(uid, key[1], key[0])
            if self._account_error(result):
                return
            report.polled += 1
            self.apply_status(uid, result, report)

    def apply_status(self, uid: str, result: StatusResult, report: DispatchReport | None = None) -> None:
        """Record a delivery status (from polling or a gateway callback) for an accepted row."""
        with self.session_factory() as session, session.begin():
            row = self._row(session, uid, lock=True)
            if row is None or row.status in SMS_FINAL:
                return
            row.status_checks += 1
            if result.state in SMS_FINAL:
                self._move(session, row, SmsStatus(result.state), error=result.error)
            elif self.clock() >= _accepted_at(row) + self.lifetime:
                self._move(session, row, SmsStatus.UNKNOWN, error="no delivery status received")
                row.status_checks = max(row.status_checks, self.max_status_checks)  # given up: no reconciling
            else:
                self._defer(row, result)
            if report is not None:
                report.changed.append((uid, row.status))

    def apply_callback(self, gateway_message_id: str, result: StatusResult) -> bool:
        """A delivery callback from the gateway (e.g. SMS.ru); False when the id is not ours."""
        with self.session_factory() as session:
            uid = session.scalars(
                select(SmsOutbox.uid).where(SmsOutbox.gateway_message_id == gateway_message_id)
            ).first()
        if uid is None:
            return False
        self.apply_status(uid, result)
        return True

    # --- helpers -----------------------------------------------------------------------------------

    def _lease(self, query: Any) -> list[str]:
        """Rows to ask the gateway about, leased from the other dispatchers (backend/sms/queue.py)."""
        with self.session_factory() as session, session.begin():
            return queue.lease_due(session, query, self.clock(), self.status_lease, self.batch)

    def _due_uids(self, statuses: list[SmsStatus]) -> list[str]:
        now = self.clock()
        with self.session_factory() as session:
            return list(
                session.scalars(
                    select(SmsOutbox.uid)
                    .where(SmsOutbox.status.in_(statuses))
                    .where(or_(SmsOutbox.next_action_at.is_(None), SmsOutbox.next_action_at <= now))
                    .order_by(SmsOutbox.id)
                    .limit(self.batch)
                )
            )

    @staticmethod
    def _row(session: Session, uid: str, *, lock: bool = False) -> SmsOutbox | None:
        """The row (`lock`: FOR UPDATE, so a concurrent dispatcher's move is seen, never overwritten)."""
        query = select(SmsOutbox).where(SmsOutbox.uid == uid)
        return session.scalars(query.with_for_update() if lock else query).first()

    def _defer(self, row: SmsOutbox, result: StatusResult) -> None:
        """The next status request (backend/sms/pacing.py); never sooner than the gateway asked."""
        wait = self.poll_interval
        if row.status == SmsStatus.ACCEPTED:
            wait = next_check(self.poll_interval, row.status_checks, self.max_status_checks, self.callbacks)
        if result.retry_after:
            wait = max(wait, timedelta(seconds=result.retry_after))
        row.next_action_at = self.clock() + wait

    def _move(
        self,
        session: Session,
        row: SmsOutbox,
        status: SmsStatus,
        *,
        error: str | None = None,
        delay: timedelta | None = None,
        note: str | None = None,
    ) -> None:
        move_row(session, row, status, self.clock(), self.publish_status, error=error, delay=delay, note=note)


def _accepted_at(row: SmsOutbox) -> datetime:
    """When the gateway first accepted the row (from its timeline); its creation time as a fallback."""
    for entry in row.timeline:
        if entry.get("status") == SmsStatus.ACCEPTED:
            return datetime.fromisoformat(entry["at"])
    return row.created_at


def move_row(
    session: Session,
    row: SmsOutbox,
    status: SmsStatus,
    now: datetime,
    publish_status: PublishStatus,
    *,
    error: str | None = None,
    delay: timedelta | None = None,
    note: str | None = None,
) -> None:
    """Move one outbox row: status, error, next action, a timeline entry; publish when the status changed."""
    changed = row.status != status
    row.status = status
    row.error = error[:SMS_ERROR_MAX] if error else (None if status in SMS_CLEARS_ERROR else row.error)
    row.updated_at = now
    row.next_action_at = now + delay if delay else None
    entry: dict[str, Any] = {"status": status, "at": now.isoformat()}
    if note:
        entry["note"] = note
    if error:
        entry["error"] = error[:SMS_ERROR_MAX]
    row.timeline = [*row.timeline, entry]
    if changed:
        publish_status(session, row)
