"""The keyboard-wedge detector under hypothesis: human typing and scanner bursts, interleaved at random.

Each example is a random sequence of hand-typed text and scans (box, cell and order codes), sent to a text
field as synthetic key presses carrying the window system's timestamps (the detector times keys by them),
with a fake clock and no sleeps. Scanners are fast (0–15 ms a key, the shipped 35 ms setting) or slow
(30–60 ms a key, with the timing the scanner wizard configures for them); the PC's keyboard layout is
Latin or Russian (the scanner's keys then arrive as Cyrillic letters, which scan routing re-keys). A human
presses keys further apart than the configured gap, and starts typing or scanning after a pause longer
than it. Then every scan is taken exactly once, in order, and routes to the scanned code; the typed text
reaches the field whole and in order, and nothing of it is mixed into a scan.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.decode.wedge_analysis import RU_TO_EN, suggested_interkey_ms
from desktop.scan_routing import route_scan
from desktop.scanner_settings import ScannerSettings
from tests.gui.typing import SteppedClock
from ui.scanner import WedgeScanner

EN_TO_RU = {chr(v): chr(k) for k, v in RU_TO_EN.items()}  # what a key of the Latin layout types in the Russian one
SCANNERS = {"fast": (0, 15), "slow": (30, 60)}  # milliseconds between two keys of a burst
HUMAN_EXTRA_MS = 600  # a human's gap: above the configured one by up to this much
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"

codes = st.one_of(
    st.builds(lambda order, n: f"B0042{order:09d}{n:02d}", st.integers(1, 10**9 - 1), st.integers(1, 9)),
    st.builds(lambda row, n: f"C{row}{n:04d}", st.sampled_from("ABCDE"), st.integers(101, 999)),
    st.builds(lambda n: f"7{n:08d}", st.integers(0, 10**8 - 1)),
)


def human_text(layout: str) -> st.SearchStrategy[str]:
    letters = CYRILLIC if layout == "russian" else string.ascii_letters
    return st.text(alphabet=letters + string.digits + " -", min_size=1, max_size=12)


@dataclass(frozen=True)
class Case:
    scanner: str
    layout: str
    segments: list[tuple[str, str]]  # ("scan", code) or ("type", text)
    seed_gaps: list[int]  # raw random numbers turned into gaps per key (see `gap`)

    @property
    def interkey_ms(self) -> int:
        """The setting: shipped default for a fast scanner, the wizard's suggestion for a slow one."""
        return 35 if self.scanner == "fast" else suggested_interkey_ms([float(SCANNERS["slow"][1])])


@st.composite
def cases(draw: st.DrawFn) -> Case:
    scanner, layout = draw(st.sampled_from(sorted(SCANNERS))), draw(st.sampled_from(["latin", "russian"]))
    segment = st.one_of(st.tuples(st.just("scan"), codes), st.tuples(st.just("type"), human_text(layout)))
    segments = draw(st.lists(segment, min_size=1, max_size=8))
    keys = sum(len(text) + 1 for _, text in segments)
    return Case(scanner, layout, segments, draw(st.lists(st.integers(0, 10**6), min_size=keys, max_size=keys)))


def as_typed(code: str, layout: str) -> str:
    """What a scanner's key presses type on a PC in this layout."""
    return "".join(EN_TO_RU.get(c, c) for c in code) if layout == "russian" else code


def press(widget: QWidget, text: str, stamp: int, clock: SteppedClock) -> None:
    """One key press with the window system's timestamp; the detector's own clock moves along with it."""
    clock.now = stamp / 1000
    if text == "\r":
        key, modifiers = int(Qt.Key.Key_Return), Qt.KeyboardModifier.NoModifier
    else:
        key = ord(text.upper())
        modifiers = Qt.KeyboardModifier.ShiftModifier if text.isupper() else Qt.KeyboardModifier.NoModifier
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)
    event.setTimestamp(stamp)
    QCoreApplication.sendEvent(widget, event)


def play(case: Case, edit: QLineEdit, clock: SteppedClock) -> None:
    """Send the whole sequence: a burst's keys within the scanner's pace, a human's beyond the setting."""
    gaps = iter(case.seed_gaps)
    low, high = SCANNERS[case.scanner]
    stamp = 1_000_000
    for kind, text in case.segments:
        keys = as_typed(text, case.layout) + "\r" if kind == "scan" else text
        for n, ch in enumerate(keys):
            seed = next(gaps)
            if kind == "scan" and n > 0:
                stamp += low + seed % (high - low + 1)
            else:  # a human's key, or the first key after a pause
                stamp += case.interkey_ms + 1 + seed % HUMAN_EXTRA_MS
            press(edit, ch, stamp, clock)


@given(case=cases())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_scan_taken_once_and_typing_never_eaten_or_mixed_in(qtbot, case: Case):
    _, edit = _field(qtbot)
    clock = SteppedClock()
    configured = ScannerSettings(max_interkey_ms=case.interkey_ms)
    scanner = WedgeScanner(configured, clock=clock)
    received: list[str] = []
    scanner.scan_received.connect(received.append)
    scanner.install(QApplication.instance())
    try:
        play(case, edit, clock)
    finally:
        scanner.uninstall(QApplication.instance())  # as the flush timer would: the last held keys go out
    scans = [code for kind, code in case.segments if kind == "scan"]
    assert received == [as_typed(code, case.layout) for code in scans]
    assert [route_scan(raw, configured).value for raw in received] == scans
    assert edit.text() == "".join(text for kind, text in case.segments if kind == "type")


def _field(qtbot) -> tuple[QWidget, QLineEdit]:
    """One shown window with a focused text field per test (hypothesis calls the test body many times)."""
    shown = getattr(qtbot, "_scanner_property_field", None)
    if shown is None:
        window = QWidget()
        edit = QLineEdit(window)
        QVBoxLayout(window).addWidget(edit)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        edit.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
        shown = qtbot._scanner_property_field = (window, edit)
    shown[1].clear()
    return shown
