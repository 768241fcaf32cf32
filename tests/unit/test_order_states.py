"""Property tests of the order state machine: no sequence of events reaches an illegal state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from protocol.errors import DomainError, IllegalTransition
from protocol.order_states import TRANSITIONS, OrderEvent, OrderStatus, next_status

S, E = OrderStatus, OrderEvent
TERMINAL = frozenset({S.HANDED_OVER, S.RETURNED})  # no event leads out of these


def allowed_events(current: str) -> list[OrderEvent]:
    """Events the lifecycle table allows from `current` (the oracle the properties below check next_status by)."""
    return [e for (s, e) in TRANSITIONS if s == current]

HANDED = {S.HANDED_OVER, S.PARTIALLY_HANDED_OVER, S.REFUSED}
events = st.sampled_from(list(OrderEvent))


def _walk(sequence: list[OrderEvent]) -> list[OrderStatus]:
    """Apply events from `created`; refused events leave the status as it was. Returns the visited statuses."""
    status, visited = S.CREATED, [S.CREATED]
    for event in sequence:
        try:
            status = next_status("500000001", status, event)
        except IllegalTransition:
            continue
        visited.append(status)
    return visited


@given(st.lists(events, max_size=40))
def test_any_sequence_lands_in_a_known_status(sequence):
    for status in _walk(sequence):
        assert isinstance(status, OrderStatus)


@given(st.lists(events, max_size=40))
def test_no_sequence_hands_over_without_passing_ready(sequence):
    visited = _walk(sequence)
    for i, status in enumerate(visited):
        if status in HANDED:
            assert visited[i - 1] == S.READY, visited


@given(st.lists(events, max_size=40))
def test_ready_only_after_all_boxes_arrived(sequence):
    visited = _walk(sequence)
    for i, status in enumerate(visited):
        if status == S.READY:
            assert visited[i - 1] == S.ARRIVED, visited
        if status == S.ARRIVED:
            assert visited[i - 1] in (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED), visited


@given(st.lists(events, max_size=40))
def test_nothing_follows_a_terminal_status(sequence):
    visited = _walk(sequence)
    for i, status in enumerate(visited[:-1]):
        assert status not in TERMINAL, visited[i:]


@given(st.lists(events, max_size=40))
def test_cancellation_never_after_handover(sequence):
    visited = _walk(sequence)
    for i, status in enumerate(visited):
        if status == S.CANCELLED and i > 0:
            assert visited[i - 1] in (S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED, S.ARRIVED, S.READY)


@pytest.mark.parametrize("status", list(OrderStatus))
@pytest.mark.parametrize("event", list(OrderEvent))
def test_every_pair_follows_the_table_exactly(status, event):
    if (status, event) in TRANSITIONS:
        assert next_status("500000001", status, event) == TRANSITIONS[(status, event)]
    else:
        with pytest.raises(IllegalTransition) as err:
            next_status("500000001", status, event)
        assert err.value.code == "order.illegal_transition"
        assert err.value.params == {"order": "500000001", "current": status.value, "event": event.value}
        assert "500000001" in str(err.value)


@pytest.mark.parametrize("status", sorted(TERMINAL))
def test_terminal_statuses_accept_no_event(status):
    assert allowed_events(status) == []
    for event in OrderEvent:
        with pytest.raises(IllegalTransition):
            next_status("1", status, event)


def test_returns_only_from_the_statuses_the_table_names():
    sources = {s for (s, e) in TRANSITIONS if e == E.RETURN}
    assert sources == {S.READY, S.REFUSED, S.PARTIALLY_HANDED_OVER, S.CANCELLED}


@pytest.mark.parametrize("bad", ["", "lost", "READY", "handed over"])
def test_unknown_current_status_is_a_domain_error(bad):
    with pytest.raises(DomainError) as err:
        next_status("1", bad, E.HAND_OVER)
    assert err.value.code == "order.illegal_transition"


def test_every_status_is_reachable_from_created():
    reached, frontier = {S.CREATED}, [S.CREATED]
    while frontier:
        current = frontier.pop()
        for event in allowed_events(current):
            target = TRANSITIONS[(current, event)]
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(OrderStatus)


class OrderLifecycle(RuleBasedStateMachine):
    """A model of one order driven by random events, checked after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.status = S.CREATED
        self.history = [S.CREATED]

    @rule(event=events)
    def apply(self, event: OrderEvent) -> None:
        allowed = event in allowed_events(self.status)
        try:
            new = next_status("500000001", self.status, event)
        except IllegalTransition:
            assert not allowed
            return
        assert allowed and self.status not in TERMINAL
        self.status = new
        self.history.append(new)

    @invariant()
    def status_is_known(self) -> None:
        assert isinstance(self.status, OrderStatus)

    @invariant()
    def handover_only_through_ready(self) -> None:
        if any(s in HANDED for s in self.history):
            first = next(i for i, s in enumerate(self.history) if s in HANDED)
            assert self.history[first - 1] == S.READY

    @invariant()
    def returned_only_from_point_or_cancelled(self) -> None:
        if S.RETURNED in self.history:
            i = self.history.index(S.RETURNED)
            assert self.history[i - 1] in (S.READY, S.REFUSED, S.PARTIALLY_HANDED_OVER, S.CANCELLED)


TestOrderLifecycle = OrderLifecycle.TestCase
TestOrderLifecycle.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
