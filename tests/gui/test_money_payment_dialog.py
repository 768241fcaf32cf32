"""The payment dialog with mixed tenders, typed from the keyboard: points + certificate + cash add up, errors shown."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.point_time import zone_named
from desktop.services.money.model import BonusBalance, CertificateView, PaymentOptions, TenderInput
from protocol.errors import DomainError
from ui.pages.payment_dialog import PaymentDialog
from ui.workers import TaskRunner, ignore_bug

NUMBER, PIN = "GC000000000017", "12345678"


def _options(due: int = 250_000, usable: int = 1250, available: int = 2000, reserved: int = 0) -> PaymentOptions:
    balance = BonusBalance(confirmed=available + reserved, pending=40, reserved=reserved, available=available,
                           entries=())
    return PaymentOptions(due_kopecks=due, credit=False, balance=balance, points_cap=1250, points_usable=usable)


def _check(number: str, pin: str) -> CertificateView:
    if pin != PIN:
        raise DomainError("money.certificate_wrong_pin", number=number)
    return CertificateView(number=number, status="active", face_kopecks=300_000, balance_kopecks=100_000,
                           available_kopecks=100_000, expires_at=datetime(2027, 6, 1, tzinfo=UTC))


@pytest.fixture
def dialog(qtbot):
    def build(options: PaymentOptions | None = None) -> PaymentDialog:
        made = PaymentDialog(None, options or _options(), _check, TaskRunner(ignore_bug).run, zone_named(None))
        qtbot.addWidget(made)
        made.show()
        qtbot.waitExposed(made)
        made.activateWindow()
        qtbot.waitUntil(lambda: made.points.hasFocus())
        return made
    return build


def _type(qtbot, widget, text: str, enter: bool = True) -> None:
    qtbot.keyClicks(widget, text)
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


def test_points_certificate_and_cash_add_up_with_change(qtbot, dialog):
    d = dialog()
    assert "доступно 2000" in d.points_info.text() and "до 1250" in d.points_info.text()
    assert "2\u202f500,00" in d.remaining.text()
    _type(qtbot, d.points, "500")  # Enter moves on to the certificate
    assert d.certificates.number.hasFocus()
    assert "2\u202f000,00" in d.remaining.text()
    _type(qtbot, d.certificates.number, NUMBER)
    assert d.certificates.pin.hasFocus()
    assert d.certificates.pin.echoMode() is d.certificates.pin.EchoMode.Password  # the PIN is never shown
    _type(qtbot, d.certificates.pin, PIN)
    qtbot.waitUntil(lambda: d.certificates.amount.hasFocus())
    assert "остаток 1\u202f000,00" in d.certificates.info.text()
    assert d.certificates.amount.text() == "1000"  # its balance, at most what is left to pay
    QTest.keyClick(d.certificates.amount, Qt.Key.Key_Return)
    assert d.certificates.model.rowCount() == 1
    assert "1\u202f000,00" in d.remaining.text()
    QTest.keyClick(d.certificates.number, Qt.Key.Key_Return)  # no more certificates: on to the card
    assert d.card.hasFocus()
    QTest.keyClick(d.card, Qt.Key.Key_Return)
    _type(qtbot, d.cash, "1500", enter=False)
    assert d.change.text() == "500,00 ₽"
    assert "0,00" in d.remaining.text()
    QTest.keyClick(d.cash, Qt.Key.Key_Return)
    assert d.result() == d.DialogCode.Accepted
    assert d.tenders == [
        TenderInput("points", 50_000),
        TenderInput("certificate", 100_000, certificate=NUMBER, pin=PIN),
        TenderInput("cash", 100_000, tendered_kopecks=150_000),
    ]


def test_wrong_pin_is_shown_red_and_asked_again(qtbot, dialog):
    d = dialog()
    d.take_scan(NUMBER)  # a scan while the dialog is open goes to the certificate, the PIN is asked next
    assert d.certificates.number.text() == NUMBER and d.certificates.pin.hasFocus()
    _type(qtbot, d.certificates.pin, "00000000")
    qtbot.waitUntil(lambda: "b00020" in d.certificates.info.styleSheet())
    assert d.certificates.info.text() == str(DomainError("money.certificate_wrong_pin", number=NUMBER))
    assert d.certificates.pin.text() == "" and d.certificates.pin.hasFocus()
    assert d.certificates.model.rowCount() == 0


def test_not_adding_up_is_refused_with_the_reason(qtbot, dialog):
    d = dialog()
    QTest.keyClick(d, Qt.Key.Key_F4)
    assert d.card.hasFocus()
    _type(qtbot, d.card, "3000", enter=False)
    assert "больше, чем к оплате" in d.error.text()
    d.card.clear()
    _type(qtbot, d.card, "1000", enter=False)
    QTest.keyClick(d, Qt.Key.Key_F10)
    assert d.result() != d.DialogCode.Accepted and d.isVisible()
    assert "осталось 1\u202f500,00" in d.error.text()
    QTest.keyClick(d, Qt.Key.Key_F6)  # the rest by card
    assert d.card.text() == "2500"
    QTest.keyClick(d, Qt.Key.Key_F10)
    assert d.tenders == [TenderInput("card", 250_000)]


def test_points_beyond_the_cap_are_refused_and_no_card_means_no_points(qtbot, dialog):
    d = dialog()
    _type(qtbot, d.points, "1300", enter=False)
    assert d.error.text() == "Баллов больше, чем можно списать: не больше 1250."
    QTest.keyClick(d, Qt.Key.Key_F7)  # cash without change for the rest
    QTest.keyClick(d, Qt.Key.Key_F10)
    assert d.tenders is None and d.isVisible()
    d.points.setText("1250")
    QTest.keyClick(d, Qt.Key.Key_F7)
    assert d.cash.text() == "1250"
    QTest.keyClick(d, Qt.Key.Key_F10)
    assert d.tenders == [TenderInput("points", 125_000), TenderInput("cash", 125_000, tendered_kopecks=125_000)]
    bare = PaymentOptions(due_kopecks=100_000, credit=False, balance=None, points_cap=500, points_usable=0)
    d2 = PaymentDialog(None, bare, _check, TaskRunner(ignore_bug).run, zone_named(None))
    qtbot.addWidget(d2)
    assert not d2.points.isEnabled()
    assert "нет активной клубной карты" in d2.points_info.text()
