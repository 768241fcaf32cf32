"""Documents from the real workflows: receipt after handover, discrepancy and return acts, shift report, errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.config import AppConfig, load_config
from desktop.documents.model import DocumentKind
from desktop.scanner_settings import ScannerConfiguration, ScannerSettings
from desktop.services.staff import StaffService
from tests.gui.fixtures import Shell, log_in, seed_point
from tests.support.factories import FAST_HASHER, box_barcode, make_order, make_shipment
from ui.context import AppContext, Services, SessionState
from ui.feedback import FeedbackBanner, SoundPlayer
from ui.hardware.frames import NO_CAMERA, FrameSource
from ui.hardware.wiring import CounterDocuments, documents_for
from ui.main_window import MainWindow
from ui.scanner import WedgeScanner


@pytest.fixture
def printed(qtbot, db, tmp_path):
    """The shell with a configuration: receipts and A4 documents print to PDF files (no real printer)."""
    from PySide6.QtWidgets import QApplication

    point, clerk, manager = seed_point(db)
    scanner_settings = ScannerConfiguration(ScannerSettings(max_interkey_ms=1000))
    services = Services.create(db, staff=StaffService(db, hasher=FAST_HASHER), scanner=scanner_settings)
    printers = {"receipt": f"pdf:{tmp_path / 'receipt.pdf'}", "document": f"pdf:{tmp_path / 'document.pdf'}"}
    config = AppConfig(backend_url="https://backend.test", data_dir=tmp_path / "data", printers=printers)
    ctx = AppContext(db, services, SessionState(), FeedbackBanner(SoundPlayer(muted=True)), scanner_settings,
                     config=config)
    window = MainWindow(ctx, "ПВЗ 0042", "")
    qtbot.addWidget(window)
    window.hardware.config_file = tmp_path / "config.toml"  # never the real user's file
    scanner = WedgeScanner(ctx.scanner)
    window.hardware.set_wedge(scanner)  # as the launcher does
    scanner.scan_received.connect(window.scans.enqueue)
    scanner.install(QApplication.instance())
    window.show()
    qtbot.waitExposed(window)
    shell = Shell(window, ctx, scanner, point, clerk, manager)
    log_in(qtbot, shell)
    yield shell
    shell.close()


def _documents(shell: Shell) -> CounterDocuments:
    documents = documents_for(shell.ctx)
    assert documents is not None
    return documents


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def _idle(qtbot, page, action):
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        action()


def _yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def _receiving_with_missing_box(qtbot, shell, monkeypatch) -> tuple[object, list[str]]:
    with shell.ctx.db.write() as s:
        shipment = make_shipment(s, shell.point, number="R2611240001")
        number = make_order(s, shell.point, boxes=2, shipment=shipment).number
    boxes = [box_barcode(shell.point.code, number, n) for n in (1, 2)]
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    _idle(qtbot, page, lambda: page.open_session("R2611240001"))
    _idle(qtbot, page, lambda: shell.window.scans.enqueue(boxes[0]))
    _yes(monkeypatch)
    _idle(qtbot, page, page._on_close)
    return page, boxes


def test_hardware_menu_sits_before_help_and_leaves_the_page_f_keys_alone(printed):
    titles = [a.text() for a in printed.window.menuBar().actions()]
    assert titles[-2:] == ["&Оборудование", "&Справка"]
    window_keys = [a.shortcut().toString() for a in printed.window.actions() if not a.shortcut().isEmpty()]
    assert not [k for k in window_keys if k.startswith("F") and k != "F1"]  # F9 stays «Оплата» / «Закрыть»
    assert window_keys.count("Ctrl+K") == 1  # the camera


class _NoCamera(FrameSource):
    """A frame source without a camera (the real one would open QtMultimedia devices in a test)."""

    unavailable_reason = NO_CAMERA

    def start(self) -> None:
        raise AssertionError("must not start")

    def stop(self) -> None:
        pass


def test_camera_code_and_handover_completion_make_a_receipt_f11_prints_it(qtbot, printed, tmp_path, monkeypatch):
    import functools

    from ui.hardware import camera_dialog

    monkeypatch.setattr(camera_dialog, "CameraDialog", functools.partial(camera_dialog.CameraDialog,
                                                                         source=_NoCamera()))
    with printed.ctx.db.write() as s:
        order = make_order(s, printed.point, status="ready", boxes=1, prepaid=True, code="123456",
                           lines=[("Смартфон Galaxy A55", 1, 3_499_000)])
    number = order.number
    page = printed.window.page_named("HandoverPage")
    printed.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)
    camera = printed.window.hardware.open_camera()
    _idle(qtbot, page, lambda: camera.code_decoded.emit(number))  # the camera feeds the same scan queue
    assert page.state is not None and page.state.order_number == number
    camera.reject()
    _idle(qtbot, page, lambda: printed.window.scans.enqueue("123456"))
    _idle(qtbot, page, lambda: printed.window.scans.enqueue(box_barcode(printed.point.code, number, 1)))
    _idle(qtbot, page, page._on_complete)
    assert page.state is None
    assert "F11" in printed.ctx.feedback.text  # offered with one key, nothing to click
    record = _documents(printed).printing.journal.last(DocumentKind.HANDOVER_RECEIPT, number)
    assert record is not None and record.status == "rendered" and number in record.document.html
    assert not (tmp_path / "receipt.pdf").exists()
    page.print_receipt()
    text = _pdf_text(tmp_path / "receipt.pdf")
    assert number in text and "Galaxy A55" in text and "Смирнова" in text
    assert _documents(printed).printing.journal.last(DocumentKind.HANDOVER_RECEIPT, number).status == "printed"


def test_receipt_prints_right_after_completion_when_the_setting_is_on(qtbot, printed, tmp_path):
    _documents(printed).set_auto_receipt(True)
    saved = load_config({}, environ={}, site_file=tmp_path / "none.toml", user_file=tmp_path / "config.toml")
    assert saved.auto_receipt  # kept in config.toml: the next start prints receipts at once too
    with printed.ctx.db.write() as s:
        number = make_order(s, printed.point, status="ready", boxes=1, prepaid=True, code="654321").number
    page = printed.window.page_named("HandoverPage")
    printed.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)
    _idle(qtbot, page, lambda: printed.window.scans.enqueue(number))
    _idle(qtbot, page, lambda: printed.window.scans.enqueue("654321"))
    _idle(qtbot, page, lambda: printed.window.scans.enqueue(box_barcode(printed.point.code, number, 1)))
    _idle(qtbot, page, page._on_complete)
    assert "Квитанция напечатана" in printed.ctx.feedback.text
    assert number in _pdf_text(tmp_path / "receipt.pdf")


def test_closing_receiving_with_a_missing_box_prints_the_discrepancy_act(qtbot, printed, tmp_path, monkeypatch):
    page, boxes = _receiving_with_missing_box(qtbot, printed, monkeypatch)
    assert page.session_uid is None
    assert printed.ctx.feedback.kind.value == "warning"
    assert "Акт расхождений напечатан" in printed.ctx.feedback.text
    text = _pdf_text(tmp_path / "document.pdf")
    assert "Недостача" in text and boxes[1] in text and "R2611240001" in text


def test_a_print_error_is_a_red_banner_and_the_act_can_be_printed_again(qtbot, printed, tmp_path, monkeypatch):
    from ui.hardware.reprint_dialog import ReprintDialog

    printing = _documents(printed).printing
    printing.printers["document"] = "Принтер, которого нет"
    printing._names = lambda: ["Другой принтер"]  # a printer is installed, not this one (none at all: preview)
    page, boxes = _receiving_with_missing_box(qtbot, printed, monkeypatch)
    feedback = printed.ctx.feedback
    assert feedback.kind.value == "error"
    assert "Не напечатано" in feedback.title and "Печатать ещё раз" in feedback.text
    assert "принтер" in feedback.text.lower()
    failed = printing.journal.failed()
    assert [r.document.kind for r in failed] == [DocumentKind.DISCREPANCY_ACT]
    printing.printers["document"] = f"pdf:{tmp_path / 'fixed.pdf'}"  # the clerk picks a working printer
    dialog = ReprintDialog(printing.journal, printed.window.hardware.reprint, printed.window)
    assert "НЕ напечатан" in dialog.list.item(0).text()
    dialog._on_print()
    assert "Отправлено на печать" in dialog.result_label.text()
    assert boxes[1] in _pdf_text(tmp_path / "fixed.pdf")
    assert printing.journal.failed() == []
    page.print_act()  # F11 on the page prints the same act again
    assert feedback.kind.value == "ok"


def test_shift_f11_shows_the_pages_last_act_on_screen_and_it_stays_printed(qtbot, printed, tmp_path, monkeypatch):
    page, boxes = _receiving_with_missing_box(qtbot, printed, monkeypatch)
    action = next(a for a in page.actions() if a.shortcut().toString() == "Shift+F11")
    assert action.isEnabled() and "Shift+F11" in _f11_tip(page)
    action.trigger()
    preview = _documents(printed).preview
    assert preview is not None and preview.isVisible() and preview.page_count() > 0
    assert preview.document.kind is DocumentKind.DISCREPANCY_ACT and boxes[1] in preview.document.html
    assert _documents(printed).printing.journal.last(DocumentKind.DISCREPANCY_ACT, preview.document.key).status == (
        "printed")
    printed.ctx.session.log_out()  # the act is not left on screen for the next person
    assert not preview.isVisible()


def _f11_tip(page) -> str:
    return "".join(b.toolTip() for b in page.findChildren(QPushButton, "actionButton") if b.text().startswith("F11"))


def test_closing_a_return_session_prints_the_return_act(qtbot, printed, tmp_path):
    page = printed.window.page_named("ReturnsPage")
    printed.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)
    _idle(qtbot, page, page._on_open_session)
    _idle(qtbot, page, page._on_close_session)
    assert "Акт возврата напечатан" in printed.ctx.feedback.text
    assert "Акт возврата" in _pdf_text(tmp_path / "document.pdf")


def test_closing_the_shift_prints_the_shift_report(qtbot, printed, tmp_path):
    with qtbot.waitSignal(printed.window.shifts.shift_closed, timeout=5000):
        printed.window.shifts.close_shift()
    assert "Отчёт за смену напечатан" in printed.ctx.feedback.text
    text = _pdf_text(tmp_path / "document.pdf")
    assert "Отчёт за смену" in text and "Смирнова" in text


def test_with_no_printer_installed_closing_the_shift_shows_the_shift_report_on_screen(qtbot, printed):
    printing = _documents(printed).printing
    printing.printers["document"] = "HP LaserJet"
    printing._names, printing._info = (lambda: []), (lambda name: None)  # nothing installed on this PC
    with qtbot.waitSignal(printed.window.shifts.shift_closed, timeout=5000):
        printed.window.shifts.close_shift()
    preview = _documents(printed).preview
    assert preview is not None and preview.isVisible() and preview.page_count() > 0
    assert preview.document.kind is DocumentKind.SHIFT_REPORT and "Смирнова" in preview.document.html
    assert "Принтера нет" in preview.note.text() and preview.note.isVisibleTo(preview)
    assert printed.ctx.feedback.title == "Смена закрыта"  # the banner still says what happened
    preview.close()


def test_with_no_printer_the_closed_receivings_summary_stays_the_banner(qtbot, printed, monkeypatch):
    """17-receiving-closed: the no-printer fact is one line in the act's preview; the banner keeps the closing
    summary (Принято / не хватает …) and the headline says scanning the next waybill works."""
    printing = _documents(printed).printing
    printing.printers["document"] = "HP LaserJet"
    printing._names, printing._info = (lambda: []), (lambda name: None)  # nothing installed on this PC
    page, _boxes = _receiving_with_missing_box(qtbot, printed, monkeypatch)
    preview = _documents(printed).preview
    assert preview is not None and preview.document.kind is DocumentKind.DISCREPANCY_ACT
    assert "Принтера нет" in preview.note.text()
    feedback = printed.ctx.feedback
    assert feedback.title == "Приёмка закрыта с расхождениями" and "Принтера нет" not in feedback.text
    assert "Сканируйте следующую накладную (или F2)" in page.shipment_label.text()
    preview.close()


def test_without_a_configuration_f11_says_printing_is_unavailable(qtbot, shell):
    log_in(qtbot, shell)
    assert shell.window.hardware is None
    page = shell.window.page_named("ReceivingPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)  # it looked for an interrupted session to take up
    page.print_act()
    assert shell.ctx.feedback.kind.value == "error" and "Печать недоступна" in shell.ctx.feedback.title


def test_scanner_set_up_applies_to_the_running_wedge_and_the_scan_routing(qtbot, printed, tmp_path):
    from desktop.decode.wedge_analysis import WedgeSettings
    from tests.gui.typing import scan_keys

    hardware = printed.window.hardware
    assert hardware.wedge is printed.scanner  # passed explicitly, as the launcher does
    hardware.save_scanner_settings(WedgeSettings(prefix="~", suffix="", max_interkey_ms=30))
    assert printed.scanner.settings.prefix == "~" and printed.ctx.scanner.settings.prefix == "~"
    assert printed.scanner.give_up_ms == 60  # the running detector follows the timing
    assert printed.ctx.services.receiving.scanner.settings.prefix == "~"  # the services share the one object
    assert 'prefix = "~"' in (tmp_path / "config.toml").read_text("utf-8")
    hardware.save_scanner_settings(WedgeSettings(prefix="~", suffix="", max_interkey_ms=1000))
    with printed.ctx.db.write() as s:
        number = make_order(s, printed.point, status="ready", code="111222").number
    page = printed.window.page_named("HandoverPage")
    printed.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)
    _idle(qtbot, page, lambda: scan_keys(printed.window, "~" + number))  # routed with the prefix stripped
    assert page.state is not None and page.state.order_number == number


def test_auto_receipt_comes_from_the_config(printed):
    assert CounterDocuments(_documents(printed).printing, None, auto_receipt=True).auto_receipt
    assert not _documents(printed).auto_receipt  # the fixture's config leaves it off


def test_wiring_does_not_import_the_main_window_nor_the_database():
    import grimp

    graph = grimp.build_graph("ui", "desktop")
    assert graph.find_shortest_chain(importer="ui.hardware.wiring", imported="ui.main_window") is None
    direct = graph.find_modules_directly_imported_by("ui.hardware.wiring")
    assert not {"desktop.db.engine", "desktop.services.base"} & direct  # the point's header data come from the core
