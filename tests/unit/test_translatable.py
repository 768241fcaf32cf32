"""The Qt-free translation seam: domain messages and core texts follow the translator the UI installs."""

from __future__ import annotations

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
