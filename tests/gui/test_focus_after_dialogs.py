"""After any dialog closes (accepted or rejected), the next scan and the next F-key reach the current page
without a click: a box scanned on Размещение is taken by the page, and F4 («Отменить коробку») runs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.services.money.model import PaymentOptions
from tests.gui.fixtures import log_in
from tests.gui.typing import focus_target, scan_keys
from tests.support.factories import box_barcode, make_cell, make_order
from ui import dialogs
from ui.hardware.camera_dialog import CameraDialog
from ui.hardware.frames import NO_CAMERA, FrameSource
from ui.hardware.print_ui import ask_retry
from ui.hardware.scanner_wizard import ScannerWizard
from ui.pages.credit_dialog import ask_credit_agreement
from ui.pages.payment_dialog import ask_tenders


class _NoCamera(FrameSource):
    unavailable_reason = NO_CAMERA

    def start(self) -> None:
        raise AssertionError("must not start")

    def stop(self) -> None:
        pass


def _camera(window) -> None:
    """The camera window is not modal: it is shown, then closed by the clerk."""
    camera = CameraDialog(window, source=_NoCamera())
    camera.show()
    QTest.qWaitForWindowExposed(camera)
    _close_active(camera, _closing[0])


DIALOGS: dict[str, Callable] = {
    "confirm close shift": lambda w: w._on_close_shift_requested(),
    "open shift question": lambda w: w.shifts.offer_to_open(),
    "hot keys box": lambda w: w._on_help_requested(),
    "about box": lambda w: w._on_about_requested(),
    "shift close sessions": lambda w: w.shifts.ask_about_open_sessions([], []),
    "id document": lambda w: dialogs.ask_id_document(w.current_page(), {"passport": "Паспорт"}),
    "power of attorney": lambda w: dialogs.ask_text(w.current_page(), "Доверенность", "Номер доверенности:"),
    "refusal": lambda w: dialogs.ask_refusal(w.current_page(), "Смартфон", 1, {"changed_mind": "Передумал"}),
    "payment": lambda w: ask_tenders(w.current_page(), PaymentOptions(150_000, False, None, 750, 0),
                                     lambda n, p: None, w.ctx.tasks.run, w.ctx.zone()),
    "credit agreement": lambda w: ask_credit_agreement(w.current_page(), "100200300"),
    "printing error": lambda w: ask_retry(w, "Принтер не отвечает."),
    "scanner wizard": lambda w: ScannerWizard(w).exec(),
    "camera": _camera,
}
_closing = ["accept"]


def _close_active(dialog, how: str) -> None:
    """The clerk's key: Enter accepts, Esc cancels (typed into the dialog)."""
    key = Qt.Key.Key_Escape if how == "reject" or isinstance(dialog, (ScannerWizard, CameraDialog)) else \
        Qt.Key.Key_Return
    QTest.keyClick(QApplication.focusWidget() if dialog.isAncestorOf(QApplication.focusWidget()) else dialog, key)


def _close_when_shown(how: str) -> None:
    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, attempt)
            return
        _close_active(modal, how)
        if QApplication.activeModalWidget() is modal:  # Enter on a wizard page: close it for good
            modal.reject()

    QTimer.singleShot(10, attempt)


@pytest.fixture
def placement(qtbot, shell):
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="arrived", boxes=1)
        make_cell(s, shell.point, "CA0101", size="M")
    log_in(qtbot, shell)
    page = shell.window.page_named("PlacementPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)
    del shell.window.shifts.offer_to_open  # log_in replaced the question; the test opens the real one
    return page, box_barcode(shell.point.code, order.number, 1)


@pytest.mark.parametrize("how", ["accept", "reject"])
@pytest.mark.parametrize("kind", list(DIALOGS))
def test_scan_and_f_key_reach_the_page_after_a_dialog(qtbot, shell, placement, kind, how):
    page, box = placement
    window = shell.window
    _closing[0] = how
    if kind != "camera":
        _close_when_shown(how)
    DIALOGS[kind](window)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.wait(20)  # the event loop runs on, as between a dialog and the clerk's next scan
    qtbot.waitUntil(lambda: not page.busy)
    with qtbot.waitSignal(window.dispatcher.scan_routed, timeout=3000) as routed:
        scan_keys(window, box)
    assert routed.args == ["box", "PlacementPage"]
    qtbot.waitUntil(lambda: not page.busy)
    with qtbot.waitSignal(shell.ctx.feedback.shown, timeout=3000) as shown:
        QTest.keyClick(focus_target(window), Qt.Key.Key_F4)
    assert "снята с выбора" in shown.args[1]
    qtbot.waitUntil(lambda: not shell.ctx.tasks._live, timeout=5000)  # a shift closed by «Yes» finishes here
