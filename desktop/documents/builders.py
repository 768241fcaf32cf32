"""Build the four counter documents as HTML from their input data, in the UI language (Russian by default).

Every fixed text goes through `translate("Documents", …)`, so a document prints in the language the
clerk's screen shows (the UI installs the translator; without one the texts stay Russian).
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

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
from desktop.documents.payment_rows import payment_fields
from desktop.point_time import zone_named
from desktop.services.handover.model import refusal_text
from desktop.translatable import QT_TRANSLATE_NOOP, of_total, translate
from protocol.money import rub

if TYPE_CHECKING:
    from desktop.services.receiving import DiscrepancySummary

RESULT_TEXT = {
    "handed_over": QT_TRANSLATE_NOOP("Documents", "выдан полностью"),
    "partially_handed_over": QT_TRANSLATE_NOOP("Documents", "выдан частично"),
    "refused": QT_TRANSLATE_NOOP("Documents", "клиент отказался от заказа"),
}
RETURN_REASON_TEXT = {
    "expired": QT_TRANSLATE_NOOP("Documents", "истёк срок хранения"),
    "refused": QT_TRANSLATE_NOOP("Documents", "отказ клиента"),
    "cancelled": QT_TRANSLATE_NOOP("Documents", "заказ отменён"),
    "partial": QT_TRANSLATE_NOOP("Documents", "частичный отказ клиента"),
}
# The box sections of the discrepancy act: heading, explanation, header of the note column ("" for none).
BOX_SECTIONS = {
    "missing": (
        QT_TRANSLATE_NOOP("Documents", "Недостача"),
        QT_TRANSLATE_NOOP("Documents", "коробки по накладной, которые не поступили"),
        QT_TRANSLATE_NOOP("Documents", "Место"),
    ),
    "surplus": (
        QT_TRANSLATE_NOOP("Documents", "Излишки"),
        QT_TRANSLATE_NOOP("Documents", "коробки, которых нет в накладной"),
        "",
    ),
    "foreign": (
        QT_TRANSLATE_NOOP("Documents", "Чужие коробки"),
        QT_TRANSLATE_NOOP("Documents", "адресованы другому пункту выдачи"),
        QT_TRANSLATE_NOOP("Documents", "Пункт назначения"),
    ),
    "cancelled": (
        QT_TRANSLATE_NOOP("Documents", "Отменённые заказы"),
        QT_TRANSLATE_NOOP("Documents", "коробки заказов, отменённых до приёмки"),
        "",
    ),
    "other_shipment": (
        QT_TRANSLATE_NOOP("Documents", "Коробки из другой поставки"),
        QT_TRANSLATE_NOOP("Documents", "коробки этого пункта из другой накладной, принятые в этой приёмке"),
        QT_TRANSLATE_NOOP("Documents", "Накладная"),
    ),
    "elsewhere": (
        QT_TRANSLATE_NOOP("Documents", "Приняты на другом рабочем месте"),
        QT_TRANSLATE_NOOP("Documents", "коробки, отсканированные и в этой приёмке, но принятые раньше другой приёмкой "
                          "(на другом рабочем месте): в этой приёмке не считаются принятыми"),
        QT_TRANSLATE_NOOP("Documents", "Отметка"),
    ),
    "damaged": (
        QT_TRANSLATE_NOOP("Documents", "Повреждения"),
        QT_TRANSLATE_NOOP("Documents", "коробки, принятые с повреждениями"),
        QT_TRANSLATE_NOOP("Documents", "Повреждение"),
    ),
}

ELSEWHERE_NOTE = QT_TRANSLATE_NOOP("Documents", "принята на другом рабочем месте")


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("Documents", …) above, in the UI language ("" stays "")."""
    return translate("Documents", text) if text else text


def _head(title: str, point: PointInfo, fields: list[tuple[str, str]]) -> list[str]:
    """The top of every document: its title, the pickup point and the document's fields."""
    parts = [translate("Documents", "Пункт выдачи {0}").format(point.code), point.name, point.address]
    return [h.heading(title), h.para(", ".join(p for p in parts if p), "muted"), h.fields(fields)]


def _from_by(when: str, who: str) -> str:
    return f"{when}, {who}"


