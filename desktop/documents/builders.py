"""Build the four counter documents (Russian) as HTML from their input data."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from desktop.documents import html as h
from desktop.documents.model import (
    KIND_TITLES,
    BoxLine,
    Document,
    DocumentKind,
    HandoverReceiptData,
    PointInfo,
    ReceiptLine,
    ReturnAct,
    ReturnActLine,
    ShiftReport,
)
from protocol.money import rub

if TYPE_CHECKING:
    from desktop.services.receiving import DiscrepancySummary

MOSCOW = ZoneInfo("Europe/Moscow")
RESULT_TEXT = {
    "handed_over": "выдан полностью",
    "partially_handed_over": "выдан частично",
    "refused": "клиент отказался от заказа",
}
METHOD_TEXT = {"cash": "наличными", "card": "картой"}
RETURN_REASON_TEXT = {"expired": "истёк срок хранения", "refused": "отказ клиента", "cancelled": "заказ отменён"}


def _point_line(point: PointInfo) -> str:
    parts = [f"Пункт выдачи {point.code}", point.name, point.address]
    return ", ".join(p for p in parts if p)


def discrepancy_act(data: DiscrepancySummary, zone: tzinfo = MOSCOW) -> Document:
    """Акт расхождений from the receiving service's typed summary."""
    title = f"Акт расхождений по приёмке {data.shipment or 'без накладной'}"
    parts = [
        h.heading(title),
        h.para(_point_line(data.point), "muted"),
        h.fields(
            [
                ("Накладная (рейс)", data.shipment or "нет накладной"),
                ("Сессия приёмки", data.session),
                ("Начало приёмки", f"{h.when(data.opened_at, zone)}, {data.opened_by}"),
                ("Окончание приёмки", f"{h.when(data.closed_at, zone)}, {data.closed_by}"),
                ("Принимали", ", ".join(data.staff) or "—"),
            ]
        ),
        h.heading("Итоги", 2),
        _summary_table(data),
    ]
    parts += _discrepancy_sections(data)
    if not data.has_discrepancies:
        parts.append(h.para("Расхождений нет: все коробки по накладной приняты."))
    parts.append(h.signatures("Принял", "Сдал (водитель)"))
    return Document(DocumentKind.DISCREPANCY_ACT, data.session, title, h.page(title, *parts))


def _discrepancy_sections(data: DiscrepancySummary) -> list[str]:
    missing = tuple(BoxLine(m.box, m.order, m.place) for m in data.missing)
    foreign = tuple(BoxLine(f.box, "", f.point) for f in data.foreign)
    cancelled = tuple(BoxLine(c.box, c.order) for c in data.cancelled)
    damaged = tuple(BoxLine(d.box, d.order, d.note) for d in data.damaged)
    return [
        *_box_section("Недостача", "коробки по накладной, которые не поступили", missing, "Место"),
        *_box_section("Излишки", "коробки, которых нет в накладной", tuple(BoxLine(b) for b in data.surplus), ""),
        *_box_section("Чужие коробки", "адресованы другому пункту выдачи", foreign, "Пункт назначения"),
        *_box_section("Отменённые заказы", "коробки заказов, отменённых до приёмки", cancelled, ""),
        *_box_section("Повреждения", "коробки, принятые с повреждениями", damaged, "Повреждение"),
    ]


def _summary_table(data: DiscrepancySummary) -> str:
    header = ("Ожидалось", "Принято", "Недостача", "Излишки", "Чужие", "Отменённые", "Повреждённые")
    boxes = (data.missing, data.surplus, data.foreign, data.cancelled, data.damaged)
    row = [str(data.expected), str(data.received), *(str(len(b)) for b in boxes)]
    return h.table(header, [row], numeric=range(len(header)))


