"""What a claim's intake records for review (backend/rules/claims.py): a serial mismatch is allowed only with a
manager of this point's login and note, and keeps both (cut to their columns); a pre-filed claim is taken in only
for the order and item it names; a claim of another point is refused naming its order; a dispatch locks its claim."""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import ORMExecuteState, Session

from backend.models import Claim
from protocol.limits import CONDITION_MAX
from tests.backend.claim_fixtures import (
    MANAGER,
    OLD_PURCHASE,
    PURCHASE,
    accepted,
    claims_point,
    counter_number,
    dispatched,
    other_point_order,
    prefile,
)
from tests.backend.conftest import Server, order_number, point_feed

LONG_LOGIN = "m" * 64  # the longest login the staff table holds


def _override(server: Server, number: str) -> tuple[str | None, str | None]:
    with server.db.read() as session:
        claim = session.scalars(select(Claim).where(Claim.number == number)).one()
        return claim.serial_override, claim.override_by


def test_an_allowed_serial_mismatch_records_the_managers_note_and_login(server: Server) -> None:
    feed = claims_point()
    feed["staff"].append({**MANAGER, "login": LONG_LOGIN, "badge_code": "ST000003"})
    server.import_feed(feed)
    device = server.enrol()
    plain = accepted(counter_number(1), serial="SN1")
    assert device.send("claim.accepted", plain)["status"] == "applied"
    assert _override(server, counter_number(1)) == (None, None)  # the serial matched: nothing was allowed
    note = "наклейка заменена в сервисе " * 30  # longer than the column: kept to its first CONDITION_MAX chars
    allowed = accepted(counter_number(2), order_number("0042", 2), cover="paid_repair", serial="SN-OTHER",
                       serial_override=note, override_by=LONG_LOGIN + "-x")
    assert device.send("claim.accepted", allowed)["status"] == "applied"
    assert _override(server, counter_number(2)) == (note[:CONDITION_MAX], LONG_LOGIN)


def test_another_points_claim_cannot_be_dispatched_here(server: Server) -> None:
    server.import_feed(claims_point())
    device = server.enrol()
    other = point_feed("0043", orders=0)
    other["orders"] = [other_point_order()]
    server.import_feed(other)
    number = prefile(server, order=order_number("0043", 1)).json()["number"]
    refused = device.send("claim.dispatched", dispatched(number))
    assert (refused["status"], refused["reason"]) == ("rejected", f"claim_foreign_order:{order_number('0043', 1)}")


def test_a_serial_mismatch_needs_both_the_managers_login_and_the_note(server: Server) -> None:
    server.import_feed(claims_point())
    device = server.enrol()
    number = counter_number()
    for over in ({}, {"override_by": MANAGER["login"]}, {"serial_override": "наклейка заменена"}):
        refused = device.send("claim.accepted", accepted(number, serial="SN-OTHER", **over))
        assert (refused["status"], refused["reason"]) == ("rejected", f"claim_serial_mismatch:{number}"), over


def test_only_a_manager_of_this_point_may_allow_a_mismatch(server: Server) -> None:
    server.import_feed(claims_point())
    other = point_feed("0043", orders=0)
    other["staff"] = [{**MANAGER, "login": "boss", "badge_code": "ST000009"}]  # a manager, of another point
    server.import_feed(other)
    device = server.enrol()
    number = counter_number()
    allowed_elsewhere = accepted(number, serial="SN-OTHER", serial_override="x", override_by="boss")
    refused = device.send("claim.accepted", allowed_elsewhere)
    assert (refused["status"], refused["reason"]) == ("rejected", f"claim_override_not_manager:{number}")


def test_a_prefiled_claim_is_accepted_only_for_the_order_and_item_it_names(server: Server) -> None:
    server.import_feed(claims_point())
    device = server.enrol()
    number = prefile(server).json()["number"]  # PURCHASE / SKU-1
    for order, sku in ((OLD_PURCHASE, "SKU-1"), (PURCHASE, "SKU-2")):
        refused = device.send("claim.accepted", accepted(number, order, prefiled=True, sku=sku))
        assert (refused["status"], refused["reason"]) == ("rejected", f"claim_not_purchased:{order}/{sku}")


def test_a_dispatch_locks_its_claim_and_an_intake_names_an_unknown_order(server: Server) -> None:
    """PostgreSQL: two PCs dispatching the same claim at once wait for each other, so the second sees it sent (SQLite
    has one writer: the lock is read from the statements as PostgreSQL would run them)."""
    server.import_feed(claims_point())
    device = server.enrol()
    number = counter_number()
    assert device.send("claim.accepted", accepted(number))["status"] == "applied"
    locked: list[str] = []

    def spy(state: ORMExecuteState) -> None:
        sql = str(state.statement.compile(dialect=postgresql.dialect())) if state.is_select else ""
        locked.extend(sql.split("FOR UPDATE")[1:])

    event.listen(Session, "do_orm_execute", spy)
    try:
        assert device.send("claim.dispatched", dispatched(number))["status"] == "applied"
    finally:
        event.remove(Session, "do_orm_execute", spy)
    assert "OF claims" in [lock.strip() for lock in locked]
    unknown = device.send("claim.accepted", accepted(counter_number(2), order_number("0042", 99)))
    assert (unknown["status"], unknown["reason"]) == ("rejected", f"claim_not_purchased:{order_number('0042', 99)}")
