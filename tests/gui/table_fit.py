"""The check every console table's fitting is held to: all columns visible, every header word whole."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from ui.app import apply_style
from ui.pages.manager.report_view import HEADER_PAD, ReportView, header_lines


@contextmanager
def counter_style() -> Iterator[None]:
    """The app's own font and style sheet (as on the counter PC) for the block's duration."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet = app.font(), app.styleSheet()
    apply_style(app)
    try:
        yield
    finally:
        app.setStyleSheet(sheet)
        app.setFont(font)


def assert_fits_whole(view: ReportView, width: bool = True) -> None:
    """All columns fit the view's width (no horizontal scrolling; unless `width` is False) and every header word fits
    its column, on lines the header's height holds."""
    report = view.source.report
    assert report is not None
    header = view.horizontalHeader()
    font = QFont(header.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    widths = [view.columnWidth(c) if column.screen else 0 for c, column in enumerate(report.columns)]
    assert [view.isColumnHidden(c) for c in range(len(widths))] == [not column.screen for column in report.columns]
    if width:
        assert sum(widths) <= view.viewport().width(), (widths, view.viewport().width())
        assert not view.horizontalScrollBar().isVisible()
    for column, width in zip(report.columns, widths, strict=True):
        if not column.screen:
            continue
        for word in column.header.split():
            assert metrics.horizontalAdvance(word) + HEADER_PAD <= width, (column.header, word, width)
        lines = header_lines(metrics, column.header, width - HEADER_PAD)
        assert lines * metrics.lineSpacing() <= header.height(), (column.header, lines, header.height())
