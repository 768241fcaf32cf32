"""Money in kopecks, EAN-13 check digits, pickup-code hashing and signed QR tokens."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from protocol import ean13
from protocol.club_rules import points_for
from protocol.errors import DomainError
from protocol.money import parse_rub, rub
from protocol.pickup_code import CodeHashParams, code_matches, hash_code, is_code_shaped, new_code
from protocol.qr_token import PickupToken, public_key_from_b64, public_key_to_b64, sign_token, verify_token

NNBSP = "\u202f"
PARAMS = CodeHashParams(salt=b"point-0042-salt", n=2**8, r=8, p=1)

# --- money -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kopecks,text",
    [
        (0, "0,00 ₽"),
        (5, "0,05 ₽"),
        (100, "1,00 ₽"),
        (349_900, f"3{NNBSP}499,00 ₽"),
        (12_345_678, f"123{NNBSP}456,78 ₽"),
        (100_000_000_00, f"100{NNBSP}000{NNBSP}000,00 ₽"),
        (-150_050, f"-1{NNBSP}500,50 ₽"),
    ],
)
def test_rub_formats_kopecks(kopecks, text):
    assert rub(kopecks) == text


@pytest.mark.parametrize(
    "text,kopecks",
    [
        ("1500", 150_000),
        ("1 500,50", 150_050),
        ("1500.5", 150_050),
        ("1500,05", 150_005),
        (" 0,1 ", 10),
        ("1500 ₽", 150_000),
        ("1500 руб.", 150_000),
        ("1500р", 150_000),
        (f"3{NNBSP}499,00 ₽", 349_900),
    ],
)
def test_parse_rub_accepts_what_a_clerk_types(text, kopecks):
    assert parse_rub(text) == kopecks


@pytest.mark.parametrize("text", ["", "   ", "abc", "1,234", "-5", "1.2.3", "12e3", "₽", "1 500,5 $", "1234567890"])
def test_parse_rub_rejects_non_amounts(text):
    assert parse_rub(text) is None


@given(st.integers(min_value=0, max_value=999_999_999_99))
def test_rub_and_parse_rub_round_trip(kopecks):
    assert parse_rub(rub(kopecks)) == kopecks


def test_amounts_stay_exact_integers():
    assert parse_rub("0,1") + parse_rub("0,2") == parse_rub("0,3")
    assert isinstance(parse_rub("19,99"), int)


@pytest.mark.parametrize("kopecks,points", [(0, 0), (99, 0), (100, 1), (349_999, 3_499), (-500, 0)])
def test_one_point_per_whole_rouble(kopecks, points):
    assert points_for(kopecks) == points


# --- EAN-13 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["4006381333931", "4600682000013", "2000000000015"])
def test_known_valid_ean13(number):
    assert ean13.is_valid(number)
    assert ean13.complete(number[:12]) == number


@pytest.mark.parametrize(
    "number", ["4006381333932", "400638133393", "40063813339311", "40063813339a1", "", " 4006381333931"]
)
def test_invalid_ean13(number):
    assert not ean13.is_valid(number)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 12), st.integers(1, 9))
def test_any_single_digit_error_is_caught(first12, position, delta):
    number = ean13.complete(first12)
    assert ean13.is_valid(number)
    wrong = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert not ean13.is_valid(wrong)


# --- pickup codes ------------------------------------------------------------------------------------


@given(st.binary(min_size=1, max_size=32), st.sampled_from([2**8, 2**14]), st.integers(1, 16), st.integers(1, 4))
def test_code_hash_params_round_trip(salt, n, r, p):
    params = CodeHashParams(salt=salt, n=n, r=r, p=p)
    text = params.encode()
    assert text.startswith("scrypt$") and "=" not in text
    assert CodeHashParams.decode(text) == params


@pytest.mark.parametrize("text", ["bcrypt$16384$8$1$c2FsdA", "scrypt$16384$8$1", "garbage", "scrypt$x$8$1$c2FsdA"])
def test_bad_code_hash_params_are_refused(text):
    with pytest.raises(ValueError):
        CodeHashParams.decode(text)


def test_pickup_code_hash_matches_only_the_right_code():
    stored = hash_code("123456", PARAMS)
    assert len(stored) == 64 and "123456" not in stored
    assert stored == hash_code("123456", PARAMS)
    assert code_matches("123456", stored, PARAMS)
    assert not code_matches("123457", stored, PARAMS)
    assert not code_matches("", stored, PARAMS)


def test_the_points_salt_changes_the_hash():
    other = CodeHashParams(salt=b"point-0077-salt", n=2**8, r=8, p=1)
    assert hash_code("123456", PARAMS) != hash_code("123456", other)
    assert not code_matches("123456", hash_code("123456", other), PARAMS)


def test_new_codes_are_six_digits():
    codes = {new_code() for _ in range(50)}
    assert all(is_code_shaped(c) for c in codes)
    assert len(codes) > 1


@pytest.mark.parametrize("text,shaped", [("012345", True), ("12345", False), ("1234567", False), ("12a456", False)])
def test_code_shape(text, shaped):
    assert is_code_shaped(text) is shaped


# --- QR tokens ---------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def key():
    return Ed25519PrivateKey.generate()


def _token(hours=1):
    return PickupToken("500000123", "0042", NOW + timedelta(hours=hours))


def test_signed_token_verifies_with_the_published_public_key(key):
    text = sign_token(key, _token())
    assert text.startswith("PD1.") and text.count(".") == 2
    public = public_key_from_b64(public_key_to_b64(key.public_key()))
    assert verify_token(public, f"  {text}\n", NOW) == _token()


def test_token_valid_until_its_expiry_second(key):
    text = sign_token(key, _token(hours=0))
    assert verify_token(key.public_key(), text, NOW).order_number == "500000123"
    with pytest.raises(DomainError) as err:
        verify_token(key.public_key(), text, NOW + timedelta(seconds=1))
    assert err.value.code == "qr.expired" and err.value.params == {"order": "500000123"}


def test_token_signed_by_another_key_is_forged(key):
    forged = sign_token(Ed25519PrivateKey.generate(), _token())
    with pytest.raises(DomainError) as err:
        verify_token(key.public_key(), forged, NOW)
    assert err.value.code == "qr.bad_signature"


def test_edited_payload_breaks_the_signature(key):
    prefix, payload, signature = sign_token(key, _token()).split(".")
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).replace(b"500000123", b"500000999")
    edited = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    with pytest.raises(DomainError) as err:
        verify_token(key.public_key(), f"{prefix}.{edited}.{signature}", NOW)
    assert err.value.code == "qr.bad_signature"


@pytest.mark.parametrize("text", ["", "PD1", "PD1.abc", "PD2.abc.def", "PD1.a.b.c", "500000123", "PD1.!!!.???"])
def test_garbled_tokens_are_malformed(key, text):
    with pytest.raises(DomainError) as err:
        verify_token(key.public_key(), text, NOW)
    assert err.value.code in ("qr.malformed", "qr.bad_signature")
    if not text.startswith("PD1.") or text.count(".") != 2:
        assert err.value.code == "qr.malformed"


def test_validly_signed_garbage_payload_is_malformed(key):
    payload = b'{"o":"500000123"}'  # no point, no expiry
    b64 = base64.urlsafe_b64encode
    text = f"PD1.{b64(payload).decode().rstrip('=')}.{b64(key.sign(payload)).decode().rstrip('=')}"
    with pytest.raises(DomainError) as err:
        verify_token(key.public_key(), text, NOW)
    assert err.value.code == "qr.malformed"
