"""Club page: scan card, eligibility before activation, activation with points; wrong activation code."""

from __future__ import annotations

from protocol.club_rules import CITIES, CITY_MAX
from protocol.ean13 import complete
from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import make_card, make_customer, make_order

CARD = complete("200000000001")
PHONE = "+79161234567"


def _seed(db, point):
    with db.write() as s:
        customer = make_customer(s, "Орлова Мария Игоревна", PHONE)
        make_order(s, point, customer, status="ready", lines=[("Ноутбук", 1, 6_000_000)])
        make_card(s, point, CARD, "AB12CD")


def _page(qtbot, shell):
    _seed(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = shell.window.page_named("ClubPage")
    shell.window.show_page(page)
    scan_keys(shell.window, CARD)
    qtbot.waitUntil(lambda: page.card.text() == CARD)
    page.city.setCurrentText("Москва")
    return page


def _idle(qtbot, page, action):
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        action()


def test_eligibility_then_activation_credits_points(qtbot, shell):
    page = _page(qtbot, shell)
    page.code.setText("AB12CD")
    page.phone.setText(PHONE)
    _idle(qtbot, page, page._on_check)
    assert page.verdict.text().startswith("✔") and "Орлова" in page.verdict.text()
    _idle(qtbot, page, page._on_activate)
    assert page.points.text() == "+190 баллов"
    assert shell.ctx.feedback.kind.value == "ok"


def test_wrong_activation_code_is_refused(qtbot, shell):
    page = _page(qtbot, shell)
    page.code.setText("ZZZZZZ")
    page.phone.setText(PHONE)
    _idle(qtbot, page, page._on_activate)
    assert shell.ctx.feedback.kind.value == "error"
    assert "Код активации" in shell.ctx.feedback.text
    assert page.points.text() == ""


def test_customer_without_a_qualifying_order_is_not_eligible(qtbot, shell):
    page = _page(qtbot, shell)
    page.phone.setText("+79990000000")
    _idle(qtbot, page, page._on_check)
    assert page.verdict.text().startswith("✖") and "нельзя" in page.verdict.text()


def test_city_is_chosen_from_the_retailers_list_with_completion(qtbot, shell):
    page = _page(qtbot, shell)
    offered = [page.city.itemText(i) for i in range(page.city.count())]
    assert offered == list(CITIES) and "Москва" in offered
    line = page.city.lineEdit()
    assert line.maxLength() == CITY_MAX
    completer = page.city.completer()
    completer.setCompletionPrefix("петер")  # any part of the name, any case
    assert completer.currentCompletion() == "Санкт-Петербург"


def test_a_city_not_in_the_list_is_refused_at_once_in_russian(qtbot, shell):
    page = _page(qtbot, shell)
    page.city.setCurrentText("Урюпинск")
    page.code.setText("AB12CD")
    page.phone.setText(PHONE)
    _idle(qtbot, page, page._on_activate)
    assert shell.ctx.feedback.kind.value == "error"
    assert "нет в списке городов клуба" in shell.ctx.feedback.text
    assert page.points.text() == ""
