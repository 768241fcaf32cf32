"""Hand typing through the wedge detector where the tour tripped (issue 17): modal dialogs, a completer, a stall.

Keys are synthetic QKeyEvents with explicit window-system timestamps, sent where Qt sends a key: to an open
popup (it forwards to its field), else to the focus widget — fetched afresh for every key and never kept, as
Qt's own delivery does not keep a Python wrapper either.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from shiboken6 import Shiboken

from tests.gui.fixtures import log_in
from ui.dialogs import ask_id_document
from ui.scanner import WedgeScanner

HAND_MS = 140  # a clerk's pace
SCANNER_MS = 8  # a wedge scanner's pace


def _key(ch: str, stamp: int) -> None:
    """One key press as the window system delivers it, to the receiver Qt picks now."""
    popup = QApplication.activePopupWidget()
    target = (popup.focusWidget() or popup) if popup is not None else QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard"
    if ch in "\r\t":
        key, text = (Qt.Key.Key_Return if ch == "\r" else Qt.Key.Key_Tab), ch
    else:
        key, text = (Qt.Key(ord(ch.upper())) if ch.isascii() else Qt.Key.Key_unknown), ch
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    event.setTimestamp(stamp)
    QCoreApplication.sendEvent(target, event)


def _type(text: str, start: int, gap_ms: int) -> int:
    for i, ch in enumerate(text):
        _key(ch, start + gap_ms * i)
    return start + gap_ms * len(text)


def _default_detector(shell) -> WedgeScanner:
    """The shell's detector (tuned slow for the other tests) replaced by the shipped default timing."""
    app = QApplication.instance()
    shell.scanner.uninstall(app)
    scanner = WedgeScanner()
    scanner.scan_received.connect(shell.window.scans.enqueue)
    scanner.install(app)
    shell.scanner = scanner  # the fixture uninstalls it at the end
    return scanner


def _is(widget: QWidget | None, other: QWidget | None) -> bool:
    """The same C++ widget (wrappers of widgets Qt made itself are not kept, so `is` cannot tell)."""
    return widget is not None and other is not None and Shiboken.getCppPointer(widget) == Shiboken.getCppPointer(other)


def _in_modal_dialog(qtbot, text: str, start: int, tabs: int = 0) -> None:
    """Once the modal dialog is up: Tab `tabs` times, type `text` by hand into its field, then Enter."""
    try:
        qtbot.waitUntil(lambda: _is(QApplication.activeWindow(), QApplication.activeModalWidget()))
        for i in range(tabs):
            _key("\t", start - HAND_MS * (tabs - i))
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
        end = _type(text, start, HAND_MS)
        _key("\r", end + HAND_MS)
    finally:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:  # the test failed: never leave a modal loop running
            dialog.close()


def test_damage_note_typed_by_hand_into_the_input_dialog_of_f5_arrives_whole(qtbot, shell, monkeypatch):
    _default_detector(shell)
    log_in(qtbot, shell)
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    page.last_received = "B004250000000101"
    noted: list[tuple[str, str]] = []
    monkeypatch.setattr(shell.ctx.services.receiving, "flag_damaged",
                        lambda actor, box, note: noted.append((box, note)))
    QTimer.singleShot(0, lambda: _in_modal_dialog(qtbot, "повреждена упаковка", 200_000))
    page._on_damage()  # what F5 does: a QInputDialog.getText, run in its own event loop
    qtbot.waitUntil(lambda: noted != [])
    assert noted == [("B004250000000101", "повреждена упаковка")]


def test_id_document_number_typed_by_hand_arrives_whole(qtbot, shell):
    _default_detector(shell)
    QTimer.singleShot(0, lambda: _in_modal_dialog(qtbot, "4512", 300_000, tabs=1))
    answer = ask_id_document(shell.window, {"passport": "Паспорт РФ"})
    assert answer == ("passport", "4512")


def test_city_typed_by_hand_with_the_completer_open_keeps_its_letters_in_order(qtbot, shell):
    _default_detector(shell)
    log_in(qtbot, shell)
    page = shell.window.page_named("ClubPage")
    shell.window.show_page(page)
    page.city.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.city)  # an editable combo box forwards to its field
    seen_popup: list[bool] = []
    stamp = 400_000
    for ch in "Москва":
        _key(ch, stamp)
        stamp += HAND_MS
        seen_popup.append(QApplication.activePopupWidget() is not None)
    qtbot.waitUntil(lambda: page.city.lineEdit().text() == "Москва", timeout=2000)
    assert any(seen_popup)  # the completer's list was open while the clerk typed


def _loop_turn_after_a_stall(scanner) -> None:
    """The event loop comes back from a stall: every timer of the detector that is due fires once, before
    the keys queued in the window system meanwhile are read."""
    due = [timer for timer in scanner.findChildren(QTimer) if timer.isActive()]
    for timer in due:
        if timer.isSingleShot():
            timer.stop()
        timer.timeout.emit()


def test_a_stall_in_the_middle_of_a_scan_does_not_split_it(qtbot, shell):
    scanner = _default_detector(shell)
    field = QLineEdit(shell.window)
    field.show()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    scans: list[str] = []
    scanner.scan_received.connect(scans.append)
    code = "2000000000018"  # 13 digits
    after = _type(code[:3], 500_000, SCANNER_MS)
    _loop_turn_after_a_stall(scanner)  # 300 ms of work on the GUI thread, in two parts,
    _loop_turn_after_a_stall(scanner)  # while the scanner's next keys wait in the queue
    end = _type(code[3:], after, SCANNER_MS)  # pressed 8 ms apart all along: their timestamps say so
    _key("\r", end)
    assert scans == [code]
    assert field.text() == ""
