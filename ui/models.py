"""Table models: a small read-only QAbstractTableModel over rows of display values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
TONES = {"ok": "#d8f5dd", "warning": "#ffe9a8", "error": "#ffd0d6", "": None}


_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    """One brush per colour, made once: a view asks for every visible cell's colours on each repaint."""
    brush = _BRUSHES.get(colour)
    if brush is None:
        brush = _BRUSHES[colour] = QBrush(QColor(colour))
    return brush


class RowsModel(QAbstractTableModel):
    """Rows of strings with an optional tone per row (ok / warning / error) and a payload per row."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._tones: list[str] = []
        self._payloads: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            tone = TONES.get(self._tones[index.row()])
            return _brush(tone) if tone else None
        if role == Qt.ItemDataRole.ForegroundRole and self._tones[index.row()]:
            return _brush("#111111")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def set_rows(self, rows: Sequence[Sequence[Any]], tones: Sequence[str] | None = None,
                 payloads: Sequence[Any] | None = None) -> None:
        self.beginResetModel()
        self._rows = [tuple(str(v) for v in row) for row in rows]
        self._tones = list(tones) if tones is not None else [""] * len(rows)
        self._payloads = list(payloads) if payloads is not None else [None] * len(rows)
        self.endResetModel()

    def prepend(self, row: Sequence[Any], tone: str = "", payload: Any = None, limit: int = 200) -> None:
        """Add a row on top, dropping the oldest beyond `limit`: an insert (and a removal), never a reset, so a
        view re-reads only the new row however long the list is (the scans tables: one row per scan)."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, tuple(str(v) for v in row))
        self._tones.insert(0, tone)
        self._payloads.insert(0, payload)
        self.endInsertRows()
        if len(self._rows) > limit:
            self.beginRemoveRows(QModelIndex(), limit, len(self._rows) - 1)
            del self._rows[limit:], self._tones[limit:], self._payloads[limit:]
            self.endRemoveRows()

    def row(self, i: int) -> tuple[str, ...]:
        return self._rows[i]

    def payload(self, i: int) -> Any:
        return self._payloads[i]

    def tone(self, i: int) -> str:
        return self._tones[i]
