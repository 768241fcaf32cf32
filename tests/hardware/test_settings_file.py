"""Hardware settings are merged into config.toml without touching the rest of the file."""

from __future__ import annotations

import tomllib

import pytest

from desktop.config import validate_table
from desktop.documents.settings_file import update_section


def test_update_keeps_other_settings_and_round_trips(tmp_path):
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text('backend_url = "https://x.example"\n')
    update_section(path, "scanner", {"prefix": "\x02", "suffix": "", "max_interkey_ms": 28, "layout_fix": True})
    update_section(path, "printers", {"label": "Zebra ZD421", "document": "HP «Офис»"})
    update_section(path, "scanner", {"max_interkey_ms": 40})
    data = tomllib.loads(path.read_text())
    assert data["scanner"] == {"prefix": "\x02", "suffix": "", "max_interkey_ms": 40, "layout_fix": True}
    assert data["printers"] == {"label": "Zebra ZD421", "document": "HP «Офис»"}
    assert data["backend_url"] == "https://x.example"
    validate_table(data, str(path))  # the app's own config loader accepts what we wrote


def test_unsupported_values_are_refused(tmp_path):
    with pytest.raises(TypeError):
        update_section(tmp_path / "c.toml", "scanner", {"prefix": ["list"]})  # type: ignore[dict-item]
