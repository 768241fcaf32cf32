"""The handover's receipts as the register gets them: the clerk at the counter is the receipt's cashier and the
document's author, the sell receipt goes to the customer's phone, and a sell receipt printed before a crash with
another total is named with its total (desktop/services/handover/receipts.py).

DESIGN: every fiscal document names the cashier who issued it (the register prints the operator) and is
journalled under the clerk's login; the customer gets the electronic copy of the sell receipt by SMS.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.fiscal_models import FiscalReceipt
from desktop.fiscal.model import goods_line
from desktop.fiscal.service import FiscalService
from desktop.services.handover.receipts import issue_return, issue_sell, issue_settlement, receipt_lines
from desktop.services.order_card import LineInfo
from protocol.money import rub
from protocol.money_rules import Tender, TenderLine
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, refused

PHONE = "+79161234567"
KETTLE = LineInfo(1, "SKU-1", "Kettle", 2, 150_000, None, 0, None)


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def _row(env: Env, ref: str) -> FiscalReceipt:
    with env.db.read() as s:
        row = s.scalars(select(FiscalReceipt).where(FiscalReceipt.ref == ref)).one()
        s.expunge(row)
        return row


def test_the_sell_receipt_names_the_clerk_as_cashier_and_goes_to_the_customers_phone(env: Env):
    fiscal = FiscalService(env.db, env.clock)
    issue_sell(fiscal, env.clerk, "h1", [KETTLE], [TenderLine(Tender.CARD, 300_000)], PHONE)
    row = _row(env, "sell:h1")
    assert row.task["operator"] == {"name": env.clerk.full_name}
    assert row.task["clientInfo"] == {"emailOrPhone": PHONE}
    assert row.staff_id == env.clerk.staff_id and row.total_kopecks == 300_000


def test_a_sell_receipt_printed_before_a_crash_with_another_total_is_refused_with_that_total(env: Env):
    fiscal = FiscalService(env.db, env.clock)
    issue_sell(fiscal, env.clerk, "h2", [KETTLE], [TenderLine(Tender.CARD, 300_000)], None)
    one = LineInfo(1, "SKU-1", "Kettle", 2, 150_000, None, 1, None)  # one kettle refused after the print
    with refused("money.sell_receipt_differs", total=rub(300_000), total_kopecks=300_000):
        issue_sell(fiscal, env.clerk, "h2", [one], [TenderLine(Tender.CARD, 150_000)], None)


def test_the_return_receipt_is_the_clerks(env: Env):
    fiscal = FiscalService(env.db, env.clock)
    issue_return(fiscal, env.clerk, "return:h3:1", [goods_line("Kettle", 150_000)],
                 [TenderLine(Tender.CASH, 150_000)])
    row = _row(env, "return:h3:1")
    assert row.task["operator"] == {"name": env.clerk.full_name}
    assert row.staff_id == env.clerk.staff_id and row.total_kopecks == 150_000


def test_the_settlement_receipt_of_a_prepaid_order_is_the_clerks(env: Env):
    fiscal = FiscalService(env.db, env.clock)
    issue_settlement(fiscal, env.clerk, "h4", [KETTLE], None)
    row = _row(env, "settle:h4")
    assert row.task["operator"] == {"name": env.clerk.full_name}
    assert row.staff_id == env.clerk.staff_id and row.total_kopecks == 300_000


def test_the_receipt_lists_what_the_customer_takes_and_no_line_refused_in_full() -> None:
    refused_all = LineInfo(2, "SKU-2", "Toaster", 1, 90_000, None, 1, "defect")
    one_of_two = LineInfo(1, "SKU-1", "Kettle", 2, 150_000, None, 1, "changed_mind")
    assert receipt_lines([one_of_two, refused_all]) == (goods_line("Kettle", 150_000, 1),)
