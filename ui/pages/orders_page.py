"""Orders (заказы): search by number, phone, name or box; the order card with its full timeline; resend SMS."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop.point_time import DAY_TIME, point_time
from desktop.scan_routing import Scan, ScanKind
from desktop.services.base import Role
from desktop.services.handover import refusal_text
from desktop.services.notification import SmsView
from desktop.services.orders import OrderDetail, OrderSummary
from protocol.money import rub
from ui.context import AppContext
from ui.models import RowsModel
from ui.pages.base import Page
from ui.pages.terms import box_of, box_status, order_status, sms_purpose, sms_status, sync_status, timeline_action
from ui.widgets.common import table_tab, table_view

SYNC_TONES = {"pending": "warning", "rejected": "error", "conflict": "error", "applied": "ok", "duplicate": "ok"}


def local_time(value: datetime | None, zone: tzinfo) -> str:
    """A moment as the clerk reads it: the pickup point's day and time (never the PC's zone)."""
    return point_time(value, zone, DAY_TIME)


class OrdersPage(Page):
    """Find any order and see everything about it: lines, boxes and cells, SMS, payments, timeline."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Заказы")
    shortcut = "Ctrl+F6"
    scan_kinds = frozenset({ScanKind.ORDER_NUMBER, ScanKind.BOX})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.detail: OrderDetail | None = None
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Заказ, коробка, телефон или фамилия"))
        self.query.setToolTip(self.tr("Номер заказа, штрихкод коробки, телефон, «1234 Иванов» или фамилия"))
        self.query.returnPressed.connect(self._on_search)
        self.results = RowsModel(
            [self.tr("Заказ"), self.tr("Статус"), self.tr("Клиент"), self.tr("Телефон"), self.tr("Сумма"),
             self.tr("Хранение до")],
            self,
        )
        self.results_view = table_view(self.results, self)
        self.results_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.results_view.activated.connect(lambda index: self._open(self.results.payload(index.row())))
        self.results_view.clicked.connect(lambda index: self._open(self.results.payload(index.row())))
        self.header = self.headline(self.tr("Найдите заказ: отсканируйте коробку или введите номер и нажмите Enter."))
        self.unlock_button = QPushButton(self.tr("Разблокировать заказ"), self)
        self.unlock_button.setVisible(False)  # a manager's button, shown on the card of a locked order
        self.unlock_button.clicked.connect(self._on_unlock)
        ctx.session.actor_changed.connect(lambda _actor: self._show_unlock())
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.results_view)
        splitter.addWidget(self._build_card_tabs())
        splitter.setSizes([220, 420])
        card_header = QHBoxLayout()
        card_header.addWidget(self.header, 1)
        card_header.addWidget(self.unlock_button)
        self._layout.addWidget(self.query)
        self._layout.addLayout(card_header)
        self._layout.addWidget(splitter, 1)
        self.add_action(self.tr("Найти"), "F2", self._on_focus_search)
        self.add_action(self.tr("Повторить SMS"), "F7", self._on_resend)
        self.add_action(self.tr("Обновить"), "F5", self._on_refresh)
        self.finish_layout()

    def _build_card_tabs(self) -> QTabWidget:
        """The order card's tabs: lines, boxes with their cells, every SMS attempt, the timeline."""
        self.tabs = QTabWidget(self)
        self.lines = table_tab(
            self.tabs, [self.tr("Товар"), self.tr("Кол-во"), self.tr("Цена"), self.tr("Отказ")], self.tr("Состав")
        )
        self.boxes = table_tab(
            self.tabs, [self.tr("Коробка"), self.tr("Место"), self.tr("Статус"), self.tr("Ячейка")], self.tr("Коробки")
        )
        self.sms = table_tab(
            self.tabs, [self.tr("SMS"), self.tr("Попытка"), self.tr("Статус"), self.tr("Обновлено")], self.tr("SMS")
        )
        self.timeline = table_tab(
            self.tabs,
            [self.tr("Время"), self.tr("Что"), self.tr("Сотрудник"), self.tr("Синхронизация")],
            self.tr("История"),
        )
        return self.tabs

    def on_shown(self) -> None:
        self.query.setFocus()

    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind in (ScanKind.ORDER_NUMBER, ScanKind.BOX):
            self.query.setText(scan.value)
            self._on_search()
            return True
        return False

    def _on_focus_search(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def _on_search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        service = self.ctx.services.orders
        self.run(lambda: service.search(text), self._on_found)

    def _on_found(self, found: list[OrderSummary]) -> None:
        zone = self.ctx.zone()
        self.results.set_rows(
            [
                (
                    o.number,
                    order_status(o.status),
                    o.customer_name,
                    o.masked_phone,
                    rub(o.total_kopecks),
                    local_time(o.storage_until, zone),
                )
                for o in found
            ],
            ["error" if o.locked else "" for o in found],
            [o.number for o in found],
        )
        if not found:
            self.feedback.show_warning(
                self.tr("Ничего не найдено"), self.tr("Проверьте номер или попробуйте телефон и фамилию.")
            )
            return
        if len(found) == 1:
            self._open(found[0].number)
        else:
            self.feedback.show_info(
                self.tr("Найдено заказов: {0}").format(len(found)), self.tr("Выберите заказ в списке.")
            )

    def _open(self, number: str | None) -> None:
        if number:
            service = self.ctx.services.orders
            self.run(lambda: service.detail(number), self._on_detail)

    def _on_detail(self, detail: OrderDetail) -> None:
        self.detail = detail
        o = detail.summary
        self.header.setText(
            self.tr("Заказ {0} — {1}. {2}, {3}. Сумма {4}, к оплате {5}.").format(
                o.number, order_status(o.status), o.customer_name, o.masked_phone, rub(o.total_kopecks),
                rub(detail.amount_due_kopecks),
            )
        )
        if o.locked:
            self.header.setText(self.header.text() + " " + self.tr("Заблокирован после 5 неверных кодов."))
        self._show_unlock()
        self._render_card(detail)

    def _show_unlock(self) -> None:
        """The unlock button: only on a locked order's card, only while a manager is logged in."""
        locked = self.detail is not None and self.detail.summary.locked
        self.unlock_button.setVisible(locked and self.ctx.session.has_role(Role.MANAGER))

    def _render_card(self, detail: OrderDetail) -> None:
        zone = self.ctx.zone()
        self.lines.set_rows(
            [(x.name, x.quantity, rub(x.price_kopecks),
              f"{x.refused_quantity}: {refusal_text(x.refusal_reason or '')}" if x.refused_quantity else "")
             for x in detail.lines]
        )
        self.boxes.set_rows(
            [(b.barcode, box_of(b.seq_no, b.boxes_total), box_status(b.status), b.cell_label or "—")
             for b in detail.boxes],
            ["warning" if b.damaged else "" for b in detail.boxes],
        )
        self.sms.set_rows(
            [(sms_purpose(s.purpose), s.attempt, sms_status(s.status), local_time(s.updated_at, zone))
             for s in detail.sms],
            [_sms_tone(s.status) for s in detail.sms],
        )
        self.timeline.set_rows(
            [(local_time(t.at, zone), self._timeline_what(t.source, t.what), t.staff_name or "",
              sync_status(t.sync_status))
             for t in detail.timeline],
            [SYNC_TONES.get(t.sync_status or "", "") for t in detail.timeline],
        )

    def _timeline_what(self, source: str, what: str) -> str:
        """A journal entry (who did what) vs an outbox event (what was sent to the server)."""
        label = timeline_action(what)
        return label if source == "audit" else self.tr("→ сервер: {0}").format(label)

    def _on_resend(self) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        if self.detail is None:
            self.feedback.show_warning(self.tr("Заказ не выбран"), self.tr("Сначала найдите заказ."))
            return
        number = self.detail.number
        service = self.ctx.services.notification
        self.run(lambda: service.resend(actor, number), self._on_resent)

    def _on_resent(self, sms: SmsView) -> None:
        self.feedback.show_ok(
            self.tr("SMS поставлено в очередь"),
            self.tr("Попытка {0}. Сообщение уйдёт при связи с сервером.").format(sms.attempt),
        )
        self._on_refresh()

    def _on_unlock(self) -> None:
        actor = self.require_actor()
        if actor is None or self.detail is None:
            return
        number = self.detail.number
        service = self.ctx.services.handover
        self.run(lambda: service.unlock(actor, number), lambda _: self._on_unlocked(number))

    def _on_unlocked(self, number: str) -> None:
        self.feedback.show_ok(
            self.tr("Заказ {0} разблокирован").format(number), self.tr("Клиент может снова назвать код получения.")
        )
        self._open(number)

    def _on_refresh(self) -> None:
        if self.detail is not None:
            self._open(self.detail.number)

    def after_sync(self) -> None:
        """Read the open order card again: its timeline's «ждёт отправки» may have been sent meanwhile."""
        if self.detail is not None and not self.busy:
            self._open(self.detail.number)

    def open_number(self, number: str) -> None:
        """Show the card of the order with this number, as if it were typed and found (its row in the list too)."""
        self.query.setText(number)
        self._on_search()


class OrderCardDialog(QDialog):
    """The Orders page's card in a window of its own, over another page (the manager's console)."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Карточка заказа"))
        self.page = OrdersPage(ctx)
        self.page.set_active(True)  # its F-keys (F5, F7) work in this window
        QVBoxLayout(self).addWidget(self.page)  # the layout makes the dialog the page's parent
        self.resize(1000, 640)


def open_order_card(ctx: AppContext, number: str, parent: QWidget) -> OrderCardDialog:
    """Open the order's card in a window over `parent` (one window per parent, reused for the next order)."""
    dialog = parent.findChild(OrderCardDialog) or OrderCardDialog(ctx, parent)
    dialog.page.open_number(number)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _sms_tone(status: str) -> str:
    return {"delivered": "ok", "failed": "error", "unknown": "warning"}.get(status, "")