def _box_section(title: str, what: str, boxes: tuple[BoxLine, ...], note_header: str) -> list[str]:
    if not boxes:
        return []
    header = ["№", "Коробка", "Заказ"] + ([note_header] if note_header else [])
    rows = [[str(i), b.box, b.order or "—"] + ([b.note or "—"] if note_header else []) for i, b in enumerate(boxes, 1)]
    return [h.heading(f"{title} — {len(boxes)}", 2), h.para(what, "muted"), h.table(header, rows, numeric=(0,))]


def handover_receipt(data: HandoverReceiptData, zone: tzinfo = MOSCOW) -> Document:
    title = f"Квитанция о выдаче заказа {data.order_number}"
    parts = [
        h.heading(title),
        h.para(_point_line(data.point), "muted"),
        h.fields(_receipt_fields(data, zone)),
        h.heading("Выдано", 2),
        _handed_table(data.lines),
    ]
    refused = [line for line in data.lines if line.refused_quantity]
    if refused:
        parts += [h.heading("Отказ клиента", 2), _refused_table(refused)]
    parts += [h.heading("Оплата", 2), h.fields(_payment_fields(data))]
    parts += [h.para(note) for note in data.notes]
    parts.append(h.signatures("Выдал", "Получил"))
    return Document(DocumentKind.HANDOVER_RECEIPT, data.order_number, title, h.page(title, *parts))


def _receipt_fields(data: HandoverReceiptData, zone: tzinfo) -> list[tuple[str, str]]:
    rows = [
        ("Заказ", data.order_number),
        ("Результат", RESULT_TEXT.get(data.result, data.result)),
        ("Получатель", f"{data.customer_name}, {data.masked_phone}"),
    ]
    if data.legal_entity_name:
        rows.append(("Организация", data.legal_entity_name))
    if data.power_of_attorney:
        rows.append(("Доверенность", data.power_of_attorney))
    rows += [("Выдал", data.staff_name), ("Дата и время", h.when(data.completed_at, zone))]
    return rows


def _handed_table(lines: tuple[ReceiptLine, ...]) -> str:
    rows = [
        [
            str(i),
            line.sku,
            line.name + (f" (с/н {line.serial})" if line.serial else ""),
            str(line.handed_quantity),
            rub(line.price_kopecks),
            rub(line.handed_quantity * line.price_kopecks),
        ]
        for i, line in enumerate(lines, 1)
        if line.handed_quantity
    ]
    total = sum(line.handed_quantity * line.price_kopecks for line in lines)
    rows.append(["", "", "Итого выдано", str(sum(line.handed_quantity for line in lines)), "", rub(total)])
    return h.table(("№", "Артикул", "Товар", "Кол-во", "Цена", "Сумма"), rows, numeric=(0, 3, 4, 5))


def _refused_table(lines: list[ReceiptLine]) -> str:
    rows = [
        [
            line.sku,
            line.name,
            str(line.refused_quantity),
            rub(line.refused_quantity * line.price_kopecks),
            line.refusal_reason or "—",
        ]
        for line in lines
    ]
    return h.table(("Артикул", "Товар", "Кол-во", "Сумма", "Причина отказа"), rows, numeric=(2, 3))


def _payment_fields(data: HandoverReceiptData) -> list[tuple[str, str]]:
    if data.payment_method and data.paid_kopecks:
        rows = [("Оплачено при получении", f"{rub(data.paid_kopecks)} {METHOD_TEXT.get(data.payment_method, '')}")]
        if data.payment_method == "cash":
            rows += [("Получено наличными", rub(data.tendered_kopecks)), ("Сдача", rub(data.change_kopecks))]
    elif data.prepaid:
        rows = [("Оплата", "заказ оплачен заранее")]
    else:
        rows = [("Оплата", "не требуется")]
    if data.refund_by_centre_kopecks:
        rows.append(("Вернёт интернет-магазин за отказ", rub(data.refund_by_centre_kopecks)))
    if data.bonus_points:
        rows.append(("Начислено баллов", str(data.bonus_points)))
    return rows


