"""Scan routing at its edges: the length limits, a configured prefix the scan lacks, GS1 inside a QR token, masking."""

from __future__ import annotations

import pytest

from desktop.scan_routing import GS, Scan, ScanKind, ScannerSettings, mask_sample, route_scan
from protocol.errors import DomainError

LIMIT = 512  # the longest code a clerk may scan (ScanPatterns.max_length's documented default)


def _token(length: int) -> str:
    """A syntactically valid signed-QR text of exactly `length` characters."""
    body = length - len("PD1.") - len(".sig")
    return f"PD1.{'a' * body}.sig"


def _too_long(raw: str, settings: ScannerSettings | None = None) -> DomainError:
    with pytest.raises(DomainError) as err:
        route_scan(raw, settings or ScannerSettings())
    assert err.value.code == "scan.too_long"
    return err.value


def test_a_code_of_exactly_512_characters_is_read():
    assert route_scan(_token(LIMIT)) == Scan(ScanKind.PICKUP_TOKEN, _token(LIMIT))


def test_one_character_more_than_512_is_too_long():
    err = _too_long(_token(LIMIT + 1))
    assert err.params == {"length": LIMIT + 1, "limit": LIMIT}


def test_noise_around_a_code_counts_up_to_four_times_the_limit():
    """A scanner may wrap a code in control characters; up to 4 × 512 raw characters are cleaned and read."""
    code = "B004250000001201"
    raw = "\x00" * (4 * LIMIT - len(code)) + code
    assert len(raw) == 4 * LIMIT
    assert route_scan(raw) == Scan(ScanKind.BOX, code)


def test_a_flood_beyond_four_times_the_limit_is_refused_before_cleaning():
    """More than 4 × 512 raw characters is refused as it came, even if a short code hides inside the noise."""
    code = "B004250000001201"
    raw = "\x00" * (4 * LIMIT + 1 - len(code)) + code
    err = _too_long(raw)
    assert err.params == {"length": 4 * LIMIT + 1, "limit": LIMIT}  # the raw length, not the cleaned one


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("CA0103", ScanKind.CELL), ("B004250000001201", ScanKind.BOX), ("@B004250000001201", None)],
)
def test_a_scan_without_the_configured_prefix_keeps_its_first_characters(raw, kind):
    """The prefix is removed only when the scan starts with it; a scan without it is taken whole."""
    settings = ScannerSettings(prefix="@@")
    if kind is None:  # one «@» is not the prefix «@@»: nothing is cut, and «@B…» is no known code
        with pytest.raises(DomainError) as err:
            route_scan(raw, settings)
        assert err.value.code == "scan.unknown"
    else:
        assert route_scan(raw, settings) == Scan(kind, raw)


def test_a_scan_without_the_configured_suffix_keeps_its_last_characters():
    settings = ScannerSettings(suffix="##")
    assert route_scan("CA0103", settings) == Scan(ScanKind.CELL, "CA0103")
    assert route_scan("CA0103##", settings) == Scan(ScanKind.CELL, "CA0103")


def test_a_qr_token_with_a_gs1_separator_inside_is_still_a_token():
    """A scanner that inserts FNC1 (GS) into the QR data: the separator is not data, the token stays signed-exact."""
    assert route_scan(f"PD1.eyJv{GS}IjoxfQ.c2ln") == Scan(ScanKind.PICKUP_TOKEN, "PD1.eyJvIjoxfQ.c2ln")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1234", "1***"),
        ("12345", "12**5"),
        ("123456", "12***6"),
        ("1234567", "12****7"),
        ("12345678", "12*****8"),
        ("123456789", "1234…89 (9 симв.)"),
    ],
)
def test_short_samples_show_at_most_three_characters(text, shown):
    """Up to 8 characters: the first two and the last one (one for 4 or fewer), the rest starred, same length;
    longer ones: the first four, the last two and the length."""
    assert mask_sample(text) == shown
