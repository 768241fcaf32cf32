"""The counter's read-only tables (ui.widgets.common.table_view): no horizontal scrollbar when the columns fit —
the handover's boxes table showed one (06–09) because the stretched last column kept Qt's 100 px default."""

from __future__ import annotations

from tests.gui.table_fit import counter_style
from ui.models import RowsModel
from ui.widgets.common import table_view


def test_a_table_whose_columns_fit_does_not_scroll_sideways(qtbot) -> None:
    with counter_style():
        model = RowsModel(["Коробка", "Место", "Ячейка", "✔"])
        view = table_view(model)
        qtbot.addWidget(view)
        view.resize(452, 350)
        view.show()
        qtbot.waitExposed(view)
        model.set_rows([("B004250003609201", "1 из 2", "A-01-01", "✔"), ("B004250003609202", "2 из 2", "A-01-01", "✔")],
                       ["ok", "ok"])
        qtbot.waitUntil(lambda: view.horizontalHeader().sectionSize(0) > 100)
        header = view.horizontalHeader()
        assert header.length() <= view.viewport().width()
        assert view.horizontalScrollBar().maximum() == 0
