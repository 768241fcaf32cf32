"""The handover's fiscal receipts through the point's cash register (desktop/fiscal), each idempotent by its ref.

`sell:{uid}` when the customer pays at the counter (issued before the payment is recorded: a crash in between
is retried with the same ref and prints nothing twice), `return:{uid}:{n}` for lines refused after that,
`settle:{uid}` (full settlement) when a prepaid-online or credit order is handed over. With no register
configured (fiscal None) the service runs in mode `none`: the receipt is recorded as not fiscal and its text
rendered, so the demo and points that take no money work the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.fiscal.drafts import return_draft, sell_draft, settlement_draft
from desktop.fiscal.model import FiscalReceiptView, ReceiptLine, goods_line
from desktop.fiscal.service import FiscalService
from desktop.services.base import Actor
from desktop.services.order_card import LineInfo
from protocol.errors import DomainError
from protocol.money import rub
from protocol.money_rules import TenderLine


def receipt_lines(lines: Sequence[LineInfo]) -> tuple[ReceiptLine, ...]:
    """The receipt's lines: what the customer takes, at full price."""
    return tuple(goods_line(x.name, x.price_kopecks, x.handed_quantity) for x in lines if x.handed_quantity > 0)


def issue_sell(fiscal: FiscalService, actor: Actor, uid: str, lines: Sequence[LineInfo],
               tenders: Sequence[TenderLine], phone: str | None) -> FiscalReceiptView:
    """The sell receipt of a payment taken at the counter (idempotent: one per handover)."""
    draft = sell_draft(receipt_lines(lines), tenders, actor.full_name, customer_phone=phone)
    receipt = fiscal.issue(actor, draft, f"sell:{uid}")
    if receipt.total != draft.total:  # printed before a crash with other tenders: the register's word stands
        raise DomainError("money.sell_receipt_differs", total=rub(receipt.total), total_kopecks=receipt.total)
    return receipt


def issue_return(fiscal: FiscalService, actor: Actor, ref: str, lines: Sequence[ReceiptLine],
                 refunds: Sequence[TenderLine]) -> FiscalReceiptView:
    """The sellReturn receipt for lines refused after the payment was fiscalised: `refunds` go back."""
    return fiscal.issue(actor, return_draft(lines, refunds, actor.full_name), ref)


def issue_settlement(fiscal: FiscalService, actor: Actor, uid: str, lines: Sequence[LineInfo],
                     note: str | None) -> FiscalReceiptView | None:
    """The full-settlement receipt of a prepaid-online or credit order handed over (None when nothing is taken)."""
    taken = receipt_lines(lines)
    if not taken:
        return None
    return fiscal.issue(actor, settlement_draft(taken, actor.full_name, note=note), f"settle:{uid}")
