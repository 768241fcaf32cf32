"""Club rules both sides enforce: who qualifies for a card, the cities, the welcome bonus, points per rouble paid."""

from __future__ import annotations

from collections.abc import Iterable

from protocol.club_cities import CITIES as CITIES  # re-exported: the club rules name the cities
from protocol.club_cities import known_city as known_city

QUALIFYING_KOPECKS = 500_000  # an order of 5,000 ₽ or more qualifies its customer for a club card
ACTIVATION_POINTS = 190  # the welcome bonus, credited once per customer
CITY_MAX = 100  # the longest city name a card may carry (the server's column)


def points_for(kopecks: int) -> int:
    """Bonus points: 1 point per whole rouble paid."""
    return max(kopecks, 0) // 100


def paid_kopecks(lines: Iterable[tuple[int, int, int]]) -> int:
    """What the customer actually paid for the goods taken: (quantity, refused, price) lines, refused ones excluded.

    A prepaid order was paid for in advance (refused lines are refunded by the centre); a payment at
    pickup is due for exactly the lines handed over. Either way the points follow the lines taken.
    """
    return sum(max(qty - refused, 0) * price for qty, refused, price in lines)

