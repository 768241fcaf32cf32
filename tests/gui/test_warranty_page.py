"""Гарантия (issue 13): the whole intake from a scanned claim number to the printed act and label, the claim
opened from an order, a serial mismatch allowed by the manager, an ended warranty, photos and no camera."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog
from sqlalchemy import select

from desktop.db.claim_models import Claim
from desktop.db.models import Customer, Order, OutboxEvent
from protocol.claims import ClaimStatus
from tests.gui.typing import focus_target, scan_keys
from tests.gui.warranty_support import (
    CLAIM,
    ORDER,
    SERIAL,
    prefiled_claim,
    printed_shell,
    purchase,
    settle,
    show_warranty,
    wait_idle,
)
from ui.hardware.frames import FrameSource, ImageFrameSource
from ui.hardware.photo_dialog import PhotoDialog
from ui.hardware.preview import close_previews


@pytest.fixture
def printed(qtbot, db, tmp_path):
    shell = printed_shell(qtbot, db, tmp_path)
    yield shell
    settle(qtbot, shell)
    close_previews()
    shell.close()


def _frames() -> list[QImage]:
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#3060a0"))
    return [image]


def _shoot_and_close(qtbot, shots: int) -> None:
    """In the photo dialog once it is open: wait for the camera's first frame, take `shots`, «Готово»."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, PhotoDialog):
        QTimer.singleShot(10, lambda: _shoot_and_close(qtbot, shots))
        return
    qtbot.waitUntil(lambda: dialog.shoot.isEnabled(), timeout=5000)
    for _ in range(shots):
        dialog.shoot.click()
    dialog.accept()


def press(qtbot, shell, page, key: Qt.Key) -> None:
    """An F-key once the focus is back in the window (after a dialog or a finished call), then its call done."""
    qtbot.waitUntil(lambda: (QApplication.focusWidget() or page).window() is shell.window, timeout=2000)
    wait_idle(qtbot, page, lambda: QTest.keyClick(focus_target(shell.window), key))


def _scan_serial(qtbot, shell, page, serial: str) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.serial, timeout=2000)  # asked for next
    wait_idle(qtbot, page, lambda: scan_keys(shell.window, serial))


def test_the_whole_intake_from_a_scanned_claim_number_to_the_printed_act_and_label(qtbot, printed, tmp_path):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    wait_idle(qtbot, page, lambda: scan_keys(shell.window, CLAIM))  # the claim's barcode from the customer's phone
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    assert CLAIM in page.form.item.text() and "Смартфон" in page.form.item.text()
    assert page.form.fault.toPlainText() == "Не включается"  # the customer's words from the pre-filed claim
    _scan_serial(qtbot, shell, page, SERIAL)
    assert "совпадает" in page.form.serial_verdict.text()
    assert "гарантия действует" in page.form.cover.text() and not page.form.paid_consent.isVisible()
    for key in ("box", "charger", "scratches"):
        page.form.checks[key].setChecked(True)
    page.form.condition.setText("потёртости на углах")
    page.flow.camera_source = ImageFrameSource(_frames(), interval_ms=5)
    QTimer.singleShot(0, lambda: _shoot_and_close(qtbot, 2))
    page.flow.take_photos()
    shell.window.activateWindow()  # as the window manager does when a modal dialog closes (offscreen may not)
    assert len(page.form.photos) == 2 and "Фото: 2" in page.form.photo_note.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.fault, timeout=2000)  # focus after the dialog
    press(qtbot, shell, page, Qt.Key.Key_F9)
    with shell.ctx.db.read() as s:
        claim = s.scalars(select(Claim).where(Claim.number == CLAIM)).one()
        events = s.scalars(select(OutboxEvent.type)).all()
        assert claim.status == ClaimStatus.ACCEPTED
        assert claim.checklist == ["box", "charger", "scratches"] and claim.condition == "потёртости на углах"
        assert len(claim.photos) == 2
    assert "claim.accepted" in events
    assert shell.ctx.feedback.kind == "ok", shell.ctx.feedback.text
    assert (tmp_path / "document.pdf").exists()  # the intake act, two copies
    assert (tmp_path / "label.pdf").exists()  # the service box label
    assert not page.form.isEnabled() and page.flow.draft is None  # ready for the next customer


