"""Storage period and returns: extension by a manager, expiring lists, the return list and return sessions."""

from desktop.documents.model import RefusedItem, ReturnAct, ReturnActLine
from desktop.services.returns.return_list import ReturnBoxView, ReturnCandidate, ReturnList
from desktop.services.returns.rules import ReturnReason, point_zone, return_reason, storage_deadline
from desktop.services.returns.service import ReturnsService
from desktop.services.returns.sessions import OpenReturn, PendingReturn, ReturnScan, ReturnScanResult
from desktop.services.returns.storage import ExpiringOrder, ExtensionResult

__all__ = [
    "ExpiringOrder",
    "ExtensionResult",
    "OpenReturn",
    "PendingReturn",
    "RefusedItem",
    "ReturnAct",
    "ReturnActLine",
    "ReturnBoxView",
    "ReturnCandidate",
    "ReturnList",
    "ReturnReason",
    "ReturnScan",
    "ReturnScanResult",
    "ReturnsService",
    "point_zone",
    "return_reason",
    "storage_deadline",
]
