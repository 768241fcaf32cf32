"""Staff and shifts: badge+PIN or login+password sign-in (argon2), lock-out after 5 failures, shift open/close.

With a cash register (desktop.fiscal), opening the app's shift opens the register's and closing it prints the Z
report. The app's shift is committed first: a register that fails raises ShiftRegisterError carrying the app's
result (nothing of the shift is lost) and the clerk retries the register's part alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import journal, messages
from desktop.db.engine import Database
from desktop.db.models import (
    ClubCard,
    Payment,
    ReturnItem,
    ReturnSession,
    Shift,
    Shipment,
    Staff,
)
from desktop.db.pepper import open_secret_hash, pepper_for_session, seal_secret_hash
from desktop.documents.model import SessionHeader, ShiftReport
from desktop.fiscal.errors import FiscalError, ShiftRegisterError
from desktop.fiscal.service import FiscalService
from desktop.point_time import DAY_TIME, HOUR_MINUTE, point_time, zone_named
from desktop.services.base import Action, Actor, Clock, Role, Service, local_point, require_role, utc_now
from desktop.services.manager.activity_counts import Figures, count_activity
from desktop.services.point_info import point_info
from desktop.services.receiving.resume import pending_sessions
from desktop.services.receiving.service import close_in
from desktop.services.returns.sessions import close_return_session, pending_return_sessions
from desktop.services.warranty.dispatch import close_dispatch, pending_dispatches
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.errors import DomainError
from protocol.events import ShiftClosed, ShiftOpened

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
# The actions named in an access refusal (require_role translates them).
OPEN_SHIFT = QT_TRANSLATE_NOOP("Actions", "открытие смены")
CLOSE_SHIFT = QT_TRANSLATE_NOOP("Actions", "закрытие смены")
X_REPORT = QT_TRANSLATE_NOOP("Actions", "X-отчёт на кассе")
# The shift report's fields that are the manager's activity figures (metric names of activity_counts.METRICS).
REPORT_METRICS = {"boxes_received": "received", "boxes_placed": "placed", "orders_handed_over": "handed_over",
                  "refused_lines": "refused_lines", "refused_orders": "refused_orders", "wrong_codes": "wrong_codes",
                  "undos": "undos", "cash_kopecks": "cash"}
NO_WAYBILL = QT_TRANSLATE_NOOP("Terms", "без накладной")  # how an open session is named at shift close
RETURN_NAMED = QT_TRANSLATE_NOOP("Terms", "возврат от {opened_at}")  # an open return session at shift close
DISPATCH_NAMED = QT_TRANSLATE_NOOP("Terms", "отправка в сервис от {opened_at}")  # an open service dispatch session

messages.register(
    {
        "auth.wrong_credentials": "Неверный пропуск/логин или PIN/пароль. Проверьте и попробуйте ещё раз.",
        "auth.locked": "Учётная запись заблокирована после {attempts:n} неудачных попыток входа до {until}. "
        "Подождите или обратитесь к администратору.",
        "auth.inactive": "Учётная запись сотрудника отключена. Обратитесь к администратору.",
        "auth.empty_credentials": "Введите пропуск (или логин) и PIN (или пароль).",
        "shift.already_open": "Смена уже открыта (с {opened_at}). Продолжайте работу в ней или закройте её.",
        "shift.not_open": "Открытой смены нет. Откройте смену.",
        "shift.sessions_open": "Смену нельзя закрыть: не закончены приёмка, возврат или отправка в сервис "
        "({sessions}). Закройте их с актом или передайте следующей смене.",
    }
)


class OpenSessions(StrEnum):
    """What closing a shift does with the receiving and return sessions still open (the clerk chooses; never
    silently)."""

    CLOSE = "close"  # close each one and produce its act (discrepancy act, return act)
    HAND_OVER = "hand_over"  # leave it open for the next shift, written in the journal


def shift_key(login: str, opened_at: datetime) -> str:
    """Business key of a shift, unique across counter PCs: staff login plus opening time (UTC)."""
    return f"{login}@{opened_at:%Y%m%dT%H%M%S}Z"


def _mask(identifier: str) -> str:
    text = identifier.strip()[:32]
    return text[:2] + "*" * max(len(text) - 4, 0) + text[-2:] if len(text) > 4 else "*" * len(text)


class StaffService(Service):
    """Sign-in, lock-out and shifts (staff and their PINs come from the server)."""

    def __init__(self, db: Database, clock: Clock = utc_now, hasher: PasswordHasher | None = None,
                 fiscal: FiscalService | None = None) -> None:
        super().__init__(db, clock)
        self.hasher = hasher or PasswordHasher()
        self.fiscal = fiscal or FiscalService(db, clock)  # None: no cash register (mode none)
        self._dummy: str | None = None  # made on first use: hashing at construction would slow the app's start

    @property
    def _dummy_hash(self) -> str:
        """A hash to verify against for unknown logins, so they cost as much as real ones."""
        if self._dummy is None:
            self._dummy = self.hasher.hash("not-a-real-secret")
        return self._dummy

    # --- sign-in ---------------------------------------------------------------------------------

    def login_badge(self, badge: str, pin: str) -> Actor:
        """Sign in with a scanned staff badge and a PIN."""
        return self._login(Staff.badge_code, badge.strip(), pin, "pin_hash", "badge")

    def login_password(self, login: str, password: str) -> Actor:
        """Sign in with a login name and a password."""
        return self._login(Staff.login, login.strip(), password, "password_hash", "password")

    def _login(self, column: Any, identifier: str, secret: str, hash_field: str, method: str) -> Actor:
        if not identifier or not secret:
            raise DomainError("auth.empty_credentials")
        with self.action(None) as act:
            staff = act.session.scalars(select(Staff).where(column == identifier)).first()
            outcome = self._attempt(act, staff, identifier, secret, hash_field, method)
        # The failed-attempt count is committed above; only now is the refusal raised.
        if isinstance(outcome, DomainError):
            raise outcome
        return outcome

    def _attempt(
        self, act: Action, staff: Staff | None, identifier: str, secret: str, hash_field: str, method: str
    ) -> Actor | DomainError:
        if staff is None:
            self._verify(self._dummy_hash, secret)  # same work as for a real account
            act.audit("auth.login_failed", _mask(identifier), method=method, reason="unknown")
            return DomainError("auth.wrong_credentials")
        if staff.locked_until is not None and staff.locked_until > act.now:
            _audit_as(act, staff, "auth.login_refused", method=method, reason="locked")
            return self._locked_error(act.session, staff)
        stored = open_secret_hash(pepper_for_session(act.session), getattr(staff, hash_field))
        if not self._verify(stored, secret):
            return self._count_failure(act, staff, method)
        if not staff.active:
            _audit_as(act, staff, "auth.login_refused", method=method, reason="inactive")
            return DomainError("auth.inactive")
        return self._succeed(act, staff, secret, hash_field, method)

    def _verify(self, stored: str | None, secret: str) -> bool:
        if not stored:
            return False
        try:
            return self.hasher.verify(stored, secret)
        except (VerificationError, InvalidHashError):
            return False

    def _count_failure(self, act: Action, staff: Staff, method: str) -> DomainError:
        staff.failed_attempts = (staff.failed_attempts or 0) + 1
        _audit_as(act, staff, "auth.login_failed", method=method, attempts=staff.failed_attempts)
        if staff.failed_attempts < MAX_FAILED_ATTEMPTS:
            return DomainError("auth.wrong_credentials")
        staff.locked_until = act.now + timedelta(minutes=LOCK_MINUTES)
        staff.failed_attempts = 0
        _audit_as(act, staff, "auth.locked", until=staff.locked_until.isoformat())
        return self._locked_error(act.session, staff)

    def _locked_error(self, session: Session, staff: Staff) -> DomainError:
        assert staff.locked_until is not None
        until = point_time(staff.locked_until, _zone(session), HOUR_MINUTE)
        return DomainError("auth.locked", until=until, attempts=MAX_FAILED_ATTEMPTS)

    def _succeed(self, act: Action, staff: Staff, secret: str, hash_field: str, method: str) -> Actor:
        staff.failed_attempts = 0
        staff.locked_until = None
        pepper = pepper_for_session(act.session)
        stored = open_secret_hash(pepper, getattr(staff, hash_field))
        if stored is None or self.hasher.check_needs_rehash(stored):
            setattr(staff, hash_field, seal_secret_hash(pepper, self.hasher.hash(secret)))
        shift = _open_shift_of(act.session, staff.id)
        _audit_as(act, staff, "auth.login", method=method)
        return _actor(staff, shift.id if shift else None)

    # --- shifts ----------------------------------------------------------------------------------

    def open_shift(self, actor: Actor) -> Actor:
        """Open the staff member's shift (one open shift at a time); returns the actor with its shift id."""
        require_role(actor, Role.CLERK, OPEN_SHIFT)
        with self.action(actor) as act:
            existing = _open_shift_of(act.session, actor.staff_id)
            if existing is not None:
                opened = point_time(existing.opened_at, _zone(act.session))
                raise DomainError("shift.already_open", opened_at=opened)
            shift = Shift(point_id=actor.point_id, staff_id=actor.staff_id, opened_at=act.now)
            act.session.add(shift)
            act.session.flush()
            key = shift_key(actor.login, act.now)
            act.emit(ShiftOpened(shift=key, staff=actor.login))
            act.audit("shift.opened", key)
        on_shift = _with_shift(actor, shift.id)
        try:
            self.fiscal.open_shift(on_shift)
        except FiscalError as exc:
            raise ShiftRegisterError("fiscal.shift_open_failed", exc, on_shift) from exc
        return on_shift

    def open_register_shift(self, actor: Actor) -> None:
        """Retry opening the register's shift after ShiftRegisterError (the app's shift is already open)."""
        require_role(actor, Role.CLERK, OPEN_SHIFT)
        self.fiscal.open_shift(actor)

    def close_shift(self, actor: Actor, open_sessions: OpenSessions | None = None) -> ShiftReport:
        """Close the staff member's open shift and produce its report.

        Receiving and return sessions still open (this clerk's, or left by nobody on shift) are settled in the same
        transaction as `open_sessions` says; without a choice the shift is not closed while any is open.
        """
        require_role(actor, Role.CLERK, CLOSE_SHIFT)
        with self.action(actor) as act:
            shift = _open_shift_of(act.session, actor.staff_id)
            if shift is None:
                raise DomainError("shift.not_open")
            _settle_open_sessions(act, actor, open_sessions, shift_key(actor.login, shift.opened_at))
            report = shift_report_of(act.session, shift, actor.login, actor.full_name, act.now)
            shift.closed_at = act.now
            shift.closed_by = actor.staff_id
            shift.report = report.as_dict()
            act.emit(ShiftClosed(shift=report.key, staff=actor.login, report=report.as_dict()))
            act.audit("shift.closed", report.key, **report.counts())
        try:
            self.fiscal.close_shift(actor)
        except FiscalError as exc:
            raise ShiftRegisterError("fiscal.z_report_failed", exc, report) from exc
        return report

    def z_report(self, actor: Actor) -> str:
        """Close the register's shift with its Z report (the retry after ShiftRegisterError); the report's text."""
        require_role(actor, Role.CLERK, CLOSE_SHIFT)
        return self.fiscal.close_shift(actor)

    def x_report(self, actor: Actor) -> str:
        """The manager's X report on the register (no reset): its text with this counter's totals since the Z."""
        require_role(actor, Role.MANAGER, X_REPORT)
        return self.fiscal.x_report(actor)


