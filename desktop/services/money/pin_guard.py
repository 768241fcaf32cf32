"""Guessing a certificate's PIN is limited like pickup codes: wrong PINs are counted per certificate in the journal.

After MAX_PIN_GUESSES wrong PINs for one certificate within PIN_WINDOW on this PC, its PIN is not checked at all
until the window has passed since the last wrong one; the limit reached alerts the manager. The count lives in the
audit journal (hash-chained, this PC's own), so a restart does not reset it; the PIN itself is never journalled.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import AuditEntry, ManagerAlert
from desktop.services.base import Action
from protocol.errors import DomainError

MAX_PIN_GUESSES = 5
PIN_WINDOW = timedelta(minutes=30)
WRONG = "certificate.pin_wrong"
ALERT_KIND = "certificate_pin_guesses"

messages.register(
    {
        "alert.certificate_pin_guesses": "Подбор PIN-кода сертификата {number}: {attempts} неверных PIN-кодов "
        "за {minutes} мин (сотрудник {staff}).",
    }
)


def _minutes() -> int:
    return int(PIN_WINDOW.total_seconds() // 60)


def wrong_pins(s: Session, number: str, now: datetime) -> int:
    """Wrong PINs for this certificate on this PC within the window."""
    return int(s.scalar(select(func.count()).where(
        AuditEntry.subject == number, AuditEntry.action == WRONG, AuditEntry.at >= now - PIN_WINDOW)) or 0)


def require_not_locked(s: Session, number: str, now: datetime) -> None:
    """Refuse to check a PIN while this certificate's guesses are at the limit."""
    if wrong_pins(s, number, now) >= MAX_PIN_GUESSES:
        raise DomainError("money.pin_locked", number=number, attempts=MAX_PIN_GUESSES, minutes=_minutes())


def count_wrong_pin(act: Action, number: str) -> DomainError:
    """Journal a wrong PIN; the one reaching the limit alerts the manager. Returns the error to raise after commit."""
    attempts = wrong_pins(act.session, number, act.now) + 1
    act.audit(WRONG, number, attempts=attempts)
    if attempts >= MAX_PIN_GUESSES:
        staff = act.actor.login if act.actor else "—"
        params = {"number": number, "attempts": attempts, "minutes": _minutes(), "staff": staff}
        act.session.add(ManagerAlert(kind=ALERT_KIND, order_id=None, created_at=act.now, details=dict(params),
                                     message=messages.describe("alert.certificate_pin_guesses", params)))
        return DomainError("money.pin_locked", number=number, attempts=attempts, minutes=_minutes())
    return DomainError("money.wrong_pin", number=number, attempts_left=MAX_PIN_GUESSES - attempts)