def discrepancy_act(data: DiscrepancySummary, zone: tzinfo | None = None) -> Document:
    """Акт расхождений from the receiving service's typed summary (times in the point's zone)."""
    zone = zone or zone_named(data.point.timezone)
    shipment = data.shipment or translate("Documents", "без накладной")
    title = translate("Documents", "Акт расхождений по приёмке {0}").format(shipment)
    fields = [
        (translate("Documents", "Накладная (рейс)"), data.shipment or translate("Documents", "нет накладной")),
        (translate("Documents", "Начало приёмки"), _from_by(h.when(data.opened_at, zone), data.opened_by)),
        (translate("Documents", "Окончание приёмки"), _from_by(h.when(data.closed_at, zone), data.closed_by)),
        (translate("Documents", "Принимали"), ", ".join(data.staff) or "—"),
    ]
    parts = [*_head(title, data.point, fields), h.heading(translate("Documents", "Итоги"), 2), _summary_table(data)]
    parts += _discrepancy_sections(data)
    if not data.has_discrepancies:
        parts.append(h.para(translate("Documents", "Расхождений нет: все коробки по накладной приняты.")))
    parts.append(h.signatures(translate("Documents", "Принял"), translate("Documents", "Сдал (водитель)")))
    return Document(DocumentKind.DISCREPANCY_ACT, data.session, title, h.page(title, *parts))


def _discrepancy_sections(data: DiscrepancySummary) -> list[str]:
    boxes = {
        "missing": tuple(BoxLine(m.box, m.order, m.place) for m in data.missing),
        "surplus": tuple(BoxLine(b) for b in data.surplus),
        "foreign": tuple(BoxLine(f.box, f.order, f.point) for f in data.foreign),
        "cancelled": tuple(BoxLine(c.box, c.order) for c in data.cancelled),
        "other_shipment": tuple(BoxLine(o.box, o.order, o.shipment) for o in data.other_shipment),
        "elsewhere": tuple(BoxLine(e.box, e.order, translate("Documents", ELSEWHERE_NOTE)) for e in data.elsewhere),
        "damaged": tuple(BoxLine(d.box, d.order, d.note) for d in data.damaged),
    }
    return [part for name, lines in boxes.items() for part in _box_section(*BOX_SECTIONS[name], lines)]


def _summary_table(data: DiscrepancySummary) -> str:
    """The act's totals one per row: eight figures side by side do not fit an A4 line in whole words."""
    names = (
        translate("Documents", "Ожидалось"),
        translate("Documents", "Принято"),
        translate("Documents", "Недостача"),
        translate("Documents", "Излишки"),
        translate("Documents", "Чужие"),
        translate("Documents", "Отменённые"),
        translate("Documents", "Повреждённые"),
        translate("Documents", "Из другой поставки"),
    )
    boxes = (data.missing, data.surplus, data.foreign, data.cancelled, data.damaged, data.other_shipment)
    values = [str(data.expected), str(data.received), *(str(len(b)) for b in boxes)]
    header = (translate("Documents", "Показатель"), translate("Documents", "Коробок"))
    return h.table(header, list(zip(names, values, strict=True)), numeric=(1,))


def _box_section(title: str, what: str, note_header: str, boxes: tuple[BoxLine, ...]) -> list[str]:
    if not boxes:
        return []
    note_header = _tr(note_header)
    header = ["№", translate("Documents", "Коробка"), translate("Documents", "Заказ")]
    header += [note_header] if note_header else []
    rows = [[str(i), b.box, b.order or "—"] + ([b.note or "—"] if note_header else []) for i, b in enumerate(boxes, 1)]
    heading = h.heading(f"{_tr(title)} — {len(boxes)}", 2)
    return [heading, h.para(_tr(what), "muted"), h.table(header, rows, numeric=(0,))]


def handover_receipt(data: HandoverReceiptData, zone: tzinfo | None = None) -> Document:
    """Квитанция о выдаче: the lines handed over and refused, the payment, signatures."""
    zone = zone or zone_named(data.point.timezone)
    title = translate("Documents", "Квитанция о выдаче заказа {0}").format(data.order_number)
    parts = [
        *_head(title, data.point, _receipt_fields(data, zone)),
        h.heading(translate("Documents", "Выдано"), 2),
        _handed_table(data.lines),
    ]
    refused = [line for line in data.lines if line.refused_quantity]
    if refused:
        parts += [h.heading(translate("Documents", "Отказ клиента"), 2), _refused_table(refused)]
    if refused and data.kept_box:
        goods = [(x.name, x.refused_quantity) for x in refused]
        parts.append(h.para(stays_at_point(goods, data.kept_box), "warn"))
    parts += [h.heading(translate("Documents", "Оплата"), 2), h.fields(payment_fields(data))]
    parts += [h.para(note) for note in data.notes]
    parts.append(h.signatures(translate("Documents", "Выдал"), translate("Documents", "Получил")))
    return Document(DocumentKind.HANDOVER_RECEIPT, data.order_number, title, h.page(title, *parts))