def _settle_open_sessions(act: Action, actor: Actor, choice: OpenSessions | None, key: str) -> None:
    """Close (with their acts) or hand over the receiving, return and service dispatch sessions still open; refuse
    when no choice was made."""
    pending = pending_sessions(act.session, actor)
    returns = pending_return_sessions(act.session, actor)
    dispatches = pending_dispatches(act.session, actor)
    if not pending and not returns and not dispatches:
        return
    if choice is None:
        zone = _zone(act.session)
        names = [_session_name(act.session, row.shipment_id) for row in pending]
        names += [translate("Terms", RETURN_NAMED).format(opened_at=point_time(r.opened_at, zone, DAY_TIME))
                  for r in returns]
        names += [translate("Terms", DISPATCH_NAMED).format(opened_at=point_time(d.opened_at, zone, DAY_TIME))
                  for d in dispatches]
        raise DomainError("shift.sessions_open", sessions=", ".join(names))
    for row in pending:
        if choice is OpenSessions.CLOSE:
            close_in(act, row.uid)
        else:
            act.audit("receiving.handed_over", row.uid, shift=key)
    for ret in returns:
        if choice is OpenSessions.CLOSE:
            close_return_session(act, local_point(act.session), ret.uid, actor)
        else:
            act.audit("return.handed_over", ret.uid, shift=key)
    for sent in dispatches:
        if choice is OpenSessions.CLOSE:
            close_dispatch(act, local_point(act.session), sent.uid, actor)
        else:
            act.audit("service.handed_over", sent.uid, shift=key)


