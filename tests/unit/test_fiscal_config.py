"""The [fiscal] settings: mode none|atol (default none) and the ATOL web server's url, checked with a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.config import FISCAL_MODES, AppConfig, ConfigError, load_config, setting_names
from desktop.fiscal.model import DEFAULT_URL, FiscalMode


def _load(tmp_path: Path, toml: str = "", environ: dict | None = None) -> AppConfig:
    user = tmp_path / "user.toml"
    user.write_text(toml)
    return load_config({}, environ or {}, site_file=tmp_path / "site.toml", user_file=user)


def test_defaults_are_no_register_and_the_drivers_own_port(tmp_path):
    config = _load(tmp_path)
    assert config.fiscal_mode == FiscalMode.NONE and config.fiscal_url == DEFAULT_URL
    assert set(FISCAL_MODES) == {mode.value for mode in FiscalMode}
    assert {"fiscal.mode", "fiscal.url"} <= set(setting_names())


def test_the_file_and_the_environment_choose_the_register(tmp_path):
    config = _load(tmp_path, '[fiscal]\nmode = "ATOL"\nurl = "http://192.168.1.20:16732/"\n')
    assert config.fiscal_mode == "atol" and config.fiscal_url == "http://192.168.1.20:16732"
    config = _load(tmp_path, environ={"PICKUP_DESK_FISCAL_MODE": "atol"})
    assert config.fiscal_mode == "atol"


@pytest.mark.parametrize(("toml", "key", "words"), [
    ('[fiscal]\nmode = "shtrih"\n', "fiscal.mode", "допустимо: none, atol"),
    ('[fiscal]\nurl = ""\n', "fiscal.url", "не похоже на адрес"),
    ('[fiscal]\nurl = "localhost:16732"\n', "fiscal.url", "не похоже на адрес"),
    ("[fiscal]\nmode = 1\n", "fiscal.mode", "ожидается строка"),
    ('fiscal = "atol"\n', "fiscal", "ожидается таблица"),
])
def test_a_bad_value_names_the_file_the_key_and_what_is_allowed(tmp_path, toml, key, words):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, toml)
    assert caught.value.code == "config.bad_value"
    assert f"«{key}»" in str(caught.value) and words in str(caught.value) and "user.toml" in str(caught.value)


def test_an_unknown_fiscal_key_is_refused(tmp_path):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, '[fiscal]\nport = 16732\n')
    assert caught.value.code == "config.unknown_key" and "fiscal.port" in str(caught.value)
