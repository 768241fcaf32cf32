"""Gift certificate rules at their edges (backend/rules/certificates.py): a repeat of the redemption that spent a
certificate is the same redemption (a duplicate, never an overdraft), and a certificate is expired from the very
moment of its expiry."""

from __future__ import annotations

from datetime import timedelta

import backend.rules.certificates  # noqa: F401  (the mutation run maps this file to the rules by this import)
from tests.backend.conftest import Server
from tests.backend.money_fixtures import (
    AT_PICKUP,
    SECOND_AT_PICKUP,
    TOTAL,
    cash,
    cert,
    certificate,
    hand_over,
    import_certificates,
    payment,
    ready,
    sell,
    setup_points,
    spend,
)
from tests.support.clock import FakeClock

GC1, GC2 = "GC000000000201", "GC000000000202"
PIN = "48151623"


def test_a_repeat_of_the_redemption_that_spent_a_certificate_is_a_duplicate(server: Server) -> None:
    device, _ = setup_points(server)
    import_certificates(server, (GC1, PIN, 100_000))
    assert sell(device, GC1, 100_000)["status"] == "applied"
    ready(device, AT_PICKUP)
    done = hand_over(device, AT_PICKUP, payment(TOTAL, cert(GC1, 100_000), cash(TOTAL - 100_000)))
    assert spend(device, GC1, AT_PICKUP, done["uid"], 100_000)["status"] == "applied"
    assert certificate(server, GC1).status == "spent"
    again = spend(device, GC1, AT_PICKUP, done["uid"], 100_000)
    assert (again["status"], again["reason"]) == ("duplicate", "redemption_already_recorded")


def test_a_certificate_is_expired_from_the_moment_of_its_expiry(server: Server, clock: FakeClock) -> None:
    device, _ = setup_points(server)
    import_certificates(server, (GC2, PIN, 100_000))
    assert sell(device, GC2, 100_000)["status"] == "applied"
    expires_at = certificate(server, GC2).expires_at
    assert expires_at is not None
    ready(device, SECOND_AT_PICKUP)
    clock.advance(seconds=(expires_at.replace(tzinfo=None) - clock().replace(tzinfo=None)).total_seconds())
    assert clock().replace(tzinfo=None) == expires_at.replace(tzinfo=None)
    done = hand_over(device, SECOND_AT_PICKUP, payment(TOTAL, cert(GC2, 100), cash(TOTAL - 100)))
    result = spend(device, GC2, SECOND_AT_PICKUP, done["uid"], 100)
    assert (result["status"], result["reason"]) == ("conflict", "certificate_expired")
    assert certificate(server, GC2).status == "expired"
    assert timedelta(0) == clock().replace(tzinfo=None) - expires_at.replace(tzinfo=None)
