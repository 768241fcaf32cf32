"""Every benchmark script still imports: `./dev.sh bench` is not run by the test lanes, so a name moved or
removed from the code it measures (bench/decode.py once imported a helper moved into a test) breaks it unseen."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_the_benchmark_script_imports(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location(f"bench_{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    monkeypatch.syspath_prepend(str(BENCH))  # scripts import their sibling helpers
    spec.loader.exec_module(module)  # runs the imports, not main(): each script guards it by __name__
    assert module.__doc__, f"{script.name}: say what it measures and how to run it"
