"""SMS cost: every template measured in segments, at the widest values and for each realistic demo order."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.config import Settings
from backend.sms import templates
from backend.sms.templates import DEFAULT_TEMPLATES, WIDEST, TemplateError, check_templates, render, segments
from protocol.demo_data import generate_point
from protocol.money import rub
from protocol.states import SmsPurpose

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_segment_arithmetic_follows_the_sms_encodings() -> None:
    assert [segments("a" * n) for n in (160, 161, 306, 307)] == [1, 2, 2, 3]  # GSM-7: 160 / 153 per part
    assert [segments("я" * n) for n in (70, 71, 134, 135)] == [1, 2, 2, 3]  # UCS-2: 70 / 67 per part
    assert segments("a" * 159 + "€") == 2  # an extension character costs two septets
    assert segments("a" * 100 + "я") == 2  # one Cyrillic letter switches the whole text to UCS-2


def _contexts() -> list[dict[str, Any]]:
    point = generate_point(orders=120, now=NOW)
    info, secrets = point["point"], point["secrets"]
    card = max((c["number"] for c in point["cards"]), key=len)
    contexts = []
    for order in point["orders"]:
        until = datetime.fromisoformat(order["storage_until"]) if order["storage_until"] else NOW
        contexts.append({"order": order["number"], "code": secrets.pickup_codes.get(order["number"], "999999"),
                         "address": info["address"], "hours": info["hours"], "last_day": f"{until:%d.%m.%Y}",
                         "date": f"{NOW:%d.%m.%Y}", "total": rub(order["total_kopecks"]), "card": card,
                         "points": 190, "point_code": info["code"]})
    return contexts


@pytest.mark.parametrize("purpose", list(SmsPurpose))
def test_every_template_fits_two_segments_for_every_demo_order(purpose: SmsPurpose) -> None:
    worst = max(segments(render(purpose, ctx)) for ctx in _contexts())
    limit = 2 if purpose in (SmsPurpose.READY, SmsPurpose.REMINDER) else 1
    assert worst <= limit, (purpose, worst)


def test_widest_values_cover_the_demo_data() -> None:
    for ctx in _contexts():
        for name, value in ctx.items():
            assert len(str(value)) <= len(WIDEST[name]), name


def test_ready_and_reminder_carry_what_the_customer_needs() -> None:
    ctx = {**WIDEST, "order": "100000001", "code": "482913", "last_day": "05.12.2026"}
    for purpose in (SmsPurpose.READY, SmsPurpose.REMINDER):
        text = render(purpose, ctx)
        for part in ("100000001", "482913", WIDEST["address"], "05.12.2026"):
            assert part in text, (purpose, part)


def test_a_retailer_template_replaces_the_default_and_is_checked_at_start() -> None:
    try:
        templates.use_templates(Settings(database_url="sqlite://", sms_templates={
            "ready": "Заказ {order}: код {code}, до {last_day}."}).sms_templates)
        assert render("ready", {**WIDEST, "order": "1", "code": "2", "last_day": "3"}) == "Заказ 1: код 2, до 3."
    finally:
        templates.use_templates({})
    assert templates.TEMPLATES == DEFAULT_TEMPLATES


@pytest.mark.parametrize("overrides, reason", [
    ({"promo": "Скидка!"}, "unknown purpose"),
    ({"ready": "Заказ {order}, телефон {phone}"}, "unknown fields"),
    ({"receipt": "Заказ {order} выдан. " + "Спасибо за покупку! " * 8}, "segments"),
])
def test_a_bad_retailer_template_stops_the_server_at_start(overrides: dict[str, str], reason: str) -> None:
    with pytest.raises(TemplateError, match=reason):
        Settings(database_url="sqlite://", sms_templates=overrides)
    with pytest.raises(TemplateError, match=reason):
        check_templates(overrides)
