"""Save hardware settings (printer per document kind, scanner framing) into the user's config.toml.

Only the given section's keys change; everything else in the file is kept. The file holds flat
tables of strings, numbers and booleans, which is all this writer needs to produce.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

Scalar = str | int | float | bool


def update_section(path: Path, section: str, values: Mapping[str, Scalar]) -> None:
    """Merge ``values`` into ``[section]`` of the TOML file at ``path`` (created if missing), atomically."""
    data: dict[str, Any] = tomllib.loads(path.read_text("utf-8-sig")) if path.exists() else {}
    table = dict(data.get(section) or {})
    table.update(values)
    data[section] = table
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(dumps(data), "utf-8")
    os.replace(temporary, path)


def dumps(data: Mapping[str, Any]) -> str:
    """TOML for top-level scalars followed by one level of tables."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not isinstance(v, Mapping)]
    for name, table in data.items():
        if isinstance(table, Mapping):
            lines += ["", f"[{_key(name)}]"] + [f"{_key(k)} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines).lstrip("\n") + "\n"


def _key(name: str) -> str:
    return name if name.replace("_", "").replace("-", "").isalnum() and name.isascii() else json.dumps(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot write {type(value).__name__} to the config file")
