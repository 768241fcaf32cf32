"""Every order, box and handover state and every order event has the clerk's word; domain errors use it."""

from __future__ import annotations

import pytest

from desktop.db.models import HandoverStatus
from desktop.messages import describe
from desktop.services.handover import lookup  # registers «handover.not_ready»
from desktop.state_names import box_status_name, order_status_name, state_name
from protocol.errors import DomainError
from protocol.order_states import OrderEvent, OrderStatus, next_status
from protocol.states import BoxStatus


@pytest.mark.parametrize("enum", [OrderStatus, OrderEvent, BoxStatus, HandoverStatus])
def test_every_state_has_a_word(enum):
    for member in enum:
        assert state_name(member) != member.value, member


def test_text_columns_read_in_words_and_unknown_values_stay():
    assert order_status_name("ready") == "готов к выдаче"
    assert box_status_name("placed") == "в ячейке"
    assert order_status_name("something_new") == "something_new"


def test_a_domain_error_names_the_state_in_words():
    assert lookup is not None
    assert describe("handover.not_ready", {"order": "500000001", "status": OrderStatus.IN_TRANSIT}).count("в пути") == 1
    with pytest.raises(DomainError) as caught:
        next_status("500000001", "ready", OrderEvent.SHIP)
    text = str(caught.value)
    assert "готов к выдаче" in text and "отправка" in text
    assert "ready" not in text and "ship" not in text
    assert caught.value.params["current"] == "ready" and type(caught.value.params["current"]) is str  # as sent
