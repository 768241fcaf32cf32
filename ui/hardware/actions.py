"""One entry point for the shell: the «Оборудование» menu and document printing with re-print.

The shell creates `HardwareActions(window, enqueue_scan, ...)` once and calls `install_menu(menuBar)`.
A code read by the camera goes to ``enqueue_scan`` — the same queue and routing as the wedge scanner.
Pages print through `print_document(document)`: failures are explained and can be retried; the
last rendering stays in the print journal for «Печатать ещё раз» later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from desktop.config import user_config_file
from desktop.decode.wedge_analysis import WedgeSettings
from desktop.documents.jobs import PrintJournal, PrintRecord
from desktop.documents.model import Document, DocumentKind
from desktop.scanner_settings import ScannerConfiguration, changes_from_wedge
from desktop.settings_store import update_section
from protocol.errors import DomainError
from ui.hardware.printing import Printing


class HardwareActions(QObject):
    """Camera, scanner set-up, labels, printer settings and document printing for the main window."""

    scanner_saved = Signal(object)  # WedgeSettings, after the scanner configuration took them

    def __init__(
        self,
        window: QWidget,
        enqueue_scan: Callable[[str], None],
        data_dir: Path,
        printers: dict[str, str] | None = None,
        wedge: Any = None,
        config_file: Path | None = None,
        scanner: ScannerConfiguration | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._enqueue = enqueue_scan
        self._wedge = wedge  # the running wedge detector, given by the launcher (paused by the wizard)
        self._serial: Any = None  # the serial scanner, likewise
        self.config_file = config_file or user_config_file()
        self.scanner = scanner or ScannerConfiguration()
        self.scanner.set_store(self._save_scanner)
        self.printing = Printing(PrintJournal(data_dir / "printed"), printers or {})
        self._camera: QWidget | None = None

    def install_menu(self, bar: QMenuBar) -> QMenu:
        menu = bar.addMenu(self.tr("&Оборудование"))
        for text, key, slot in (
            (self.tr("Сканировать камерой…"), "Ctrl+K", self.open_camera),  # F-keys belong to the pages
            (self.tr("Печать этикеток…"), "Ctrl+P", self.open_label_printing),
            (self.tr("Печатать ещё раз (последние документы)…"), "", self.open_reprint),
            (self.tr("Настройка сканера…"), "", self.open_scanner_wizard),
            (self.tr("Настройки печати…"), "", self.open_printer_settings),
        ):
            action = QAction(text, self._window)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            menu.addAction(action)
        return menu

    # --- camera ------------------------------------------------------------------------------------
    def open_camera(self) -> QWidget:
        """Non-modal: the scan queue keeps running while the camera dialog is open."""
        from ui.hardware.camera_dialog import CameraDialog

        if self._camera is None:
            dialog = CameraDialog(self._window)
            dialog.code_decoded.connect(self._enqueue)
            dialog.finished.connect(self._on_camera_closed)
            self._camera = dialog
        self._camera.show()
        self._camera.raise_()
        return self._camera

    def _on_camera_closed(self) -> None:
        if self._camera is not None:
            self._camera.deleteLater()
            self._camera = None

    # --- scanner -----------------------------------------------------------------------------------
    def open_scanner_wizard(self) -> None:
        from ui.hardware.scanner_wizard import ScannerWizard

        ScannerWizard(self._window, wedge=self.wedge, save=self.save_scanner_settings, serial=self._serial).exec()

    @property
    def wedge(self) -> Any:
        """The wedge detector feeding the scan queue (None until the launcher sets it)."""
        return self._wedge

    def set_wedge(self, wedge: Any, serial: Any = None) -> None:
        """The app's scanners (wedge detector, serial scanner): the wizard pauses them while it is open."""
        self._wedge, self._serial = wedge, serial

    def save_scanner_settings(self, settings: WedgeSettings, **serial: Any) -> None:
        """The wizard's result: one update of the scanner configuration (saved, and seen by every consumer)."""
        self.scanner.update(**changes_from_wedge(settings), **serial)
        self.scanner_saved.emit(settings)

    def _save_scanner(self, values: Mapping[str, Any]) -> None:
        update_section(self.config_file, "scanner", values)

    # --- printing ----------------------------------------------------------------------------------
    def open_label_printing(self) -> None:
        from ui.hardware.label_dialog import LabelDialog

        LabelDialog(self.printing, self._window).exec()

    def open_printer_settings(self) -> None:
        from ui.hardware.print_ui import PrinterSettingsDialog  # Qt Print Support: when first used, not at start

        dialog = PrinterSettingsDialog(self.printing, self._window)
        dialog.settings_saved.connect(lambda chosen: update_section(self.config_file, "printers", chosen))
        dialog.exec()

    def print_document(self, document: Document, preview: bool = False) -> PrintRecord | None:
        """Print (or preview) a document; a failure is explained with «Печатать ещё раз»."""
        from ui.hardware.print_ui import print_or_explain, show_preview

        if preview:
            self.printing.journal.remember(document, "rendered")
            show_preview(self._window, self.printing, document)
            return None
        return print_or_explain(self._window, self.printing, document)

    def reprint(self, kind: DocumentKind, key: str) -> PrintRecord | None:
        from ui.hardware.print_ui import ask_retry

        while True:
            try:
                return self.printing.reprint(kind, key)
            except DomainError as error:
                if error.code == "print.nothing_to_reprint" or not ask_retry(self._window, str(error)):
                    return None

    def open_reprint(self) -> None:
        from ui.hardware.reprint_dialog import ReprintDialog

        def show(parent: QWidget, document: Document) -> None:
            from ui.hardware.print_ui import show_preview

            show_preview(parent, self.printing, document)

        ReprintDialog(self.printing.journal, self.reprint, self._window, show).exec()
