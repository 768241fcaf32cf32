"""The Inno Setup script cannot be compiled here: check what it promises and that the config it writes loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.config import load_config

ISS = Path(__file__).resolve().parents[2] / "packaging" / "installer.iss"


@pytest.fixture(scope="module")
def script() -> str:
    return ISS.read_text(encoding="utf-8")


def test_per_machine_install_with_shortcuts_and_silent_parameters(script: str) -> None:
    assert re.search(r"^PrivilegesRequired=admin$", script, re.M)
    assert "{autoprograms}\\{#AppName}" in script and "{autodesktop}\\{#AppName}" in script
    for parameter in ("BACKENDURL", "POINT", "ENROLCODE", "PURGEDATA"):
        assert f"'{parameter}" in script or f"{{param:{parameter}" in script, parameter
    assert "--enrol" in script and "--self-test" in script
    assert "uninsneveruninstall" in script  # the data directory survives an uninstall


def test_pascal_blocks_balance(script: str) -> None:
    """Every begin/try/case in [Code] has its end (strings and comments stripped first)."""
    code = script.split("[Code]", 1)[1]
    code = re.sub(r"'(?:[^']|'')*'|\{[^}]*\}|//[^\n]*", " ", code)  # one pass: strings, comments
    words = re.findall(r"\b(begin|try|case|end)\b", code, re.I)
    depth = 0
    for word in words:
        depth += -1 if word.lower() == "end" else 1
        assert depth >= 0
    assert depth == 0 and words


def test_sections_are_known_inno_sections(script: str) -> None:
    sections = set(re.findall(r"^\[(\w+)\]$", script, re.M))
    assert sections <= {"Setup", "Languages", "Tasks", "Dirs", "Files", "Icons", "Run", "Code"}
    assert {"Setup", "Files", "Icons", "Code"} <= sections


def test_machine_config_written_by_the_installer_loads(tmp_path: Path) -> None:
    """The exact lines WriteMachineConfig produces (Windows paths as TOML literal strings) are valid settings."""
    site = tmp_path / "config.toml"
    site.write_text(
        "# Machine-wide settings written by the Pickup Desk installer; per-user config.toml overrides them.\n"
        "data_dir = 'C:\\ProgramData\\PickupDesk\\PickupDesk\\data'\n"
        "backend_url = 'https://pvz.example.ru'\n"
        "point_code = '0042'\n"
        "[scanner]\nsuffix = \"\\r\"\n",
        encoding="utf-8",
    )
    config = load_config(None, {}, site_file=site, user_file=tmp_path / "none.toml")
    assert config.backend_url == "https://pvz.example.ru" and config.point_code == "0042"
    assert str(config.data_dir).endswith("PickupDesk\\data") and config.scanner.suffix == "\r"


def test_site_config_location_matches_platformdirs_on_windows(script: str) -> None:
    assert '#define SiteDir "{commonappdata}\\PickupDesk\\PickupDesk"' in script
