"""Where mutmut's mutants live in the source: each module's mutants made in-process, their diffs and the line each
changes (for the survivors' report, `--show` and the reviewed equivalents list)."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.support.mutation_map import ROOT


@dataclass(frozen=True)
class Generated:
    """Every mutant mutmut makes of one module: names in order, the mutated source they live in and where each
    generated function (a mutant, or the `__mutmut_orig` copy) lies in it (first and last line)."""

    module: str
    names: tuple[str, ...]
    code: str
    spans: dict[str, tuple[int, int]]


_MADE: dict[str, Generated] = {}


def generate(module: str) -> Generated:
    """The mutants of a module, made in-process the way `mutmut run` makes them (no tests run); made once."""
    if module not in _MADE:
        _MADE[module] = _make(module)
    return _MADE[module]


def generate_all(modules: Iterable[str]) -> None:
    """Make the mutants of many modules at once on every core (a large module takes seconds to mutate)."""
    todo = sorted(set(modules) - _MADE.keys())
    with ProcessPoolExecutor(os.cpu_count(), mp_context=multiprocessing.get_context("spawn")) as pool:
        _MADE.update(zip(todo, pool.map(_make, todo), strict=True))


def _make(module: str) -> Generated:
    from mutmut.mutation.file_mutation import mutate_file_contents
    from mutmut.utils.format_utils import get_mutant_name

    with contextlib.chdir(ROOT):  # mutmut reads [tool.mutmut] from ./pyproject.toml
        mutated = mutate_file_contents(module, (ROOT / module).read_text("utf-8"))
    return Generated(module, tuple(get_mutant_name(Path(module), n) for n in mutated.mutant_names), mutated.code,
                     {n: (span.start, span.end) for n, span in mutated.line_span_by_function_name.items()})


@cache
def _lines(module: str) -> list[str]:
    return generate(module).code.splitlines(keepends=True)


def digest(module: str) -> str:
    """The hash of a module's source: verdicts stand only for the source that was mutated."""
    return hashlib.sha1((ROOT / module).read_bytes()).hexdigest()


def diff(module: str, name: str) -> str:
    """A mutant's diff as mutmut's get_diff_for_mutant makes it from its line index: only the two functions (the
    mutant and the unmutated copy) are parsed, not the whole mutated module (seconds for a large one)."""
    import libcst
    from mutmut.mutation.diff_apply import generated_function_names, parse_generated_function
    from mutmut.utils.format_utils import orig_function_and_class_names_from_key

    function, owner = orig_function_and_class_names_from_key(name)
    texts = []
    for generated in generated_function_names(name):
        first, last = generate(module).spans[generated]
        node = parse_generated_function("".join(_lines(module)[first - 1:last]), name=generated,
                                        is_method=owner is not None)
        if node is None:
            raise ValueError(f"mutmut's line index of {module} does not hold {generated}")
        texts.append(libcst.Module([node.with_changes(name=libcst.Name(function))]).code.strip().split("\n"))
    return "\n".join(difflib.unified_diff(*texts, fromfile=module, tofile=module, lineterm=""))


def _function_lines(module: str, name: str) -> tuple[int, int]:
    """First (decorators included) and last line of the function a mutant lives in."""
    import ast

    from mutmut.utils.format_utils import orig_function_and_class_names_from_key

    func, owner = orig_function_and_class_names_from_key(name)
    body: list[ast.stmt] = ast.parse((ROOT / module).read_text("utf-8")).body
    for class_name in (owner.split(".") if owner else []):
        body = next(n.body for n in body if isinstance(n, ast.ClassDef) and n.name == class_name)
    node = next(n for n in body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == func)
    return min([node.lineno] + [d.lineno for d in node.decorator_list]), node.end_lineno or node.lineno


def changed_line(module: str, name: str) -> int:
    """The line of `module` a mutant changes (its diff's first removed line)."""
    first, last = _function_lines(module, name)
    lines = diff(module, name).splitlines()
    hunk = next(i for i, line in enumerate(lines) if line.startswith("@@"))
    old_start = int(lines[hunk].split()[1].lstrip("-").split(",")[0])
    offset = 0
    for line in lines[hunk + 1:]:
        if line.startswith("-"):
            removed = line[1:].strip()
            break
        offset += not line.startswith("+")
    source = (ROOT / module).read_text("utf-8").splitlines()
    guess = first + old_start - 1 + offset
    if 0 < guess <= len(source) and source[guess - 1].strip() == removed:
        return guess
    return next((n for n in range(first, last + 1) if source[n - 1].strip() == removed), guess)
