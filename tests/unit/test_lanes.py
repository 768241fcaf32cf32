"""The test lanes of `./dev.sh test` cover every test file, and their summary adds up the JUnit reports."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.lanes_summary import main, totals

ROOT = Path(__file__).resolve().parents[2]


def _lane_paths() -> list[str]:
    block = re.search(r"LANES=\((.*?)\n\)", (ROOT / "dev.sh").read_text("utf-8"), re.S)
    assert block is not None, "dev.sh has no LANES=( … ) block"
    lanes = re.findall(r'"[a-z]+:([^"]+)"', block.group(1))
    return [path for lane in lanes for path in lane.split()]


def test_every_test_file_runs_in_a_lane():
    paths = _lane_paths()
    assert all((ROOT / p).exists() for p in paths), "a lane names a path that does not exist"
    tests = [f.relative_to(ROOT).as_posix() for f in (ROOT / "tests").rglob("test_*.py")]
    uncovered = [t for t in tests if not any(t == p or t.startswith(p.rstrip("/") + "/") for p in paths)]
    assert uncovered == []


def _report(folder: Path, name: str, tests: int, failures: int = 0, errors: int = 0, skipped: int = 0) -> None:
    (folder / f"{name}.xml").write_text(
        f'<testsuites><testsuite name="pytest" tests="{tests}" failures="{failures}" errors="{errors}" '
        f'skipped="{skipped}"/></testsuites>', "utf-8")


def test_summary_adds_the_lanes_up(tmp_path, capsys):
    _report(tmp_path, "core", 10, skipped=1)
    _report(tmp_path, "gui", 5)
    assert totals(tmp_path) == {"tests": 15, "failures": 0, "errors": 0, "skipped": 1}
    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == "lanes: 14 passed, 0 failed, 1 skipped"


def test_summary_fails_on_a_failure_and_on_no_tests(tmp_path):
    assert main([str(tmp_path)]) == 1  # nothing ran
    _report(tmp_path, "core", 3, failures=1)
    assert main([str(tmp_path)]) == 1


def test_the_mutation_lane_runs_right_after_the_core_lane():
    block = re.search(r"LANES=\((.*?)\n\)", (ROOT / "dev.sh").read_text("utf-8"), re.S)
    assert block is not None
    names = re.findall(r'"([a-z]+):', block.group(1))
    assert names[:2] == ["core", "mutation"]
    assert re.search(r'"mutation:tests/mutation"', block.group(1))
    assert sorted(p.name for p in (ROOT / "tests" / "mutation").glob("test_*.py")) == ["test_mutation_lane.py"]
    assert "mutate) shift; cmd_mutate" in (ROOT / "dev.sh").read_text("utf-8")
