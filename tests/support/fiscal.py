"""Test helpers for the fiscal layer: the loopback fake register on the test clock and a FiscalService on it."""

from __future__ import annotations

from desktop.db.engine import Database
from desktop.fiscal.client import AtolClient
from desktop.fiscal.drafts import sell_draft
from desktop.fiscal.fake_atol import FakeAtolServer, FakeRegister
from desktop.fiscal.model import FiscalMode, ReceiptDraft, goods_line
from desktop.fiscal.service import FiscalService
from protocol.money_rules import Tender, TenderLine
from tests.support.clock import FakeClock

CASHIER = "Смирнова Анна Сергеевна"


def fake_server(clock: FakeClock) -> FakeAtolServer:
    """A started fake web server whose register prints on the test clock."""
    return FakeAtolServer(FakeRegister(clock)).start()


def atol_service(db: Database, clock: FakeClock, url: str, wait_seconds: float = 5.0) -> FiscalService:
    """A FiscalService in mode atol that polls without sleeping."""
    client = AtolClient(url, wait_seconds=wait_seconds, sleep=lambda _seconds: None)
    return FiscalService(db, clock, FiscalMode.ATOL, url, transport=client)


def cash_draft(amount: int = 1_299_000, cashier: str = CASHIER) -> ReceiptDraft:
    """A one-line receipt paid in cash."""
    return sell_draft([goods_line("Наушники Sony WH-1000XM5", amount)],
                      [TenderLine(Tender.CASH, amount, amount, 0)], cashier)
