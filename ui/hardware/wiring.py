"""Hardware in the shell: the «Оборудование» menu, camera scans into the scan queue, page documents.

`install_hardware(window)` is called once by the main window (any `HardwareHost`: wiring never imports
the window's module). It builds `HardwareActions` from
``ctx.config`` (data directory and [printers]), puts its menu before «Справка» and stores a
`CounterDocuments` in ``ctx.documents``. Pages print through `documents_for(ctx)`: never a
blocking dialog — a failed print is a red banner in plain Russian, and the document stays in the
print journal for F11 or «Оборудование → Печатать ещё раз». With no printer installed at all the document
opens in the (non-modal) print preview instead; Shift+F11 shows a page's last document there any time.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
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
    from ui.hardware.preview import DocumentPreview
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
        self.preview: DocumentPreview | None = None  # the last document shown on screen
        self.window: QWidget | None = None  # the previews' parent (set by install_hardware)

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
        """Print now; a failure is a red banner (the job stays in the journal as not printed).

        With no printer installed at all the document opens on screen instead (it can be read, saved as PDF); the
        preview says so in one line of its own and the page's banner (what just happened) stays as it is.
        """
        try:
            return self.printing.print_document(document)
        except DomainError as error:
            if error.code == "print.no_printer":
                note = self.tr("Принтера нет — документ на экране: его можно сохранить в PDF или напечатать позже.")
                self._preview(document, note)  # the journal keeps it as not printed, for «Печатать ещё раз»
                return None
            self.feedback.show_error(
                self.tr("Не напечатано: {0}").format(document.title),
                str(error) + " " + self.tr("Документ сохранён: F11 или «Оборудование → Печатать ещё раз»."),
            )
            return None

    def show(self, document: Document) -> DocumentPreview:
        """«Показать на экране»: the print preview of the document (no printer needed); kept for re-printing."""
        if self.printing.journal.last(document.kind, document.key) is None:  # a printed one stays «напечатан»
            self.offer(document)
        return self._preview(document)

    def _preview(self, document: Document, note: str = "") -> DocumentPreview:
        from ui.hardware.preview import show_document  # Qt Print Support: at the first preview, not at start

        self.preview = show_document(document, self.printing.printer_name_for(document.kind), self.window, note)
        return self.preview

    def last(self, kind: DocumentKind) -> Document | None:
        """The newest remembered document of a kind (for F11 on the page that made it)."""
        records = [r for r in self.printing.journal.recent() if r.document.kind is kind]
        return records[0].document if records else None

    def show_last(self, kind: DocumentKind) -> DocumentPreview | None:
        document = self.last(kind)
        if document is None:
            self.feedback.show_warning(self.tr("Нечего показать"), self.tr("Такой документ ещё не формировался."))
            return None
        return self.show(document)

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
    documents = _documents_or_explain(ctx)
    return documents.print_last(kind) if documents is not None else None


def show_last(ctx: AppContext, kind: DocumentKind) -> DocumentPreview | None:
    """A page's Shift+F11: its newest document of the kind on screen (no printer needed)."""
    documents = _documents_or_explain(ctx)
    return documents.show_last(kind) if documents is not None else None


def add_show_action(ctx: AppContext, page: QWidget, kind: DocumentKind, print_button: QWidget | None = None) -> QAction:
    """Shift+F11 on a page: its newest document of the kind on screen; the page's F11 button tells of it.

    Like the page's F-keys, the action is window-wide and enabled only while the page is current (set_active).
    """
    action = QAction(QCoreApplication.translate("CounterDocuments", "Показать на экране"), page)
    action.setShortcut(QKeySequence("Shift+F11"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setEnabled(False)
    action.triggered.connect(lambda: show_last(ctx, kind))
    page.addAction(action)
    if print_button is not None:
        print_button.setToolTip(QCoreApplication.translate("CounterDocuments", "Shift+F11 — показать на экране"))
    return action


def _documents_or_explain(ctx: AppContext) -> CounterDocuments | None:
    documents = documents_for(ctx)
    if documents is None:
        ctx.feedback.show_error(
            QCoreApplication.translate("CounterDocuments", "Печать недоступна"),
            QCoreApplication.translate(
                "CounterDocuments", "Принтеры не настроены в этой программе. Обратитесь к администратору."
            ),
        )
    return documents


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
    documents.window = _as_widget(window)
    menu = actions.install_menu(window.menuBar())
    auto = QAction(
        QCoreApplication.translate("HardwareActions", "Печатать квитанцию сразу после выдачи"), _as_widget(window)
    )
    auto.setCheckable(True)
    auto.setChecked(documents.auto_receipt)
    auto.toggled.connect(documents.set_auto_receipt)
    menu.addSeparator()
    menu.addAction(auto)
    fiscal = getattr(window, "fiscal", None)  # the shell's FiscalActions: the register's settings live here too
    if fiscal is not None:
        register = QAction(QCoreApplication.translate("HardwareActions", "Касса (54-ФЗ)…"), _as_widget(window))
        register.triggered.connect(fiscal.edit_settings)
        menu.addAction(register)
    for action in menu.actions():
        window.addAction(action)  # shortcuts work like the shell's own menu entries
    _move_before_last(window.menuBar(), menu.menuAction())
    ctx.documents = documents
    ctx.session.logged_out.connect(_close_previews)  # no document left on screen for the next person
    return actions


def _close_previews() -> None:
    if "ui.hardware.preview" in sys.modules:  # none was ever shown otherwise: no need to load Qt Print Support
        sys.modules["ui.hardware.preview"].close_previews()


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
