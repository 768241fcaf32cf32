"""The navigation list: as wide as its longest title, and compact when the screen is too low for every item.

1366×768 at 150 % leaves a 372-pixel high list for seven two-line items: the list then takes the compact
item padding (style sheet: ``[compact="true"]``) instead of cutting off «Синхронизация».
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QListWidget, QWidget

NAV_PADDING = 2 * 8 + 8  # the style sheet's item padding each side, and a margin


class NavList(QListWidget):
    """Never takes the focus and never scrolls: every page's item is on screen (each also has its Ctrl+F key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setProperty("compact", False)
        self._full_height = 0

    def fit_width(self) -> None:
        """As wide as the longest line in the selected (bold) font, with the padding."""
        self.ensurePolished()
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        lines = [line for row in range(self.count()) for line in self.item(row).text().split("\n")]
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        self.setFixedWidth(widest + NAV_PADDING + 2 * self.frameWidth())

    def fit_height(self) -> None:
        """Compact items when the shown ones do not fit the list's height at the normal padding."""
        total = sum(self.sizeHintForRow(row) for row in range(self.count()) if not self.isRowHidden(row))
        compact = bool(self.property("compact"))
        if not compact:
            self._full_height = total
        wanted = self._full_height > self.viewport().height()
        if wanted != compact:
            self.setProperty("compact", wanted)
            self.style().unpolish(self)
            self.style().polish(self)
            self.doItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()
