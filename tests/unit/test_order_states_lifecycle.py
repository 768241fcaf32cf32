"""The order lifecycle written out by hand from DESIGN.md, checked against the state machine pair by pair.

The other order-state tests compare `next_status` with the code's own table, so a row missing from
that table goes unnoticed there. Here the lifecycle is spelled out literally (DESIGN.md «Order
lifecycle» plus the receiving undo): every row below must be allowed with exactly this target, and
every pair not listed must be refused with a domain error.
"""

from __future__ import annotations

import pytest

from protocol.errors import IllegalTransition
from protocol.order_states import AT_POINT, OrderEvent, OrderStatus, next_status

# (status before, event) -> status after; one line per allowed step, no comprehension, no shared tuples.
LIFECYCLE: dict[tuple[str, str], str] = {
    # the centre ships the order
    ("created", "ship"): "in_transit",
    # the first (or a further) box is scanned in while boxes are still on their way
    ("created", "box_arrived"): "partially_arrived",
    ("in_transit", "box_arrived"): "partially_arrived",
    ("partially_arrived", "box_arrived"): "partially_arrived",
    # the last box is scanned in (a one-box order may arrive straight from created / in transit)
    ("created", "all_arrived"): "arrived",
    ("in_transit", "all_arrived"): "arrived",
    ("partially_arrived", "all_arrived"): "arrived",
    # a receiving scan is undone and some boxes are still in
    ("partially_arrived", "arrival_undone"): "partially_arrived",
    ("arrived", "arrival_undone"): "partially_arrived",
    ("ready", "arrival_undone"): "partially_arrived",
    # a receiving scan is undone and no box is left in: on its way again
    ("partially_arrived", "all_arrival_undone"): "in_transit",
    ("arrived", "all_arrival_undone"): "in_transit",
    ("ready", "all_arrival_undone"): "in_transit",
    # pickup code issued, SMS sent
    ("arrived", "make_ready"): "ready",
    # the customer came: takes all, takes part, or refuses everything
    ("ready", "hand_over"): "handed_over",
    ("ready", "hand_over_partially"): "partially_handed_over",
    ("ready", "refuse"): "refused",
    # goods left at the point go back to the sender
    ("ready", "return"): "returned",
    ("refused", "return"): "returned",
    ("partially_handed_over", "return"): "returned",
    ("cancelled", "return"): "returned",
    # the centre cancels at any point before handover
    ("created", "cancel"): "cancelled",
    ("in_transit", "cancel"): "cancelled",
    ("partially_arrived", "cancel"): "cancelled",
    ("arrived", "cancel"): "cancelled",
    ("ready", "cancel"): "cancelled",
}

ALL_PAIRS = [(status.value, event.value) for status in OrderStatus for event in OrderEvent]


def test_the_hand_written_lifecycle_names_only_real_statuses_and_events():
    statuses, events = {s.value for s in OrderStatus}, {e.value for e in OrderEvent}
    for (before, event), after in LIFECYCLE.items():
        assert before in statuses and after in statuses and event in events


@pytest.mark.parametrize(("before", "event"), ALL_PAIRS)
def test_each_status_and_event_pair_does_what_the_lifecycle_says(before, event):
    """Allowed steps land exactly where DESIGN.md says; every other pair is refused, never a silent no-op."""
    expected = LIFECYCLE.get((before, event))
    if expected is not None:
        assert next_status("500000001", before, OrderEvent(event)) == expected
    else:
        with pytest.raises(IllegalTransition):
            next_status("500000001", before, OrderEvent(event))


def test_cancellation_is_possible_from_every_status_before_handover_and_from_no_other():
    may_cancel = {s for s in OrderStatus if _allowed(s, OrderEvent.CANCEL)}
    assert may_cancel == {"created", "in_transit", "partially_arrived", "arrived", "ready"}


def test_the_first_box_may_arrive_only_before_the_order_has_arrived():
    first_box = {s for s in OrderStatus if _allowed(s, OrderEvent.BOX_ARRIVED)}
    last_box = {s for s in OrderStatus if _allowed(s, OrderEvent.ALL_ARRIVED)}
    assert first_box == last_box == {"created", "in_transit", "partially_arrived"}


def test_nothing_leads_out_of_handed_over_or_returned():
    """Handed over (the goods are with the customer) and returned (back with the sender) are final."""
    final = {s for s in OrderStatus if not any(_allowed(s, e) for e in OrderEvent)}
    assert final == {"handed_over", "returned"}


def test_the_goods_are_at_the_point_from_the_first_box_until_they_leave_it():
    """At the point: some box came in and not everything left (to the customer, the sender or never came)."""
    assert set(AT_POINT) == {"partially_arrived", "arrived", "ready", "refused", "partially_handed_over"}


def _allowed(status: OrderStatus, event: OrderEvent) -> bool:
    try:
        next_status("500000001", status, event)
    except IllegalTransition:
        return False
    return True
