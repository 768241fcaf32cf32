"""Configuration layering: defaults < site file < user file < --config < environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.config import AppConfig, ConfigError, load_config


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {name: tmp_path / f"{name}.toml" for name in ("site", "user", "explicit")}


def load(files: dict[str, Path], overrides: dict | None = None, environ: dict | None = None) -> AppConfig:
    return load_config(overrides, environ or {}, site_file=files["site"], user_file=files["user"])


def test_defaults_without_any_file(files: dict[str, Path]) -> None:
    config = load(files)
    assert config.backend_url is None and config.uses_embedded_backend
    assert config.idle_lock_minutes == 10 and config.language == "ru"
    assert config.scanner.max_interkey_ms == 35 and config.scanner.min_length == 4
    assert config.data_dir.name == "PickupDesk"
    assert config.cache_path == config.data_dir / "cache.sqlite3"
    assert config.device_file.name == "device.json"
    assert config.sources == ()


def test_later_layers_win_in_documented_order(files: dict[str, Path]) -> None:
    files["site"].write_text('backend_url = "https://site.example"\npoint_code = "0001"\n'
                             'idle_lock_minutes = 3\nlog_level = "debug"\n[printers]\nlabel = "Zebra"\n')
    files["user"].write_text('point_code = "0002"\nidle_lock_minutes = 4\n[scanner]\nsuffix = "\\t"\n')
    files["explicit"].write_text('idle_lock_minutes = 5\nlanguage = "en"\n')
    environ = {"PICKUP_DESK_IDLE_LOCK_MINUTES": "6", "PICKUP_DESK_SCANNER_MIN_LENGTH": "8"}
    config = load(files, {"config_file": str(files["explicit"]), "idle_lock_minutes": 7}, environ)
    assert config.backend_url == "https://site.example"
    assert config.point_code == "0002"
    assert config.language == "en"
    assert config.idle_lock_minutes == 7
    assert config.scanner.min_length == 8 and config.scanner.suffix == "\t"
    assert config.scanner.max_interkey_ms == 35
    assert config.log_level == "DEBUG"
    assert config.printers.get("label") == "Zebra" and config.printers.get("document") is None
    assert config.sources == (str(files["site"]), str(files["user"]), str(files["explicit"]),
                              "environment", "command line")


def test_environment_beats_files_and_flags_beat_environment(files: dict[str, Path]) -> None:
    files["user"].write_text('backend_url = "https://user.example"\n')
    environ = {"PICKUP_DESK_BACKEND_URL": "https://env.example/", "PICKUP_DESK_POINT": "0042"}
    config = load(files, environ=environ)
    assert config.backend_url == "https://env.example" and config.point_code == "0042"
    assert load(files, {"backend_url": "http://127.0.0.1:8765"}, environ).backend_url == "http://127.0.0.1:8765"


def test_config_file_from_environment_variable(files: dict[str, Path]) -> None:
    files["explicit"].write_text('device_name = "COUNTER-7"\n')
    config = load(files, environ={"PICKUP_DESK_CONFIG": str(files["explicit"])})
    assert config.device_name == "COUNTER-7"


def test_embedded_keyword_means_embedded_backend(files: dict[str, Path]) -> None:
    files["site"].write_text('backend_url = "https://site.example"\n')
    assert load(files, {"backend_url": "embedded"}).backend_url is None


def test_corrupt_file_names_the_file(files: dict[str, Path]) -> None:
    files["user"].write_text("backend_url = 'unterminated\n")
    with pytest.raises(ConfigError) as err:
        load(files)
    assert err.value.code == "config.corrupt"
    assert str(files["user"]) in str(err.value) and "повреждён" in str(err.value)


def test_unknown_key_names_file_and_key(files: dict[str, Path]) -> None:
    files["site"].write_text('backend_ulr = "https://x"\n')
    with pytest.raises(ConfigError) as err:
        load(files)
    text = str(err.value)
    assert err.value.code == "config.unknown_key"
    assert "backend_ulr" in text and str(files["site"]) in text and "backend_url" in text


def test_unknown_key_in_section(files: dict[str, Path]) -> None:
    files["user"].write_text("[scanner]\nspeed = 3\n")
    with pytest.raises(ConfigError, match=r"scanner\.speed"):
        load(files)


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('idle_lock_minutes = "ten"', "idle_lock_minutes"),
        ("idle_lock_minutes = true", "idle_lock_minutes"),
        ("idle_lock_minutes = -1", "idle_lock_minutes"),
        ('point_code = "42"', "point_code"),
        ('backend_url = "ftp://x"', "backend_url"),
        ('log_level = "LOUD"', "log_level"),
        ("scanner = 5", "scanner"),
        ('[scanner]\nlayout_fix = "maybe"', "scanner.layout_fix"),
        ("[printers]\nlabel = 3", "printers.label"),
    ],
)
def test_ill_typed_value_names_file_and_key(files: dict[str, Path], toml: str, key: str) -> None:
    files["user"].write_text(toml + "\n")
    with pytest.raises(ConfigError) as err:
        load(files)
    assert err.value.code == "config.bad_value"
    assert f"«{key}»" in str(err.value) and str(files["user"]) in str(err.value)


def test_bad_environment_value_names_the_variable(files: dict[str, Path]) -> None:
    with pytest.raises(ConfigError, match="PICKUP_DESK_SYNC_INTERVAL_SECONDS"):
        load(files, environ={"PICKUP_DESK_SYNC_INTERVAL_SECONDS": "soon"})


def test_bad_flag_names_the_flag(files: dict[str, Path]) -> None:
    with pytest.raises(ConfigError, match="--point-code"):
        load(files, {"point_code": "abc"})


def test_missing_explicit_file_is_an_error(files: dict[str, Path]) -> None:
    with pytest.raises(ConfigError) as err:
        load(files, {"config_file": str(files["explicit"])})
    assert err.value.code == "config.missing_file"


def test_unknown_environment_variables_are_reported_not_fatal(files: dict[str, Path]) -> None:
    config = load(files, environ={"PICKUP_DESK_BACKEND_ULR": "x", "PATH": "/bin"})
    assert config.unknown_env == ("PICKUP_DESK_BACKEND_ULR",)


def test_boolean_strings_from_environment(files: dict[str, Path]) -> None:
    assert load(files, environ={"PICKUP_DESK_SCANNER_LAYOUT_FIX": "no"}).scanner.layout_fix is False


def test_utf8_bom_file_is_accepted(files: dict[str, Path]) -> None:
    files["site"].write_bytes('\ufeffdevice_name = "КАССА-1"\n'.encode())
    assert load(files).device_name == "КАССА-1"


def test_config_is_immutable(files: dict[str, Path]) -> None:
    config = load(files)
    with pytest.raises(AttributeError):
        config.point_code = "0001"  # type: ignore[misc]


def test_config_error_is_rendered_in_the_ui_language_when_shown(files: dict[str, Path]) -> None:
    """The configuration is read before the UI installs its translator: the detail is translated when shown."""
    from desktop import translatable

    with pytest.raises(ConfigError) as err:
        load(files, environ={"PICKUP_DESK_SYNC_INTERVAL_SECONDS": "soon"})
    assert str(err.value) == (
        "Неверное значение настройки «sync_interval_seconds» в переменной окружения "
        "PICKUP_DESK_SYNC_INTERVAL_SECONDS: ожидается целое число, получено строка."
    )
    english = {"переменной окружения {var}": "environment variable {var}", "строка": "text",
               "ожидается целое число, получено {got}": "a whole number expected, got {got}"}
    translatable.use_translator(lambda _context, text: english.get(text, text))
    try:
        assert "environment variable PICKUP_DESK_SYNC_INTERVAL_SECONDS: a whole number expected, got text" in str(
            err.value
        )
    finally:
        translatable.use_translator(None)
