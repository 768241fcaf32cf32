"""Scan routing: every kind is recognised, scanner noise is stripped, bad input gets a specific error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.messages import template
from desktop.scan_routing import DEFAULT, Scan, ScanKind, ScannerSettings, ScanPatterns, clean, mask_sample, route_scan
from protocol import ean13
from protocol.errors import DomainError

K = ScanKind


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
VALID: dict[ScanKind, st.SearchStrategy[str]] = {
    K.ORDER_NUMBER: _digits(9),
    K.BOX: st.tuples(_digits(4), _digits(9), _digits(2)).map(lambda t: "B" + "".join(t)),
    K.CELL: st.tuples(st.sampled_from(LETTERS), _digits(4)).map(lambda t: "C" + "".join(t)),
    K.CLUB_CARD: _digits(11).map(lambda d: ean13.complete("2" + d)),
    K.STAFF_BADGE: _digits(6).map(lambda d: "ST" + d),
    K.PICKUP_TOKEN: st.tuples(st.text(B64, min_size=1, max_size=80), st.text(B64, min_size=1, max_size=90)).map(
        lambda t: f"PD1.{t[0]}.{t[1]}"
    ),
    K.PICKUP_CODE: _digits(6),
    K.WAYBILL: st.text(alphabet="0123456789", min_size=7, max_size=12).map(lambda d: "R" + d),
    K.CLAIM: st.one_of(_digits(9), _digits(10)).map(lambda d: "W" + d),
    K.SERVICE_LABEL: st.one_of(_digits(9), _digits(10)).map(lambda d: "SLW" + d),
}
any_valid = st.sampled_from(list(VALID)).flatmap(lambda k: VALID[k].map(lambda v: (k, v)))
noise = st.sampled_from(["", "\r", "\n", "\r\n", "\t", " ", "\x00", "\x1d", "\x03", "\ufeff"])


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("B004250000001201", K.BOX, "B004250000001201"),
        ("500000012", K.ORDER_NUMBER, "500000012"),
        ("CA0103", K.CELL, "CA0103"),
        ("2000000000015", K.CLUB_CARD, "2000000000015"),
        ("ST000123", K.STAFF_BADGE, "ST000123"),
        ("PD1.eyJvIjoxfQ.c2ln", K.PICKUP_TOKEN, "PD1.eyJvIjoxfQ.c2ln"),
        ("482913", K.PICKUP_CODE, "482913"),
        ("R2611240001", K.WAYBILL, "R2611240001"),
        ("W000000123", K.CLAIM, "W000000123"),
        ("W0042123456", K.CLAIM, "W0042123456"),
        ("SLW0042123456", K.SERVICE_LABEL, "SLW0042123456"),
    ],
)
def test_each_kind_is_recognised(raw, kind, value):
    assert route_scan(raw) == Scan(kind, value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("B004250000001201\r\n", "B004250000001201"),
        ("\tCA0103\t", "CA0103"),
        ("]C1B004250000001201", "B004250000001201"),  # AIM symbology identifier
        ("\x1d500000012\x1d", "500000012"),  # GS1 separators around the data
        ("  ST000123 \r", "ST000123"),
        ("ca0103", "CA0103"),  # caps lock
        ("СФ0103", "CA0103"),  # wedge typing in the Russian layout: С=C, Ф=A
        ("ЫЕ000123", "ST000123"),
    ],
)
def test_scanner_noise_is_stripped(raw, expected):
    assert route_scan(raw).value == expected


@pytest.mark.parametrize("raw", ["R2611240001\r\n", "]C1R2611240001", "r2611240001", "К2611240001", "R26112401"])
def test_a_truck_waybill_is_a_scan_of_its_own_not_an_unknown_code(raw):
    """Issue 17 item 3: the waybill barcode (R + digits), as any scanner types it, is a waybill scan."""
    scan = route_scan(raw)
    assert scan.kind is K.WAYBILL and scan.value.startswith("R")


def test_the_waybill_pattern_is_configurable():
    settings = ScannerSettings(patterns=ScanPatterns(waybill=r"WB-\d{6}"))
    assert route_scan("WB-123456", settings) == Scan(K.WAYBILL, "WB-123456")
    with pytest.raises(DomainError) as err:
        route_scan("R2611240001", settings)
    assert err.value.code == "scan.unknown"


def test_configured_prefix_and_suffix_are_stripped():
    patterns = ScannerSettings(prefix="@@", suffix="##")
    assert route_scan("@@CA0103##\r\n", patterns) == Scan(K.CELL, "CA0103")


def test_configured_patterns_replace_the_defaults():
    patterns = ScannerSettings(patterns=ScanPatterns(cell=r"C[A-Z]\d{6}"))
    assert route_scan("CA010203", patterns) == Scan(K.CELL, "CA010203")
    with pytest.raises(DomainError) as err:
        route_scan("CA0103", patterns)
    assert err.value.code == "scan.unknown"


def test_group_separator_kept_where_the_pattern_allows_it():
    patterns = ScannerSettings(patterns=ScanPatterns(order_number=r"\d{4}\x1d\d{5}"))
    assert route_scan("1234\x1d56789\r", patterns) == Scan(K.ORDER_NUMBER, "1234\x1d56789")
    # with the default pattern the separator is not data: dropped, digits kept
    assert route_scan("1234\x1d56789") == Scan(K.ORDER_NUMBER, "123456789")


def test_lowercase_never_becomes_a_qr_token():
    with pytest.raises(DomainError) as err:
        route_scan("pd1.abc.def")
    assert err.value.code == "scan.unknown"


@pytest.mark.parametrize("raw", ["", "   ", "\r\n", "\x00\x1d\t"])
def test_empty_scan(raw):
    with pytest.raises(DomainError) as err:
        route_scan(raw)
    assert err.value.code == "scan.empty"


def test_bad_check_digit_on_a_club_card():
    with pytest.raises(DomainError) as err:
        route_scan("2000000000016")
    assert err.value.code == "scan.bad_check_digit"
    assert "2000000000016" not in str(err.value)  # shortened sample only


@pytest.mark.parametrize("raw", ["1000000000016", "12345", "B0042", "XYZ-1", "12345678901", "CA01034", "R12345"])
def test_unknown_codes_get_a_masked_sample(raw):
    with pytest.raises(DomainError) as err:
        route_scan(raw)
    assert err.value.code == "scan.unknown"
    assert err.value.params["sample"] == mask_sample(raw)
    if len(raw) > 4:
        assert raw not in err.value.params["sample"]


def test_too_long():
    with pytest.raises(DomainError) as err:
        route_scan("B004250000001201" * 40)
    assert err.value.code == "scan.too_long"
    with pytest.raises(DomainError) as err:
        route_scan("x" * 100_000)
    assert err.value.code == "scan.too_long"


def test_every_code_has_a_russian_text():
    for code in ("scan.empty", "scan.too_long", "scan.bad_check_digit", "scan.unknown"):
        text = template(code)
        assert text and any("а" <= ch <= "я" for ch in text)
    assert "не распознан" in str(DomainError("scan.unknown", sample="xx", length=2))


def test_mask_sample_shortens():
    assert mask_sample("B004250000001201") == "B004…01 (16 симв.)"
    assert mask_sample("1234") == "1***"


def test_clean_keeps_inner_group_separator():
    assert clean("\r\n]C112\x1d34\x1d\n", DEFAULT) == "12\x1d34"


@given(st.text(max_size=300))
@settings(max_examples=400, deadline=None)
def test_routing_never_raises_anything_but_domain_error(raw):
    try:
        scan = route_scan(raw)
    except DomainError as err:
        assert err.code in {"scan.empty", "scan.unknown", "scan.bad_check_digit", "scan.too_long"}
    else:
        assert route_scan(scan.value) == scan


@given(any_valid, noise, noise)
@settings(max_examples=400, deadline=None)
def test_every_valid_code_routes_to_its_kind(kind_value, before, after):
    kind, value = kind_value
    scan = route_scan(before + value + after)
    assert scan == Scan(kind, value)
    assert route_scan(scan.value) == scan  # idempotent on its own output


@given(any_valid)
@settings(max_examples=200, deadline=None)
def test_prefix_suffix_configuration_round_trips(kind_value):
    kind, value = kind_value
    patterns = ScannerSettings(prefix="~~", suffix="^^\r")
    assert route_scan(f"~~{value}^^\r\n", patterns) == Scan(kind, value)


def test_russian_layout_is_re_keyed_only_when_layout_fix_is_on():
    assert route_scan("ЫЕ000001", ScannerSettings(layout_fix=True)) == Scan(K.STAFF_BADGE, "ST000001")
    assert route_scan("СФ0103", ScannerSettings(layout_fix=True)) == Scan(K.CELL, "CA0103")
    with pytest.raises(DomainError) as err:
        route_scan("ЫЕ000001", ScannerSettings(layout_fix=False))
    assert err.value.code == "scan.unknown"


def test_the_suffix_with_its_terminator_strips_only_the_text_part():
    settings = ScannerSettings(suffix="##\t")
    assert settings.data_suffix == "##"
    assert route_scan("CA0103##\t", settings) == Scan(K.CELL, "CA0103")


def test_the_claim_numbers_and_the_service_label_made_by_the_app_route_to_their_kinds():
    from desktop.labels.content import service_label_code
    from protocol.claims import counter_claim_number

    number = counter_claim_number("0042", 7)
    assert route_scan(number) == Scan(K.CLAIM, number)
    assert route_scan(service_label_code(number)) == Scan(K.SERVICE_LABEL, f"SL{number}")
    assert route_scan(service_label_code("W000000123")) == Scan(K.SERVICE_LABEL, "SLW000000123")


@pytest.mark.parametrize(("raw", "kind", "value"), [
    ("w000000123", K.CLAIM, "W000000123"),  # typed in lower case
    ("Ц000000123", K.CLAIM, "W000000123"),  # typed in the Russian layout
    ("slw0042123456", K.SERVICE_LABEL, "SLW0042123456"),
])
def test_a_claim_typed_by_hand_is_still_a_claim(raw, kind, value):
    assert route_scan(raw) == Scan(kind, value)


@pytest.mark.parametrize("raw", ["W12345678", "W12345678901", "SLW123", "SW000000123"])
def test_near_claim_shapes_are_unknown_codes(raw):
    with pytest.raises(DomainError) as info:
        route_scan(raw)
    assert info.value.code == "scan.unknown"
