"""Claim intake rules (backend/rules/claims.py): a refusal names what was wrong (the unknown checklist items and
cover, cut to their limits; the unknown pre-filed claim; the other point's order or pre-filed claim), and on
PostgreSQL an intake locks the claim and its purchase order, so two counters taking in the same claim or item at once
wait for each other (SQLite has one writer: the locks are read from the statements as PostgreSQL would run them)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import ORMExecuteState, Session

import backend.rules.claims  # noqa: F401  the rules under test (the import makes this file one of their mutation tests)
from tests.backend.claim_fixtures import accepted, counter_number, other_point_order, prefile, ready
from tests.backend.conftest import Server, order_number, point_feed


@contextmanager
def row_locks() -> Iterator[list[str]]:
    """The tables the selects run meanwhile lock (their «FOR UPDATE OF …» as PostgreSQL would run them)."""
    locked: list[str] = []

    def spy(state: ORMExecuteState) -> None:
        if state.is_select:
            sql = str(state.statement.compile(dialect=postgresql.dialect()))
            locked.extend(lock.strip() for lock in sql.split("FOR UPDATE")[1:])

    event.listen(Session, "do_orm_execute", spy)
    try:
        yield locked
    finally:
        event.remove(Session, "do_orm_execute", spy)


def test_a_counter_intake_locks_the_claim_number_and_the_purchase_order(server: Server) -> None:
    device = ready(server)
    with row_locks() as locked:
        assert device.send("claim.accepted", accepted(counter_number()))["status"] == "applied"
    assert {"OF claims", "OF orders"} <= set(locked)


def test_a_prefiled_claims_intake_locks_the_claim_it_takes_in(server: Server) -> None:
    device = ready(server)
    number = prefile(server).json()["number"]
    with row_locks() as locked:
        assert device.send("claim.accepted", accepted(number, prefiled=True))["status"] == "applied"
    assert {"OF claims", "OF orders"} <= set(locked)


def test_an_intake_of_another_points_order_or_prefiled_claim_is_refused_naming_that_order(server: Server) -> None:
    device = ready(server)
    other = point_feed("0043", orders=0)
    other["orders"] = [other_point_order()]
    server.import_feed(other)
    theirs = order_number("0043", 1)
    refused = device.send("claim.accepted", accepted(counter_number(), theirs))
    assert (refused["status"], refused["reason"]) == ("rejected", f"claim_foreign_order:{theirs}")
    number = prefile(server, order=theirs).json()["number"]
    refused = device.send("claim.accepted", accepted(number, theirs, prefiled=True))
    assert (refused["status"], refused["reason"]) == ("rejected", f"claim_foreign_order:{theirs}")


def test_unknown_checklist_items_are_named_sorted_and_cut_to_100_characters(server: Server) -> None:
    device = ready(server)
    few = device.send("claim.accepted", accepted(counter_number(1), checklist=["box", "zz-strap", "aa-case"]))
    assert (few["status"], few["reason"]) == ("rejected", "claim_bad_checklist:aa-case,zz-strap")
    many = [f"item-{n:02d}-" + "x" * 10 for n in range(10)]  # 17 characters each: 179 joined
    cut = device.send("claim.accepted", accepted(counter_number(2), checklist=many))
    assert cut["reason"] == "claim_bad_checklist:" + ",".join(many)[:100]


def test_an_unknown_cover_is_named_by_its_first_40_characters(server: Server) -> None:
    device = ready(server)
    cover = "warranty-" + "w" * 60
    refused = device.send("claim.accepted", accepted(counter_number(), cover=cover))
    assert refused["status"] == "rejected"
    assert refused["reason"] == f"invalid_payload: claim.accepted.cover {cover[:40]!r}"


def test_a_prefiled_claim_the_server_does_not_know_is_refused_naming_it(server: Server) -> None:
    device = ready(server)
    refused = device.send("claim.accepted", accepted("W000000999", prefiled=True))
    assert (refused["status"], refused["reason"]) == ("rejected", "claim_unknown:W000000999")
