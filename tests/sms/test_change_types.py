"""The change types documented in backend/README.md («Change feed: change types») are exactly the types the
server publishes (every `publish(...)` call with a literal or module-constant type) and the counter applies."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from desktop.sync.apply import HANDLERS

ROOT = Path(__file__).resolve().parents[2]
TYPE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _module_constants(tree: ast.Module) -> dict[str, str]:
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def _published_types(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _module_constants(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name != "publish":
            continue
        for arg in node.args[:3]:  # type: ignore[union-attr]
            value = arg.value if isinstance(arg, ast.Constant) else constants.get(getattr(arg, "id", ""))
            if isinstance(value, str) and TYPE.match(value):
                found.add(value)
    return found


def server_change_types() -> set[str]:
    return set().union(*(_published_types(p) for p in (ROOT / "backend").rglob("*.py")
                         if "migrations" not in p.parts))


def documented_change_types() -> set[str]:
    text = (ROOT / "backend" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Change feed: change types", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", section, re.M))


def test_the_documented_change_types_are_what_the_server_emits_and_the_counter_applies() -> None:
    emitted = server_change_types()
    assert {"sms.gateway", "sms.status", "order.upsert"} <= emitted  # the scan really finds publish calls
    assert documented_change_types() == emitted
    assert set(HANDLERS) == emitted
