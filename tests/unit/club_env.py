"""The club tests' point: a clerk and one or two unactivated cards (the first with code ABCD-1234), and a family
phone two customers of the point share."""

from __future__ import annotations

from typing import Any

from desktop.services.base import Role
from protocol.ean13 import complete
from tests.support.factories import actor_for, make_card, make_point, make_staff

SHARED = "+79035550033"  # a family phone: two customers of the point give the same number
CARD = complete("200000000001")
CARD2 = complete("200000000002")


def club_point(db: Any, second_card: bool = True) -> dict[str, Any]:
    """The point and its clerk's actor (the tests' `point` fixture); CARD2 only with `second_card`."""
    with db.write() as s:
        point = make_point(s)
        clerk = make_staff(s, point, Role.CLERK)
        make_card(s, point, CARD, "ABCD-1234")
        if second_card:
            make_card(s, point, CARD2, "EFGH-5678")
    return {"point": point, "clerk": actor_for(clerk)}
