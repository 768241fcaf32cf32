"""Checks the counter makes before a pickup: the amount due, the point's code-hash parameters and QR tokens."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.models import PickupPoint, SyncState
from desktop.services.base import local_point
from protocol.errors import DomainError
from protocol.pickup_code import CodeHashParams
from protocol.qr_token import PickupToken, public_key_from_b64, verify_token

SERVER_KEY = "server_public_key"  # SyncState key: the backend's Ed25519 public key, base64

messages.register(
    {
        "qr.no_server_key": "Ключ сервера ещё не получен: QR-код проверить нельзя. "
        "Синхронизируйтесь или попросите код из SMS.",
        "qr.other_point": "QR-код выдан для другого пункта выдачи ({point}). Заказ {order} здесь не выдаётся.",
    }
)


def amount_due(prepaid: bool, lines: Iterable[tuple[int, int, int]]) -> int:
    """What the customer pays at pickup: the not refused (quantity, refused, price) lines, 0 if prepaid."""
    if prepaid:
        return 0
    return sum((qty - refused) * price for qty, refused, price in lines)


def point_code_params(point: PickupPoint) -> CodeHashParams:
    """The point's pickup-code hash parameters (salt and scrypt cost)."""
    if not point.code_hash_params:
        raise DomainError("point.not_configured")
    return CodeHashParams.decode(point.code_hash_params)


def verify_pickup_token(session: Session, token_text: str, now: datetime) -> PickupToken:
    """Check a scanned QR token: server signature, expiry, and that it was issued for this point."""
    key_text = session.get(SyncState, SERVER_KEY)
    if key_text is None:
        raise DomainError("qr.no_server_key")
    try:
        key = public_key_from_b64(key_text.value)
    except ValueError:
        raise DomainError("qr.no_server_key") from None
    token = verify_token(key, token_text, now)
    point = local_point(session)
    if token.point_code != point.code:
        raise DomainError("qr.other_point", point=token.point_code, order=token.order_number)
    return token
