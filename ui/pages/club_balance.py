"""The customer's bonus account on the club page: confirmed, pending, reserved, available, and the entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from desktop.point_time import point_time
from desktop.services.money.model import BonusBalance, LedgerEntryView
from protocol.money_rules import LedgerReason
from ui.models import RowsModel
from ui.widgets.common import CounterTile, table_view

REASONS = {
    LedgerReason.ACCRUAL: QT_TRANSLATE_NOOP("ClubBalance", "начисление за покупку"),
    LedgerReason.ACTIVATION: QT_TRANSLATE_NOOP("ClubBalance", "приветственные баллы"),
    LedgerReason.REDEMPTION: QT_TRANSLATE_NOOP("ClubBalance", "оплата баллами"),
    LedgerReason.REVERSAL: QT_TRANSLATE_NOOP("ClubBalance", "отмена начисления: товар возвращён"),
}
ENTRY_STATUSES = {
    "pending": QT_TRANSLATE_NOOP("ClubBalance", "ждёт подтверждения центра"),
    "confirmed": QT_TRANSLATE_NOOP("ClubBalance", "подтверждено"),
    "rejected": QT_TRANSLATE_NOOP("ClubBalance", "отклонено центром"),
}
ENTRY_TONES = {"pending": "warning", "rejected": "error"}


def _tr(text: object) -> str:
    return QCoreApplication.translate("ClubBalance", str(text))


def entry_row(entry: LedgerEntryView, zone: tzinfo) -> tuple[str, str, str, str, str]:
    """One ledger entry as the table shows it (signed points, the point's clock)."""
    reason = _tr(REASONS[LedgerReason(entry.reason)]) if entry.reason in set(LedgerReason) else entry.reason
    status = _tr(ENTRY_STATUSES[entry.status]) if entry.status in ENTRY_STATUSES else entry.status
    return point_time(entry.at, zone), reason, f"{entry.points:+d}", entry.order or "—", status


class BalancePanel(QWidget):
    """Four tiles and the entries table; `show_balance` copies a BonusBalance in."""

    def __init__(self, zone: Callable[[], tzinfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self.confirmed = CounterTile(self.tr("подтверждено"), "ok", self)
        self.pending = CounterTile(self.tr("ждёт подтверждения"), "warning", self)
        self.reserved = CounterTile(self.tr("списано, не подтверждено"), "", self)
        self.available = CounterTile(self.tr("можно списать"), "ok", self)
        tiles = QHBoxLayout()
        for tile in (self.available, self.confirmed, self.pending, self.reserved):
            tiles.addWidget(tile)
        self.entries = RowsModel([self.tr("Когда"), self.tr("Операция"), self.tr("Баллы"), self.tr("Заказ"),
                                  self.tr("Статус")], self)
        self.table = table_view(self.entries, self)
        rows = self.table.verticalHeader().defaultSectionSize()  # the header and five entries stay in sight;
        self.table.setMinimumHeight(rows * 6 + 2 * self.table.frameWidth())  # the page scrolls to them
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tiles)
        column.addWidget(self.table, 1)
        self.setVisible(False)

    def show_balance(self, balance: BonusBalance) -> None:
        for tile, value in ((self.confirmed, balance.confirmed), (self.pending, balance.pending),
                            (self.reserved, balance.reserved), (self.available, balance.available)):
            tile.set_value(value)
        entries = sorted(balance.entries, key=lambda e: e.at, reverse=True)
        self.entries.set_rows([entry_row(e, self._zone()) for e in entries],
                              [ENTRY_TONES.get(e.status, "") for e in entries])
        self.setVisible(True)

    def clear(self) -> None:
        self.entries.set_rows([])
        self.setVisible(False)
