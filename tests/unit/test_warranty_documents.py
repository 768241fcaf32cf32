"""Warranty paper: the service box label and the intake act's barcode scan back to what routes them."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from PIL import Image
from pyzbar import pyzbar

from desktop.documents.claims import (
    DispatchActLine,
    IntakeActData,
    ServiceDispatchAct,
    barcode_png,
    intake_act,
    service_dispatch_act,
)
from desktop.documents.model import PointInfo, SessionHeader
from desktop.labels.content import service_label, service_label_code
from desktop.labels.render import render_label
from desktop.labels.templates import THERMAL_58x40, THERMAL_100x150
from desktop.scan_routing import ScanKind, route_scan
from protocol.claims import WarrantyCover

POINT = PointInfo("0042", "ПВЗ «На Ленина»", "г. Пермь, ул. Ленина, 10", "Asia/Yekaterinburg")
AT = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)  # 25.11.2026 00:30 in Perm


def _read(image: Image.Image) -> list[str]:
    return [d.data.decode() for d in pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.CODE128])]


@pytest.mark.parametrize("template", [THERMAL_58x40, THERMAL_100x150], ids=lambda t: t.key)
@pytest.mark.parametrize("number", ["W000000123", "W0042123456"])
def test_the_service_label_decodes_to_a_service_label_scan(number, template):
    content = service_label(service_label_code(number), "Смартфон Galaxy A55 8/256", "500000003")
    (data,) = _read(render_label(content, template))
    assert route_scan(data).kind is ScanKind.SERVICE_LABEL and content.headline == number


@pytest.mark.parametrize("bad", ["500000003", "W12", "SLW12"])
def test_only_claim_numbers_make_service_labels(bad):
    with pytest.raises(ValueError):
        service_label_code(bad)
    with pytest.raises(ValueError):
        service_label(bad, "x", "1")


def _act(**kw) -> IntakeActData:
    data = dict(claim="W0042123456", point=POINT, order="500000003", customer_name="Иванов Иван",
                masked_phone="+7 ••• ••• 45 67", product="Смартфон", sku="SKU3", serial="SN-1",
                cover=WarrantyCover.IN_WARRANTY.value, last_day=date(2027, 1, 5), checklist=("box", "cracks"),
                condition="скол на углу", fault="Не заряжается", photos=2, staff_name="Смирнова Анна",
                accepted_at=AT, label="SLW0042123456")
    return IntakeActData(**(data | kw))


def test_the_intake_acts_barcode_is_the_claim_number():
    (data,) = _read(Image.open(io.BytesIO(barcode_png("W0042123456"))))
    assert route_scan(data).kind is ScanKind.CLAIM and data == "W0042123456"


def test_the_intake_act_in_the_points_zone_with_what_was_ticked_and_what_is_missing():
    html = intake_act(_act()).html
    assert "25.11.2026 00:30" in html and "до 05.01.2027 включительно" in html
    assert "коробка; нет: зарядное устройство, кабель, аксессуары, документы и инструкция" in html
    assert "трещины; скол на углу" in html and "Не заряжается" in html


def test_an_expired_warranty_reads_as_paid_repair_with_consent_and_an_override_is_named():
    html = intake_act(_act(cover=WarrantyCover.PAID_REPAIR.value, serial_override="номер заменён в СЦ")).html
    assert "закончилась 05.01.2027: платный ремонт с согласия клиента" in html
    assert "номер заменён в СЦ" in html


def test_the_dispatch_act_lists_each_item():
    header = SessionHeader("sd-1", POINT, AT, AT, "Смирнова Анна", "Петров Борис")
    act = ServiceDispatchAct(header, (DispatchActLine("W0042123456", "SLW0042123456", "500000003", "Смартфон",
                                                      "SN-1"),))
    html = service_dispatch_act(act).html
    assert "Акт отправки в сервис от 25.11.2026" in html and "SLW0042123456" in html
    assert act.event_act() == {"claims": ["W0042123456"], "count": 1}
