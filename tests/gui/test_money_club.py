"""The club page's money: the customer's bonus balance and entries (F3), selling a gift certificate (F4 or a scan)
through the register with the receipt's slip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop.db.models import OutboxEvent
from tests.gui.fixtures import log_in
from tests.gui.money_support import CARD, PHONE, certificate, club_order, visible_slips, when_modal
from ui.pages.certificate_sale import CertificateSaleDialog

STOCK = "GC000000000031"


def _club_page(qtbot, shell):
    log_in(qtbot, shell)
    page = shell.window.page_named("ClubPage")
    shell.window.show_page(page)
    return page


def test_f3_shows_the_balance_and_its_entries(qtbot, shell):
    club_order(shell.ctx.db, shell.point, points=1990)
    page = _club_page(qtbot, shell)
    assert not page.balance.isVisible()
    page.phone.setText(PHONE)
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        QTest.keyClick(shell.window, Qt.Key.Key_F3)
    assert page.balance.isVisible()
    assert (page.balance.available.text(), page.balance.confirmed.text()) == ("1990", "1990")
    assert (page.balance.pending.text(), page.balance.reserved.text()) == ("0", "0")
    assert page.balance.entries.rowCount() == 1
    assert page.balance.entries.row(0)[1:] == ("приветственные баллы", "+1990", "—", "подтверждено")
    assert shell.ctx.feedback.title == "Баллов можно списать: 1990"
    rows = page.balance.table.verticalHeader().defaultSectionSize()
    assert page.balance.table.height() >= 6 * rows  # the header and five entries in sight (the page scrolls)
    page.clear()  # F12: the next customer sees nothing of this one
    assert not page.balance.isVisible() and page.balance.entries.rowCount() == 0


def test_balance_by_card_and_an_unknown_customer(qtbot, shell):
    club_order(shell.ctx.db, shell.point, points=700)
    page = _club_page(qtbot, shell)
    page.card.setText(CARD)
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        page._on_balance()
    assert page.balance.available.text() == "700"
    page.clear()
    page._on_balance()  # nothing typed: nothing asked, the clerk is told what to type
    assert not page.busy and shell.ctx.feedback.title == "Чей баланс?"


def test_a_scanned_stock_certificate_is_sold_for_cash_with_its_receipt(qtbot, shell):
    certificate(shell.ctx.db, STOCK, balance=None, status="stock", face=500_000)
    page = _club_page(qtbot, shell)

    def sell(dialog: CertificateSaleDialog) -> None:
        qtbot.waitUntil(lambda: dialog.found is not None, timeout=10000)
        assert dialog.face.currentData() == 500_000 and not dialog.face.isEnabled()
        dialog.cash.setText("5000")
        QTest.keyClick(dialog, Qt.Key.Key_F10)
        assert dialog.sale is not None, dialog.error.text()

    failures = when_modal(CertificateSaleDialog, sell)
    page.sell_certificate(STOCK)  # as a scan of the certificate on this page does
    qtbot.waitUntil(lambda: bool(failures) or bool(visible_slips()), timeout=15000)
    if failures:
        raise failures[0]
    assert shell.ctx.feedback.title == "Сертификат продан"
    assert STOCK in shell.ctx.feedback.text
    slip = visible_slips()[0].slip.toPlainText()
    assert "5\u202f000,00" in slip
    with shell.ctx.db.read() as s:
        sold = s.scalars(select(OutboxEvent.type).where(OutboxEvent.type == "certificate.sold")).all()
    assert sold == ["certificate.sold"]