def _receipt_fields(data: HandoverReceiptData, zone: tzinfo) -> list[tuple[str, str]]:
    rows = [
        (translate("Documents", "Заказ"), data.order_number),
        (translate("Documents", "Результат"), _tr(RESULT_TEXT.get(data.result, "")) or data.result),
        (translate("Documents", "Получатель"), f"{data.customer_name}, {data.masked_phone}"),
    ]
    if data.legal_entity_name:
        rows.append((translate("Documents", "Организация"), data.legal_entity_name))
    if data.power_of_attorney:
        rows.append((translate("Documents", "Доверенность"), data.power_of_attorney))
    when = h.when(data.completed_at, zone)
    return [*rows, (translate("Documents", "Выдал"), data.staff_name), (translate("Documents", "Дата и время"), when)]


def _handed_table(lines: tuple[ReceiptLine, ...]) -> str:
    serial = translate("Documents", " (с/н {0})")
    rows = [
        [
            str(i),
            line.sku,
            line.name + (serial.format(line.serial) if line.serial else ""),
            str(line.handed_quantity),
            rub(line.price_kopecks),
            rub(line.handed_quantity * line.price_kopecks),
        ]
        for i, line in enumerate(lines, 1)
        if line.handed_quantity
    ]
    total = sum(line.handed_quantity * line.price_kopecks for line in lines)
    count = str(sum(line.handed_quantity for line in lines))
    rows.append(["", "", translate("Documents", "Итого выдано"), count, "", rub(total)])
    header = ("№", translate("Documents", "Артикул"), translate("Documents", "Товар"), *_amount_header())
    return h.table(header, rows, numeric=(0, 3, 4, 5))


def _amount_header() -> tuple[str, str, str]:
    return translate("Documents", "Кол-во"), translate("Documents", "Цена"), translate("Documents", "Сумма")


def _refused_table(lines: list[ReceiptLine]) -> str:
    rows = [
        [
            line.sku,
            line.name,
            str(line.refused_quantity),
            rub(line.refused_quantity * line.price_kopecks),
            refusal_text(line.refusal_reason) if line.refusal_reason else "—",
        ]
        for line in lines
    ]
    quantity, _price, amount = _amount_header()
    header = (translate("Documents", "Артикул"), translate("Documents", "Товар"), quantity, amount)
    return h.table((*header, translate("Documents", "Причина отказа")), rows, numeric=(2, 3))


def stays_at_point(goods: list[tuple[str, int]], box: str) -> str:
    """«Остаётся в пункте: …, отложите в возврат»: the refused goods (name, quantity) of a partial handover."""
    listed = ", ".join(_goods(name, quantity) for name, quantity in goods)
    return translate("Documents", "Остаётся в пункте: {0}, отложите в возврат (коробка {1}).").format(listed, box)


def _goods(name: str, quantity: int) -> str:
    return translate("Documents", "{0} — {1} шт.").format(name, quantity)


def return_act(data: ReturnAct, zone: tzinfo | None = None) -> Document:
    """Акт возврата: the orders and boxes handed back to the carrier."""
    head = data.header
    zone = zone or zone_named(head.point.timezone)
    title = translate("Documents", "Акт возврата от {0}").format(h.when(head.closed_at, zone)[:10])
    fields = [
        (translate("Documents", "Сессия возврата"), head.key),
        (translate("Documents", "Начало"), _from_by(h.when(head.opened_at, zone), head.opened_by)),
        (translate("Documents", "Окончание"), _from_by(h.when(head.closed_at, zone), head.closed_by)),
        (translate("Documents", "Заказов"), str(len(data.orders))),
        (translate("Documents", "Коробок"), str(data.boxes_count)),
    ]
    parts = [
        *_head(title, head.point, fields),
        h.heading(translate("Documents", "Возвращаемые заказы"), 2),
        _return_table(data.orders),
    ]
    parts += [h.para(_returned_goods(o), "muted") for o in data.orders if o.items]
    incomplete = [o.order_number for o in data.orders if not o.complete]
    if incomplete:
        text = translate("Documents", "Отправлены не все коробки заказов: {0}").format(", ".join(incomplete))
        parts.append(h.para(text, "warn"))
    parts.append(h.signatures(translate("Documents", "Сдал"), translate("Documents", "Принял (перевозчик)")))
    return Document(DocumentKind.RETURN_ACT, head.key, title, h.page(title, *parts))


