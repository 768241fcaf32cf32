"""Edges of money and pickup codes that the round-trip tests do not reach (issue 18's surviving mutants)."""

from __future__ import annotations

import secrets

import pytest

from protocol.money import rub
from protocol.pickup_code import CodeHashParams, code_matches, code_tag, hash_code, is_code_shaped, new_code

# --- money: less than a rouble below zero ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kopecks", "text"),
    [(-1, "-0,01 ₽"), (-5, "-0,05 ₽"), (-50, "-0,50 ₽"), (-99, "-0,99 ₽"), (-100, "-1,00 ₽"), (-101, "-1,01 ₽")],
)
def test_a_negative_amount_keeps_its_minus_even_under_one_rouble(kopecks, text):
    """A refund of 1 kopeck is not a payment of 1 kopeck: the sign is never lost."""
    assert rub(kopecks) == text


# --- pickup codes: the whole six-digit space -----------------------------------------------------------


@pytest.mark.parametrize(("drawn", "code"), [(0, "000000"), (999_999, "999999")])
def test_the_smallest_and_the_largest_six_digit_codes_can_be_issued(monkeypatch, drawn, code):
    """Every code from 000000 to 999999 may come out: the random draw covers a million values."""
    bounds = []

    def draw(bound: int) -> int:
        bounds.append(bound)
        assert 0 <= drawn < bound, f"{drawn} cannot be drawn below {bound}"
        return drawn

    monkeypatch.setattr(secrets, "randbelow", draw)
    assert new_code() == code
    assert bounds == [1_000_000]


def test_issued_codes_are_spread_over_the_whole_code_space():
    codes = [new_code() for _ in range(400)]
    assert all(is_code_shaped(c) for c in codes)
    assert len(set(codes)) >= 390  # a million values: a handful of repeats at most
    assert len({c[0] for c in codes}) >= 8  # the first digit varies, not only the last ones
    assert max(int(c) for c in codes) > 500_000


# --- pickup codes: the production scrypt cost -----------------------------------------------------------

PRODUCTION = {"n": 2**14, "r": 8, "p": 1}
# A known answer, computed once with hashlib.scrypt(b"482913", salt=b"point-0042-salt", n=16384, r=8, p=1,
# dklen=32): counter and server must agree on it byte for byte, or no issued code would ever match.
KNOWN_HASH = "f253a4c807867a1db981607ad51760c3fb53f96f0a46f2a895e62124975ac0b1"


def test_the_default_hash_cost_is_the_production_one():
    params = CodeHashParams(salt=b"point-0042-salt")
    assert (params.n, params.r, params.p) == (PRODUCTION["n"], PRODUCTION["r"], PRODUCTION["p"])
    assert params.encode().startswith("scrypt$16384$8$1$")


def test_a_code_hashed_at_production_cost_matches_the_known_answer():
    params = CodeHashParams(salt=b"point-0042-salt")
    assert hash_code("482913", params) == KNOWN_HASH
    assert code_matches("482913", KNOWN_HASH, params)
    assert not code_matches("482913", KNOWN_HASH, CodeHashParams(salt=b"point-0042-salt", n=2**8))



def test_a_code_tag_is_the_keys_published_fingerprint_and_the_first_byte_of_the_codes_hmac():
    # Counters and the server must agree on both halves byte for byte (computed here from their definitions).
    key = b"k" * 32
    assert code_tag(key, "123456") == "c696.1b"  # sha256("pickup-desk code tag key id" + key)[:4], HMAC(key, code)[:1]


def test_a_costlier_scrypt_than_the_default_memory_cap_allows_still_hashes():
    # n=2**16, r=8 needs 64 MiB: over OpenSSL's default 32 MiB cap, so the hash must raise its own cap.
    params = CodeHashParams(salt=b"s" * 16, n=2**16, r=8, p=1)
    assert len(hash_code("123456", params)) == 64
