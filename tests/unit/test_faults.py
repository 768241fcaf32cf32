"""The core turns database and network failures into typed environment faults; ui/ imports neither library."""

from __future__ import annotations

import ast
import socket
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import desktop.db.engine as engine_module
from desktop.db.engine import Database
from desktop.faults import (
    BackendUnreachable,
    EnvironmentFault,
    StorageProblem,
    StorageUnavailable,
    storage_faults,
)
from desktop.sync.client import BackendUnavailable, SyncClient

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_UI = ("sqlalchemy", "requests", "sqlite3")


def _operational(message: str) -> OperationalError:
    return OperationalError("INSERT INTO x", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("database is locked", StorageProblem.BUSY),
        ("database or disk is full", StorageProblem.DISK_FULL),
        ("attempt to write a readonly database", StorageProblem.READ_ONLY),
    ],
)
def test_locked_full_and_readonly_databases_become_storage_unavailable(message, problem):
    original = _operational(message)
    with pytest.raises(StorageUnavailable) as caught, storage_faults():
        raise original
    assert caught.value.problem is problem
    assert caught.value.__cause__ is original
    assert isinstance(caught.value, EnvironmentFault)


def test_other_database_errors_stay_what_they_are_bugs():
    original = _operational("no such table: orders")
    with pytest.raises(OperationalError) as caught, storage_faults():
        raise original
    assert caught.value is original


def test_a_write_blocked_by_another_writer_is_storage_unavailable(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "cache.sqlite3"
    db = Database(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageUnavailable) as caught, db.write() as session:
            session.execute(text("SELECT 1"))
        assert caught.value.problem is StorageProblem.BUSY
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.dispose()


def test_an_unreachable_backend_is_backend_unreachable():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = SyncClient(f"http://127.0.0.1:{port}", timeout=(0.5, 0.5), retry_total=0)
    try:
        with pytest.raises(BackendUnreachable) as caught:
            client.health()
    finally:
        client.close()
    assert isinstance(caught.value, BackendUnavailable) and isinstance(caught.value, EnvironmentFault)


def _imported_modules(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.append(first.value)
    return names


def _offending_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    return [name for name in _imported_modules(tree) if name.split(".")[0] in FORBIDDEN_IN_UI]


def test_no_module_under_ui_imports_sqlalchemy_requests_or_sqlite():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if (found := _offending_imports(path))
    }
    assert offenders == {}


def test_the_import_check_sees_plain_nested_and_dynamic_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\n"
        "def f():\n    from sqlalchemy.exc import OperationalError\n"
        "import requests.adapters\n"
        "importlib.import_module('sqlite3')\n"
    )
    assert sorted(_offending_imports(sample)) == ["requests.adapters", "sqlalchemy.exc", "sqlite3"]
