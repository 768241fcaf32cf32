"""Scanner set-up analysis: prefix/suffix, terminator, timing, Russian layout, Caps Lock, NumLock, serial."""

from __future__ import annotations

from desktop.decode.wedge_analysis import (
    TEST_CODE,
    KeyStroke,
    analyse,
    analyse_serial,
    fix_layout,
    suggested_interkey_ms,
)
from desktop.scan_routing import ScanKind, ScannerSettings, route_scan


def strokes(text: str, gap_ms: float = 8.0, end: str = "Return") -> list[KeyStroke]:
    keys = [KeyStroke(ch, ch, i * gap_ms) for i, ch in enumerate(text)]
    if end:
        keys.append(KeyStroke("", end, len(text) * gap_ms))
    return keys


def test_a_plain_scanner_needs_nothing():
    result = analyse(strokes(TEST_CODE))
    assert result.matched and result.layout == "latin" and result.problems == ()
    assert result.settings.prefix == "" and result.settings.suffix == "" and result.settings.terminator == "\r"
    assert result.settings.max_interkey_ms == 20 and result.data == TEST_CODE


def test_prefix_suffix_and_tab_terminator_are_found():
    result = analyse(strokes("#!" + TEST_CODE + "~", end="Tab"))
    assert (result.settings.prefix, result.settings.suffix, result.settings.terminator) == ("#!", "~", "\t")
    assert result.matched and result.problems == ()


def test_russian_layout_is_detected_and_fixed():
    typed = "ЗВеуыею0427"  # PDtest.0427 typed with the ЙЦУКЕН layout active
    assert fix_layout(typed) == TEST_CODE
    result = analyse(strokes(typed))
    assert result.layout == "cyrillic" and result.matched and result.settings.layout_fix
    assert result.data == TEST_CODE
    assert any("русской раскладке" in p for p in result.problems)


def test_the_brief_example_staff_badge():
    assert fix_layout("ЫЕ000001") == "ST000001"
    assert route_scan("ЫЕ000001", ScannerSettings()).kind is ScanKind.STAFF_BADGE


def test_caps_lock_and_missing_enter_and_numlock():
    caps = analyse(strokes(TEST_CODE.swapcase(), end=""))
    assert not caps.matched
    assert any("Caps Lock" in p for p in caps.problems) and any("Enter" in p for p in caps.problems)
    numlock = analyse(strokes("PDtest."))
    assert not numlock.matched and any("NumLock" in p for p in numlock.problems)
    assert any("ничего не передал" in p for p in analyse([]).problems)


def test_timing_gives_the_interkey_limit_and_warns_when_slow():
    fast = analyse(strokes(TEST_CODE, gap_ms=14))
    assert fast.settings.max_interkey_ms == 28 and fast.max_interval_ms == 14
    slow = analyse(strokes(TEST_CODE, gap_ms=250))
    assert slow.settings.max_interkey_ms == 200 and any("медленно" in p for p in slow.problems)
    assert suggested_interkey_ms([]) == 20


def test_serial_scanner_framing():
    result = analyse_serial(b"\x02" + TEST_CODE.encode() + b"\r\n")
    assert result.matched and result.settings.prefix == "\x02" and result.settings.terminator == "\r\n"
    assert not analyse_serial(b"garbage\r").matched