def return_act(data: ReturnAct, zone: tzinfo = MOSCOW) -> Document:
    head = data.header
    title = f"Акт возврата от {h.when(head.closed_at, zone)[:10]}"
    parts = [
        h.heading(title),
        h.para(_point_line(head.point), "muted"),
        h.fields(
            [
                ("Сессия возврата", head.key),
                ("Начало", f"{h.when(head.opened_at, zone)}, {head.opened_by}"),
                ("Окончание", f"{h.when(head.closed_at, zone)}, {head.closed_by}"),
                ("Заказов", str(len(data.orders))),
                ("Коробок", str(data.boxes_count)),
            ]
        ),
        h.heading("Возвращаемые заказы", 2),
        _return_table(data.orders),
    ]
    incomplete = [o.order_number for o in data.orders if not o.complete]
    if incomplete:
        parts.append(h.para("Отправлены не все коробки заказов: " + ", ".join(incomplete), "warn"))
    parts.append(h.signatures("Сдал", "Принял (перевозчик)"))
    return Document(DocumentKind.RETURN_ACT, head.key, title, h.page(title, *parts))


def _return_table(orders: tuple[ReturnActLine, ...]) -> str:
    rows = [
        [
            str(i),
            o.order_number,
            RETURN_REASON_TEXT.get(o.reason, o.reason),
            o.customer_name,
            ", ".join(o.boxes),
            f"{len(o.boxes)} из {o.boxes_total}" + ("" if o.complete else " — не все!"),
        ]
        for i, o in enumerate(orders, 1)
    ]
    return h.table(("№", "Заказ", "Причина", "Клиент", "Коробки", "Мест"), rows, numeric=(0,))


def shift_report(data: ShiftReport, zone: tzinfo = MOSCOW) -> Document:
    head = data.header
    title = f"Отчёт за смену: {data.staff_name}"
    parts = [
        h.heading(title),
        h.para(_point_line(head.point), "muted"),
        h.fields(
            [
                ("Сотрудник", f"{data.staff_name} ({data.staff_login})"),
                ("Смена", f"{h.when(head.opened_at, zone)} — {h.when(head.closed_at, zone)}"),
            ]
        ),
        h.heading("Итоги смены", 2),
        h.table(("Показатель", "Значение"), _shift_rows(data), numeric=(1,)),
        h.para(f"Наличные в кассе по смене: {rub(data.cash_kopecks)}", "total"),
        h.signatures("Сотрудник", "Управляющий"),
    ]
    return Document(DocumentKind.SHIFT_REPORT, data.key, title, h.page(title, *parts))


def _shift_rows(data: ShiftReport) -> list[tuple[str, str]]:
    return [
        ("Принято коробок", str(data.boxes_received)),
        ("Выдано заказов", str(data.orders_handed_over)),
        ("Принято наличными", rub(data.cash_kopecks)),
        ("Принято картой", rub(data.card_kopecks)),
        ("Всего денег", rub(data.cash_kopecks + data.card_kopecks)),
        ("Активировано клубных карт", str(data.cards_activated)),
        ("Возвращено коробок", str(data.boxes_returned)),
    ]


def printer_test_page(printer_name: str, when_text: str) -> Document:
    """A page that proves the printer prints: Cyrillic text, a ruler and the printer's name."""
    title = KIND_TITLES[DocumentKind.TEST_PAGE]
    parts = [
        h.heading(f"{title} Pickup Desk"),
        h.fields([("Принтер", printer_name), ("Время", when_text)]),
        h.para("Съешь же ещё этих мягких французских булок, да выпей чаю. 0123456789 ₽"),
        h.table(("1 см", "2 см", "3 см", "4 см", "5 см"), [["█", "█", "█", "█", "█"]]),
        h.para("Если этот текст читается и таблица не обрезана по краям, принтер настроен правильно."),
    ]
    return Document(DocumentKind.TEST_PAGE, printer_name, title, h.page(title, *parts))
