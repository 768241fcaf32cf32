"""Receiving (приёмка): scan the boxes of a shipment in, count discrepancies, close with the act.

Split by step: `rows` (result types, messages, prebuilt statements), `scanning` (box scan and
undo), `summary` (the typed discrepancy summary), `service` (the clerk actions).
"""

from desktop.services.receiving.resume import OpenReceiving, RecentScan
from desktop.services.receiving.rows import MAX_NOTE, Outcome, ReceivingCounts, ScanOutcome
from desktop.services.receiving.service import ClosedReceiving, ReceivingService
from desktop.services.receiving.summary import (
    CancelledBox,
    DamagedBox,
    DiscrepancySummary,
    ElsewhereBox,
    ForeignBox,
    MissingBox,
    OtherShipmentBox,
)

__all__ = [
    "MAX_NOTE",
    "CancelledBox",
    "ClosedReceiving",
    "DamagedBox",
    "DiscrepancySummary",
    "ElsewhereBox",
    "ForeignBox",
    "MissingBox",
    "OpenReceiving",
    "OtherShipmentBox",
    "Outcome",
    "ReceivingCounts",
    "ReceivingService",
    "RecentScan",
    "ScanOutcome",
]
