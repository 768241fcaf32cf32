"""Placement page: box then cell places the box; a too-small or full cell takes it amber; with no free cell the
box stays selected and any scanned cell takes it; a lone cell scan audits it."""

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


def _open(qtbot, shell):
    log_in(qtbot, shell)
    page = shell.window.page_named("PlacementPage")
    shell.window.show_page(page)
    return page


def test_too_small_cell_takes_the_box_with_an_amber_warning(qtbot, shell):
    box, _ = _seed(shell.ctx.db, shell.point)
    page = _open(qtbot, shell)
    _scan(qtbot, shell, page, box)
    _scan(qtbot, shell, page, "CA0102")
    assert shell.ctx.feedback.kind.value == "warning"
    assert "A-01-02" in shell.ctx.feedback.title and "меньше коробки" in shell.ctx.feedback.text
    assert page.pending_box is None
    _scan(qtbot, shell, page, "CA0102")  # the box is there
    assert page.audit.rowCount() == 1


def test_with_no_free_cell_the_box_stays_selected_and_any_scanned_cell_takes_it(qtbot, shell):
    db, point = shell.ctx.db, shell.point
    with db.write() as s:
        order = make_order(s, point, status="arrived", boxes=1)
        make_cell(s, point, "CA0102", size="S")  # too small for the M box, and no overflow zone
    box = box_barcode(point.code, order.number, 1)
    page = _open(qtbot, shell)
    _scan(qtbot, shell, page, box)
    assert shell.ctx.feedback.kind.value == "warning" and "любую ячейку" in shell.ctx.feedback.text
    assert page.pending_box == box and page.cell_label.text() == "—"
    _scan(qtbot, shell, page, "CA0102")
    assert shell.ctx.feedback.kind.value == "warning" and "меньше коробки" in shell.ctx.feedback.text
    assert page.pending_box is None


def test_the_overflow_zone_is_suggested_and_shown_amber(qtbot, shell):
    db, point = shell.ctx.db, shell.point
    with db.write() as s:
        order = make_order(s, point, status="arrived", boxes=1)
        make_cell(s, point, "CA0102", size="S")
        make_cell(s, point, "CZ0001", size="XL", capacity=10).overflow = True
    box = box_barcode(point.code, order.number, 1)
    page = _open(qtbot, shell)
    _scan(qtbot, shell, page, box)
    assert page.cell_label.text() == "Z-00-01" and "переполнения" in page.cell_detail.text()
    _scan(qtbot, shell, page, "CZ0001")
    assert shell.ctx.feedback.kind.value == "warning" and "зоне переполнения" in shell.ctx.feedback.text
