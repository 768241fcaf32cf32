"""Handover (выдача): a durable, guided flow — verify, check documents, scan boxes, refuse, pay, complete.

One module per step: `verification` (find and verify), `checks` (documents, boxes, refusals, payment),
`completion` (complete or abort); `lookup` loads and checks rows, `model` holds the values.
"""

from desktop.services.handover.model import (
    ID_DOCUMENT_TYPES,
    MAX_CODE_ATTEMPTS,
    PAYMENT_METHODS,
    REFUSAL_REASONS,
    BoxCheck,
    BoxScanResult,
    HandoverLookup,
    HandoverResult,
    HandoverState,
    PaymentIntent,
    labels,
    refusal_text,
)
from desktop.services.handover.service import HandoverService

__all__ = [
    "ID_DOCUMENT_TYPES",
    "MAX_CODE_ATTEMPTS",
    "PAYMENT_METHODS",
    "REFUSAL_REASONS",
    "BoxCheck",
    "BoxScanResult",
    "HandoverLookup",
    "HandoverResult",
    "HandoverService",
    "HandoverState",
    "PaymentIntent",
    "labels",
    "refusal_text",
]
