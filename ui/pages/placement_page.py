"""Placement (размещение): scan a box, see the suggested cell in big type, scan the cell; cell audit.

The clerk is never stuck: with no free cell to suggest, the box stays selected and any cell scanned takes it;
a placement into a cell too small, a full cell or the overflow zone is done and shown amber with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel

from desktop.scan_routing import Scan, ScanKind
from desktop.services.storage_cells import CellAudit, CellSuggestion, Placement
from protocol.errors import DomainError
from ui.context import AppContext
from ui.models import RowsModel
from ui.pages.base import Page
from ui.pages.terms import order_status
from ui.widgets.common import table_view
from ui.workers import Failure


class PlacementPage(Page):
    """Box then cell: two scans per box. A cell scanned with no box waiting shows the cell's audit."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Размещение")
    shortcut = "Ctrl+F4"
    scan_kinds = frozenset({ScanKind.BOX, ScanKind.CELL})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.pending_box: str | None = None
        self.suggestion: CellSuggestion | None = None
        self.step = self.headline(self.tr("Шаг 1: отсканируйте коробку."))
        self.box_label = self.big_label("", "bigHint")
        caption = QLabel(self.tr("Рекомендуемая ячейка:"))
        caption.setObjectName("stepLabel")
        self.cell_label = self.big_label("—")
        self.cell_detail = QLabel("")
        self.audit_title = QLabel(self.tr("Проверка ячейки: отсканируйте ячейку, не сканируя коробку."))
        self.audit = RowsModel([self.tr("Коробка"), self.tr("Место"), self.tr("Заказ"), self.tr("Статус заказа")],
                               self)
        for label in (self.cell_detail, self.audit_title):
            label.setWordWrap(True)  # a long detail wraps on a narrow screen
        for widget in (self.step, self.box_label, caption, self.cell_label, self.cell_detail, self.audit_title):
            self._layout.addWidget(widget)
        self._layout.addWidget(table_view(self.audit, self), 1)
        self.add_action(self.tr("Отменить коробку"), "F4", self._on_cancel_box)
        self.finish_layout()

    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind is ScanKind.BOX:
            self._on_box(scan.value)
            return True
        if scan.kind is ScanKind.CELL:
            if self.pending_box is None:
                self._on_audit(scan.value)
            else:
                self._on_cell(self.pending_box, scan.value)
            return True
        return False

    def _on_box(self, barcode: str) -> None:
        service = self.ctx.services.cells
        self.run(lambda: service.suggest_cell(barcode), lambda s: self._on_suggested(barcode, s),
                 lambda failure: self._on_no_suggestion(barcode, failure))

    def _on_no_suggestion(self, barcode: str, failure: Failure) -> None:
        """No free cell anywhere: the box stays selected, the clerk puts it where it goes and scans that cell."""
        error = failure.error
        if not (isinstance(error, DomainError) and error.code == "cell.no_room"):
            self.show_failure(failure)
            return
        self.pending_box, self.suggestion = barcode, None
        self.step.setText(self.tr("Шаг 2: положите коробку в любую ячейку и отсканируйте ячейку."))
        self.box_label.setText(self.tr("Коробка {0}").format(barcode))
        self.cell_label.setText("—")
        self.cell_detail.setText("")
        self.feedback.show_warning(self.tr("Свободной ячейки нет"), failure.message)

    def _on_suggested(self, barcode: str, suggestion: CellSuggestion) -> None:
        self.pending_box, self.suggestion = barcode, suggestion
        self.step.setText(self.tr("Шаг 2: положите коробку в ячейку и отсканируйте ячейку."))
        self.box_label.setText(self.tr("Коробка {0}").format(barcode))
        self.cell_label.setText(suggestion.label)
        detail = self.tr("Размер {0}, занято {1} из {2}.").format(
            suggestion.size_class, suggestion.occupied, suggestion.capacity)
        if suggestion.overflow:
            detail += " " + self.tr("Зона переполнения: ячеек нужного размера не хватает.")
        if suggestion.with_order:
            detail += " " + self.tr("Там уже лежат коробки этого заказа.")
        self.cell_detail.setText(detail)
        self.feedback.show_ok(self.tr("Коробка считана"), self.tr("Положите в ячейку {0}.").format(suggestion.label))

    def _on_cell(self, barcode: str, cell: str) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        service = self.ctx.services.cells
        self.run(lambda: service.place(actor, barcode, cell), self._on_placed)

    def _on_placed(self, placement: Placement) -> None:
        moved = self.tr(" (перемещена из {0})").format(placement.previous_cell) if placement.previous_cell else ""
        title = self.tr("Размещено в {0}").format(placement.label)
        if placement.warning is not None:
            self.feedback.show_warning(title, str(placement.warning))
        else:
            self.feedback.show_ok(title, self.tr("Коробка {0}, заказ {1}{2}.").format(placement.box, placement.order,
                                                                                     moved))
        self._reset(self.tr("Готово. Шаг 1: отсканируйте следующую коробку."))

    def _on_cancel_box(self) -> None:
        self._reset(self.tr("Шаг 1: отсканируйте коробку."))
        self.feedback.show_info(self.tr("Коробка снята с выбора"), "")

    def _reset(self, step: str) -> None:
        self.pending_box, self.suggestion = None, None
        self.step.setText(step)
        self.box_label.setText("")
        self.cell_label.setText("—")
        self.cell_detail.setText("")

    def _on_audit(self, cell: str) -> None:
        service = self.ctx.services.cells
        self.run(lambda: service.cell_audit(cell), self._on_audited)

    def _on_audited(self, audit: CellAudit) -> None:
        self.audit_title.setText(self.tr("Ячейка {0} (размер {1}): {2} из %n мест занято.", "", audit.capacity).format(
            audit.label, audit.size_class, len(audit.boxes)))
        self.audit.set_rows([(b.box, b.box_no, b.order, order_status(b.order_status)) for b in audit.boxes])
        self.feedback.show_info(self.tr("Проверка ячейки {0}").format(audit.label),
                                self.tr("Сверьте коробки на полке со списком."))
