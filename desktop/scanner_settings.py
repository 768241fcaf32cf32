"""The one scanner configuration of a counter: framing, timing, layout fix, serial port and code patterns.

`ScannerSettings` is the immutable value (read from the [scanner] section of the configuration);
`ScannerConfiguration` is the live object the app creates once and hands to every consumer — the
wedge detector (timing, prefix/suffix), the serial scanner (port), the scan dispatcher (routing).
`update(...)` changes it in one place: the change is saved through the configured store and every
subscriber is told at once. Qt-free: subscribers are plain callables.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from protocol.money_rules import CERTIFICATE_PATTERN

if TYPE_CHECKING:
    from desktop.decode.wedge_analysis import WedgeSettings

log = logging.getLogger(__name__)

TERMINATOR_CHARS = "\r\n\t"  # Enter/Tab end a scan; the detector sees them as keys, never as data
SAVED_KEYS = ("prefix", "suffix", "max_interkey_ms", "min_length", "layout_fix", "serial_port", "serial_baud")


@dataclass(frozen=True)
class ScanPatterns:
    """Configurable full-match regexes per kind of code, and how much a scan may hold."""

    order_number: str = r"\d{9}"
    box: str = r"B\d{4}\d{9}\d{2}"
    cell: str = r"C[A-Z]\d{4}"
    club_card: str = r"2\d{12}"
    staff_badge: str = r"ST\d{6}"
    pickup_token: str = r"PD1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"  # noqa: S105
    pickup_code: str = r"\d{6}"
    waybill: str = r"R\d{7,12}"  # a truck's waybill (shipment number): R + digits
    claim: str = r"W\d{9,10}"  # a warranty claim: pre-filed W + 9 digits, opened at a counter W + 10 (protocol.claims)
    service_label: str = r"SLW\d{9,10}"  # the service box label: SL + the claim number (desktop.labels.content)
    certificate: str = CERTIFICATE_PATTERN  # a gift certificate: GC + 12 digits
    strip_aim_id: bool = True
    max_length: int = 512

    def pattern(self, kind_value: str) -> re.Pattern[str]:
        """The compiled pattern of a kind (cached per pattern text)."""
        return _compiled(getattr(self, kind_value))


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(text: str) -> re.Pattern[str]:
    found = _PATTERNS.get(text)
    if found is None:
        found = _PATTERNS[text] = re.compile(text, re.ASCII)
    return found


@dataclass(frozen=True)
class ScannerSettings:
    """How this counter's scanner sends codes and what the codes look like (one value, all consumers)."""

    prefix: str = ""
    suffix: str = "\n"  # as configured: may end with the terminator (Enter, Tab)
    max_interkey_ms: int = 35
    min_length: int = 4
    layout_fix: bool = True  # re-key text typed in the Russian ЙЦУКЕН layout («Щ» → «O»)
    serial_port: str = ""  # a COM / virtual COM scanner ("" — keyboard wedge only)
    serial_baud: int = 9600
    patterns: ScanPatterns = field(default_factory=ScanPatterns)

    @property
    def data_suffix(self) -> str:
        """The suffix without the terminator keys: what is typed after the data as text."""
        return self.suffix.strip(TERMINATOR_CHARS)


DEFAULT = ScannerSettings()
Subscriber = Callable[[ScannerSettings], None]
Store = Callable[[Mapping[str, Any]], None]


class ScannerConfiguration:
    """The live scanner settings: one `update` changes them, saves them and tells every subscriber."""

    def __init__(self, settings: ScannerSettings = DEFAULT, store: Store | None = None) -> None:
        self._settings = settings
        self._store = store
        self._subscribers: list[Subscriber] = []

    @property
    def settings(self) -> ScannerSettings:
        return self._settings

    def subscribe(self, subscriber: Subscriber) -> None:
        """Call ``subscriber(settings)`` after every change."""
        self._subscribers.append(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        if subscriber in self._subscribers:
            self._subscribers.remove(subscriber)

    def set_store(self, store: Store | None) -> None:
        """Where `update` saves the changed values (the user's config.toml)."""
        self._store = store

    def update(self, **changes: Any) -> ScannerSettings:
        """Change some settings (names of `ScannerSettings` fields): save, then notify every subscriber."""
        unknown = set(changes) - {f.name for f in fields(ScannerSettings)}
        if unknown:
            raise TypeError(f"unknown scanner settings: {sorted(unknown)}")
        self._settings = replace(self._settings, **changes)
        if self._store is not None:
            self._store({k: v for k, v in changes.items() if k in SAVED_KEYS})
        log.info("scanner settings changed: %s", ", ".join(sorted(changes)))
        for subscriber in list(self._subscribers):
            subscriber(self._settings)
        return self._settings


def changes_from_wedge(found: WedgeSettings) -> dict[str, Any]:
    """The scanner wizard's findings as an `update` (the suffix as configured ends with the terminator)."""
    return {
        "prefix": found.prefix,
        "suffix": found.suffix + found.terminator,
        "max_interkey_ms": found.max_interkey_ms,
        "layout_fix": found.layout_fix,
    }
