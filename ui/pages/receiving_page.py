"""Receiving (приёмка): pick the shipment, scan boxes, live counters, last scans with undo, damage, close."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox

from desktop.documents.model import DocumentKind
from desktop.point_time import CLOCK, DAY_TIME, point_time
from desktop.scan_routing import Scan, ScanKind
from desktop.services.base import Actor
from desktop.services.receiving import (
    ClosedReceiving,
    DiscrepancySummary,
    OpenReceiving,
    Outcome,
    ReceivingCounts,
    RecentScan,
    ScanOutcome,
)
from ui.context import AppContext
from ui.hardware.wiring import add_show_action, documents_for, print_last
from ui.models import RowsModel
from ui.pages.base import SessionPage
from ui.pages.terms import box_of
from ui.widgets.common import CounterTile
from ui.widgets.scan_table import scan_table_view
from ui.widgets.wrap_grid import WrapGrid

TONE = {
    Outcome.RECEIVED: "ok",
    Outcome.REPEAT: "warning",
    Outcome.SURPLUS: "warning",
    Outcome.FOREIGN: "error",
    Outcome.CANCELLED: "error",
    Outcome.OTHER_SHIPMENT: "warning",
    Outcome.ELSEWHERE: "warning",
    Outcome.UNKNOWN_FORMAT: "error",
}
RECEIVED = (Outcome.RECEIVED, Outcome.OTHER_SHIPMENT)  # the boxes of this point taken in (damage may be flagged)


class ReceivingPage(SessionPage):
    """One receiving session at a time; every box scan is one service call."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Приёмка")
    shortcut = "Ctrl+F3"
    scan_kinds = frozenset({ScanKind.BOX, ScanKind.WAYBILL})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.shipment: str | None = None
        self.last_received: str | None = None
        self.shipment_label = self.headline(self._waiting_text())
        self.shipment_edit = QLineEdit()
        self.shipment_edit.setPlaceholderText(self.tr("номер поставки (накладной) и Enter"))
        self.shipment_edit.returnPressed.connect(self._on_shipment_entered)
        row = QHBoxLayout()
        row.addWidget(self.shipment_label, 3)
        row.addWidget(self.shipment_edit, 2)
        self._layout.addLayout(row)
        self._build_counters()
        self.progress_label = self.big_label("", "bigHint")
        self._layout.addWidget(self.progress_label)
        self.scans = RowsModel([self.tr("Время"), self.tr("Коробка"), self.tr("Заказ"), self.tr("Место"),
                                self.tr("Результат")], self)
        self.table = scan_table_view(self.scans, self)  # a row per scan: no whole-table re-measure
        self._layout.addWidget(QLabel(self.tr("Последние сканирования:")))
        self._layout.addWidget(self.table, 1)
        self.add_action(self.tr("Поставка"), "F2", self._on_pick_shipment)
        self.add_action(self.tr("Без накладной"), "F3", self._on_open_without_manifest)
        self.add_action(self.tr("Отменить скан"), "F4", self._on_undo)
        self.add_action(self.tr("Повреждение"), "F5", self._on_damage)
        self.add_action(self.tr("Закрыть"), "F9", self._on_close)  # the confirmation names what closes
        print_button = self.add_action(self.tr("Акт"), "F11", self.print_act)
        add_show_action(ctx, self, DocumentKind.DISCREPANCY_ACT, print_button)  # Shift+F11: on screen
        self.finish_layout()
        ctx.session.logged_out.connect(self.reset)  # the next clerk starts from an empty page

    def _waiting_text(self) -> str:
        return self.tr("Приёмка не начата. F2 — номер поставки, F3 — без накладной.")

    def reset(self) -> None:
        """Forget everything of the previous truck (session, counters, progress, scan list, typed number).

        The one reset of the page: each session opened (or taken up) starts from it, and so does the next clerk.
        """
        self.session_uid = self.shipment = self.last_received = None
        self.shipment_label.setText(self._waiting_text())
        self.shipment_edit.clear()
        self.progress_label.clear()
        self.scans.set_rows([])
        for tile in self.tiles.values():
            tile.set_value(None)

    def _clock(self) -> str:
        return _now(self.ctx.zone())

    def _build_counters(self) -> None:
        self.tiles = {
            "expected": CounterTile(self.tr("Ожидается")),
            "received": CounterTile(self.tr("Принято"), "ok"),
            "missing": CounterTile(self.tr("Не хватает"), "warning"),
            "surplus": CounterTile(self.tr("Излишки"), "warning"),
            "foreign": CounterTile(self.tr("Чужие"), "error"),
            "other_shipment": CounterTile(self.tr("Из другой поставки"), "warning"),
            "earlier": CounterTile(self.tr("Принято ранее"), "ok"),
        }
        grid = WrapGrid(self)  # two rows or more on a narrow screen, never a cut caption
        for tile in self.tiles.values():
            grid.add(tile)
        self._layout.addWidget(grid)

    # --- opening -------------------------------------------------------------------------------

    def _on_pick_shipment(self) -> None:
        """F2: type (or paste) the shipment number into the field and press Enter."""
        self.shipment_edit.setFocus()
        self.shipment_edit.selectAll()

    def _on_shipment_entered(self) -> None:
        number = self.shipment_edit.text().strip()
        if number:
            self.open_session(number)

    def _on_open_without_manifest(self) -> None:
        self.open_session(None)

    def open_session(self, shipment: str | None) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        service = self.ctx.services.receiving

        self.run(lambda: service.resume(service.open_session(actor, shipment)), self._on_opened)

    def on_shown(self) -> None:
        """After a restart the clerk's interrupted session comes back where it was, with its scan list."""
        actor = self.actor
        if actor is None or self.session_uid is not None or self.busy:
            return
        service = self.ctx.services.receiving
        self.run(lambda: service.resumable(actor), self._on_found, lambda _failure: None)

    def _on_found(self, found: OpenReceiving | None) -> None:
        if found is not None and self.session_uid is None:
            self._on_opened(found)

    def _on_opened(self, opened: OpenReceiving) -> None:
        self.reset()
        self.session_uid, self.shipment = opened.uid, opened.shipment
        self.setFocus()
        self.scans.set_rows([self._restored_row(r) for r in opened.scans],
                            ["warning" if r.undone else TONE[r.outcome] for r in opened.scans],
                            [None if r.undone else r.box for r in opened.scans])
        self.last_received = next((r.box for r in opened.scans if not r.undone and r.outcome in RECEIVED), None)
        if opened.shipment:
            self.shipment_label.setText(self.tr("Поставка {0}: сканируйте коробки.").format(opened.shipment))
        else:
            self.shipment_label.setText(self.tr("Приёмка без накладной: сканируйте коробки."))
        self._show_counts(opened.counts)
        if opened.scans:
            self.feedback.show_warning(self.tr("Приёмка продолжена"), self.tr(
                "Приёмку начал(а) {0} в {1}; отсканировано коробок: {2}. Продолжайте с того же места.").format(
                opened.opened_by, point_time(opened.opened_at, self.ctx.zone(), DAY_TIME), len(opened.scans)))
        else:
            self.feedback.show_ok(self.tr("Приёмка открыта"), self.tr("Сканируйте коробки по одной."))

    # --- scanning ------------------------------------------------------------------------------

    def handle_scan(self, scan: Scan) -> bool:
        """A truck's waybill opens (or resumes) its receiving from any page; a box goes into the open session."""
        if scan.kind is ScanKind.WAYBILL:
            self.open_session(scan.value)
            return True
        return super().handle_scan(scan)

    def tell_no_session(self) -> None:
        self.feedback.show_error(self.tr("Приёмка не начата"),
                                 self.tr("Нажмите F2 и введите номер поставки или F3 — приёмка без накладной."))

    def scan_into_session(self, actor: Actor, session_uid: str, scan: Scan) -> None:
        service = self.ctx.services.receiving
        self.run(lambda: service.scan_box(actor, session_uid, scan), self._on_box_scanned)

    def _on_box_scanned(self, outcome: ScanOutcome) -> None:
        """The verdict first (the banner the clerk waits for), then the counters and the scan list."""
        title, detail = self._describe(outcome)
        tone = TONE[outcome.kind]
        {"ok": self.feedback.show_ok, "warning": self.feedback.show_warning,
         "error": self.feedback.show_error}[tone](title, detail)
        self._show_counts(outcome.counts)
        if outcome.kind in RECEIVED:
            self.last_received = outcome.box
            self.progress_label.setText(self.tr("Заказ {0}: коробка {1}").format(outcome.order, _progress(outcome)))
        row = [self._clock(), outcome.box, outcome.order or "—", _progress(outcome), title]
        self.scans.prepend(row, tone, outcome.box)

    def _describe(self, outcome: ScanOutcome) -> tuple[str, str]:
        if outcome.kind is Outcome.RECEIVED:
            detail = self.tr("Заказ {0}, коробка {1}.").format(outcome.order, _progress(outcome))
            if outcome.claim:
                detail += " " + self.tr("Изделие вернулось из сервиса по гарантийной заявке {0}.").format(outcome.claim)
            if outcome.order_arrived:
                detail += " " + self.tr("Заказ прибыл полностью — клиенту уйдёт SMS.")
            return self.tr("Принято"), detail
        if outcome.kind is Outcome.OTHER_SHIPMENT:
            return self.tr("Коробка из другой поставки ({0})").format(outcome.shipment or "—"), self.tr(
                "Заказ {0}, коробка {1}. Коробка нашего пункта, но из другой накладной: принята, "
                "попадёт в акт этой приёмки.").format(outcome.order, _progress(outcome))
        if outcome.kind is Outcome.REPEAT:
            return self.tr("Повтор"), self.tr("Коробка {0} уже принята. Отложите её к остальным.").format(outcome.box)
        if outcome.kind is Outcome.SURPLUS:
            return self.tr("Излишек"), self.tr(
                "Коробки {0} нет в этой накладной. Принята как излишек — она попадёт в акт.").format(outcome.box)
        if outcome.kind is Outcome.FOREIGN:
            return self.tr("Чужая коробка"), self.tr(
                "Коробка {0} адресована другому пункту выдачи. Отложите её для возврата.").format(outcome.box)
        if outcome.kind is Outcome.CANCELLED:
            return self.tr("Заказ отменён"), self.tr(
                "Заказ {0} отменён. Не размещайте коробку: отложите её для возврата.").format(outcome.order)
        return self.tr("Не коробка"), outcome.message or ""

    def _show_counts(self, counts: ReceivingCounts) -> None:
        manifest = counts.has_manifest
        self.tiles["expected"].set_value(counts.expected if manifest else None)
        self.tiles["received"].set_value(counts.received)
        self.tiles["missing"].set_value(counts.missing if manifest else None)
        self.tiles["surplus"].set_value(counts.surplus)
        self.tiles["foreign"].set_value(counts.foreign)
        self.tiles["other_shipment"].set_value(counts.other_shipment)
        self.tiles["earlier"].set_value(counts.earlier if manifest else None)

    # --- undo, damage, close -------------------------------------------------------------------

    def _on_undo(self) -> None:
        actor, uid = self.require_actor(), self.session_uid
        if actor is None or uid is None:
            return
        service = self.ctx.services.receiving
        self.run(lambda: service.undo_last(actor, uid), self._on_undone)

    def _on_undone(self, outcome: ScanOutcome) -> None:
        self._show_counts(outcome.counts)
        self.scans.prepend([self._clock(), outcome.box, outcome.order or "—", "", self.tr("Отменено")], "warning")
        self.feedback.show_warning(self.tr("Сканирование отменено"),
                                   self.tr("Коробка {0} снова считается не принятой.").format(outcome.box))

    def _on_damage(self) -> None:
        actor, box = self.require_actor(), self._selected_box()
        if actor is None:
            return
        if box is None:
            self.feedback.show_error(self.tr("Нет коробки"), self.tr("Сначала отсканируйте повреждённую коробку."))
            return
        note, ok = QInputDialog.getText(self, self.tr("Повреждение"),
                                        self.tr("Коробка {0}. Опишите повреждение:").format(box))
        if not ok:
            return
        service = self.ctx.services.receiving
        self.run(lambda: service.flag_damaged(actor, box, note), lambda _: self._on_damage_flagged(box))

    def _selected_box(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.scans.payload(rows[0].row()):
            return str(self.scans.payload(rows[0].row()))
        return self.last_received

    def _on_damage_flagged(self, box: str) -> None:
        self.scans.prepend([self._clock(), box, "", "", self.tr("Повреждение отмечено")], "warning")
        self.feedback.show_warning(self.tr("Повреждение отмечено"), self.tr("Коробка {0} попадёт в акт.").format(box))

    def _on_close(self) -> None:
        actor, uid = self.require_actor(), self.session_uid
        if actor is None or uid is None:
            return
        if QMessageBox.question(self, self.tr("Закрыть приёмку"),
                                self.tr("Закрыть приёмку и сформировать акт расхождений?")) \
                != QMessageBox.StandardButton.Yes:
            return
        service = self.ctx.services.receiving
        self.run(lambda: service.close_with_act(actor, uid), self._on_closed)

    def _on_closed(self, closed: ClosedReceiving) -> None:
        summary, act = closed.summary, closed.act
        self.session_uid = None
        self.last_received = None
        self.progress_label.clear()  # the last box's line belongs to the open truck; tiles and list stay as its record
        self.shipment_label.setText(
            self.tr("Приёмка закрыта. Сканируйте следующую накладную (или F2), F3 — без неё."))
        text = summary_text(summary)
        documents = documents_for(self.ctx)
        if documents is not None and not summary.has_discrepancies:
            documents.offer(act)
            text += " " + self.tr("F11 — напечатать акт.")
        if summary.has_discrepancies:
            self.feedback.show_warning(self.tr("Приёмка закрыта с расхождениями"), text)
        else:
            self.feedback.show_ok(self.tr("Приёмка закрыта без расхождений"), text)
        if documents is not None and summary.has_discrepancies:
            if documents.print(act) is not None:  # a failure replaced the banner; no printer: the act is on screen
                self.feedback.show_warning(self.tr("Приёмка закрыта с расхождениями"),
                                           text + " " + self.tr("Акт расхождений напечатан."))

    def _restored_row(self, scan: RecentScan) -> list[str]:
        """A line of the scan list taken up after a restart (the order's progress is not kept: «—»)."""
        titles = {
            Outcome.RECEIVED: self.tr("Принято"),
            Outcome.REPEAT: self.tr("Повтор"),
            Outcome.SURPLUS: self.tr("Излишек"),
            Outcome.FOREIGN: self.tr("Чужая коробка"),
            Outcome.CANCELLED: self.tr("Заказ отменён"),
            Outcome.OTHER_SHIPMENT: self.tr("Коробка из другой поставки"),
            Outcome.ELSEWHERE: self.tr("Принята на другом рабочем месте"),
        }
        title = self.tr("Отменено") if scan.undone else titles.get(scan.outcome, "")
        return [point_time(scan.at, self.ctx.zone(), CLOCK), scan.box, scan.order or "—", "—", title]

    def print_act(self) -> None:
        """F11: print the last discrepancy act (again)."""
        print_last(self.ctx, DocumentKind.DISCREPANCY_ACT)


def summary_text(summary: DiscrepancySummary) -> str:
    """The closed session's counts in one line (the page's texts, translated in its context)."""
    counts = QCoreApplication.translate(
        "ReceivingPage", "Принято: {0}; не хватает: {1}; излишки: {2}; чужие: {3}; отменённые: {4}; повреждено: {5}.")
    text = counts.format(summary.received, len(summary.missing), len(summary.surplus), len(summary.foreign),
                         len(summary.cancelled), len(summary.damaged))
    if summary.other_shipment:
        other = QCoreApplication.translate("ReceivingPage", "Из другой поставки: {0}.")
        text += " " + other.format(len(summary.other_shipment))
    if summary.missing:
        boxes = ", ".join(m.box for m in summary.missing[:5])
        more = "…" if len(summary.missing) > 5 else ""
        text += " " + QCoreApplication.translate("ReceivingPage", "Не хватает: {0}").format(boxes) + more
    return text


def _now(zone: tzinfo) -> str:
    """The current time on the point's clock (a scan list's first column)."""
    return point_time(datetime.now(UTC), zone, CLOCK)


def _progress(outcome: ScanOutcome) -> str:
    """How many boxes of the order are in ("2 of 3"), "—" for a box of no known order."""
    return box_of(outcome.order_boxes_in, outcome.boxes_total)
