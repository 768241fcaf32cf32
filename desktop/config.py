"""Application configuration: TOML files, environment variables and command-line flags, layered.

Order (later wins): built-in defaults < machine-wide file (``platformdirs.site_config_dir``, written
by the installer) < per-user file (``platformdirs.user_config_dir``) < ``--config FILE`` (or
``PICKUP_DESK_CONFIG``) < environment variables ``PICKUP_DESK_*`` < command-line flags.
Every file is ``config.toml``. A corrupt file or an unknown / ill-typed setting raises
``ConfigError`` naming the source and the key, in Russian.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from desktop import device_credentials, messages
from desktop.scanner_settings import ScannerSettings
from protocol.errors import DomainError

APP_NAME = "PickupDesk"
APP_AUTHOR = "PickupDesk"
CONFIG_FILE_NAME = "config.toml"
ENV_PREFIX = "PICKUP_DESK_"
PRINTER_KINDS = ("label", "document", "receipt")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LANGUAGES = ("ru", "en")
FISCAL_MODES = ("none", "atol")  # desktop.fiscal.FiscalMode: no cash register | ATOL driver v10's web server

messages.register(
    {
        "config.corrupt": "Файл настроек {source} повреждён: {detail}. Исправьте или удалите файл.",
        "config.unreadable": "Не удалось прочитать файл настроек {source}: {detail}.",
        "config.unknown_key": "Неизвестная настройка «{key}» в {source}. Проверьте написание "
        "(допустимые: {allowed}).",
        "config.bad_value": "Неверное значение настройки «{key}» в {source}: {detail}.",
        "config.missing_file": "Файл настроек {source} не найден. Проверьте путь в --config.",
        "config.expected_string": "ожидается строка, получено {got}",
        "config.expected_int": "ожидается целое число, получено {got}",
        "config.out_of_range": "число {value} вне допустимого диапазона {lo}…{hi}",
        "config.expected_bool": "ожидается true или false, получено {got}",
        "config.not_url": "«{text}» не похоже на адрес сервера (нужно http://… или https://…)",
        "config.empty_path": "путь не может быть пустым",
        "config.bad_point": "код пункта выдачи — 4 цифры, получено «{text}»",
        "config.not_allowed": "«{text}» — допустимо: {choices}",
        "config.bad_device_name": "имя компьютера: от 1 до 64 символов",
        "config.not_utf8": "файл не в кодировке UTF-8",
        "config.expected_table": "ожидается таблица [{key}]",
        "config.source_env": "переменной окружения {var}",
        "config.source_flag": "параметре командной строки {flag}",
        "config.type.bool": "логическое",
        "config.type.int": "число",
        "config.type.float": "дробное число",
        "config.type.str": "строка",
        "config.type.dict": "таблица",
        "config.type.list": "список",
    }
)


class ConfigError(DomainError):
    """A configuration source is corrupt or holds an unknown or ill-typed setting."""

    def __init__(self, code: str, source: str | messages.Text, **params: Any) -> None:
        super().__init__(code, source=source, **params)
        self.source = source


@dataclass(frozen=True)
class AppConfig:
    """The effective configuration of one running app (immutable)."""

    backend_url: str | None = None
    data_dir: Path = field(default_factory=lambda: Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))
    log_dir: Path = field(default_factory=lambda: Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)))
    point_code: str | None = None
    device_name: str = field(default_factory=lambda: _default_device_name())
    ca_bundle: Path | None = None
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    idle_lock_minutes: int = 10
    language: str = "ru"
    log_level: str = "INFO"
    printers: Mapping[str, str] = field(default_factory=dict)
    auto_receipt: bool = False  # [printing] print the handover receipt right after completion
    fiscal_mode: str = "none"  # [fiscal] mode: receipts through the point's cash register, or none (demo)
    fiscal_url: str = "http://127.0.0.1:16732"  # [fiscal] url: the ATOL driver's web server
    sync_interval_seconds: int = 30
    update_url: str | None = None  # the TUF update repository (None: the one the server's policy names)
    sources: tuple[str, ...] = ()
    unknown_env: tuple[str, ...] = ()

    @property
    def cache_path(self) -> Path:
        return self.data_dir / device_credentials.CACHE_FILE

    @property
    def device_file(self) -> Path:
        return self.data_dir / "device.json"

    @property
    def uses_embedded_backend(self) -> bool:
        """No server configured and none enrolled, and the data dir is the demo's or a fresh one.

        A PC enrolled with a server talks to it (`load_config` takes its URL from the credential); a data
        dir holding a real counter's cache never gets the demo backend's secrets, SMS log or demo data.
        """
        return self.backend_url is None and device_credentials.may_start_demo(self.data_dir)


def _default_device_name() -> str:
    name = os.environ.get("COMPUTERNAME") or os.environ.get("HOSTNAME") or ""
    if not name:
        try:
            name = os.uname().nodename
        except AttributeError:
            name = "COUNTER"
    return name[:64] or "COUNTER"


# --- value checkers: each returns the normalised value or raises ValueError holding a catalogue text ---


def _invalid(code: str, **params: Any) -> ValueError:
    return ValueError(messages.Text(code, **params))


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise _invalid("config.expected_string", got=_type_name(value))
    return value


def _as_int(lo: int, hi: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid("config.expected_int", got=_type_name(value))
        if not lo <= value <= hi:
            raise _invalid("config.out_of_range", value=value, lo=lo, hi=hi)
        return value

    return check


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("1", "true", "yes", "on", "да"):
            return True
        if lowered in ("0", "false", "no", "off", "нет"):
            return False
    if not isinstance(value, bool):
        raise _invalid("config.expected_bool", got=_type_name(value))
    return value


def _as_url(value: Any) -> str | None:
    text = _as_str(value).strip()
    if text == "" or text.lower() == "embedded":
        return None
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", text):
        raise _invalid("config.not_url", text=text)
    return text.rstrip("/")


def _as_server_url(value: Any) -> str:
    url = _as_url(value)
    if url is None:
        raise _invalid("config.not_url", text=_as_str(value))
    return url


def _as_path(value: Any) -> Path:
    text = _as_str(value).strip()
    if not text:
        raise _invalid("config.empty_path")
    return Path(os.path.expandvars(os.path.expanduser(text)))


def _as_point(value: Any) -> str:
    text = _as_str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise _invalid("config.bad_point", text=text)
    return text


def _one_of(choices: tuple[str, ...], upper: bool = False) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _as_str(value).strip()
        text = text.upper() if upper else text.lower()
        if text not in choices:
            raise _invalid("config.not_allowed", text=text, choices=", ".join(choices))
        return text

    return check


def _as_device_name(value: Any) -> str:
    text = _as_str(value).strip()
    if not 1 <= len(text) <= 64:
        raise _invalid("config.bad_device_name")
    return text


def _type_name(value: Any) -> messages.Text | str:
    code = f"config.type.{type(value).__name__}"
    return messages.Text(code) if messages.template(code) else type(value).__name__


TOP_LEVEL: dict[str, Callable[[Any], Any]] = {
    "backend_url": _as_url,
    "data_dir": _as_path,
    "log_dir": _as_path,
    "point_code": _as_point,
    "device_name": _as_device_name,
    "ca_bundle": _as_path,
    "idle_lock_minutes": _as_int(0, 24 * 60),
    "language": _one_of(LANGUAGES),
    "log_level": _one_of(LOG_LEVELS, upper=True),
    "sync_interval_seconds": _as_int(1, 24 * 3600),
    "update_url": _as_url,
}
SCANNER: dict[str, Callable[[Any], Any]] = {
    "prefix": _as_str,
    "suffix": _as_str,
    "max_interkey_ms": _as_int(1, 1000),
    "min_length": _as_int(1, 128),
    "layout_fix": _as_bool,
    "serial_port": _as_str,
    "serial_baud": _as_int(1200, 921_600),
}
PRINTERS: dict[str, Callable[[Any], Any]] = {kind: _as_str for kind in PRINTER_KINDS}
PRINTING: dict[str, Callable[[Any], Any]] = {"auto_receipt": _as_bool}
FISCAL: dict[str, Callable[[Any], Any]] = {"mode": _one_of(FISCAL_MODES), "url": _as_server_url}
SECTIONS: dict[str, dict[str, Callable[[Any], Any]]] = {"scanner": SCANNER, "printers": PRINTERS, "printing": PRINTING,
                                                       "fiscal": FISCAL}


def setting_names() -> list[str]:
    """Every valid setting as a dotted name (``scanner.prefix``, ``printers.label``…)."""
    names = list(TOP_LEVEL)
    for section, keys in SECTIONS.items():
        names.extend(f"{section}.{key}" for key in keys)
    return names


def env_name(dotted: str) -> str:
    """The environment variable of a dotted setting name (``scanner.prefix`` → PICKUP_DESK_SCANNER_PREFIX)."""
    return ENV_PREFIX + dotted.replace(".", "_").upper()


ENV_ALIASES = {"PICKUP_DESK_POINT": "point_code", "PICKUP_DESK_SYNC_INTERVAL": "sync_interval_seconds"}
# Variables that are not settings but switches read elsewhere (not reported as typos).
ENV_SWITCHES = frozenset({"PICKUP_DESK_CONFIG", "PICKUP_DESK_MUTE", "PICKUP_DESK_MAXIMIZED"})


# --- layering ---


def site_config_file() -> Path:
    """The machine-wide file the installer writes."""
    return Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / CONFIG_FILE_NAME


def user_config_file() -> Path:
    """The per-user file."""
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / CONFIG_FILE_NAME


def read_toml(path: Path, required: bool = False) -> dict[str, Any]:
    """Parse a TOML file into a dict; a missing optional file is empty."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError("config.missing_file", source) from None
        return {}
    except OSError as exc:
        raise ConfigError("config.unreadable", source, detail=exc.strerror or str(exc)) from exc
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError("config.corrupt", source, detail=messages.Text("config.not_utf8")) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.corrupt", source, detail=str(exc)) from exc


