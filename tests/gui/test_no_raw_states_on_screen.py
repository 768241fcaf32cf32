"""No raw state value (a StrEnum value of protocol/states.py or protocol/order_states.py) is ever shown as a word:
placing and auditing a box, a refused handover, an order card, then every page, all read in the clerk's words."""

from __future__ import annotations

import re
from enum import StrEnum

from protocol import order_states, states
from tests.gui.fixtures import log_in
from tests.gui.screen_texts import visible_texts
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_cell, make_order

RAW_STATES = frozenset(
    member.value
    for module in (states, order_states)
    for enum in vars(module).values()
    if isinstance(enum, type) and issubclass(enum, StrEnum) and enum is not StrEnum
    for member in enum
)
WORD = re.compile(r"[A-Za-z_]+")


def _raw_words(window) -> list[str]:
    return [f"{where}: «{text}»" for where, text in visible_texts(window)
            if any(word in RAW_STATES for word in WORD.findall(text))]


def _scan(qtbot, shell, page, code):
    qtbot.waitUntil(lambda: not page.busy)  # a page looks things up when shown
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, code)


def _seed(shell):
    with shell.ctx.db.write() as s:
        arrived = make_order(s, shell.point, status="arrived", boxes=1)
        in_transit = make_order(s, shell.point, status="in_transit", boxes=1)
        make_cell(s, shell.point, "CA0101", size="M")
    return arrived.number, in_transit.number


def test_states_read_in_words_after_typical_actions_on_every_page(qtbot, shell):
    assert {"ready", "pending", "placed", "in_transit"} <= RAW_STATES
    arrived, in_transit = _seed(shell)
    log_in(qtbot, shell, login="manager", password="secret-2222")
    window, shown = shell.window, []
    placement = window.page_named("PlacementPage")
    window.show_page(placement)
    for code in (box_barcode(shell.point.code, arrived, 1), "CA0101", "CA0101"):  # place it, then audit the cell
        _scan(qtbot, shell, placement, code)
    assert placement.audit.rowCount() == 1
    shown += _raw_words(window)
    handover = window.page_named("HandoverPage")
    window.show_page(handover)
    _scan(qtbot, shell, handover, in_transit)  # not ready: the banner says in which state it is
    qtbot.waitUntil(lambda: shell.ctx.feedback.kind.value == "error")
    shown += _raw_words(window)
    orders = window.page_named("OrdersPage")
    window.show_page(orders)
    _scan(qtbot, shell, orders, arrived)
    qtbot.waitUntil(lambda: orders.boxes.rowCount() == 1)
    shown += _raw_words(window)
    for page in window.visible_pages():
        window.show_page(page)
        qtbot.waitUntil(lambda p=page: not p.busy)
        shown += _raw_words(window)
    assert not shown, "\n".join(dict.fromkeys(shown))
