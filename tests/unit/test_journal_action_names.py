"""Every journal action the app writes has Russian words in desktop.action_names: the actions are read from the
code itself (each act.audit / _audit_as / journal.append call), so a new action without a name fails here."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from desktop.action_names import ACTION_NAMES

ROOT = Path(__file__).resolve().parents[2]
# The call and the position of its action argument.
WRITERS = {"audit": 0, "_audit_as": 2, "append": 3}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _values(node: ast.expr, path: Path) -> list[str]:
    """The action strings an argument can be: a literal, either branch of a conditional, or a module constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _values(node.body, path) + _values(node.orelse, path)
    if isinstance(node, ast.Name):
        value = getattr(importlib.import_module(_module_name(path)), node.id, None)
        if isinstance(value, str):
            return [value]
        return []  # a parameter passed through (the writer's own callers are read instead)
    raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno}: write the journal action as a constant")


def _is_writer(call: ast.Call) -> int | None:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "audit":
        return WRITERS["audit"]
    if isinstance(func, ast.Name) and func.id == "_audit_as":
        return WRITERS["_audit_as"]
    if isinstance(func, ast.Attribute) and func.attr == "append" and isinstance(func.value, ast.Name) \
            and func.value.id == "journal":
        return WRITERS["append"]
    return None


def written_actions() -> dict[str, str]:
    """Every journal action written in desktop/ and ui/, with where it is written."""
    found: dict[str, str] = {}
    for path in sorted([*ROOT.glob("desktop/**/*.py"), *ROOT.glob("ui/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (index := _is_writer(node)) is not None and len(node.args) > index:
                for action in _values(node.args[index], path):
                    found.setdefault(action, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_enumeration_reads_the_writers() -> None:
    found = written_actions()
    for action in ("auth.login", "cell.place", "club.activation_confirmed", "handover.code_lookup_wrong",
                   "receiving.received_elsewhere", "journal.verified"):
        assert action in found
    assert len(found) > 35


def test_every_journal_action_written_has_a_russian_name() -> None:
    unnamed = {action: where for action, where in written_actions().items() if action not in ACTION_NAMES}
    assert unnamed == {}
