"""The Qt-free translation seam: domain messages and core texts follow the translator the UI installs."""

from __future__ import annotations

import importlib

import pytest

from desktop import messages, translatable
from desktop.labels.content import box_relabel
from protocol.errors import DomainError


@pytest.fixture
def english():
    table = {
        ("DomainMessages", "Заказ {order} не найден в этом пункте выдачи."): "Order {order} was not found here.",
        ("DomainMessages", "Ошибка: {code}"): "Error: {code}",
        ("Labels", "{0} из {1}"): "{0} of {1}",
    }
    translatable.use_translator(lambda context, text: table.get((context, text), text))
    yield
    translatable.use_translator(None)


def test_without_a_translator_texts_stay_in_russian():
    assert str(DomainError("order.not_found", order="A-1")) == "Заказ A-1 не найден в этом пункте выдачи."
    assert box_relabel("B004250000001202", 3).headline == "2 из 3"


def test_the_installed_translator_renders_domain_errors_and_core_texts(english):
    assert str(DomainError("order.not_found", order="A-1")) == "Order A-1 was not found here."
    assert str(DomainError("no.such.code", order="A-1")) == "Error: no.such.code"
    assert box_relabel("B004250000001202", 3).headline == "2 of 3"


def test_a_translation_missing_a_parameter_still_renders_the_text(english):
    translatable.use_translator(lambda _context, _text: "Order {number} missing")
    assert messages.describe("order.not_found", {"order": "A-1"}) == "Order {number} missing"


def test_a_code_cannot_be_registered_twice_with_another_text():
    with pytest.raises(ValueError, match=r"order\.not_found"):
        messages.register({"order.not_found": "другой текст"})
    assert "order.not_found" in messages.catalog()


def test_every_event_type_has_a_name_in_words():
    """The Sync page and the order timeline never show a bare event code (protocol.events is the source)."""
    from desktop.action_names import ACTION_NAMES, event_name
    from protocol.events import EVENT_TYPES

    assert [t for t in EVENT_TYPES if t not in ACTION_NAMES] == []
    assert event_name("box.received") == "коробка принята"
    assert event_name("future.thing") == "событие future.thing"


def test_a_numerus_text_reaches_the_translator_with_its_count_and_reads_in_russian_without_one():
    """translate(context, text, n=...) calls the translator as QCoreApplication.translate(context, text, None, n);
    with no translator `%n` becomes the number, as in Qt."""
    assert translatable.translate("Ctx", "%n коробок", n=5) == "5 коробок"
    calls = []
    translatable.use_translator(lambda *args: calls.append(args) or "%n boxes")
    try:
        assert translatable.translate("Ctx", "%n коробок", n=2) == "%n boxes"
    finally:
        translatable.use_translator(None)
    assert calls == [("Ctx", "%n коробок", None, 2)]


def test_a_template_that_names_its_count_is_translated_with_that_count():
    """messages: `{attempts:n}` makes the template a numerus text; describe() passes the count as n."""
    importlib.import_module("desktop.services.handover.model")  # registers the handover texts
    template = messages.template("handover.order_locked")
    assert messages.counted_field(template) == "attempts"
    assert messages.counted_field(messages.template("order.not_found")) is None
    calls = []
    translatable.use_translator(lambda *args: calls.append(args) or args[1])
    try:
        text = str(DomainError("handover.order_locked", order="A-1", attempts=3))
        assert messages.describe("handover.order_locked", {"order": "A-1"}).startswith("Заказ {order}")
    finally:
        translatable.use_translator(None)
    assert calls[0] == ("DomainMessages", template, None, 3) and calls[1] == ("DomainMessages", template)
    assert text.startswith("Заказ A-1 заблокирован после 3 неверных кодов.")


def test_a_template_counts_one_parameter_only():
    with pytest.raises(ValueError, match="more than one"):
        messages.register({"test.two_counts": "{boxes:n} коробок в {orders:n} заказах"})