def test_a_claim_opened_from_the_order_when_the_customer_has_none(qtbot, printed, monkeypatch):
    shell = printed
    order = purchase(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (order, True))
    press(qtbot, shell, page, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: page.flow.draft is not None, timeout=5000)
    assert not page.flow.draft.prefiled and page.flow.draft.order == order
    _scan_serial(qtbot, shell, page, SERIAL)
    page.form.fault.setPlainText("Не заряжается")
    press(qtbot, shell, page, Qt.Key.Key_F9)
    with shell.ctx.db.read() as s:
        claims = s.scalars(select(Claim).where(Claim.order_number == order)).all()
    assert [c.status for c in claims] == [ClaimStatus.ACCEPTED] and not claims[0].prefiled


def test_a_serial_mismatch_is_refused_with_its_reason_and_the_manager_allows_it_with_a_note(
        qtbot, printed, monkeypatch):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    page.flow.open_claim(CLAIM)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    asked: list[str] = []
    answers = iter([None, ("ST000002", "2222", "серийный номер заменён в сервисе ранее")])  # Esc first, then OK

    def ask(_page, reason):
        asked.append(reason)
        return next(answers)

    monkeypatch.setattr("ui.pages.warranty_flow.ask_override", ask)
    _scan_serial(qtbot, shell, page, "OTHER0000001")
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=2000)  # «Разрешение менеджера» comes up with the reason
    assert "OTHER0000001" in asked[0] and shell.ctx.feedback.kind == "error"
    assert "F6" in page.form.serial_verdict.text() and not page.flow.draft.serial_settled
    press(qtbot, shell, page, Qt.Key.Key_F6)
    assert page.flow.draft.serial_settled and page.flow.draft.override_by == "manager"
    assert "разрешил менеджер" in page.form.serial_verdict.text()


def test_a_clerks_badge_does_not_allow_a_mismatch(qtbot, printed, monkeypatch):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    page.flow.open_claim(CLAIM)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    monkeypatch.setattr("ui.pages.warranty_flow.ask_override", lambda *_a: None)
    _scan_serial(qtbot, shell, page, "OTHER0000001")
    monkeypatch.setattr("ui.pages.warranty_flow.ask_override", lambda *_a: ("ST000001", "1111", "пусть будет"))
    press(qtbot, shell, page, Qt.Key.Key_F6)
    assert shell.ctx.feedback.kind == "error" and not page.flow.draft.serial_settled


def test_the_override_dialog_needs_badge_pin_and_note(qtbot, printed):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.pages.warranty_override import OverrideDialog

    dialog = OverrideDialog(printed.window, "Серийный номер не совпадает.")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.badge.setText("st000002")
    dialog.pin.setText("2222")
    assert not ok.isEnabled()  # no note yet
    dialog.note.setText("  ")
    assert not ok.isEnabled()
    dialog.note.setText("номер на плате")
    assert ok.isEnabled() and dialog.answer() == ("ST000002", "2222", "номер на плате")


