"""The manager's «Приёмки» tab in the real shell: Ctrl+F9, the period's sessions, one's boxes, its act on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.services.base import Role
from tests.gui.fixtures import log_in
from tests.gui.table_fit import assert_fits_whole, counter_style
from tests.support.factories import actor_for, box_barcode, make_cell, make_order, make_shipment, make_staff
from ui.hardware.documents import text_document
from ui.pages.manager.arrivals_tab import ArrivalsTab


@pytest.fixture
def received(shell):
    """Two sessions today: R1 with a missing and a surplus box (all placed), R2 with a box still waiting."""
    with shell.ctx.db.write() as s:
        r1, r2 = (make_shipment(s, shell.point, number=n) for n in ("R2611240001", "R2611240002"))
        first = make_order(s, shell.point, boxes=2, shipment=r1).number
        second = make_order(s, shell.point, boxes=2, shipment=r2).number
        make_cell(s, shell.point, "CA0101")
        helper = make_staff(s, shell.point, Role.CLERK, full_name="Соколов Иван")
    clerk, services = actor_for(shell.clerk), shell.ctx.services
    one = services.receiving.open_session(clerk, "R2611240001")
    services.receiving.scan_box(clerk, one, box_barcode("0042", first, 1))
    services.receiving.scan_box(clerk, one, box_barcode("0042", "599999999", 1))  # surplus
    services.receiving.close(clerk, one)
    services.cells.place(clerk, box_barcode("0042", first, 1), "CA0101")
    two = services.receiving.open_session(actor_for(helper), "R2611240002")
    for n in (1, 2):
        services.receiving.scan_box(actor_for(helper), two, box_barcode("0042", second, n))
    services.receiving.close(actor_for(helper), two)
    return {"one": one, "two": two, "first": first}


def _open_console(qtbot, shell) -> ArrivalsTab:
    log_in(qtbot, shell, "manager", "secret-2222")
    window = shell.window
    QTest.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: type(window.current_page()).__name__ == "ManagerPage", timeout=5000)
    page = window.current_page()
    tab = page.current_tab()
    assert isinstance(tab, ArrivalsTab) and page.tabs.tabText(0) == "Приёмки"
    qtbot.waitUntil(lambda: tab.sessions.model().rowCount() == 2, timeout=5000)
    return tab


def _cell(view, row: int, column: int) -> str:
    return view.model().index(row, column).data()


def test_ctrl_f9_shows_the_periods_sessions_with_the_acts_figures(qtbot, shell, received):
    tab = _open_console(qtbot, shell)
    view = tab.sessions
    assert [_cell(view, r, 0) for r in range(2)] == ["R2611240002", "R2611240001"]  # the newest first
    assert [_cell(view, 1, c) for c in range(4, 9)] == ["2", "1", "1", "1", "0"]  # expected … foreign
    assert _cell(view, 1, 3) == "Смирнова Анна Сергеевна" and _cell(view, 0, 3) == "Соколов Иван"
    assert _cell(view, 1, 13) != "—" and _cell(view, 0, 13) == "—"  # R2's boxes wait for a cell
    assert [r.title for r in tab.shown_reports] == ["Приёмки за период"]


def test_enter_on_a_session_lists_its_boxes_and_f6_shows_its_act(qtbot, shell, received):
    tab = _open_console(qtbot, shell)
    view = tab.sessions
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))  # R1
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.boxes.model().rowCount() == 3, timeout=5000)
    assert tab.caption.text() == "Коробки приёмки R2611240001"
    outcomes = {_cell(tab.boxes, r, 0): _cell(tab.boxes, r, 2) for r in range(3)}
    assert outcomes == {box_barcode("0042", received["first"], 1): "принята",
                        box_barcode("0042", "599999999", 1): "излишек",
                        box_barcode("0042", received["first"], 2): "недостача"}
    assert _cell(tab.boxes, 0, 5) == "A-01-01"
    assert tab.act_button.isEnabled() and len(tab.shown_reports) == 2
    QTest.keyClick(view, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=5000)
    assert tab.preview.page_count() > 0 and tab.preview.isVisible()
    text = text_document(tab.preview.document).toPlainText()
    figures = [_cell(view, 1, c) for c in (4, 5, 6, 7, 8)]  # the table's expected, received, missing, …
    names = ("Ожидалось", "Принято", "Недостача", "Излишки", "Чужие")
    summary = "".join(f"{name}\n{figure}\n" for name, figure in zip(names, figures, strict=True))
    assert summary in text and "Недостача — 1" in text and "Излишки — 1" in text
    assert received["one"] not in text and "R2611240001" in text  # the waybill names the session, not its uid
    shell.ctx.session.log_out()  # the next person at the counter does not find the act on screen
    assert not tab.preview.isVisible()


def test_a_clerk_has_no_console_and_the_service_refuses_them(qtbot, shell, received):
    from desktop.errors import AccessDenied
    from desktop.services.manager.report import Period

    log_in(qtbot, shell)
    page = shell.window.page_named("ManagerPage")
    assert page not in shell.window.visible_pages()
    with pytest.raises(AccessDenied):
        shell.ctx.services.arrivals.sessions(shell.ctx.session.actor, Period.last_days(page.picker.period().last, 1))


def test_the_sessions_table_fits_1366_px_with_every_header_word_whole(qtbot, shell, received):
    """The shared column fitting (report_view): no column hides behind horizontal scrolling at 1366×768 and no
    header breaks or cuts a word («Недостач…»)."""
    with counter_style():
        tab = _open_console(qtbot, shell)
        assert_fits_whole(tab.sessions)
