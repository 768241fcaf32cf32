"""The mutation scoreboard (tests/mutation/scores.csv): what issue 18 scores, each module's last run and first score,
and which modules are still to measure — never measured, changed since their run, or under 90 %."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from tests.support import mutation_board
from tests.support.mutation import Score
from tests.support.mutation_map import ROOT

DAY = dt.date(2026, 12, 2)


def _score(module: str, **counts: int) -> Score:
    return Score(module, Counter(counts))


def test_the_scope_is_the_issues_modules_with_mutants():
    modules = mutation_board.scope(lambda module: "__init__" not in module)
    assert {"protocol/money.py", "desktop/scan_routing.py", "desktop/services/staff.py", "desktop/sync/engine.py",
            "backend/rules/claims.py", "backend/code_pool.py"} <= set(modules)
    assert not [m for m in modules if "__init__" in m or m.startswith(("ui/", "desktop/db/", "backend/api"))]
    assert all((ROOT / m).is_file() for m in modules) and modules == sorted(modules)


def test_a_run_writes_its_counts_and_the_first_score_stays_the_before(tmp_path):
    board = tmp_path / "scores.csv"
    mutation_board.record([_score("b.py", killed=6, survived=4)], {"b.py": "f" * 40}, "full", board, DAY)
    mutation_board.record([_score("b.py", killed=9, survived=1), _score("a.py", killed=3, timeout=1, equivalent=2)],
                          {"a.py": "a" * 40, "b.py": "e" * 40}, "again", board, DAY)
    rows = mutation_board.read(board)
    assert list(rows) == ["a.py", "b.py"]  # one row a module, in path order: helpers' runs merge line by line
    assert {k: rows["b.py"][k] for k in ("mutants", "killed", "survived", "score", "before", "run", "source")} == {
        "mutants": "10", "killed": "9", "survived": "1", "score": "90.0%", "before": "60.0%", "run": "again",
        "source": "e" * 12}
    assert (rows["a.py"]["mutants"], rows["a.py"]["timeout"], rows["a.py"]["equivalent"], rows["a.py"]["score"],
            rows["a.py"]["measured"]) == ("6", "1", "2", "100.0%", "2026-12-02")


def test_the_total_and_a_module_without_mutants_are_not_written(tmp_path):
    board = tmp_path / "scores.csv"
    mutation_board.record([_score("total", killed=1), _score("__init__.py")], {"__init__.py": "0" * 40}, "full",
                          board, DAY)
    assert mutation_board.read(board) == {}


def test_a_module_is_current_only_on_the_source_it_was_measured_on_and_at_90_percent(tmp_path):
    board = tmp_path / "scores.csv"
    mutation_board.record([_score("ok.py", killed=9, survived=1), _score("low.py", killed=8, survived=2),
                           _score("old.py", killed=10)], {m: m[0] * 40 for m in ("ok.py", "low.py", "old.py")},
                          "full", board, DAY)
    digests = {"ok.py": "o" * 40, "low.py": "l" * 40, "old.py": "edited", "new.py": "n" * 40}
    table, complete = mutation_board.text(list(digests), digests.__getitem__, board)
    states = {line.split()[0]: line.split()[4 if "%" in line else 1] for line in table.splitlines()[1:-1]}
    assert states == {"ok.py": "measured", "low.py": "below", "old.py": "stale", "new.py": "never"}
    assert table.splitlines()[-1] == "1 measured, 1 below, 1 stale, 1 never of 4 modules" and not complete
    assert mutation_board.text(["ok.py"], digests.__getitem__, board)[1]


def test_the_committed_board_names_only_modules_of_the_scope():
    scope = set(mutation_board.scope(lambda module: True))
    assert set(mutation_board.read()) <= scope
