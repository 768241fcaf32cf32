"""The order lifecycle: every legal transition in one table; anything else is a domain error."""

from __future__ import annotations

from enum import StrEnum

from protocol.errors import IllegalTransition


class OrderStatus(StrEnum):
    CREATED = "created"
    IN_TRANSIT = "in_transit"
    PARTIALLY_ARRIVED = "partially_arrived"
    ARRIVED = "arrived"
    READY = "ready"
    HANDED_OVER = "handed_over"
    PARTIALLY_HANDED_OVER = "partially_handed_over"
    REFUSED = "refused"
    RETURNED = "returned"
    CANCELLED = "cancelled"


class OrderEvent(StrEnum):
    SHIP = "ship"
    BOX_ARRIVED = "box_arrived"
    ALL_ARRIVED = "all_arrived"
    ARRIVAL_UNDONE = "arrival_undone"
    ALL_ARRIVAL_UNDONE = "all_arrival_undone"
    MAKE_READY = "make_ready"
    HAND_OVER = "hand_over"
    HAND_OVER_PARTIALLY = "hand_over_partially"
    REFUSE = "refuse"
    RETURN = "return"
    CANCEL = "cancel"


S = OrderStatus
E = OrderEvent

_BEFORE_ARRIVAL = (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED)
_BEFORE_HANDOVER = (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED, S.ARRIVED, S.READY)

TRANSITIONS: dict[tuple[OrderStatus, OrderEvent], OrderStatus] = {
    (S.CREATED, E.SHIP): S.IN_TRANSIT,
    **{(s, E.BOX_ARRIVED): S.PARTIALLY_ARRIVED for s in _BEFORE_ARRIVAL},
    **{(s, E.ALL_ARRIVED): S.ARRIVED for s in _BEFORE_ARRIVAL},
    # Undo of a receiving scan: back to "some boxes in" or "none in".
    **{(s, E.ARRIVAL_UNDONE): S.PARTIALLY_ARRIVED for s in (S.PARTIALLY_ARRIVED, S.ARRIVED, S.READY)},
    **{(s, E.ALL_ARRIVAL_UNDONE): S.IN_TRANSIT for s in (S.PARTIALLY_ARRIVED, S.ARRIVED, S.READY)},
    (S.ARRIVED, E.MAKE_READY): S.READY,
    (S.READY, E.HAND_OVER): S.HANDED_OVER,
    (S.READY, E.HAND_OVER_PARTIALLY): S.PARTIALLY_HANDED_OVER,
    (S.READY, E.REFUSE): S.REFUSED,
    (S.READY, E.RETURN): S.RETURNED,
    (S.REFUSED, E.RETURN): S.RETURNED,
    (S.PARTIALLY_HANDED_OVER, E.RETURN): S.RETURNED,
    (S.CANCELLED, E.RETURN): S.RETURNED,
    **{(s, E.CANCEL): S.CANCELLED for s in _BEFORE_HANDOVER},
}

AT_POINT = frozenset({S.PARTIALLY_ARRIVED, S.ARRIVED, S.READY, S.REFUSED, S.PARTIALLY_HANDED_OVER})


def next_status(order_number: str, current: str, event: OrderEvent) -> OrderStatus:
    """The status after `event`, or IllegalTransition if the lifecycle forbids it."""
    try:
        return TRANSITIONS[(OrderStatus(current), event)]
    except (KeyError, ValueError):
        raise IllegalTransition(order_number, str(current), event.value) from None