def _return_table(orders: tuple[ReturnActLine, ...]) -> str:
    not_all = translate("Documents", " — не все!")
    rows = [
        [
            str(i),
            o.order_number,
            _tr(RETURN_REASON_TEXT.get(o.reason, "")) or o.reason,
            o.customer_name,
            ", ".join(o.boxes),
            of_total(len(o.boxes), o.boxes_total) + ("" if o.complete else not_all),
        ]
        for i, o in enumerate(orders, 1)
    ]
    header = ("№", translate("Documents", "Заказ"), translate("Documents", "Причина"), translate("Documents", "Клиент"))
    return h.table((*header, translate("Documents", "Коробки"), translate("Documents", "Мест")), rows, numeric=(0,))


def _returned_goods(line: ReturnActLine) -> str:
    """The refused goods of a partial handover in the act: what the box holds and why."""
    goods = ", ".join(
        _goods(x.name, x.quantity) + (f" ({refusal_text(x.reason)})" if x.reason else "") for x in line.items
    )
    return translate("Documents", "Заказ {0}, товары частичного отказа: {1}.").format(line.order_number, goods)


def shift_report(data: ShiftReport, zone: tzinfo | None = None) -> Document:
    """Отчёт за смену: one staff member's totals and the cash to hand in."""
    head = data.header
    zone = zone or zone_named(head.point.timezone)
    title = translate("Documents", "Отчёт за смену: {0}").format(data.staff_name)
    fields = [
        (translate("Documents", "Сотрудник"), data.staff_name),
        (translate("Documents", "Смена"), _shift_span(data, zone)),
    ]
    cash = translate("Documents", "Наличные в кассе по смене: {0}").format(rub(data.cash_kopecks))
    header = (translate("Documents", "Показатель"), translate("Documents", "Значение"))
    parts = [
        *_head(title, head.point, fields),
        h.heading(translate("Documents", "Итоги смены"), 2),
        h.table(header, _shift_rows(data), numeric=(1,)),
        h.para(cash, "total"),
        h.signatures(translate("Documents", "Сотрудник"), translate("Documents", "Управляющий")),
    ]
    return Document(DocumentKind.SHIFT_REPORT, data.key, title, h.page(title, *parts))


def _shift_span(data: ShiftReport, zone: tzinfo) -> str:
    """«opened — closed», or for a shift not closed yet «opened — смена открыта, данные на HH:MM»."""
    head = data.header
    if data.still_open:
        as_of = translate("Documents", "смена открыта, данные на {0}").format(h.when(head.closed_at, zone))
        return f"{h.when(head.opened_at, zone)} — {as_of}"
    return f"{h.when(head.opened_at, zone)} — {h.when(head.closed_at, zone)}"


def _shift_rows(data: ShiftReport) -> list[tuple[str, str]]:
    """The same figures as the manager's activity table (same names), then money, club cards and returns."""
    return [
        (translate("Documents", "Принято коробок"), str(data.boxes_received)),
        (translate("Documents", "Размещено"), str(data.boxes_placed)),
        (translate("Documents", "Выдано заказов"), str(data.orders_handed_over)),
        (translate("Documents", "Отказы (позиций)"), str(data.refused_lines)),
        (translate("Documents", "Отказы от заказов"), str(data.refused_orders)),
        (translate("Documents", "Неверные коды"), str(data.wrong_codes)),
        (translate("Documents", "Отмены приёмки"), str(data.undos)),
        (translate("Documents", "Принято наличными"), rub(data.cash_kopecks)),
        (translate("Documents", "Принято картой"), rub(data.card_kopecks)),
        (translate("Documents", "Всего денег"), rub(data.cash_kopecks + data.card_kopecks)),
        (translate("Documents", "Активировано клубных карт"), str(data.cards_activated)),
        (translate("Documents", "Возвращено коробок"), str(data.boxes_returned)),
    ]


CYRILLIC_PANGRAM = "Съешь же ещё этих мягких французских булок, да выпей чаю. 0123456789 ₽"


def printer_test_page(printer_name: str, when_text: str) -> Document:
    """A page that proves the printer prints: Cyrillic text, a ruler and the printer's name."""
    title = _tr(KIND_TITLES[DocumentKind.TEST_PAGE])
    ruler = [translate("Documents", "{0} см").format(n) for n in range(1, 6)]
    readable = translate(
        "Documents", "Если этот текст читается и таблица не обрезана по краям, принтер настроен правильно."
    )
    parts = [
        h.heading(f"{title} Pickup Desk"),
        h.fields([(translate("Documents", "Принтер"), printer_name), (translate("Documents", "Время"), when_text)]),
        h.para(CYRILLIC_PANGRAM),
        h.table(ruler, [["█", "█", "█", "█", "█"]]),
        h.para(readable),
    ]
    return Document(DocumentKind.TEST_PAGE, printer_name, title, h.page(title, *parts))
