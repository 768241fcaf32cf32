"""«Печатать ещё раз»: the recently rendered documents, failed ones first, re-printed with one key or shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.jobs import PrintJournal, PrintRecord
from desktop.documents.model import Document, DocumentKind
from desktop.translatable import QT_TRANSLATE_NOOP  # typed str (Qt's marker is typed object)

STATUS_TEXT = {
    "failed": QT_TRANSLATE_NOOP("ReprintDialog", "НЕ напечатан"),
    "printed": QT_TRANSLATE_NOOP("ReprintDialog", "напечатан"),
    "rendered": QT_TRANSLATE_NOOP("ReprintDialog", "не печатался"),
}


class ReprintDialog(QDialog):
    """Lists the print journal; Enter re-prints the selected document, «Показать на экране» previews it."""

    def __init__(
        self,
        journal: PrintJournal,
        reprint: Callable[[DocumentKind, str], PrintRecord | None],
        parent: QWidget | None = None,
        show: Callable[[QWidget, Document], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Печатать ещё раз"))
        self.setMinimumWidth(640)
        self._reprint = reprint
        self._show = show
        self._journal = journal
        self.list = QListWidget()
        records = self._fill(journal)
        self.list.itemActivated.connect(lambda _item: self._on_print())
        self.result_label = QLabel("" if records else self.tr("Напечатанных документов пока нет."))
        button = QPushButton(self.tr("Печатать"))
        button.setDefault(True)
        button.setEnabled(bool(records))
        button.clicked.connect(self._on_print)
        self.show_button = QPushButton(self.tr("Показать на экране"))
        self.show_button.setEnabled(bool(records) and show is not None)
        self.show_button.clicked.connect(self._on_show)
        close = QPushButton(self.tr("Закрыть"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.result_label, 1)
        row.addWidget(self.show_button)
        row.addWidget(button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def _fill(self, journal: PrintJournal) -> list[PrintRecord]:
        """The remembered documents, failed ones first; the first one selected."""
        failed = journal.failed()
        records = failed + [record for record in journal.recent() if record not in failed]
        for record in records:
            status = QCoreApplication.translate("ReprintDialog", STATUS_TEXT.get(record.status, record.status))
            item = QListWidgetItem(f"{record.document.title} — {status}")
            item.setData(256, (record.document.kind, record.document.key))
            self.list.addItem(item)
        if records:
            self.list.setCurrentRow(0)
        return records

    def _on_print(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        kind, key = item.data(256)
        record = self._reprint(kind, key)
        if record is not None:
            self.result_label.setText(self.tr("Отправлено на печать: {0}").format(record.document.title))

    def _on_show(self) -> None:
        """The selected document in the print preview (no printer needed)."""
        item = self.list.currentItem()
        if item is None or self._show is None:
            return
        kind, key = item.data(256)
        record = self._journal.last(kind, key)
        if record is not None:
            self._show(self, record.document)  # a child of this modal dialog, so it can be scrolled and zoomed
