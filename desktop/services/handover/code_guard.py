"""Per-PC guard against guessing pickup codes: wrong code-only lookups counted from the journal; a manager lifts it.

A 6-digit code typed alone finds and verifies an order, so wrong guesses are also counted per counter PC (not only
per order): after MAX_CODE_GUESSES wrong code-only lookups within GUESS_WINDOW the PC is locked for code-only
lookups — the next one is refused, however long after, until a manager authorises it with a badge and PIN (the
count then starts again). The count and the lock are read from the audit journal (this PC's own, hash-chained), so
they survive a restart and need no table of their own; a successful lookup does not clear them (a known code must
not reset the guessing). Every attempt is journalled —
never the code itself — and the manager is alerted when the limit is reached. Lookups by order number, QR, box or
phone are not counted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import AuditEntry, ManagerAlert
from desktop.services.base import Action, Actor, Role, require_role
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError

MAX_CODE_GUESSES = 3  # wrong code-only lookups on one PC …
GUESS_WINDOW = timedelta(minutes=10)  # … within this time: the next code-only lookup needs a manager
ALERT_KIND = "code_guesses"
SUBJECT = "code-lookup"  # the journal's subject of every guard entry (indexed: the count is one lookup)
WRONG = "handover.code_lookup_wrong"
LOCKED = "handover.code_lookup_locked"
REFUSED = "handover.code_lookup_refused"
AUTHORISED = "handover.code_lookup_authorised"
NOT_AUTHORISED = "handover.code_lookup_not_authorised"
AUTHORISE = QT_TRANSLATE_NOOP("Actions", "разрешение поиска по коду получения")

messages.register(
    {
        "handover.code_guesses_locked": "Неверных кодов получения на этом ПК: {attempts} за {minutes} мин. "
        "Поиск только по коду — с разрешения менеджера: пропуск и PIN менеджера. "
        "Заказ можно найти и по номеру, QR-коду или телефону.",
        "alert.code_guesses": "Подбор кодов получения на этом ПК: неверных кодов — {attempts} за {minutes} мин "
        "(сотрудник {staff}). Поиск по коду ждёт разрешения менеджера.",
    }
)


def _since_authorised(s: Session) -> int:
    """The journal id of the last manager's authorisation (0: none yet): entries before it no longer count."""
    return s.scalar(select(func.max(AuditEntry.id)).where(
        AuditEntry.subject == SUBJECT, AuditEntry.action == AUTHORISED)) or 0


def wrong_guesses(s: Session, now: datetime) -> int:
    """Wrong code-only lookups on this PC within the window and since the last manager's authorisation."""
    return int(s.scalar(select(func.count()).where(
        AuditEntry.subject == SUBJECT, AuditEntry.action == WRONG, AuditEntry.id > _since_authorised(s),
        AuditEntry.at >= now - GUESS_WINDOW)) or 0)


def is_locked(s: Session) -> bool:
    """The limit was reached since the last manager's authorisation: code-only lookups wait for a manager."""
    return s.scalar(select(AuditEntry.id).where(
        AuditEntry.subject == SUBJECT, AuditEntry.action == LOCKED, AuditEntry.id > _since_authorised(s))
        .limit(1)) is not None


def _minutes() -> int:
    return int(GUESS_WINDOW.total_seconds() // 60)


def refusal(act: Action) -> DomainError | None:
    """The refusal (journalled) when this PC must not take a code-only lookup now; None when it may."""
    if not is_locked(act.session):
        return None
    act.audit(REFUSED, SUBJECT, attempts=MAX_CODE_GUESSES)
    return DomainError("handover.code_guesses_locked", attempts=MAX_CODE_GUESSES, minutes=_minutes())


def count_wrong_guess(act: Action, clerk: Actor) -> None:
    """Journal `clerk`'s code-only lookup that found nothing; the one that reaches the limit locks and alerts the
    manager (naming the clerk)."""
    attempts = wrong_guesses(act.session, act.now) + 1
    act.audit(WRONG, SUBJECT, attempts=attempts)
    if attempts < MAX_CODE_GUESSES:
        return
    act.audit(LOCKED, SUBJECT, attempts=attempts)
    params = {"attempts": attempts, "minutes": _minutes(), "staff": clerk.login}
    act.session.add(ManagerAlert(kind=ALERT_KIND, created_at=act.now,
                                 message=messages.describe("alert.code_guesses", params), details=dict(params)))


def authorise(act: Action, clerk: Actor, manager: Actor) -> DomainError | None:
    """A manager (badge + PIN checked by the staff service) lets this PC take code-only lookups again.

    Anyone else's badge is refused; that attempt is journalled too (the refusal is returned, raised after commit).
    """
    try:
        require_role(manager, Role.MANAGER, AUTHORISE)
    except DomainError as refused:
        act.audit(NOT_AUTHORISED, SUBJECT, staff=manager.login, clerk=clerk.login)
        return refused
    act.audit(AUTHORISED, SUBJECT, manager=manager.login, clerk=clerk.login)
    return None