def _session_name(session: Session, shipment_id: int | None) -> str:
    if shipment_id is None:
        return translate("Terms", NO_WAYBILL)
    return session.scalar(select(Shipment.number).where(Shipment.id == shipment_id)) or ""


def _audit_as(act: Action, staff: Staff, action: str, **details: Any) -> None:
    """Journal entry naming the staff member being signed in (no actor exists yet)."""
    journal.append(act.session, act.now, staff.id, action, staff.login, details)


def shift_report_of(session: Session, shift: Shift, login: str, full_name: str, now: datetime,
                    still_open: bool = False) -> ShiftReport:
    """The shift's report up to `now`: at its close, or for the manager while it is still open (`still_open`).

    The activity figures are the manager's activity table's own (count_activity), so the two always agree."""
    key = shift_key(login, shift.opened_at)
    header = SessionHeader(key, point_info(session), shift.opened_at, now, full_name, full_name)
    since, staff_id = shift.opened_at, shift.staff_id
    money = _money_by_method(session, staff_id, since)
    counted = count_activity(session, since, now + timedelta(microseconds=1), now).shifts
    figures = counted.get(shift.id, Figures({}))
    return ShiftReport(
        header=header,
        shift_id=shift.id,
        staff_login=login,
        card_kopecks=int(money.get("card") or 0),
        cards_activated=_cards_activated(session, staff_id, since),
        boxes_returned=_boxes_returned(session, staff_id, since),
        still_open=still_open,
        **{name: figures[metric] for name, metric in REPORT_METRICS.items()},
    )