def validate_table(table: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Check a parsed TOML table; returns flat ``{dotted_name: value}``."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if key in SECTIONS:
            if not isinstance(value, dict):
                detail = messages.Text("config.expected_table", key=key)
                raise ConfigError("config.bad_value", source, key=key, detail=detail)
            for sub, sub_value in value.items():
                flat.update(_check(f"{key}.{sub}", sub_value, source))
        else:
            flat.update(_check(key, value, source))
    return flat


def _check(dotted: str, value: Any, source: str | messages.Text) -> dict[str, Any]:
    checker = _checker(dotted)
    if checker is None:
        raise ConfigError("config.unknown_key", source, key=dotted, allowed=", ".join(setting_names()))
    try:
        return {dotted: checker(value)}
    except ValueError as exc:
        raise ConfigError("config.bad_value", source, key=dotted, detail=exc.args[0] if exc.args else str(exc)) from exc


def _checker(dotted: str) -> Callable[[Any], Any] | None:
    if "." in dotted:
        section, _, key = dotted.partition(".")
        return SECTIONS.get(section, {}).get(key)
    return TOP_LEVEL.get(dotted)


def env_settings() -> dict[str, str]:
    """Every environment variable that sets a setting → its dotted name."""
    return {env_name(name): name for name in setting_names()} | ENV_ALIASES


def from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings given as ``PICKUP_DESK_*`` environment variables (ill-typed values are errors)."""
    by_env = env_settings()
    flat: dict[str, Any] = {}
    for var, value in environ.items():
        name = by_env.get(var)
        if name is not None:
            flat.update(_check(name, value, messages.Text("config.source_env", var=var)))
    return flat


def unknown_environ(environ: Mapping[str, str]) -> tuple[str, ...]:
    """``PICKUP_DESK_*`` variables that set nothing (typos are reported by the self-test)."""
    known = set(env_settings()) | ENV_SWITCHES
    return tuple(sorted(v for v in environ if v.startswith(ENV_PREFIX) and v not in known))


def from_overrides(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Settings given as command-line flags (dotted names; None means "not given")."""
    flat: dict[str, Any] = {}
    for name, value in overrides.items():
        if value is None or name == "config_file":
            continue
        flag = "--" + name.replace("_", "-").replace(".", "-")
        flat.update(_check(name, value, messages.Text("config.source_flag", flag=flag)))
    return flat


def load_config(
    argv_overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] = os.environ,
    site_file: Path | None = None,
    user_file: Path | None = None,
) -> AppConfig:
    """The effective configuration from every layer, validated; raises ConfigError."""
    overrides = dict(argv_overrides or {})
    layers: list[tuple[str, dict[str, Any]]] = []
    for path in (site_file or site_config_file(), user_file or user_config_file()):
        layers.append((str(path), validate_table(read_toml(path), str(path))))
    explicit = overrides.get("config_file") or environ.get(ENV_PREFIX + "CONFIG")
    if explicit:
        path = Path(explicit)
        layers.append((str(path), validate_table(read_toml(path, required=True), str(path))))
    layers.append(("environment", from_environ(environ)))
    layers.append(("command line", from_overrides(overrides)))
    config = replace(build_config(layers), unknown_env=unknown_environ(environ))
    if config.backend_url is None:  # an enrolled PC always talks to the server of its credential
        config = replace(config, backend_url=device_credentials.enrolled_server(config.data_dir))
    return config


def build_config(layers: list[tuple[str, dict[str, Any]]]) -> AppConfig:
    """Merge flat layers (later wins) over the built-in defaults."""
    merged: dict[str, Any] = {}
    used: list[str] = []
    for name, flat in layers:
        merged.update(flat)
        if flat:
            used.append(name)
    top = {k: v for k, v in merged.items() if "." not in k}
    scanner = {k.split(".", 1)[1]: v for k, v in merged.items() if k.startswith("scanner.")}
    printers = {k.split(".", 1)[1]: v for k, v in merged.items() if k.startswith("printers.")}
    top.update({k.split(".", 1)[1]: v for k, v in merged.items() if k.startswith("printing.")})
    top.update({k.replace(".", "_"): v for k, v in merged.items() if k.startswith("fiscal.")})
    config = AppConfig(**top, sources=tuple(used))
    return replace(config, scanner=replace(config.scanner, **scanner), printers=dict(printers))
