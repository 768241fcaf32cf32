"""Warranty documents: the intake act (the point's copy and the customer's) and the service dispatch act.

Built from plain data like the other documents (desktop/documents/builders.py), fixed texts through
`translate("Documents", …)`, times and dates in the point's zone; the claim number prints as a Code 128
barcode (a PNG inline), so the claim can be found by scanning either copy.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass
from datetime import date, datetime, tzinfo

from desktop.documents import html as h
from desktop.documents.model import Document, DocumentKind, PointInfo, SessionHeader
from desktop.labels.barcodes import Symbology, render_barcode
from desktop.point_time import zone_named
from desktop.state_names import checklist_name, cover_name
from desktop.translatable import translate
from protocol.claims import COMPLETENESS, CONDITION, WarrantyCover

BARCODE_MODULE_PX, BARCODE_HEIGHT_PX = 2, 56
PAGE_BREAK = '<p style="page-break-before: always">&nbsp;</p>'


@dataclass(frozen=True)
class IntakeActData:
    """Акт приёма изделия по гарантии: what was taken in, in what state, what is wrong with it, who and when."""

    claim: str
    point: PointInfo
    order: str
    customer_name: str
    masked_phone: str
    product: str
    sku: str
    serial: str
    cover: str  # a WarrantyCover value
    last_day: date  # the last day of the warranty
    checklist: tuple[str, ...]  # CHECKLIST keys ticked
    condition: str
    fault: str
    photos: int
    staff_name: str
    accepted_at: datetime
    label: str
    serial_override: str | None = None


@dataclass(frozen=True)
class DispatchActLine:
    claim: str
    label: str
    order: str
    product: str
    serial: str


@dataclass(frozen=True)
class ServiceDispatchAct:
    """Акт отправки в сервис: the items scanned out in one dispatch session (WarrantyService.close_dispatch)."""

    header: SessionHeader
    lines: tuple[DispatchActLine, ...]

    def as_dict(self) -> dict[str, object]:
        """Stored with the session; the closing event carries `event_act()`."""
        return {"session_uid": self.header.key, **self.header.as_dict(), "lines": [asdict(x) for x in self.lines]}

    def event_act(self) -> dict[str, object]:
        """The act as the service.closed event carries it: the claim numbers and their count."""
        return {"claims": [line.claim for line in self.lines], "count": len(self.lines)}


def barcode_png(data: str) -> bytes:
    image = render_barcode(Symbology.CODE128, data, BARCODE_MODULE_PX, BARCODE_HEIGHT_PX)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def intake_act(data: IntakeActData, zone: tzinfo | None = None) -> Document:
    """The intake act twice on one document: the point's copy, a page break, the customer's copy."""
    zone = zone or zone_named(data.point.timezone)
    title = translate("Documents", "Акт приёма изделия по гарантии, заявка {0}").format(data.claim)
    point_copy = _intake_copy(data, zone, title, translate("Documents", "Экземпляр пункта выдачи"))
    customer_copy = _intake_copy(data, zone, title, translate("Documents", "Экземпляр клиента"))
    told = translate(
        "Documents",
        "Когда изделие вернётся из сервиса, вы получите SMS на номер {0} с кодом получения. "
        "Заберите изделие в этом пункте выдачи, назовите код и предъявите этот акт.",
    ).format(data.masked_phone)
    parts = [*point_copy, PAGE_BREAK, *customer_copy[:-1], h.para(told, "total"), customer_copy[-1]]
    return Document(DocumentKind.CLAIM_INTAKE_ACT, data.claim, title, h.page(title, *parts))


def _intake_copy(data: IntakeActData, zone: tzinfo, title: str, which: str) -> list[str]:
    point = translate("Documents", "Пункт выдачи {0}").format(data.point.code)
    place = ", ".join(p for p in (point, data.point.name, data.point.address) if p)
    return [
        h.heading(title),
        h.para(f"{which}. {place}", "muted"),
        h.image(barcode_png(data.claim), data.claim),
        h.para(data.claim),
        h.fields(_intake_fields(data, zone)),
        h.heading(translate("Documents", "Неисправность со слов клиента"), 2),
        h.para(data.fault),
        h.signatures(translate("Documents", "Принял (сотрудник)"), translate("Documents", "Подпись клиента")),
    ]


def _intake_fields(data: IntakeActData, zone: tzinfo) -> list[tuple[str, str]]:
    rows = [
        (translate("Documents", "Заказ"), data.order),
        (translate("Documents", "Клиент"), f"{data.customer_name}, {data.masked_phone}"),
        (translate("Documents", "Изделие"), f"{data.product} ({data.sku})"),
        (translate("Documents", "Серийный номер / IMEI"), data.serial),
    ]
    if data.serial_override:
        rows.append((translate("Documents", "Серийный номер не совпал, разрешил менеджер"), data.serial_override))
    rows += [
        (translate("Documents", "Гарантия"), _cover_text(data)),
        (translate("Documents", "Комплектность"), _ticked(data.checklist, COMPLETENESS, present=True)),
        (translate("Documents", "Внешний вид"), _condition_text(data)),
        (translate("Documents", "Фотографии"), str(data.photos)),
        (translate("Documents", "Этикетка для сервиса"), data.label),
        (translate("Documents", "Принял"), data.staff_name),
        (translate("Documents", "Дата и время"), h.when(data.accepted_at, zone)),
    ]
    return rows


def _cover_text(data: IntakeActData) -> str:
    day = data.last_day.strftime("%d.%m.%Y")
    if data.cover == WarrantyCover.PAID_REPAIR:
        return translate("Documents", "закончилась {0}: платный ремонт с согласия клиента").format(day)
    return f"{cover_name(data.cover)}, " + translate("Documents", "до {0} включительно").format(day)


def _ticked(checklist: tuple[str, ...], keys: tuple[str, ...], present: bool) -> str:
    """The ticked items of one group by name; the completeness group also says what is missing."""
    have = [checklist_name(k) for k in keys if k in checklist]
    text = ", ".join(have) or translate("Documents", "ничего")
    missing = [checklist_name(k) for k in keys if k not in checklist]
    if present and missing:
        text += "; " + translate("Documents", "нет: {0}").format(", ".join(missing))
    return text


def _condition_text(data: IntakeActData) -> str:
    seen = [checklist_name(k) for k in CONDITION if k in data.checklist]
    text = ", ".join(seen) if seen else translate("Documents", "без видимых повреждений")
    return f"{text}; {data.condition}" if data.condition else text


def service_dispatch_act(data: ServiceDispatchAct, zone: tzinfo | None = None) -> Document:
    """Акт отправки в сервис: the items handed to the carrier for the service centre."""
    head = data.header
    zone = zone or zone_named(head.point.timezone)
    title = translate("Documents", "Акт отправки в сервис от {0}").format(h.when(head.closed_at, zone)[:10])
    fields = [
        (translate("Documents", "Отправка"), head.key),
        (translate("Documents", "Начало"), f"{h.when(head.opened_at, zone)}, {head.opened_by}"),
        (translate("Documents", "Окончание"), f"{h.when(head.closed_at, zone)}, {head.closed_by}"),
        (translate("Documents", "Изделий"), str(len(data.lines))),
    ]
    header = (
        "№",
        translate("Documents", "Заявка"),
        translate("Documents", "Этикетка"),
        translate("Documents", "Заказ"),
        translate("Documents", "Изделие"),
        translate("Documents", "Серийный номер"),
    )
    rows = [[str(i), x.claim, x.label, x.order, x.product, x.serial] for i, x in enumerate(data.lines, 1)]
    place = translate("Documents", "Пункт выдачи {0}").format(head.point.code)
    parts = [
        h.heading(title),
        h.para(", ".join(p for p in (place, head.point.name, head.point.address) if p), "muted"),
        h.fields(fields),
        h.table(header, rows, numeric=(0,)),
        h.signatures(translate("Documents", "Сдал"), translate("Documents", "Принял (перевозчик)")),
    ]
    return Document(DocumentKind.SERVICE_DISPATCH_ACT, head.key, title, h.page(title, *parts))