def _money_by_method(session: Session, staff_id: int, since: datetime) -> dict[str, int]:
    rows = session.execute(
        select(Payment.method, func.sum(Payment.due_kopecks))
        .where(Payment.staff_id == staff_id, Payment.paid_at >= since)
        .group_by(Payment.method)
    ).all()
    return {method: int(total or 0) for method, total in rows}


def _cards_activated(session: Session, staff_id: int, since: datetime) -> int:
    return (
        session.scalar(select(func.count()).where(ClubCard.activated_by == staff_id, ClubCard.activated_at >= since))
        or 0
    )


def _boxes_returned(session: Session, staff_id: int, since: datetime) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(ReturnItem)
            .join(ReturnSession, ReturnSession.id == ReturnItem.session_id)
            .where(ReturnSession.opened_by == staff_id, ReturnItem.scanned_at >= since)
        )
        or 0
    )


def _open_shift_of(session: Session, staff_id: int) -> Shift | None:
    return session.scalars(
        select(Shift).where(Shift.staff_id == staff_id, Shift.closed_at.is_(None)).order_by(Shift.id.desc())
    ).first()


def _actor(staff: Staff, shift_id: int | None) -> Actor:
    return Actor(staff.id, staff.login, staff.full_name, Role(staff.role), staff.point_id, shift_id)


def _with_shift(actor: Actor, shift_id: int | None) -> Actor:
    return Actor(actor.staff_id, actor.login, actor.full_name, actor.role, actor.point_id, shift_id)


def _zone(session: Session) -> tzinfo:
    try:
        return zone_named(local_point(session).timezone)
    except DomainError:
        return zone_named(None)
