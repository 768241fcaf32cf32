"""The one settings store of a counter: the user's config.toml, edited with tomlkit (comments and order kept).

Hardware settings saved from the app (scanner, printers, printing) are merged into their section;
everything else in the file — other keys, comments, blank lines, key order — stays as it was.
A ``printing.json`` left by older versions is moved into the file once, on start.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Scalar = str | int | float | bool
LEGACY_PRINTING_FILE = "printing.json"  # in the data directory: {"auto_receipt": bool}
MIGRATED_SUFFIX = ".migrated"


def update_section(path: Path, section: str, values: Mapping[str, Scalar]) -> None:
    """Merge ``values`` into ``[section]`` of the TOML file at ``path`` (created if missing), atomically.

    tomlkit is imported here, when a setting is saved: not at start (1.1 MiB at the login screen)."""
    import tomlkit
    from tomlkit.items import Table

    for key, value in values.items():
        if not isinstance(value, Scalar):
            raise TypeError(f"cannot write {type(value).__name__} to the config file ({section}.{key})")
    document = tomlkit.parse(path.read_text("utf-8-sig")) if path.exists() else tomlkit.document()
    table = document.get(section)
    if not isinstance(table, Table):
        table = tomlkit.table()
        document[section] = table
    for key, value in values.items():
        table[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(tomlkit.dumps(document), "utf-8")
    os.replace(temporary, path)


def migrate_printing_json(data_dir: Path, config_file: Path) -> bool:
    """Move an old ``printing.json`` into [printing] of config.toml, then rename it; True when moved."""
    legacy = data_dir / LEGACY_PRINTING_FILE
    if not legacy.exists():
        return False
    values = _legacy_values(legacy)
    if values:
        update_section(config_file, "printing", values)
    os.replace(legacy, legacy.with_name(legacy.name + MIGRATED_SUFFIX))
    log.info("moved %s into [printing] of %s", legacy.name, config_file)
    return True


def _legacy_values(legacy: Path) -> dict[str, Scalar]:
    try:
        data: Any = json.loads(legacy.read_text("utf-8"))
    except (OSError, ValueError):
        log.warning("%s is unreadable; printing settings keep their defaults", legacy)
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("auto_receipt"), bool):
        return {}
    return {"auto_receipt": data["auto_receipt"]}
