"""Two counter PCs spending the same points or the same certificate at the same moment: the server lets exactly
one of them spend the balance and answers the other with an overdraft conflict (PostgreSQL row locks)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.backend.conftest import BOTH_DBS, Server
from tests.backend.money_fixtures import (
    AT_PICKUP,
    SECOND_AT_PICKUP,
    TOTAL,
    balance,
    cash,
    cert,
    credit_points,
    hand_over,
    import_certificates,
    money_feed,
    payment,
    points,
    ready,
    redeem,
    sell,
    spend,
)
from tests.backend.test_concurrency import race

GC = "GC000000000777"


def _two_handovers(server: Server, tenders: Callable[[], list[dict[str, Any]]]) -> tuple[Any, Any, str, str]:
    server.import_feed(money_feed())
    first = server.enrol(name="COUNTER-1", client=TestClient(server.app))
    second = server.enrol(name="COUNTER-2", client=TestClient(server.app))
    ready(first, AT_PICKUP)
    ready(second, SECOND_AT_PICKUP)
    one = hand_over(first, AT_PICKUP, payment(TOTAL, *tenders()))["uid"]
    two = hand_over(second, SECOND_AT_PICKUP, payment(TOTAL, *tenders()))["uid"]
    return first, second, one, two


@BOTH_DBS
def test_two_devices_spending_the_same_points_at_once(server: Server) -> None:
    first, second, one, two = _two_handovers(server, lambda: [points(1_500), cash(TOTAL - 150_000)])
    credit_points(server, 2_000)
    results = race(lambda: redeem(first, AT_PICKUP, one, 1_500), lambda: redeem(second, SECOND_AT_PICKUP, two, 1_500))
    assert sorted((r["status"], r["reason"]) for r in results) == [("applied", None),
                                                                   ("conflict", "points_overdraft:500<1500")], results
    assert balance(server) == 500


@BOTH_DBS
def test_two_devices_spending_the_same_certificate_at_once(server: Server) -> None:
    first, second, one, two = _two_handovers(server, lambda: [cert(GC, 300_000), cash(TOTAL - 300_000)])
    import_certificates(server, (GC, "12345678", 500_000))
    assert sell(first, GC, 500_000)["status"] == "applied"
    results = race(lambda: spend(first, GC, AT_PICKUP, one, 300_000),
                    lambda: spend(second, GC, SECOND_AT_PICKUP, two, 300_000))
    assert sorted((r["status"], r["reason"]) for r in results) == [
        ("applied", None), ("conflict", "certificate_overdraft:200000<300000")], results
