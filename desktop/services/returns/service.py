"""ReturnsService: the facade pages call for storage extension, expiring lists, the return list and sessions.

Each method is one clerk action in one transaction; the steps live in their own modules (storage,
return_list, sessions) and take the open transaction from here.
"""

from __future__ import annotations

from desktop.documents.model import ReturnAct
from desktop.services.base import Actor, Role, Service, local_point, require_role
from desktop.services.returns.return_list import ReturnList, build_return_list
from desktop.services.returns.rules import point_zone
from desktop.services.returns.sessions import (
    OpenReturn,
    PendingReturn,
    ReturnScanResult,
    close_return_session,
    current_return_session,
    open_return_session,
    pending_return_sessions,
    scan_out,
)
from desktop.services.returns.storage import (
    ExpiringOrder,
    ExtensionResult,
    check_extension_days,
    expiring_day,
    expiring_orders,
    extend_storage,
)
from desktop.translatable import QT_TRANSLATE_NOOP

# The actions named in an access refusal (require_role translates them).
RETURN_WORK = QT_TRANSLATE_NOOP("Actions", "возврат заказов")
EXTEND_STORAGE = QT_TRANSLATE_NOOP("Actions", "продление срока хранения")


class ReturnsService(Service):
    """Storage extension, expiring lists, the return list and return sessions."""

    def extend(self, manager: Actor, order_number: str, days: int) -> ExtensionResult:
        """Extend a ready order's storage once by 1–7 days (manager only)."""
        require_role(manager, Role.MANAGER, EXTEND_STORAGE)
        check_extension_days(days)
        with self.action(manager) as act:
            return extend_storage(act, local_point(act.session), order_number, days)

    def expiring(self, day: str = "today") -> list[ExpiringOrder]:
        """Ready orders whose storage period ends on the point's local today or tomorrow."""
        with self.reading() as session:
            point = local_point(session)
            return expiring_orders(session, point, expiring_day(self.clock(), point_zone(point), day))

    def return_list(self) -> ReturnList:
        """Expired ready orders, refused and cancelled orders still here, refused lines of partial handovers."""
        now = self.clock()
        with self.reading() as session:
            return build_return_list(session, local_point(session), now)

    def current_session(self) -> OpenReturn | None:
        """The return session still open (e.g. after a crash or restart) with its scan list."""
        with self.reading() as session:
            return current_return_session(session, local_point(session))

    def pending_at_shift_close(self, actor: Actor) -> list[PendingReturn]:
        """The open return sessions closing this clerk's shift must settle (close with the act, or hand over)."""
        with self.reading() as session:
            return pending_return_sessions(session, actor)

    def open_session(self, actor: Actor) -> str:
        """Start scanning boxes out (or resume the session still open); returns the session uid."""
        require_role(actor, Role.CLERK, RETURN_WORK)
        with self.action(actor) as act:
            return open_return_session(act, local_point(act.session), actor)

    def scan_box(self, actor: Actor, session_uid: str, barcode: str) -> ReturnScanResult:
        """Scan one box out to the return; the order is returned when its last box here is out."""
        require_role(actor, Role.CLERK, RETURN_WORK)
        with self.action(actor) as act:
            return scan_out(act, local_point(act.session), session_uid, barcode)

    def close_session(self, actor: Actor, session_uid: str) -> ReturnAct:
        """Freeze the session and produce the return act data."""
        require_role(actor, Role.CLERK, RETURN_WORK)
        with self.action(actor) as act:
            return close_return_session(act, local_point(act.session), session_uid, actor)
