"""Hardware in the shell: the «Оборудование» menu, camera scans into the scan queue, page documents.

`install_hardware(window)` is called once by the main window. It builds `HardwareActions` from
``ctx.config`` (data directory and [printers]), puts its menu before «Справка» and stores a
`CounterDocuments` in ``ctx.extras["documents"]``. Pages print through `documents_for(ctx)`: never a
blocking dialog — a failed print is a red banner in plain Russian, and the document stays in the
print journal for F11 or «Оборудование → Печатать ещё раз».
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenuBar

from desktop.db.engine import Database
from desktop.decode.wedge_analysis import WedgeSettings
from desktop.documents.jobs import PrintRecord
from desktop.documents.model import Document, DocumentKind, PointInfo
from desktop.services.base import local_point
from protocol.errors import DomainError
from ui.hardware.actions import HardwareActions
from ui.hardware.printing import Printing

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

SETTINGS_FILE = "printing.json"  # in the data directory: {"auto_receipt": bool}


class CounterDocuments(QObject):
    """What pages call to print their documents; failures are shown on the feedback banner."""

    def __init__(self, printing: Printing, feedback: Any, settings_file: Path | None = None) -> None:
        super().__init__()
        self.printing = printing
        self.feedback = feedback
        self._settings_file = settings_file
        self.auto_receipt = bool(self._load().get("auto_receipt", False))

    # --- settings ----------------------------------------------------------------------------------
    def _load(self) -> dict[str, Any]:
        if self._settings_file is None or not self._settings_file.exists():
            return {}
        try:
            data = json.loads(self._settings_file.read_text("utf-8"))
        except (OSError, ValueError):
            log.warning("Настройки печати %s не прочитаны — используются по умолчанию", self._settings_file)
            return {}
        return data if isinstance(data, dict) else {}

    def set_auto_receipt(self, on: bool) -> None:
        """Print the handover receipt right after completion (otherwise F11 prints it)."""
        self.auto_receipt = bool(on)
        if self._settings_file is not None:
            data = self._load() | {"auto_receipt": self.auto_receipt}
            self._settings_file.parent.mkdir(parents=True, exist_ok=True)
            self._settings_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    # --- documents ---------------------------------------------------------------------------------
    def offer(self, document: Document) -> PrintRecord:
        """Keep the document for F11 / «Печатать ещё раз» without printing it now."""
        return self.printing.journal.remember(document, "rendered", self.printing.printer_name_for(document.kind))

    def print(self, document: Document) -> PrintRecord | None:
        """Print now; a failure is a red banner (the job stays in the journal as not printed)."""
        try:
            return self.printing.print_document(document)
        except DomainError as error:
            self.feedback.show_error(
                self.tr("Не напечатано: {0}").format(document.title),
                str(error) + " " + self.tr("Документ сохранён: F11 или «Оборудование → Печатать ещё раз»."),
            )
            return None

    def last(self, kind: DocumentKind) -> Document | None:
        """The newest remembered document of a kind (for F11 on the page that made it)."""
        records = [r for r in self.printing.journal.recent() if r.document.kind is kind]
        return records[0].document if records else None

    def print_last(self, kind: DocumentKind) -> PrintRecord | None:
        document = self.last(kind)
        if document is None:
            self.feedback.show_warning(self.tr("Нечего печатать"), self.tr("Такой документ ещё не формировался."))
            return None
        record = self.print(document)
        if record is not None:
            self.feedback.show_ok(self.tr("Отправлено на печать"), document.title)
        return record


def documents_for(ctx: AppContext) -> CounterDocuments | None:
    """The page printing handle, or None when the shell runs without hardware (no configuration)."""
    documents = ctx.extras.get("documents")
    return documents if isinstance(documents, CounterDocuments) else None


def print_last(ctx: AppContext, kind: DocumentKind) -> PrintRecord | None:
    """A page's F11: print its newest document of the kind again (or say why printing is unavailable)."""
    documents = documents_for(ctx)
    if documents is None:
        ctx.feedback.show_error(
            QCoreApplication.translate("CounterDocuments", "Печать недоступна"),
            QCoreApplication.translate(
                "CounterDocuments", "Принтеры не настроены в этой программе. Обратитесь к администратору."
            ),
        )
        return None
    return documents.print_last(kind)


def point_info(db: Database) -> PointInfo:
    """This counter's pickup point for document headers (code only when the point is not configured)."""
    with db.read() as session:
        try:
            point = local_point(session)
        except DomainError:
            return PointInfo("")
        return PointInfo(point.code, point.name, point.address)


def find_wedge() -> Any:
    """The running wedge scanner (parented to the application by the launcher; the newest one), or None."""
    from ui.scanner import WedgeScanner

    app = QApplication.instance()
    found = app.findChildren(WedgeScanner) if app is not None else []
    return found[-1] if found else None


def install_hardware(window: MainWindow, wedge: Any = None) -> HardwareActions | None:
    """Build the hardware actions for the window from ``ctx.config``; None without a configuration."""
    ctx = window.ctx
    config = ctx.config
    data_dir = getattr(config, "data_dir", None)
    if data_dir is None:
        return None
    printers = dict(getattr(config, "printers", None) or {})
    actions = HardwareActions(window, window.scans.enqueue, Path(data_dir), printers, wedge=wedge)
    actions.find_wedge = find_wedge
    actions.scanner_saved.connect(lambda settings: _apply_scanner(window, settings))
    documents = CounterDocuments(actions.printing, ctx.feedback, Path(data_dir) / SETTINGS_FILE)
    documents.setParent(actions)
    menu = actions.install_menu(window.menuBar())
    auto = QAction(QCoreApplication.translate("HardwareActions", "Печатать квитанцию сразу после выдачи"), window)
    auto.setCheckable(True)
    auto.setChecked(documents.auto_receipt)
    auto.toggled.connect(documents.set_auto_receipt)
    menu.addSeparator()
    menu.addAction(auto)
    for action in menu.actions():
        window.addAction(action)  # shortcuts work like the shell's own menu entries
    _move_before_last(window.menuBar(), menu.menuAction())
    ctx.extras["hardware"] = actions
    ctx.extras["documents"] = documents
    return actions


def _apply_scanner(window: MainWindow, settings: WedgeSettings) -> None:
    """New scanner settings take effect at once: routing strips the prefix/suffix the wedge now expects."""
    patterns = replace(window.ctx.patterns, prefix=settings.prefix, suffix=settings.suffix)
    window.ctx.patterns = patterns
    window.dispatcher._patterns = patterns  # the dispatcher routes every queued scan with these


def _move_before_last(bar: QMenuBar, menu_action: QAction) -> None:
    """Keep «Справка» the last menu."""
    others = [a for a in bar.actions() if a is not menu_action]
    if others:
        bar.removeAction(menu_action)
        bar.insertAction(others[-1], menu_action)
