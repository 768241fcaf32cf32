"""The handover's money step on the real page and services: F9 → points + certificate + cash through the payment
dialog, the receipt's slip at completion; a register error → «Повторить»; a credit order's agreement step."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.db.models import OutboxEvent
from desktop.fiscal.fake_atol import FakeAtolServer, FakeRegister
from desktop.fiscal.model import FiscalMode
from desktop.fiscal.service import FiscalService
from desktop.services.handover import HandoverService
from desktop.services.money import TenderInput
from tests.gui.fixtures import log_in
from tests.gui.money_support import CODE, PIN, certificate, club_order, visible_slips, when_modal
from tests.gui.typing import scan_keys
from ui.pages import register_call
from ui.pages.credit_dialog import CreditAgreementDialog
from ui.pages.payment_dialog import PaymentDialog

GC = "GC000000000017"


def _ready_to_pay(qtbot, shell, number: str, box: str):
    log_in(qtbot, shell)
    page = shell.window.page_named("HandoverPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)
    for code in (number, CODE, box):
        with qtbot.waitSignal(page.became_idle, timeout=10000):
            scan_keys(shell.window, code)
    assert page.state is not None and page.state.missing_steps[-1:] in (("payment",), ("credit_agreement",))
    return page


def _completed(shell) -> dict:
    with shell.ctx.db.read() as s:
        payload = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == "handover.completed")).one()
    return json.loads(payload)


def _pay_mixed(qtbot, shell, dialog: PaymentDialog) -> None:
    """The clerk at the keyboard: 500 points, the certificate (scanned, PIN), the rest in cash with change.
    Fields are filled, then Enter (typed at full speed the keys would be a scanner's burst to the app's filter)."""
    dialog.points.setText("500")
    QTest.keyClick(dialog.points, Qt.Key.Key_Return)
    shell.window.scans.enqueue(GC)  # the wedge scanner's scan: the open payment dialog takes it
    qtbot.waitUntil(lambda: dialog.certificates.number.text() == GC, timeout=5000)
    dialog.certificates.pin.setText(PIN)
    QTest.keyClick(dialog.certificates.pin, Qt.Key.Key_Return)
    box = dialog.certificates
    qtbot.waitUntil(lambda: box.amount.text() != "" or "b00020" in box.info.styleSheet(), timeout=10000)
    assert dialog.certificates.amount.text() == "1000", dialog.certificates.info.text()
    QTest.keyClick(dialog.certificates.amount, Qt.Key.Key_Return)
    QTest.keyClick(dialog.certificates.number, Qt.Key.Key_Return)
    QTest.keyClick(dialog.card, Qt.Key.Key_Return)
    dialog.cash.setText("24000")
    QTest.keyClick(dialog.cash, Qt.Key.Key_Return)
    assert dialog.tenders is not None, (dialog.error.text(), dialog.remaining.text(), dialog.certificates.info.text())


def test_points_certificate_and_cash_pay_the_handover_and_the_receipt_is_shown(qtbot, shell):
    number, box = club_order(shell.ctx.db, shell.point, points=2000, price=2_500_000)
    certificate(shell.ctx.db, GC, balance=100_000)
    page = _ready_to_pay(qtbot, shell, number, box)
    seen: list[str] = []
    failures = when_modal(PaymentDialog, lambda d: (seen.append(d.points_info.text()), _pay_mixed(qtbot, shell, d)))
    page._on_pay()  # F9
    qtbot.waitUntil(lambda: bool(failures) or page.state.payment is not None, timeout=15000)
    if failures:
        raise failures[0]
    qtbot.waitUntil(lambda: page.state is not None and page.state.payment is not None, timeout=15000)
    assert "доступно 2000" in seen[0] and "до 2000" in seen[0]  # a half of 25 000 ₽ is more than the balance
    assert shell.ctx.feedback.title == "СДАЧА 500,00 ₽"  # 25 000 − 500 − 1 000 = 23 500 in cash, of 24 000
    with qtbot.waitSignal(page.became_idle, timeout=15000):
        page._on_complete()  # F10
    assert page.state is None
    tenders = _completed(shell)["payment"]["tenders"]
    assert [(t["kind"], t["amount"]) for t in tenders] == [("points", 50_000), ("certificate", 100_000),
                                                          ("cash", 2_350_000)]
    slips = visible_slips()
    assert len(slips) == 1 and "НЕ ФИСКАЛЬНЫЙ" in slips[0].slip.toPlainText()  # no register: the demo's mode
    assert "Ноутбук ASUS Vivobook 15" in slips[0].slip.toPlainText()
    assert QApplication.activeModalWidget() is None  # not modal: the next customer's scan is taken meanwhile
    QTest.keyClick(slips[0], Qt.Key.Key_Escape)
    assert visible_slips() == []


def test_a_register_error_offers_retry_and_the_payment_goes_through_once(qtbot, shell, monkeypatch):
    number, box = club_order(shell.ctx.db, shell.point, points=0, price=150_000)
    fake = FakeRegister()
    fake.paper = False
    with FakeAtolServer(fake) as server:
        fiscal = FiscalService(shell.ctx.db, mode=FiscalMode.ATOL, url=server.url)
        shell.ctx.services.handover = HandoverService(shell.ctx.db, fiscal=fiscal)
        page = _ready_to_pay(qtbot, shell, number, box)
        asked: list[str] = []

        def ask(_parent, text: str) -> bool:
            asked.append(text)
            fake.paper = True  # the clerk put a new roll in
            return True

        monkeypatch.setattr(register_call, "ask_register_retry", ask)
        page.pay([TenderInput("card", 150_000)])
        qtbot.waitUntil(lambda: page.state.payment is not None, timeout=20000)
    assert asked == ["В кассе закончилась чековая лента. Вставьте новый рулон и повторите."]
    assert len(fake.printed("sell")) == 1  # printed once, after the retry
    assert page.state.payment.receipt is not None
    assert "Чек напечатан кассой" in shell.ctx.feedback.text


def test_a_register_error_cancelled_leaves_the_order_unpaid(qtbot, shell, monkeypatch):
    number, box = club_order(shell.ctx.db, shell.point, points=0, price=150_000)
    fake = FakeRegister()
    fake.device_online = False
    with FakeAtolServer(fake) as server:
        fiscal = FiscalService(shell.ctx.db, mode=FiscalMode.ATOL, url=server.url)
        shell.ctx.services.handover = HandoverService(shell.ctx.db, fiscal=fiscal)
        page = _ready_to_pay(qtbot, shell, number, box)
        monkeypatch.setattr(register_call, "ask_register_retry", lambda _parent, _text: False)
        with qtbot.waitSignal(page.became_idle, timeout=20000):
            page.pay([TenderInput("cash", 150_000, tendered_kopecks=200_000)])
    assert shell.ctx.feedback.kind.value == "error"
    assert shell.ctx.feedback.title == "Касса: чек не напечатан"
    assert "Касса не подключена" in shell.ctx.feedback.text
    assert page.state.payment is None and "payment" in page.state.missing_steps
    assert fake.printed("sell") == []


def test_a_credit_order_asks_the_signed_agreement_instead_of_money(qtbot, shell):
    number, box = club_order(shell.ctx.db, shell.point, points=500, kind="credit", price=9_000_000)
    log_in(qtbot, shell)
    page = shell.window.page_named("HandoverPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)
    for code in (number, CODE, box):
        with qtbot.waitSignal(page.became_idle, timeout=10000):
            scan_keys(shell.window, code)
    assert "кредитный договор (F9)" in page.panel.steps.text()
    assert page.panel.due.text() == "Кредит банка: оплата не нужна"

    def sign(dialog: CreditAgreementDialog) -> None:
        # the agreement's barcode, typed by the wedge scanner into the open dialog (through the scan queue)
        scan_keys(dialog, "KD-2026/000123")
        qtbot.waitUntil(lambda: dialog.number.text() == "KD-2026/000123", timeout=5000)
        assert dialog.signed.hasFocus()
        dialog.signed.setChecked(True)  # «Клиент подписал договор»
        QTest.keyClick(dialog.signed, Qt.Key.Key_Return)
        assert dialog.answer is not None, dialog.error.text()

    failures = when_modal(CreditAgreementDialog, sign)
    page._on_pay()  # F9
    qtbot.waitUntil(lambda: bool(failures) or page.state.credit_agreement is not None, timeout=10000)
    if failures:
        raise failures[0]
    qtbot.waitUntil(lambda: page.state.credit_agreement is not None, timeout=10000)
    assert page.state.credit_agreement == "KD-2026/000123"
    assert page.panel.due.text() == "Кредит банка, договор KD-2026/000123"
    assert "credit_agreement" not in page.state.missing_steps
    assert shell.ctx.feedback.title == "Договор записан"
