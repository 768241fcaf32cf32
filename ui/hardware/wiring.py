"""Hardware in the shell: the «Оборудование» menu, camera scans into the scan queue, page documents.

`install_hardware(window)` is called once by the main window (any `HardwareHost`: wiring never imports
the window's module). It builds `HardwareActions` from
``ctx.config`` (data directory and [printers]), puts its menu before «Справка» and stores a
`CounterDocuments` in ``ctx.documents``. Pages print through `documents_for(ctx)`: never a
blocking dialog — a failed print is a red banner in plain Russian, and the document stays in the
print journal for F11 or «Оборудование → Печатать ещё раз».
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar, QWidget

from desktop.documents.jobs import PrintRecord
from desktop.documents.model import Document, DocumentKind
from desktop.services.point_info import counter_point_info
from desktop.settings_store import update_section
from protocol.errors import DomainError
from ui.hardware.actions import HardwareActions
from ui.hardware.printing import Printing

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.scan_dispatch import ScanDispatcher
    from ui.scanner import ScanQueue

log = logging.getLogger(__name__)

point_info = counter_point_info  # document headers of pages that build their own documents; the read is in the core


class HardwareHost(Protocol):
    """What the hardware menu needs from the shell window (the main window is one)."""

    ctx: AppContext
    scans: ScanQueue  # camera codes are queued like wedge scans
    dispatcher: ScanDispatcher  # routes queued scans with the scanner's prefix/suffix

    def menuBar(self) -> QMenuBar: ...

    def addAction(self, action: QAction) -> None: ...


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
    return ctx.documents


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


def install_hardware(window: HardwareHost, wedge: Any = None) -> HardwareActions | None:
    """Build the hardware actions for the window from ``ctx.config``; None without a configuration."""
    ctx = window.ctx
    config = ctx.config
    data_dir = getattr(config, "data_dir", None)
    if data_dir is None:
        return None
    printers = dict(getattr(config, "printers", None) or {})
    actions = HardwareActions(_as_widget(window), window.scans.enqueue, Path(data_dir), printers, wedge=wedge,
                              scanner=ctx.scanner)
    actions.printing.zone = ctx.zone  # a test page's time on the point's clock
    save = partial(_save_auto_receipt, actions)
    documents = CounterDocuments(actions.printing, ctx.feedback, bool(getattr(config, "auto_receipt", False)), save)
    documents.setParent(actions)
    menu = actions.install_menu(window.menuBar())
    auto = QAction(
        QCoreApplication.translate("HardwareActions", "Печатать квитанцию сразу после выдачи"), _as_widget(window)
    )
    auto.setCheckable(True)
    auto.setChecked(documents.auto_receipt)
    auto.toggled.connect(documents.set_auto_receipt)
    menu.addSeparator()
    menu.addAction(auto)
    for action in menu.actions():
        window.addAction(action)  # shortcuts work like the shell's own menu entries
    _move_before_last(window.menuBar(), menu.menuAction())
    ctx.documents = documents
    return actions


def _save_auto_receipt(actions: HardwareActions, on: bool) -> None:
    update_section(actions.config_file, "printing", {"auto_receipt": on})


def _as_widget(window: HardwareHost) -> QWidget:
    """The host as the Qt parent of the menu and its actions (the shell window is a QWidget)."""
    assert isinstance(window, QWidget)
    return window


def _move_before_last(bar: QMenuBar, menu_action: QAction) -> None:
    """Keep «Справка» the last menu."""
    others = [a for a in bar.actions() if a is not menu_action]
    if others:
        bar.removeAction(menu_action)
        bar.insertAction(others[-1], menu_action)
