"""Handover page: code → boxes → partial refusal → cash payment with change → handed over; wrong codes and lockout."""

from __future__ import annotations

from sqlalchemy import select

from desktop.db.models import Customer, Order
from desktop.services.money import TenderInput
from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order


def _seed(db, point, prepaid=False):
    with db.write() as s:
        order = make_order(
            s, point, status="ready", boxes=2, prepaid=prepaid, code="123456",
            lines=[("Смартфон Galaxy A55", 1, 3_499_000), ("Чехол", 1, 99_000)],
        )
    return order.number, [box_barcode(point.code, order.number, n) for n in (1, 2)]


def _page(qtbot, shell):
    log_in(qtbot, shell)
    page = shell.window.page_named("HandoverPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy)  # the look-up for unfinished handovers on first show
    return page


def _idle(qtbot, page, action):
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        action()


def test_full_handover_with_partial_refusal_and_change(qtbot, shell):
    number, boxes = _seed(shell.ctx.db, shell.point)
    page = _page(qtbot, shell)
    _idle(qtbot, page, lambda: scan_keys(shell.window, number))
    assert page.state is not None and page.state.order_number == number
    _idle(qtbot, page, lambda: scan_keys(shell.window, "123456"))
    assert page.state.verified_by == "code"
    assert shell.ctx.feedback.kind.value == "ok"
    for barcode in boxes:
        _idle(qtbot, page, lambda b=barcode: scan_keys(shell.window, b))
    _idle(qtbot, page, lambda: scan_keys(shell.window, boxes[0]))
    assert shell.ctx.feedback.kind.value == "warning"  # repeat box
    case_line = page.state.lines[1]
    _idle(qtbot, page, lambda: page.refuse(case_line.id, 1, "changed_mind"))
    assert page.state.due_kopecks == 3_499_000
    _idle(qtbot, page, lambda: page.pay([TenderInput("cash", 3_499_000, tendered_kopecks=3_500_000)]))
    assert "СДАЧА" in shell.ctx.feedback.title
    assert "10,00" in shell.ctx.feedback.title
    _idle(qtbot, page, page._on_complete)
    assert page.state is None
    assert "частично" in shell.ctx.feedback.title
    # The refused case stays here: the clerk is told what to put aside for the return, and in which box.
    assert shell.ctx.feedback.kind.value == "warning"
    assert f"Остаётся в пункте: Чехол — 1 шт., отложите в возврат (коробка {boxes[0]})." in shell.ctx.feedback.text
    with shell.ctx.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == number)) == "partially_handed_over"
    returns = shell.window.page_named("ReturnsPage")
    shell.window.show_page(returns)
    qtbot.waitUntil(lambda: returns.to_return.rowCount() == 1 and not returns.busy, timeout=5000)
    assert returns.to_return.row(0) == (
        number, "частичный отказ: Чехол — 1 шт. (Передумал(а))", "выдан частично", "Иванов Иван Иванович", boxes[0])


def test_wrong_codes_count_down_then_lock_the_order(qtbot, shell):
    number, _ = _seed(shell.ctx.db, shell.point, prepaid=True)
    page = _page(qtbot, shell)
    _idle(qtbot, page, lambda: page.start(number))
    for _ in range(4):
        _idle(qtbot, page, lambda: page._by_code("000000"))
        assert shell.ctx.feedback.kind.value == "error"
    qtbot.waitUntil(lambda: page.state.attempts_left == 1 and not page.busy)
    assert "Осталось попыток: 1" in shell.ctx.feedback.text
    _idle(qtbot, page, lambda: page._by_code("000000"))
    assert "ЗАБЛОКИРОВАН" in shell.ctx.feedback.title
    qtbot.waitUntil(lambda: page.state.locked and not page.busy)
    assert "менеджера" in page.panel.attempts.text()


def test_qr_scan_on_another_page_opens_a_verified_handover(qtbot, shell):
    from datetime import UTC, datetime, timedelta

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.sync.engine import SERVER_KEY, set_state
    from protocol.qr_token import PickupToken, public_key_to_b64, sign_token

    key = Ed25519PrivateKey.generate()
    number, _ = _seed(shell.ctx.db, shell.point, prepaid=True)
    with shell.ctx.db.write() as s:
        set_state(s, SERVER_KEY, public_key_to_b64(key.public_key()))
    token = sign_token(key, PickupToken(number, shell.point.code, datetime.now(UTC) + timedelta(hours=1)))
    log_in(qtbot, shell)
    receiving = shell.window.page_named("ReceivingPage")
    shell.window.show_page(receiving)
    qtbot.waitUntil(lambda: not receiving.busy)  # it looked for an interrupted session to take up
    page = shell.window.page_named("HandoverPage")
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        scan_keys(shell.window, token)
    assert shell.window.current_page() is page
    assert page.state is not None and page.state.verified_by == "qr"
    assert shell.ctx.feedback.kind.value == "ok"


def test_an_unfinished_handover_is_picked_up_after_a_restart(qtbot, shell):
    from tests.support.factories import actor_for

    number, _ = _seed(shell.ctx.db, shell.point, prepaid=True)
    shell.ctx.services.handover.start(actor_for(shell.clerk), number)  # begun before the "crash"
    page = _page(qtbot, shell)  # first page after login: on_shown looks for unfinished work
    qtbot.waitUntil(lambda: page.state is not None, timeout=5000)
    assert page.state.order_number == number
    assert number in page.panel.headline.text()  # shown on the page (the banner may already say "shift opened")


def test_a_typed_code_alone_opens_a_verified_handover_in_one_call(qtbot, shell):
    number, _ = _seed(shell.ctx.db, shell.point, prepaid=True)
    page = _page(qtbot, shell)
    calls = []
    service = shell.ctx.services.handover
    original = service.start_with_code
    service.start_with_code = lambda *a: calls.append(a) or original(*a)
    page.query.setText("123456")
    _idle(qtbot, page, page._on_find)
    assert len(calls) == 1
    assert page.state is not None and page.state.order_number == number and page.state.verified_by == "code"
    assert shell.ctx.feedback.kind.value == "ok" and "по коду из SMS" in shell.ctx.feedback.text


def test_phone_and_name_open_the_only_ready_order(qtbot, shell):
    number, _ = _seed(shell.ctx.db, shell.point, prepaid=True)
    with shell.ctx.db.read() as s:
        phone, name = s.execute(
            select(Customer.phone, Customer.full_name).join(Order, Order.customer_id == Customer.id)
            .where(Order.number == number)
        ).one()
    page = _page(qtbot, shell)
    page.last4.setText(phone[-4:])
    page.name.setText(name.split()[0])
    _idle(qtbot, page, page._on_find)
    assert page.state is not None and page.state.order_number == number and page.state.verified_by is None
    assert page.last4.text() == "" and number in page.panel.headline.text()
    page.last4.setText("0000")
    page.name.setText("Никто")
    _idle(qtbot, page, page._on_find)
    assert shell.ctx.feedback.kind.value == "error" and "не найден" in shell.ctx.feedback.title
