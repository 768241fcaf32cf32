"""The one settings store: hardware settings merge into config.toml keeping comments, order and other keys."""

from __future__ import annotations

import json
import tomllib

import pytest

from desktop.config import load_config, validate_table
from desktop.settings_store import migrate_printing_json, update_section

COMMENTED = """# Pickup Desk — настройки рабочего места
backend_url = "https://x.example"  # central server

# сканер штрихкодов
[scanner]
min_length = 6 # коды получения короче не бывают
"""


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


def test_comments_and_key_order_are_kept(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, "utf-8")
    update_section(path, "scanner", {"prefix": "~", "min_length": 8})
    text = path.read_text("utf-8")
    assert text.startswith("# Pickup Desk — настройки рабочего места\n")
    assert "# central server" in text and "# сканер штрихкодов" in text
    assert "min_length = 8 # коды получения короче не бывают" in text
    assert text.index("min_length") < text.index("prefix")  # the new key goes after the existing ones
    assert tomllib.loads(text)["scanner"] == {"min_length": 8, "prefix": "~"}


def test_unsupported_values_are_refused(tmp_path):
    with pytest.raises(TypeError):
        update_section(tmp_path / "c.toml", "scanner", {"prefix": ["list"]})  # type: ignore[dict-item]
    assert not (tmp_path / "c.toml").exists()


def test_printing_json_is_migrated_once_into_config_toml(tmp_path):
    data_dir, config_file = tmp_path / "data", tmp_path / "cfg" / "config.toml"
    data_dir.mkdir()
    config_file.parent.mkdir()
    config_file.write_text(COMMENTED, "utf-8")
    (data_dir / "printing.json").write_text(json.dumps({"auto_receipt": True}), "utf-8")
    assert migrate_printing_json(data_dir, config_file) is True
    assert not (data_dir / "printing.json").exists()
    assert json.loads((data_dir / "printing.json.migrated").read_text("utf-8")) == {"auto_receipt": True}
    assert "# central server" in config_file.read_text("utf-8")
    config = load_config({}, environ={}, site_file=tmp_path / "none.toml", user_file=config_file)
    assert config.auto_receipt is True and config.scanner.min_length == 6
    assert migrate_printing_json(data_dir, config_file) is False  # once: nothing left to move


@pytest.mark.parametrize("content", ["{broken", "[1, 2]", '{"auto_receipt": "да"}'])
def test_an_unreadable_printing_json_is_set_aside_without_writing(tmp_path, content):
    (tmp_path / "printing.json").write_text(content, "utf-8")
    config_file = tmp_path / "config.toml"
    assert migrate_printing_json(tmp_path, config_file) is True
    assert not config_file.exists() and (tmp_path / "printing.json.migrated").exists()
