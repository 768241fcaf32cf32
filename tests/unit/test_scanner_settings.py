"""The one scanner configuration: built from the config, changed in one place, every subscriber told."""

from __future__ import annotations

import pytest

from desktop.config import build_config
from desktop.scan_routing import Scan, ScanKind, route_scan
from desktop.scanner_settings import ScannerConfiguration, ScannerSettings


def test_the_config_scanner_section_is_the_scanner_settings_value():
    config = build_config([("file", {"scanner.prefix": "~", "scanner.serial_port": "COM3",
                                     "scanner.serial_baud": 19200, "scanner.layout_fix": False})])
    assert isinstance(config.scanner, ScannerSettings)
    assert (config.scanner.prefix, config.scanner.serial_port, config.scanner.serial_baud) == ("~", "COM3", 19200)
    assert config.scanner.layout_fix is False


def test_update_saves_the_changed_values_and_tells_every_subscriber():
    saved: list[dict] = []
    seen: list[ScannerSettings] = []
    configuration = ScannerConfiguration(ScannerSettings(), store=saved.append)
    configuration.subscribe(seen.append)
    result = configuration.update(prefix="~", max_interkey_ms=80)
    assert saved == [{"prefix": "~", "max_interkey_ms": 80}]
    assert seen == [result] and configuration.settings is result
    assert (result.prefix, result.max_interkey_ms, result.min_length) == ("~", 80, 4)


def test_routing_with_the_live_settings_follows_an_update():
    configuration = ScannerConfiguration()
    configuration.update(prefix="@", suffix="#\r")
    assert route_scan("@CA0103#\r", configuration.settings) == Scan(ScanKind.CELL, "CA0103")


def test_an_unsubscribed_consumer_is_not_told_and_unknown_settings_are_refused():
    seen: list[ScannerSettings] = []
    configuration = ScannerConfiguration()
    configuration.subscribe(seen.append)
    configuration.unsubscribe(seen.append)
    configuration.update(min_length=6)
    assert seen == []
    with pytest.raises(TypeError):
        configuration.update(speed=3)
    assert configuration.settings.min_length == 6
