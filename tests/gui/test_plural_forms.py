"""Russian plurals (issue 17 item 5): wherever a count meets a noun the text agrees with the count —
«1 коробка», «2 коробки», «5 коробок», «21 коробка» — through Qt's numerus forms, in each of the three ways a
text is made: the UI's tr(text, "", n), the core's translate(context, text, n=...), and a domain message
template that names its count parameter ({name:n}). English gets its one/other forms the same way."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale

from desktop import translatable
from desktop.selftest.devices import SHORTEST_SCAN
from protocol.errors import DomainError
from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order
from ui import translations_build
from ui.i18n import install_translations


@pytest.fixture
def ui_language(qapp):
    """Install the catalogues of a UI language as the app does (ui.i18n), and remove them afterwards."""
    translations_build.release((*translations_build.LANGUAGES, translations_build.SOURCE_LANGUAGE))
    app, installed, default_locale = qapp, [], QLocale()

    def use(language: str) -> None:
        for translator in installed:
            app.removeTranslator(translator)
        installed[:] = install_translations(app, language)

    yield use
    for translator in installed:
        app.removeTranslator(translator)
    translatable.use_translator(None)
    QLocale.setDefault(default_locale)


LOCKED = "Заказ A-17 заблокирован после {0} {1}. Позовите менеджера для разблокировки."


def test_a_domain_message_with_a_count_agrees_with_it_in_russian_and_english(ui_language):
    """messages.register mechanism: the template names its count ({attempts:n}); describe() picks the form."""
    ui_language("ru")
    locked = {n: str(DomainError("handover.order_locked", order="A-17", attempts=n)) for n in (1, 2, 5, 11, 21, 22)}
    assert locked == {1: LOCKED.format(1, "неверного кода"), 2: LOCKED.format(2, "неверных кодов"),
                      5: LOCKED.format(5, "неверных кодов"), 11: LOCKED.format(11, "неверных кодов"),
                      21: LOCKED.format(21, "неверного кода"), 22: LOCKED.format(22, "неверных кодов")}
    full = {n: str(DomainError("cell.placed_full", label="CA0101", occupied=n, capacity=1)) for n in (1, 2, 5, 11, 21)}
    assert [full[n].split(": в ней теперь ")[1].split(" при")[0] for n in (1, 2, 5, 11, 21)] == [
        "1 коробка", "2 коробки", "5 коробок", "11 коробок", "21 коробка"]
    ui_language("en")
    assert str(DomainError("handover.order_locked", order="A-17", attempts=1)) == (
        "Order A-17 is locked after 1 wrong code. Call the manager to unlock it.")
    assert str(DomainError("handover.order_locked", order="A-17", attempts=5)) == (
        "Order A-17 is locked after 5 wrong codes. Call the manager to unlock it.")


def test_a_core_text_with_a_count_agrees_with_it_in_russian_and_english(ui_language):
    """translate(context, text, n=...) mechanism of the Qt-free core, through the translator the UI installs."""
    text = "минимальная длина {0} больше кода получения (%n цифр)"

    def digits(n: int) -> str:
        return translatable.translate("SelfTest", text, n=n).format(7)

    ui_language("ru")
    assert [digits(n) for n in (1, 2, 5, 11, 21, 22, 25, SHORTEST_SCAN)] == [
        f"минимальная длина 7 больше кода получения ({count})" for count in
        ("1 цифра", "2 цифры", "5 цифр", "11 цифр", "21 цифра", "22 цифры", "25 цифр", "6 цифр")]
    ui_language("en")
    assert [digits(n) for n in (1, 6)] == [f"the minimum length 7 is longer than the pickup code ({count})"
                                           for count in ("1 digit", "6 digits")]


def _closed_return(qtbot, shell):
    """Close a real return session of one expired one-box order on the Returns page; its act."""
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready", boxes=1)
        order.storage_until = order.ready_at - timedelta(days=1)
    log_in(qtbot, shell)
    page = shell.window.page_named("ReturnsPage")
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy and page.to_return.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_open_session()
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, box_barcode(shell.point.code, order.number, 1))
    acts = []
    closed = page._on_session_closed
    page._on_session_closed = lambda act, document=None: (acts.append(act), closed(act, document))
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_close_session()
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    return page, acts[0]


def test_closing_a_return_counts_its_boxes_and_orders_in_agreement(qtbot, shell, ui_language):
    """The UI's tr(text, "", n): «Возврат закрыт: 1 коробок, 1 заказов» was on screen."""
    ui_language("ru")
    page, act = _closed_return(qtbot, shell)
    assert page.instructions.text() == "Возврат закрыт: 1 коробка, 1 заказ. Акт возврата сформирован."

    def closed(n: int) -> str:
        page._on_session_closed(dataclasses.replace(act, boxes_count=n, orders=act.orders * n))
        qtbot.waitUntil(lambda: not page.busy, timeout=5000)
        return page.instructions.text().removeprefix("Возврат закрыт: ").removesuffix(". Акт возврата сформирован.")

    assert [closed(n) for n in (2, 5, 11, 21, 22, 25)] == [
        "2 коробки, 2 заказа", "5 коробок, 5 заказов", "11 коробок, 11 заказов", "21 коробка, 21 заказ",
        "22 коробки, 22 заказа", "25 коробок, 25 заказов"]
    ui_language("en")
    page._on_session_closed(act)
    assert page.instructions.text() == "Return closed: 1 box, 1 order. Return report produced."
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    page._on_session_closed(dataclasses.replace(act, boxes_count=5, orders=act.orders * 5))
    assert page.instructions.text() == "Return closed: 5 boxes, 5 orders. Return report produced."
