"""EAN-13 check digits (club cards)."""

from __future__ import annotations


def check_digit(first12: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def is_valid(number: str) -> bool:
    return len(number) == 13 and number.isdigit() and check_digit(number[:12]) == int(number[12])


def complete(first12: str) -> str:
    """Append the check digit to 12 digits."""
    return first12 + str(check_digit(first12))
