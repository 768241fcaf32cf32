"""Returns (возвраты): expiring today/tomorrow, the return list, a return session scanning boxes out, extensions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QInputDialog, QTabWidget

from desktop.documents.builders import return_act
from desktop.documents.model import Document, DocumentKind
from desktop.scan_routing import Scan
from desktop.services.base import Actor, Role
from desktop.services.handover import refusal_text
from desktop.services.returns import (
    ExpiringOrder,
    ExtensionResult,
    OpenReturn,
    RefusedItem,
    ReturnAct,
    ReturnCandidate,
    ReturnList,
    ReturnScan,
    ReturnScanResult,
)
from ui.context import AppContext
from ui.hardware.wiring import add_show_action, documents_for, print_last
from ui.models import RowsModel
from ui.pages.base import SessionPage
from ui.pages.orders_page import local_time
from ui.pages.terms import box_of, order_status, return_reason
from ui.widgets.common import table_tab


class ReturnsPage(SessionPage):
    """What must go back and the session that sends it: one scan per box, the act at the end."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Возвраты")
    shortcut = "Ctrl+F7"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.instructions = self.headline(self.tr("Возврат: F5 — начать сессию, затем сканируйте коробки из списка."))
        self.tabs = QTabWidget(self)
        expiring_headers = [
            self.tr("Заказ"),
            self.tr("Клиент"),
            self.tr("Телефон"),
            self.tr("Хранение до"),
            self.tr("Ячейки"),
        ]
        self.today = table_tab(self.tabs, expiring_headers, self.tr("Истекает сегодня"))
        self.tomorrow = table_tab(self.tabs, expiring_headers, self.tr("Истекает завтра"))
        self.to_return = table_tab(
            self.tabs,
            [self.tr("Заказ"), self.tr("Причина"), self.tr("Статус"), self.tr("Клиент"), self.tr("Коробки к возврату")],
            self.tr("К возврату"),
        )
        self.scanned = table_tab(
            self.tabs,
            [self.tr("Коробка"), self.tr("Заказ"), self.tr("Место"), self.tr("Причина")],
            self.tr("Сессия возврата"),
        )
        self._layout.addWidget(self.instructions)
        self._layout.addWidget(self.tabs, 1)
        self.add_action(self.tr("Начать возврат"), "F5", self._on_open_session)
        self.add_action(self.tr("Продлить хранение"), "F6", self._on_extend)
        self.add_action(self.tr("Обновить"), "F7", self.on_shown)
        self.add_action(self.tr("Закрыть возврат"), "F9", self._on_close_session)
        print_button = self.add_action(self.tr("Акт"), "F11", self.print_act)
        add_show_action(ctx, self, DocumentKind.RETURN_ACT, print_button)  # Shift+F11: on screen
        self.finish_layout()

    def on_shown(self) -> None:
        self.refresh_lists()

    def refresh_lists(self) -> None:
        """Expiring today / tomorrow, the return list with its count in the tab title, an open session to resume."""
        service = self.ctx.services.returns
        self.run(
            lambda: (
                service.expiring("today"),
                service.expiring("tomorrow"),
                service.return_list(),
                service.current_session(),
            ),
            self._on_lists,
        )

    def _on_lists(
        self, lists: tuple[list[ExpiringOrder], list[ExpiringOrder], ReturnList, OpenReturn | None]
    ) -> None:
        today, tomorrow, to_return, still_open = lists
        if still_open is not None and self.session_uid != still_open.uid:
            self._resume(still_open)
        for model, rows in ((self.today, today), (self.tomorrow, tomorrow)):
            model.set_rows(
                [
                    (
                        o.order_number,
                        o.customer_name,
                        "…" + o.phone_last4,
                        o.storage_until_local,
                        ", ".join(o.cells) or "—",
                    )
                    for o in rows
                ],
                ["ok" if o.extended else "" for o in rows],
                [o.order_number for o in rows],
            )
        self.to_return.set_rows(
            [
                (
                    c.order_number,
                    _reason_text(c),
                    order_status(c.status),
                    c.customer_name,
                    ", ".join(b.barcode for b in c.boxes if not b.returned),
                )
                for c in to_return.orders
            ],
            payloads=[c.order_number for c in to_return.orders],
        )
        self.tabs.setTabText(2, self.tr("К возврату ({0})").format(len(to_return.orders)))

    def _resume(self, still_open: OpenReturn) -> None:
        """A return session left open (crash, restart): carry on with it and its scan list."""
        self.session_uid = still_open.uid
        self.scanned.set_rows(
            [
                (s.box, s.order_number, box_of(s.seq_no, s.boxes_total), return_reason(s.reason))
                for s in reversed(still_open.scans)
            ],
            ["ok"] * len(still_open.scans),
        )
        self.tabs.setCurrentIndex(3)
        self.instructions.setText(
            self.tr("Идёт возврат: сканируйте коробки заказов из списка «К возврату». F9 — закрыть и получить акт.")
        )
        self.feedback.show_warning(
            self.tr("Продолжение возврата"),
            self.tr("Сессия возврата не была закрыта. В ней уже коробок: {0}. Продолжайте сканировать.").format(
                len(still_open.scans)
            ),
        )

    def tell_no_session(self) -> None:
        self.feedback.show_warning(
            self.tr("Сессия возврата не начата"),
            self.tr("Нажмите F5, чтобы начать возврат, и отсканируйте коробку снова."),
        )

    def scan_into_session(self, actor: Actor, session_uid: str, scan: Scan) -> None:
        service = self.ctx.services.returns
        self.run(lambda: service.scan_box(actor, session_uid, scan.value), self._on_box_returned)

    def _on_box_returned(self, result: ReturnScanResult) -> None:
        if result.outcome is ReturnScan.REPEAT:
            self.feedback.show_warning(
                self.tr("Повтор: {0}").format(result.box), self.tr("Эта коробка уже в возврате.")
            )
            return
        position = box_of(result.seq_no, result.boxes_total)
        self.scanned.prepend((result.box, result.order_number, position, return_reason(result.reason)), "ok")
        done = self.tr(" Заказ возвращён полностью.") if result.order_returned else ""
        self.feedback.show_ok(
            self.tr("В возврат: {0}").format(result.box),
            self.tr("Заказ {0}, коробка {1} из {2}, ячейка {3}.{4}").format(
                result.order_number, result.seq_no, result.boxes_total, result.cell or "—", done
            ),
        )
        self.refresh_lists()  # a returned box leaves the list, a fully returned order leaves «К возврату (N)»

    def _on_open_session(self) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        if self.session_uid is not None:
            self.feedback.show_info(self.tr("Сессия уже открыта"), self.tr("Сканируйте коробки из списка."))
            return
        service = self.ctx.services.returns
        self.run(lambda: service.open_session(actor), self._on_session_opened)

    def _on_session_opened(self, uid: str) -> None:
        self.session_uid = uid
        self.scanned.set_rows([])
        self.tabs.setCurrentIndex(3)
        self.instructions.setText(
            self.tr("Идёт возврат: сканируйте коробки заказов из списка «К возврату». F9 — закрыть и получить акт.")
        )
        self.feedback.show_ok(self.tr("Возврат начат"), self.tr("Сканируйте коробки."))

    def _on_close_session(self) -> None:
        actor = self.require_actor()
        if actor is None or self.session_uid is None:
            return
        uid, service = self.session_uid, self.ctx.services.returns
        with_act = documents_for(self.ctx) is not None

        def close() -> tuple[ReturnAct, Document | None]:
            act = service.close_session(actor, uid)
            return act, return_act(act) if with_act else None

        self.run(close, lambda done: self._on_session_closed(*done))

    def _on_session_closed(self, act: ReturnAct, document: Document | None = None) -> None:
        self.session_uid = None
        self.instructions.setText(
            self.tr("Возврат закрыт: {0}, {1}. Акт возврата сформирован.").format(
                self.tr("%n коробок", "", act.boxes_count), self.tr("%n заказов", "", len(act.orders))
            )
        )
        detail = self.tr("Коробок: {0}.").format(act.boxes_count)
        self.feedback.show_ok(self.tr("Возврат закрыт"), detail)
        documents = documents_for(self.ctx)
        if document is not None and documents is not None and documents.print(document) is not None:
            self.feedback.show_ok(
                self.tr("Возврат закрыт"),
                detail + " " + self.tr("Акт возврата напечатан: передайте его перевозчику вместе с коробками."),
            )
        self.on_shown()

    def print_act(self) -> None:
        """F11: print the last return act (again)."""
        print_last(self.ctx, DocumentKind.RETURN_ACT)

    def _selected_order(self) -> str | None:
        view = self.tabs.currentWidget()
        model = view.model() if view is not None else None  # type: ignore[attr-defined]
        index = view.currentIndex() if view is not None else None  # type: ignore[attr-defined]
        if not isinstance(model, RowsModel) or index is None or not index.isValid():
            return None
        return model.payload(index.row())

    def _on_extend(self) -> None:
        actor = self.require_actor()
        if actor is None:
            return
        if not self.ctx.session.has_role(Role.MANAGER):
            self.feedback.show_error(self.tr("Только менеджер"), self.tr("Продлить хранение может менеджер."))
            return
        number = self._selected_order()
        if number is None:
            self.feedback.show_warning(self.tr("Заказ не выбран"), self.tr("Выберите заказ в списке."))
            return
        days, ok = QInputDialog.getInt(
            self, self.tr("Продление хранения"), self.tr("На сколько дней продлить заказ {0}?").format(number), 3, 1, 7
        )
        if ok:
            service = self.ctx.services.returns
            self.run(lambda: service.extend(actor, number, days), self._on_extended)

    def _on_extended(self, result: ExtensionResult) -> None:
        self.feedback.show_ok(
            self.tr("Хранение продлено"),
            self.tr("Заказ {0} хранится до {1}.").format(result.order_number, result.storage_until_local),
        )
        self.on_shown()


def _reason_text(candidate: ReturnCandidate) -> str:
    """Why the order goes back; for a partial handover also the refused goods, their quantity and reason."""
    reason = return_reason(candidate.reason)
    if not candidate.items:
        return reason
    return reason + ": " + "; ".join(_item_text(x) for x in candidate.items)


def _item_text(item: RefusedItem) -> str:
    text = QCoreApplication.translate("ReturnsPage", "{0} — {1} шт.").format(item.name, item.quantity)
    return text + (f" ({refusal_text(item.reason)})" if item.reason else "")


__all__ = ["ReturnsPage", "local_time"]
