"""Architecture limits the team agreed on: small modules and functions, a docstring on every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("protocol", "desktop", "ui", "backend")
MAX_MODULE_LINES = 400  # Alembic revisions are generated and exempt
MAX_FUNCTION_LINES = 40


def _modules(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> list[Path]:
    found = [p for pkg in packages for p in (root / pkg).rglob("*.py")]
    return sorted(p for p in found if "migrations" not in p.parts)


def long_modules(root: Path, packages: tuple[str, ...] = PACKAGES) -> dict[str, int]:
    sizes = {p.relative_to(root).as_posix(): len(p.read_text("utf-8").splitlines()) for p in _modules(root, packages)}
    return {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES}


def long_functions(root: Path, packages: tuple[str, ...] = PACKAGES) -> dict[str, int]:
    long = {}
    for path in _modules(root, packages):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(root).as_posix()}:{node.lineno} {node.name}"] = size
    return long


def modules_without_docstring(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    return [p.relative_to(root).as_posix() for p in _modules(root, packages)
            if p.read_text("utf-8").strip() and ast.get_docstring(ast.parse(p.read_text("utf-8"))) is None]


@pytest.mark.parametrize("package", PACKAGES)
def test_the_package_is_walked(package):
    assert _modules(ROOT, (package,)), f"{package}/ has no modules: the limits below would check nothing"


def test_no_module_over_the_line_limit():
    assert long_modules(ROOT) == {}


def test_no_function_over_the_line_limit():
    assert long_functions(ROOT) == {}


def test_every_module_has_a_docstring():
    assert modules_without_docstring(ROOT) == []


def test_the_walkers_catch_offenders(tmp_path):
    pkg = tmp_path / "desktop"
    (pkg / "db" / "migrations").mkdir(parents=True)
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (pkg / "big.py").write_text(f"def f():\n{body}\n" + "\n" * MAX_MODULE_LINES, "utf-8")
    (pkg / "db" / "migrations" / "rev.py").write_text("\n" * (MAX_MODULE_LINES + 1), "utf-8")
    (pkg / "ok.py").write_text('"""Small."""\n\ndef g():\n    return 1\n', "utf-8")
    assert long_functions(tmp_path, ("desktop",)) == {"desktop/big.py:1 f": MAX_FUNCTION_LINES + 1}
    assert long_modules(tmp_path, ("desktop",)) == {"desktop/big.py": MAX_FUNCTION_LINES + 1 + MAX_MODULE_LINES}
    assert modules_without_docstring(tmp_path, ("desktop",)) == ["desktop/big.py"]
