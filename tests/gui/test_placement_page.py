"""Placement page: box then cell places the box; wrong-size cell is refused; a lone cell scan audits it."""

from __future__ import annotations

from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_cell, make_order


def _seed(db, point):
    with db.write() as s:
        order = make_order(s, point, status="arrived", boxes=1)
        make_cell(s, point, "CA0101", size="M")
        make_cell(s, point, "CA0102", size="S")
    return box_barcode(point.code, order.number, 1), order.number


def _scan(qtbot, shell, page, code):
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, code)


def test_box_then_cell_places_the_box(qtbot, shell):
    box, order = _seed(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = shell.window.page_named("PlacementPage")
    shell.window.show_page(page)
    _scan(qtbot, shell, page, box)
    assert page.cell_label.text() == "A-01-01"
    _scan(qtbot, shell, page, "CA0101")
    assert shell.ctx.feedback.kind.value == "ok"
    assert "A-01-01" in shell.ctx.feedback.title
    assert page.pending_box is None
    _scan(qtbot, shell, page, "CA0101")  # no box waiting: audit
    assert page.audit.rowCount() == 1
    assert page.audit.row(0)[2] == order


def test_too_small_cell_is_refused_and_the_box_stays_selected(qtbot, shell):
    box, _ = _seed(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = shell.window.page_named("PlacementPage")
    shell.window.show_page(page)
    _scan(qtbot, shell, page, box)
    _scan(qtbot, shell, page, "CA0102")
    assert shell.ctx.feedback.kind.value == "error"
    assert "не помещается" in shell.ctx.feedback.text
    assert page.pending_box == box
