"""FiscalService against the loopback fake of ATOL's web server: every task shape, idempotency by ref, the pending
row before printing, each register error as a Russian message with a retry, and the crash between print and
record settled by asking the register (never a second print)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from desktop.db.fiscal_models import FiscalReceipt
from desktop.fiscal import fake_atol
from desktop.fiscal.client import AtolClient
from desktop.fiscal.drafts import certificate_sale_draft, credit_note, return_draft, sell_draft, settlement_draft
from desktop.fiscal.errors import FiscalError
from desktop.fiscal.model import FiscalMode, ReceiptKind, ReceiptStatus, goods_line
from desktop.fiscal.service import FiscalService
from desktop.fiscal.tasks import receipt_task, shift_task
from desktop.services.base import Role
from protocol.money import rub
from protocol.money_rules import Tender, TenderLine
from tests.support.factories import actor_for, make_point, make_staff
from tests.support.fiscal import CASHIER, atol_service, cash_draft, fake_server


@pytest.fixture
def clerk(db):
    with db.write() as s:
        return actor_for(make_staff(s, make_point(s), Role.CLERK, full_name=CASHIER))


@pytest.fixture
def fake(clock):
    server = fake_server(clock)
    server.register.shift = "opened"
    yield server
    server.stop()


@pytest.fixture
def fiscal(db, clock, fake):
    return atol_service(db, clock, fake.url)


def _rows(db):
    with db.read() as s:
        return [(r.ref, r.kind, r.status) for r in s.scalars(select(FiscalReceipt).order_by(FiscalReceipt.id))]


# --- every task shape ------------------------------------------------------------------------------------------


def test_a_mixed_sell_receipt_is_printed_with_its_fiscal_sign(fiscal, fake, clerk):
    tenders = [TenderLine(Tender.POINTS, 50_000), TenderLine(Tender.CERTIFICATE, 300_000, certificate="GC000000000017"),
               TenderLine(Tender.CASH, 2_949_000, 2_950_000, 1_000)]
    draft = sell_draft([goods_line("Смартфон Galaxy A55 8/256", 3_299_000)], tenders, CASHIER,
                       customer_phone="+79161110013")
    view = fiscal.issue(clerk, draft, "sell:h-1")
    assert view.status == ReceiptStatus.DONE and view.kind == "sell" and view.total == 3_249_000
    assert view.fiscal_document == 1 and view.fiscal_sign and view.printed_at is not None
    (paper,) = fake.register.printed("sell")
    assert "СДАЧА" in paper and rub(1_000) in paper  # 29 500 ₽ handed over for 29 490 ₽ in cash
    for words in ("ПРИХОД", CASHIER, "ИТОГ", rub(3_249_000), "НАЛИЧНЫМИ", "ЗАЧЁТ АВАНСА", "скидка (оплата баллами)",
                  "ФП", "+7 ••• ••• 00 13"):
        assert words in paper and words in view.text
    assert "ПВЗ 0042" in view.text and "НЕ ФИСКАЛЬНЫЙ" not in view.text


def test_sell_return_settlement_and_certificate_sale_are_printed(fiscal, fake, clerk):
    fiscal.issue(clerk, return_draft([goods_line("Чехол", 99_900)], [TenderLine(Tender.CARD, 99_900)], CASHIER),
                 "return:h-1:1")
    settle = fiscal.issue(clerk, settlement_draft([goods_line("Ноутбук", 8_999_000)], CASHIER,
                                                  credit_note("КД-2026/000123")), "settle:h-2")
    sale = fiscal.issue(clerk, certificate_sale_draft("GC000000000031", 500_000,
                                                      [TenderLine(Tender.CASH, 500_000, 500_000, 0)], CASHIER),
                        "certificate:GC000000000031")
    assert [t for t in fake.register.tape if "ВОЗВРАТ ПРИХОДА" in t]
    assert "Кредитный договор № КД-2026/000123" in settle.text and "ЗАЧЁТ АВАНСА" in settle.text
    assert "АВАНС" in sale.text and "НДС 20/120" in sale.text
    assert [status for _, _, status in _rows(fiscal.db)] == ["done"] * 3


# --- idempotency and the pending row ---------------------------------------------------------------------------


def test_the_same_ref_is_one_receipt_printed_once(fiscal, fake, clerk):
    first = fiscal.issue(clerk, cash_draft(), "sell:h-1")
    again = fiscal.issue(clerk, cash_draft(), "sell:h-1")
    assert again.uuid == first.uuid and again.fiscal_document == first.fiscal_document
    assert len(fake.register.printed("sell")) == 1 and fake.register.posted == [first.uuid]
    assert fiscal.find("sell:h-1") == first and fiscal.find("sell:other") is None


def test_the_pending_row_is_committed_before_the_register_is_asked(db, clock, fake, clerk):
    seen = []

    class Watching(FiscalService):
        def _drive(self, uuid, task):
            with db.read() as s:  # another session: only committed rows are visible
                seen.append(s.scalars(select(FiscalReceipt.status).where(FiscalReceipt.uuid == uuid)).one())
            return super()._drive(uuid, task)

    service = Watching(db, clock, FiscalMode.ATOL, fake.url, transport=atol_service(db, clock, fake.url).client)
    service.issue(clerk, cash_draft(), "sell:h-1")
    assert seen == ["pending"]


# --- register errors: a Russian message and a retry that works --------------------------------------------------


@pytest.mark.parametrize(("switch", "value", "code", "words"), [
    ("paper", False, "fiscal.no_paper", "чековая лента"),
    ("device_online", False, "fiscal.device_offline", "Касса не подключена"),
    ("busy", True, "fiscal.busy", "Касса занята"),
])
def test_a_register_error_is_said_in_russian_and_the_retry_prints_once(fiscal, fake, clerk, switch, value, code, words):
    setattr(fake.register, switch, value)
    with pytest.raises(FiscalError) as caught:
        fiscal.issue(clerk, cash_draft(), "sell:h-1")
    assert caught.value.code == code and caught.value.retryable and words in str(caught.value)
    assert _rows(fiscal.db) == [("sell:h-1", "sell", "failed")] and fake.register.tape == []
    setattr(fake.register, switch, not value)
    view = fiscal.issue(clerk, cash_draft(), "sell:h-1")
    assert view.status == "done" and len(fake.register.printed("sell")) == 1
    assert len(set(fake.register.posted)) == 2  # the failed attempt's uuid is never reused


def test_a_shift_over_24_hours_asks_for_the_z_report_first(fiscal, fake, clerk):
    fake.register.shift = "expired"
    with pytest.raises(FiscalError) as caught:
        fiscal.issue(clerk, cash_draft(), "sell:h-1")
    assert caught.value.code == "fiscal.shift_expired" and "Z-отчёт" in str(caught.value)
    z_text = fiscal.close_shift(clerk)
    assert "Z-ОТЧЁТ" in z_text and fake.register.shift == "closed"
    assert fiscal.issue(clerk, cash_draft(), "sell:h-1").status == "done"  # opens the shift, then prints


def test_a_closed_register_shift_is_opened_for_the_receipt(fiscal, fake, clerk):
    fake.register.shift = "closed"
    view = fiscal.issue(clerk, cash_draft(), "sell:h-1")
    assert view.status == "done" and fake.register.shift == "opened"
    assert [kind for _, kind, _ in _rows(fiscal.db)] == ["sell", "openShift"]
    assert len(fake.register.printed("openShift")) == 1 and CASHIER in fake.register.printed("openShift")[0]


def test_a_web_server_that_does_not_answer_is_offline_and_the_retry_prints_once(db, clock, clerk):
    server = fake_server(clock)
    server.register.shift = "opened"
    url = server.url
    server.stop()
    with pytest.raises(FiscalError) as caught:
        atol_service(db, clock, url).issue(clerk, cash_draft(), "sell:h-1")
    assert caught.value.code == "fiscal.server_offline" and url in str(caught.value) and caught.value.retryable
    assert _rows(db) == [("sell:h-1", "sell", "pending")]  # the register may have it: asked first next time
    again = fake_server(clock)
    try:
        again.register.shift = "opened"
        view = atol_service(db, clock, again.url).issue(clerk, cash_draft(), "sell:h-1")
        assert view.status == "done" and len(again.register.printed("sell")) == 1
    finally:
        again.stop()


# --- the crash between the print and the record -----------------------------------------------------------------


def test_a_reply_lost_after_printing_is_settled_by_asking_never_printed_twice(db, clock, fiscal, fake, clerk):
    fake.register.lose_next_reply = True
    with pytest.raises(FiscalError) as caught:
        fiscal.issue(clerk, cash_draft(), "sell:h-1")
    assert caught.value.code == "fiscal.server_offline"
    assert len(fake.register.printed("sell")) == 1 and _rows(db) == [("sell:h-1", "sell", "pending")]
    # The app restarts: a new service reconciles the pending receipt by its uuid.
    (view,) = atol_service(db, clock, fake.url).reconcile()
    assert view.status == "done" and view.fiscal_document == 1
    assert len(fake.register.printed("sell")) == 1 and len(fake.register.posted) == 1
    assert fiscal.issue(clerk, cash_draft(), "sell:h-1").uuid == view.uuid


def test_the_retry_after_a_lost_reply_asks_the_register_before_sending(fiscal, fake, clerk):
    fake.register.lose_next_reply = True
    with pytest.raises(FiscalError):
        fiscal.issue(clerk, cash_draft(), "sell:h-1")
    view = fiscal.issue(clerk, cash_draft(), "sell:h-1")  # the clerk's «Повторить»
    assert view.status == "done" and len(fake.register.printed("sell")) == 1 and len(fake.register.posted) == 1


def test_a_pending_receipt_the_register_never_got_is_sent_again_under_its_uuid(db, clock, fake, clerk):
    crashed = atol_service(db, clock, fake.url)
    uuid, status, _ = crashed._claim(clerk, "sell:h-1", ReceiptKind.SELL, receipt_task(cash_draft()))
    assert status == "pending"  # committed; the app died before the POST
    (view,) = atol_service(db, clock, fake.url).reconcile()
    assert view.uuid == uuid and view.status == "done" and fake.register.posted == [uuid]


def test_a_receipt_still_printing_is_waited_for(fiscal, fake, clerk):
    fake.register.in_progress_polls = 3
    assert fiscal.issue(clerk, cash_draft(), "sell:h-1").status == "done"


def test_a_register_too_slow_to_answer_is_a_timeout_then_reconciled(db, clock, fake, clerk):
    fake.register.in_progress_polls = 1000
    with pytest.raises(FiscalError) as caught:
        atol_service(db, clock, fake.url, wait_seconds=0).issue(clerk, cash_draft(), "sell:h-1")
    assert caught.value.code == "fiscal.timeout" and "не пробьёт чек второй раз" in str(caught.value)
    fake.register.polls.clear()
    (view,) = atol_service(db, clock, fake.url).reconcile()
    assert view.status == "done" and len(fake.register.printed("sell")) == 1


def test_reconcile_with_the_register_away_leaves_the_rows_pending(db, clock, fiscal, fake, clerk):
    fake.register.lose_next_reply = True
    with pytest.raises(FiscalError):
        fiscal.issue(clerk, cash_draft(), "sell:h-1")
    fake.stop()
    (view,) = fiscal.reconcile()
    assert view.status == "pending" and "ЧЕК НЕ ПОДТВЕРЖДЁН КАССОЙ" in view.text


def test_the_register_says_its_paper_and_shift(fiscal, fake):
    fake.register.paper = False
    status = fiscal.register_status()
    assert (status.paper, status.cover_open, status.shift) == (False, False, "opened")
    fake.register.device_online = False
    with pytest.raises(FiscalError) as caught:
        fiscal.register_status()
    assert caught.value.code == "fiscal.device_offline"
    fake.stop()
    with pytest.raises(FiscalError) as caught:
        fiscal.register_status()
    assert caught.value.code == "fiscal.server_offline"


# --- mode none ----------------------------------------------------------------------------------------------------


def test_mode_none_records_the_receipt_as_not_fiscal_without_a_register(db, clock, clerk):
    fiscal = FiscalService(db, clock, FiscalMode.NONE, "http://127.0.0.1:9")  # nothing listens there
    view = fiscal.issue(clerk, cash_draft(), "sell:h-1")
    assert view.status == "not_fiscal" and view.fiscal_document is None and view.fiscal_sign is None
    assert "НЕ ФИСКАЛЬНЫЙ ДОКУМЕНТ" in view.text and rub(1_299_000) in view.text and CASHIER in view.text
    assert fiscal.issue(clerk, cash_draft(), "sell:h-1").uuid == view.uuid
    assert fiscal.reconcile() == []
    fiscal.open_shift(clerk)
    assert "НЕ ФИСКАЛЬНЫЙ ДОКУМЕНТ" in fiscal.x_report(clerk)


def test_an_unknown_uuid_is_a_clear_error(fiscal):
    with pytest.raises(FiscalError) as caught:
        fiscal.receipt("00000000-0000-4000-8000-000000000000")
    assert caught.value.code == "fiscal.unknown_receipt" and not caught.value.retryable


def test_the_fake_runs_on_its_own_for_a_manual_run_and_prints_each_document(capsys):
    stop = threading.Event()
    runner = threading.Thread(target=fake_atol.main, args=(["--port", "0"], stop), daemon=True)
    runner.start()
    try:
        out = _wait_for(capsys, "fake ATOL web server on ")
        url = out.split("fake ATOL web server on ", 1)[1].split()[0]
        AtolClient(url).run("00000000-0000-4000-8000-000000000001", [shift_task(ReceiptKind.OPEN_SHIFT, CASHIER)])
        assert "ОТЧЁТ ОБ ОТКРЫТИИ СМЕНЫ" in _wait_for(capsys, "ОТКРЫТИИ СМЕНЫ")
    finally:
        stop.set()
        runner.join(5)
    assert not runner.is_alive()


def _wait_for(capsys, text, seconds=5.0):
    seen = ""
    deadline = time.monotonic() + seconds
    while text not in seen and time.monotonic() < deadline:
        seen += capsys.readouterr().out
        time.sleep(0.02)
    return seen
