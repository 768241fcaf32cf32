"""The scans tables stay cheap per scan: a prepend is an insert (not a reset) and the columns are not re-fitted
to every row's contents on each scan; a row that needs more room still gets it."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

from ui.models import RowsModel
from ui.widgets.scan_table import scan_table_view


def _signals(model: RowsModel) -> list[str]:
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda _p, first, last: seen.append(f"inserted {first}-{last}"))
    model.rowsRemoved.connect(lambda _p, first, last: seen.append(f"removed {first}-{last}"))
    return seen


def test_a_prepend_inserts_one_row_and_trims_the_oldest_by_removal() -> None:
    model = RowsModel(["Коробка", "Итог"])
    seen = _signals(model)
    for n in range(4):
        model.prepend((f"B{n}", "ok"), "ok", payload=n, limit=3)
    assert seen == ["inserted 0-0"] * 3 + ["inserted 0-0", "removed 3-3"]
    assert [model.row(i)[0] for i in range(model.rowCount())] == ["B3", "B2", "B1"]
    assert [model.payload(i) for i in range(3)] == [3, 2, 1]


def test_the_scans_table_widens_a_column_for_a_longer_row_without_resize_to_contents(qtbot) -> None:
    model = RowsModel(["Время", "Коробка", "Итог"])
    view = scan_table_view(model)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert header.sectionResizeMode(0) is QHeaderView.ResizeMode.Interactive
    model.prepend(("10:00:00", "B1", "Принято"))
    narrow = header.sectionSize(1)
    model.prepend(("10:00:01", "B004250003609201-ДЛИННЫЙ-НОМЕР", "Принято"))
    assert header.sectionSize(1) > narrow
    assert header.sectionSize(1) >= view.sizeHintForColumn(1)
    model.prepend(("10:00:02", "B2", "Принято"))  # a short row does not shrink what is already shown
    assert header.sectionSize(1) >= view.sizeHintForColumn(1)