def test_an_ended_warranty_says_so_and_needs_the_customers_consent_for_a_paid_repair(qtbot, printed):
    shell = printed
    purchase(shell.ctx.db, shell.point, days_ago=400)
    prefiled_claim(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    page.flow.open_claim(CLAIM)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    _scan_serial(qtbot, shell, page, SERIAL)
    assert "ГАРАНТИЯ ИСТЕКЛА" in page.form.cover.text() and page.form.paid_consent.isVisible()
    QTest.keyClick(focus_target(shell.window), Qt.Key.Key_F9)  # refused on the page: no consent ticked
    assert shell.ctx.feedback.kind == "error" and "согласен" in shell.ctx.feedback.text
    page.form.paid_consent.setChecked(True)
    press(qtbot, shell, page, Qt.Key.Key_F9)
    with shell.ctx.db.read() as s:
        claim = s.scalars(select(Claim).where(Claim.number == CLAIM)).one()
    assert claim.status == ClaimStatus.ACCEPTED and claim.cover == "paid_repair"


class _NoCamera(FrameSource):
    @property
    def unavailable_reason(self) -> str:
        return "Камера не найдена."

    def start(self) -> None:
        raise AssertionError("no camera to start")

    def stop(self) -> None:
        """Nothing runs."""


def test_without_a_camera_the_photo_dialog_says_so_and_the_intake_goes_on(qtbot, printed):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    page.flow.open_claim(CLAIM)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    page.flow.camera_source = _NoCamera()
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, look)
            return
        seen.append(dialog.preview.text())
        assert not dialog.shoot.isEnabled()
        dialog.accept()

    QTimer.singleShot(0, look)
    page.flow.take_photos()
    shell.window.activateWindow()  # as the window manager does when a modal dialog closes (offscreen may not)
    assert seen == ["Камера не найдена."]
    assert "без фото" in page.form.photo_note.text()
    _scan_serial(qtbot, shell, page, SERIAL)
    press(qtbot, shell, page, Qt.Key.Key_F9)
    with shell.ctx.db.read() as s:
        assert s.scalars(select(Claim.status).where(Claim.number == CLAIM)).one() == ClaimStatus.ACCEPTED


def test_a_claim_of_another_point_or_a_typo_is_a_clear_russian_error(qtbot, printed):
    shell = printed
    page = show_warranty(qtbot, shell)
    page.query.setText("W000000999")
    press(qtbot, shell, page, Qt.Key.Key_F2)
    assert shell.ctx.feedback.kind == "error"
    assert "W000000999" in shell.ctx.feedback.text
    page.query.setText("абв")
    press(qtbot, shell, page, Qt.Key.Key_F2)
    assert shell.ctx.feedback.kind == "error" and page.flow.draft is None


def test_a_scanned_claim_number_on_another_page_opens_the_warranty_page(qtbot, printed):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point)
    shell.window.show_page(shell.window.page_named("PlacementPage"))
    page = shell.window.page_named("WarrantyPage")
    wait_idle(qtbot, page, lambda: scan_keys(shell.window, CLAIM))
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    assert shell.window.current_page() is page


def test_the_next_clerk_never_sees_the_customer(qtbot, printed):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    page.flow.open_claim(CLAIM)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    shell.ctx.session.log_out()
    assert page.flow.draft is None and not page.form.isEnabled() and page.results.rowCount() == 0


def test_a_purchase_recorded_on_the_order_is_the_warranty_start(qtbot, printed):
    """The warranty line names the purchase day (the handover's date) and its last day from the line's months."""
    shell = printed
    purchase(shell.ctx.db, shell.point, days_ago=10, months=24)
    prefiled_claim(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    page.flow.open_claim(CLAIM)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    _scan_serial(qtbot, shell, page, SERIAL)
    with shell.ctx.db.read() as s:
        bought = s.scalars(select(Order.handed_over_at)).one()
    day = bought.astimezone(shell.ctx.zone()).date()  # the point's date of the handover
    assert "24 мес." in page.form.cover.text()
    assert f"Куплен {day:%d.%m.%Y}" in page.form.cover.text()
    assert f"последний день {day.replace(year=day.year + 2):%d.%m.%Y}" in page.form.cover.text()


def test_an_order_number_typed_without_a_claim_opens_a_new_claim_for_it(qtbot, printed):
    shell = printed
    order = purchase(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    page.query.setText(order)
    press(qtbot, shell, page, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    assert page.flow.draft.order == order and not page.flow.draft.prefiled


def test_the_customers_phone_finds_the_pre_filed_claim(qtbot, printed):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point)
    with shell.ctx.db.read() as s:
        phone = s.scalars(select(Customer.phone).join(Order).where(Order.number == ORDER)).one()
    page = show_warranty(qtbot, shell)
    page.query.setText(phone)
    press(qtbot, shell, page, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
    assert page.results.row(0)[0] == CLAIM and page.flow.draft.number == CLAIM
