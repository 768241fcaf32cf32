"""The money GUI tests' world: a club customer with confirmed points, certificates as the feed brings them,
ready orders (paid at pickup or by a bank loan), and a way to act on a modal dialog once it is up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.db.engine import Database
from desktop.db.models import ClubCard, PickupPoint
from desktop.sync import money_feed
from tests.support.factories import FAST_HASHER, box_barcode, make_customer, make_order

CARD = "2000000000015"
PHONE = "+79161110013"
CODE = "123456"
PIN = "12345678"
_entries = count(5000)


def club_order(db: Database, point: PickupPoint, points: int = 2000, kind: str = "retail",
               price: int = 2_500_000) -> tuple[str, str]:
    """A ready order (paid at pickup) of a club customer with `points` confirmed: (order number, its box)."""
    now = datetime.now(UTC)
    with db.write() as s:
        customer = make_customer(s, phone=PHONE)
        customer.external_id = f"C-{customer.id}"
        s.add(ClubCard(number=CARD, point_id=point.id, activation_code_hash="x", status="active",
                       customer_id=customer.id))
        s.flush()
        money_feed.apply_bonus_entry(s, _bonus(customer.external_id, points, "activation"), now)
        order = make_order(s, point, customer, status="ready", boxes=1, prepaid=False, code=CODE, kind=kind,
                           lines=[("Ноутбук ASUS Vivobook 15", 1, price)])
        return order.number, box_barcode(point.code, order.number, 1)


def _bonus(customer: str, points: int, reason: str) -> dict[str, Any]:
    return {"entry": next(_entries), "customer": customer, "card": CARD, "order": None, "reason": reason,
            "points": points, "event_id": None, "at": (datetime.now(UTC) - timedelta(days=3)).isoformat()}


def certificate(db: Database, number: str, balance: int | None = 100_000, status: str = "active",
                face: int | None = 300_000) -> None:
    """A certificate as the server's feed brings it (its PIN hashed), with its sale entry when it has a balance."""
    now = datetime.now(UTC)
    with db.write() as s:
        money_feed.upsert_certificate(s, {
            "certificate": number, "status": status, "face": face,
            "expires_at": (now + timedelta(days=200)).isoformat(), "pin_hash": FAST_HASHER.hash(PIN)}, now)
        if balance is not None:
            money_feed.apply_certificate_entry(s, {
                "entry": next(_entries), "certificate": number, "reason": "sale", "amount": balance,
                "order": None, "event_id": None, "at": now.isoformat()}, now)


def when_modal(kind: type[QWidget], act: Callable[[Any], None]) -> list[BaseException]:
    """Run `act(dialog)` once a modal dialog of `kind` is up (the page opens it with exec()); a failure closes the
    dialog (the test never hangs) and is kept in the returned list for the test to raise."""
    failures: list[BaseException] = []

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, kind) or not modal.isVisible():
            QTimer.singleShot(10, attempt)
            return
        try:
            act(modal)
        except BaseException as exc:
            failures.append(exc)
            modal.reject()

    QTimer.singleShot(0, attempt)
    return failures


def visible_slips() -> list[Any]:
    from ui.pages.receipt_dialog import SlipDialog

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, SlipDialog) and w.isVisible()]
