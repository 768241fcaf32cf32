"""A fiscal slip on screen (a receipt, the X report): its text as the register printed it, Ctrl+P prints a copy."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from shiboken6 import Shiboken

from desktop.documents.model import Document, DocumentKind
from desktop.fiscal.model import FiscalReceiptView
from ui.context import AppContext
from ui.hardware.wiring import documents_for
from ui.pages.money_widgets import key_button

_BESIDE: list[SlipDialog] = []  # the receipt slip open beside the work (at most one)


def slip_document(title: str, key: str, text: str) -> Document:
    """The slip as a printable document (monospaced, as on the register's tape)."""
    html = f"<pre style='font-family: monospace; font-size: 9pt'>{escape(text)}</pre>"
    return Document(DocumentKind.FISCAL_RECEIPT, key, title, html)


def status_text(status: str) -> str:
    names = {
        "done": QCoreApplication.translate("ReceiptDialog", "чек напечатан кассой"),
        "not_fiscal": QCoreApplication.translate("ReceiptDialog", "без кассы: нефискальный документ"),
        "pending": QCoreApplication.translate("ReceiptDialog", "касса ещё не ответила"),
        "failed": QCoreApplication.translate("ReceiptDialog", "касса не напечатала чек"),
    }
    return names.get(status, status)


class SlipDialog(QDialog):
    """The slip's text, read-only; Ctrl+P prints a copy through the app's printing, Esc/Enter closes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, title: str, key: str, text: str,
                 note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("SlipDialog")
        self.setWindowTitle(title)
        self.setMinimumSize(480, 560)
        self.ctx, self.document = ctx, slip_document(title, key, text)
        self.slip = QPlainTextEdit(text)
        self.slip.setReadOnly(True)
        self.slip.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        column = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            column.addWidget(label)
        column.addWidget(self.slip, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(key_button(self.tr("Печать копии"), "Ctrl+P", self.print_copy, self))
        close = key_button(self.tr("Закрыть"), "Esc", self.accept, self, bind=False)
        close.setDefault(True)
        buttons.addWidget(close)
        column.addLayout(buttons)

    def print_copy(self) -> None:
        """Print through the app's printing (receipt printer); without printers the document opens on screen."""
        documents = documents_for(self.ctx)
        if documents is None:
            self.ctx.feedback.show_error(self.tr("Печать недоступна"),
                                         self.tr("Принтеры не настроены в этой программе. Обратитесь к "
                                                 "администратору."))
            return
        if documents.print(self.document) is not None:
            self.ctx.feedback.show_ok(self.tr("Отправлено на печать"), self.document.title)


def show_receipt(ctx: AppContext, parent: QWidget | None, receipt: FiscalReceiptView) -> SlipDialog:
    """A fiscal receipt's slip with its status (printed by the register, or a non-fiscal document)."""
    title = QCoreApplication.translate("ReceiptDialog", "Кассовый чек")
    note = QCoreApplication.translate("ReceiptDialog", "Чек: {0}.").format(status_text(receipt.status))
    if receipt.fiscal_document is not None:
        note += " " + QCoreApplication.translate("ReceiptDialog", "ФД № {0}, ФП {1}.").format(
            receipt.fiscal_document, receipt.fiscal_sign or "—")
    return show_slip(ctx, parent, title, receipt.uuid, receipt.text, note, modal=False)


def show_slip(ctx: AppContext, parent: QWidget | None, title: str, key: str, text: str, note: str = "",
              modal: bool = True) -> SlipDialog:
    """Open the slip window without blocking the caller: window-modal (a report asked for), or beside the work
    (`modal` False: a receipt after a handover or a sale — Esc closes it, the next scan is taken meanwhile)."""
    dialog = SlipDialog(ctx, parent, title, key, text, note)
    dialog.finished.connect(dialog.deleteLater)
    ctx.session.logged_out.connect(dialog.close)  # the next clerk never sees this customer's receipt
    if modal:
        dialog.open()
    else:
        for older in [d for d in _BESIDE if Shiboken.isValid(d)]:  # one receipt beside the work: the last one goes
            older.close()
        _BESIDE[:] = [dialog]
        dialog.finished.connect(lambda _result: _BESIDE.remove(dialog) if dialog in _BESIDE else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.activateWindow()  # Esc closes it at once; not modal: the next scan goes through meanwhile
    return dialog
