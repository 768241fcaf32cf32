"""The bonus account on the counter: balance from the ledger, the point's money settings, the customer's card.

Confirmed entries come from the server (`bonus.entry`); this PC's own entries stay pending until the server's
entry with the same event id arrives. What may be spent offline is the confirmed balance minus this PC's
pending redemptions: the counter never overdraws the account on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import BonusLedgerEntry, BonusStatus, ClubCard, Customer, Order
from desktop.services.base import local_point
from desktop.services.money.model import BonusBalance, LedgerEntryView
from protocol.money_rules import CREDIT_ACCRUES_POINTS, POINTS_SHARE_PERCENT
from protocol.states import CardStatus

MAX_ENTRIES = 200  # the newest entries shown with a balance


@dataclass(frozen=True)
class MoneySettings:
    """The retailer's money settings, as the server last sent them in `point.upsert` (defaults until then)."""

    points_share_percent: int = POINTS_SHARE_PERCENT
    credit_accrues_points: bool = CREDIT_ACCRUES_POINTS


def money_settings(s: Session) -> MoneySettings:
    """This point's money settings (protocol defaults for a value the server has not sent)."""
    stored = local_point(s).money or {}
    share = stored.get("points_share_percent")
    accrues = stored.get("credit_accrues_points")
    return MoneySettings(
        share if isinstance(share, int) and 0 <= share <= 100 else POINTS_SHARE_PERCENT,
        accrues if isinstance(accrues, bool) else CREDIT_ACCRUES_POINTS,
    )


def account_ids(s: Session, customer_id: int) -> list[int]:
    """The customer rows of one bonus account: the server keeps one account per phone (backend/money.py)."""
    phone = select(Customer.phone).where(Customer.id == customer_id).scalar_subquery()
    return list(s.scalars(select(Customer.id).where(Customer.phone == phone).order_by(Customer.id))) or [customer_id]


def active_card(s: Session, customer_ids: Sequence[int]) -> ClubCard | None:
    """The account's active club card (points are spent only with one)."""
    return s.scalars(select(ClubCard).where(ClubCard.customer_id.in_(list(customer_ids)),
                                            ClubCard.status == CardStatus.ACTIVE).order_by(ClubCard.id)).first()


def bonus_balance(s: Session, customer_ids: Sequence[int]) -> BonusBalance:
    """The balance of the customer(s) from this counter's ledger (rejected entries shown, never counted)."""
    rows = list(s.scalars(select(BonusLedgerEntry).where(BonusLedgerEntry.customer_id.in_(list(customer_ids)))
                          .order_by(BonusLedgerEntry.created_at.desc(), BonusLedgerEntry.id.desc())))
    confirmed = sum(e.points for e in rows if e.status == BonusStatus.CONFIRMED)
    pending = sum(e.points for e in rows if e.status == BonusStatus.PENDING and e.points > 0)
    reserved = -sum(e.points for e in rows if e.status == BonusStatus.PENDING and e.points < 0)
    orders = _order_numbers(s, {e.order_id for e in rows if e.order_id is not None})
    entries = tuple(LedgerEntryView(e.created_at, e.reason, e.points, orders.get(e.order_id or 0), e.status)
                    for e in rows[:MAX_ENTRIES])
    return BonusBalance(confirmed, pending, reserved, max(confirmed - reserved, 0), entries)


def _order_numbers(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {i: n for i, n in s.execute(select(Order.id, Order.number).where(Order.id.in_(ids))).all()}
