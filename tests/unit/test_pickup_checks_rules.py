"""Checks before a pickup, stated as the counter's rules: what the customer pays, the point's code-hash parameters,
and which scanned QR tokens the counter accepts (signed by the server, for this point)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.db.engine import Database
from desktop.db.models import SyncState
from desktop.services.pickup_checks import SERVER_KEY, amount_due, point_code_params, verify_pickup_token
from protocol.errors import DomainError
from protocol.qr_token import PickupToken, public_key_to_b64, sign_token
from tests.support.clock import FakeClock
from tests.support.factories import TEST_CODE_PARAMS, make_point


@pytest.mark.parametrize(
    ("prepaid", "lines", "due"),
    [
        (True, [(2, 0, 100_00)], 0),  # paid online: nothing at the counter, whatever the lines
        (False, [(2, 0, 100_00)], 200_00),  # quantity times price
        (False, [(3, 1, 100_00), (1, 0, 5_00)], 205_00),  # a refused unit is not paid; lines add up
        (False, [(2, 2, 100_00)], 0),  # the whole line refused
        (False, [], 0),
    ],
)
def test_the_customer_pays_the_not_refused_units_unless_prepaid(prepaid: bool, lines: list[tuple[int, int, int]],
                                                                 due: int) -> None:
    assert amount_due(prepaid, lines) == due


def test_the_points_code_parameters_are_its_own_and_required(db: Database) -> None:
    with db.write() as s:
        point = make_point(s)
        assert point_code_params(point) == TEST_CODE_PARAMS
        point.code_hash_params = ""
        with pytest.raises(DomainError) as info:
            point_code_params(point)
        assert info.value.code == "point.not_configured"


def _token(key: Ed25519PrivateKey, clock: FakeClock, point: str = "0042") -> str:
    return sign_token(key, PickupToken("500000001", point, clock() + timedelta(hours=1)))


def _refusal(db: Database, clock: FakeClock, text: str) -> DomainError:
    with db.read() as s, pytest.raises(DomainError) as info:
        verify_pickup_token(s, text, clock())
    assert "{" not in str(info.value)  # the message is rendered with its parameters
    return info.value


def test_a_token_of_this_point_signed_by_the_server_is_accepted(db: Database, clock: FakeClock) -> None:
    key = Ed25519PrivateKey.generate()
    with db.write() as s:
        make_point(s, code="0042")
        s.add(SyncState(key=SERVER_KEY, value=public_key_to_b64(key.public_key())))
    with db.read() as s:
        token = verify_pickup_token(s, _token(key, clock), clock())
    assert (token.order_number, token.point_code) == ("500000001", "0042")
    refused = _refusal(db, clock, _token(key, clock, point="0077"))
    assert (refused.code, refused.params) == ("qr.other_point", {"point": "0077", "order": "500000001"})


@pytest.mark.parametrize("stored", [None, "not-a-key"])
def test_without_a_usable_server_key_no_token_is_accepted(db: Database, clock: FakeClock, stored: str | None) -> None:
    key = Ed25519PrivateKey.generate()
    with db.write() as s:
        make_point(s, code="0042")
        if stored is not None:
            s.add(SyncState(key=SERVER_KEY, value=stored))
    assert _refusal(db, clock, _token(key, clock)).code == "qr.no_server_key"

