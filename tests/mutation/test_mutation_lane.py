"""The mutation lane of `./dev.sh test`: the tests must catch ≥ 90 % of a seeded sample of mutants of the modules
changed since the last release tag (tests/support/mutation_map.py: the fallbacks without one)."""

from __future__ import annotations

import pytest

from tests.support.mutation import LANE_MUTANTS, THRESHOLD, run_lane


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_the_tests_catch_the_sampled_mutants_of_the_changed_modules(tmp_path):
    report, what = run_lane(tmp_path / "mutation")
    print(what)
    print(report.text())
    total = report.total
    assert total.mutants > 0, f"{what}: no mutant to test"
    assert total.mutants <= LANE_MUTANTS
    assert total.value >= THRESHOLD, f"{what}: mutation score {total.value:.1%} < {THRESHOLD:.0%}\n{report.text()}"
