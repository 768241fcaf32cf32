"""Club rules both sides enforce: who qualifies for a card, the welcome bonus, points per rouble paid."""

from __future__ import annotations

QUALIFYING_KOPECKS = 500_000  # an order of 5,000 ₽ or more qualifies its customer for a club card
ACTIVATION_POINTS = 190  # the welcome bonus, credited once per card


def points_for(kopecks: int) -> int:
    """Bonus points: 1 point per whole rouble paid."""
    return max(kopecks, 0) // 100
