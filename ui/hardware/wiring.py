"""Hardware in the shell: the «Оборудование» menu, camera scans into the scan queue, page documents.

`install_hardware(window)` is called once by the main window. It builds `HardwareActions` from
``ctx.config`` (data directory and [printers]), puts its menu before «Справка» and stores a
`CounterDocuments` in ``ctx.extras["documents"]``. Pages print through `documents_for(ctx)`: never a
blocking dialog — a failed print is a red banner in plain Russian, and the document stays in the
print journal for F11 or «Оборудование → Печатать ещё раз».
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from desktop.db.engine import Database
from desktop.documents.jobs import PrintRecord
from desktop.documents.model import Document, DocumentKind, PointInfo
from desktop.errors import DomainError
from desktop.services.base import local_point
from desktop.settings_store import update_section
from ui.hardware.actions import HardwareActions
from ui.hardware.printing import Printing

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

class CounterDocuments(QObject):
    """What pages call to print their documents; failures are shown on the feedback banner."""

    def __init__(
        self,
        printing: Printing,
        feedback: Any,
        auto_receipt: bool = False,
        save: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__()
        self.printing = printing
        self.feedback = feedback
        self.auto_receipt = auto_receipt  # [printing] auto_receipt of config.toml
        self._save = save

    def set_auto_receipt(self, on: bool) -> None:
        """Print the handover receipt right after completion (otherwise F11 prints it); saved in config.toml."""
        self.auto_receipt = bool(on)
        if self._save is not None:
            self._save(self.auto_receipt)

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


def install_hardware(window: MainWindow, wedge: Any = None) -> HardwareActions | None:
    """Build the hardware actions for the window from ``ctx.config``; None without a configuration."""
    ctx = window.ctx
    config = ctx.config
    data_dir = getattr(config, "data_dir", None)
    if data_dir is None:
        return None
    printers = dict(getattr(config, "printers", None) or {})
    actions = HardwareActions(window, window.scans.enqueue, Path(data_dir), printers, wedge=wedge, scanner=ctx.scanner)
    save = partial(_save_auto_receipt, actions)
    documents = CounterDocuments(actions.printing, ctx.feedback, bool(getattr(config, "auto_receipt", False)), save)
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


def _save_auto_receipt(actions: HardwareActions, on: bool) -> None:
    update_section(actions.config_file, "printing", {"auto_receipt": on})


def _move_before_last(bar: QMenuBar, menu_action: QAction) -> None:
    """Keep «Справка» the last menu."""
    others = [a for a in bar.actions() if a is not menu_action]
    if others:
        bar.removeAction(menu_action)
        bar.insertAction(others[-1], menu_action)
