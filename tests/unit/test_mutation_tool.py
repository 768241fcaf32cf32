"""The mutation-testing tooling: the module → tests table, the reviewed equivalent mutants (they must not rot),
the score (equivalents left out, timeouts caught, untested mutants counted against), the lane's seeded choices."""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest

from tests.support import mutation, mutation_board, mutation_map
from tests.support.mutation import (
    Equivalent,
    MutationRunError,
    changed_line,
    equivalents,
    generate,
    generate_all,
    normalise,
    prepare,
    sample_of,
    tally,
)
from tests.support.mutation_map import (
    CORE_SAMPLE,
    LANE_MODULES,
    LANE_TEST_FILES,
    ROOT,
    TESTS_BY_MODULE,
    candidate_tests,
    is_mutable,
)

MONEY = "protocol/money.py"


def _line_of(module: str, text: str) -> int:
    lines = (ROOT / module).read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def _mutant_whose_diff_has(module: str, text: str) -> str:
    return next(n for n in generate(module).names
                if any(line.startswith("+") and text in line for line in mutation.diff(module, n).splitlines()))


@pytest.mark.parametrize("module", sorted(set(TESTS_BY_MODULE) | set(CORE_SAMPLE)))
def test_every_mapped_module_is_mutable_and_its_tests_exist(module):
    assert is_mutable(module)
    assert candidate_tests(module)
    assert all((ROOT / t).is_file() for t in candidate_tests(module))


def test_an_unmapped_module_is_covered_by_the_test_files_that_import_it():
    assert "tests/unit/test_staff.py" in candidate_tests("desktop/services/staff.py")
    assert candidate_tests("desktop/services/staff.py") == mutation_map.candidate_tests("desktop/services/staff.py")


def test_the_lane_runs_a_discovered_module_against_its_own_test_files_only():
    everyone = candidate_tests("desktop/journal.py")
    own = candidate_tests("desktop/journal.py", own=True)
    assert own == ("tests/unit/test_journal_report.py",) and set(own) < set(everyone)
    assert candidate_tests("backend/app.py", own=True) == candidate_tests("backend/app.py")[:LANE_TEST_FILES]
    assert candidate_tests(MONEY, own=True) == candidate_tests(MONEY) == TESTS_BY_MODULE[MONEY]


def test_a_new_test_file_named_after_a_mapped_module_joins_its_table_entry(monkeypatch):
    routing = "desktop.scan_routing"
    files = {"tests/unit/test_scan_routing.py": frozenset({routing}),
             "tests/unit/test_scan_routing_masks.py": frozenset({routing, f"{routing}.mask_sample"}),
             "tests/unit/test_dispatch.py": frozenset({routing})}
    monkeypatch.setattr(mutation_map, "_imports_by_test_file", lambda: files)
    assert candidate_tests("desktop/scan_routing.py") == (
        "tests/unit/test_scan_routing.py", "tests/unit/test_scan_routing_masks.py")


def test_a_workflow_package_module_is_covered_by_the_tests_of_its_package():
    scanning = "desktop/services/receiving/scanning.py"
    assert "tests/unit/test_receiving.py" in candidate_tests(scanning)
    own = candidate_tests(scanning, own=True)
    assert own and all(t.startswith("tests/unit/test_receiving") for t in own)


def test_migrations_ui_and_demo_data_are_not_mutated():
    assert not is_mutable("ui/app.py")
    assert not is_mutable("protocol/demo_data.py")
    assert not any(is_mutable(p.relative_to(ROOT).as_posix()) for p in (ROOT / "desktop/db/migrations").rglob("*.py"))


@pytest.mark.parametrize(("given", "path"), [
    ("protocol.money", MONEY), ("protocol/money", MONEY), (MONEY, MONEY),
    ("backend.rules", "backend/rules/__init__.py"), ("desktop/services/club.py", "desktop/services/club.py"),
])
def test_a_module_is_named_by_path_or_dotted_name(given, path):
    assert normalise(given) == path


def test_a_mutant_is_located_on_the_line_it_changes():
    name = _mutant_whose_diff_has(MONEY, "kopecks <= 0")
    assert changed_line(MONEY, name) == _line_of(MONEY, 'sign = "-" if kopecks < 0')


def stale(entries: dict[str, Equivalent]) -> list[str]:
    """Listed equivalents that no longer name a mutant mutmut makes at the listed line."""
    generate_all(entry.module for entry in entries.values() if is_mutable(entry.module))
    found = []
    for name, entry in entries.items():
        if not is_mutable(entry.module) or name not in generate(entry.module).names:
            found.append(f"{name}: no such mutant of {entry.module}")
        elif changed_line(entry.module, name) != entry.line:
            found.append(f"{name}: changes line {changed_line(entry.module, name)}, listed {entry.line}")
        elif not entry.reason.strip():
            found.append(f"{name}: no reason")
    return found


def test_every_listed_equivalent_mutant_still_exists_at_its_line():
    assert stale(equivalents()) == []


def test_a_stale_equivalent_is_noticed(tmp_path):
    name = _mutant_whose_diff_has(MONEY, "kopecks <= 0")
    line = _line_of(MONEY, 'sign = "-" if kopecks < 0')
    listing = tmp_path / "equivalents.txt"
    listing.write_text(f"# reviewed\n{name}  {MONEY}:{line}  a reason\n"
                       f"{name}X  {MONEY}:{line}  renamed away\n"
                       f"{name.replace('rub', 'parse_rub')}  {MONEY}:{line + 1}  moved\n", "utf-8")
    entries = equivalents(listing)
    assert [e.line for e in entries.values()] == [line, line, line + 1]
    assert len(stale(entries)) == 2
    assert stale({name: entries[name]}) == []
    assert stale({name: Equivalent(name, MONEY, line + 1, "moved")}) != []


def test_the_score_leaves_reviewed_equivalents_out_and_counts_untested_mutants_against():
    names = list(generate(MONEY).names[:6])
    found = dict(zip(names, ["killed", "timeout", "survived", "no tests", "survived", "caught by type check"],
                     strict=True))
    listed = {names[4]: Equivalent(names[4], MONEY, 1, "same behaviour"),
              names[0]: Equivalent(names[0], MONEY, 1, "wrongly listed")}
    report = tally(found, [MONEY], names, listed)
    counts = report.scores[0].counts
    assert counts == Counter(killed=2, timeout=1, survived=1, equivalent=1, **{"no tests": 1})
    assert report.total.value == pytest.approx(3 / 5)
    assert [n for _, n in report.survivors] == [names[2], names[3]]
    assert any(names[0] in note for note in report.notes)
    assert names[2] in report.text() and "+" in report.text().split(names[2])[1]


def test_untested_mutants_of_a_module_run_against_part_of_its_tests_are_not_scored():
    names = list(generate(MONEY).names[:4])
    found = dict(zip(names, ["killed", "no tests", "no tests", "survived"], strict=True))
    whole = tally(found, [MONEY], names, {})
    part = tally(found, [MONEY], names, {}, narrowed=frozenset({MONEY}))
    assert whole.total.value == pytest.approx(1 / 4)
    assert part.total.value == pytest.approx(1 / 2) == part.scores[0].value
    assert part.total.mutants == 4 and len(part.survivors) == 3


def test_an_unchecked_mutant_fails_the_run():
    names = list(generate(MONEY).names[:2])
    with pytest.raises(MutationRunError):
        tally({names[0]: "killed"}, [MONEY], names, {})


def test_the_lane_sample_is_bounded_seeded_and_skips_equivalents():
    names = [n for m in CORE_SAMPLE for n in generate(m).names]
    listed = {names[0]: Equivalent(names[0], CORE_SAMPLE[0], 1, "x")}
    sample = sample_of(names, 60, listed)
    assert len(sample) == 60 == len(set(sample))
    assert sample == sample_of(list(reversed(names)), 60, listed)
    assert names[0] not in sample
    assert sample_of(names[:5], 60, {}) == sorted(names[:5])


def test_the_lane_falls_back_to_the_core_sample_without_a_base(monkeypatch):
    monkeypatch.setattr(mutation_map, "lane_base", lambda: (None, "no release tag and too short a history"))
    modules, why = mutation_map.lane_modules(lambda m: True)
    assert modules == list(CORE_SAMPLE)
    assert "core sample" in why


def test_the_lane_takes_a_bounded_seeded_choice_of_the_changed_mutable_modules(monkeypatch):
    changed = ["ui/app.py", "desktop/db/migrations/env.py", "README.md", *sorted(TESTS_BY_MODULE)]
    monkeypatch.setattr(mutation_map, "lane_base", lambda: ("abc123", "since abc123"))
    monkeypatch.setattr(mutation_map, "_git", lambda *args: "\n".join(changed))
    first, why = mutation_map.lane_modules(lambda m: True)
    assert len(first) == LANE_MODULES and set(first) <= set(TESTS_BY_MODULE) and why == "since abc123"
    assert mutation_map.lane_modules(lambda m: True)[0] == first
    only = mutation_map.lane_modules(lambda m: m == MONEY)[0]
    assert only == [MONEY]
    assert mutation_map.lane_modules(lambda m: False)[0] == list(CORE_SAMPLE)


def test_the_lane_diffs_against_a_real_revision():
    base, why = mutation_map.lane_base()
    assert base is None or mutation_map._git("rev-parse", "--verify", base) is not None
    assert why


def test_a_work_directory_narrows_mutmut_to_the_chosen_modules(tmp_path):
    workdir = tmp_path / "work"
    (workdir / "leftover").mkdir(parents=True)
    tests = prepare(workdir, [MONEY])
    assert tests == list(TESTS_BY_MODULE[MONEY])
    assert not (workdir / "leftover").exists()
    assert (workdir / "protocol" / "money.py").is_file() and (workdir / "tests" / "conftest.py").is_file()
    config = tomllib.loads((workdir / "pyproject.toml").read_text("utf-8"))["tool"]
    assert config["mutmut"]["only_mutate"] == [MONEY]
    assert config["mutmut"]["pytest_add_cli_args_test_selection"] == tests
    assert {"--hypothesis-profile=ci", "--timeout=60"} <= set(config["mutmut"]["pytest_add_cli_args"])  # same verdicts
    assert config["pytest"] == tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]


def test_a_module_without_tests_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation, "candidate_tests", lambda module, own: ())
    with pytest.raises(MutationRunError, match="no test file"):
        prepare(tmp_path / "work", [MONEY])


def test_the_command_explains_itself_and_refuses_what_it_cannot_mutate(capsys):
    for argv in (["--help"], ["ui/app.py"]):
        with pytest.raises(SystemExit) as stop:
            mutation.main(argv)
        assert stop.value.code == (0 if argv == ["--help"] else 2)
    out, err = capsys.readouterr()
    assert "--lane" in out and "90%" in out
    assert "not a mutable module" in err and "ui/app.py" in err


def test_show_lists_the_mutants_made_at_a_line(capsys):
    line = _line_of(MONEY, 'sign = "-" if kopecks < 0')
    assert mutation.main(["--show", f"protocol.money:{line}"]) == 0
    out = capsys.readouterr().out
    assert _mutant_whose_diff_has(MONEY, "kopecks <= 0") in out and "+    sign" in out
    assert all(line.startswith("-    sign") for line in out.splitlines() if line.startswith("-    "))
    assert mutation.show(f"{MONEY}:1") == f"no mutant at {MONEY}:1"


def test_without_a_release_tag_the_lane_takes_the_fixed_core_sample(monkeypatch):
    monkeypatch.setattr(mutation_map, "_git", lambda *args: None if args[0] == "describe" else "protocol/money.py")
    assert mutation_map.lane_base() == (None, "no release tag")
    assert mutation_map.lane_modules(lambda m: True)[0] == list(CORE_SAMPLE)


def _last_run(tmp_path, monkeypatch, verdicts):
    names = list(generate(MONEY).names[:len(verdicts)])
    monkeypatch.setattr(mutation_board, "BOARD", tmp_path / "scores.csv")
    mutation.save_results(tmp_path, [MONEY], names, dict(zip(names, verdicts, strict=True)), "full")
    ran: list[list[str]] = []
    monkeypatch.setattr(mutation, "run_mutmut", lambda _w, run, _j, limit_s=None: ran.append(run))
    monkeypatch.setattr(mutation, "_write_config", lambda *_a: None)
    return names, ran


def test_again_runs_only_the_missed_mutants_and_keeps_what_was_caught(tmp_path, monkeypatch):
    names, ran = _last_run(tmp_path, monkeypatch, ["killed", "survived", "no tests", "timeout"])
    monkeypatch.setattr(mutation, "statuses", lambda _w, _m: {names[1]: "killed", names[2]: "survived"})
    report = mutation.again(tmp_path)
    assert ran == [[names[1], names[2]]]
    assert report.scores[0].counts == Counter(killed=2, timeout=1, survived=1)
    again = mutation.again(tmp_path)  # the merged verdicts were kept: only the one survivor runs next time
    assert ran[1] == [names[2]] and again.total.value == report.total.value
    row = mutation_board.read()[MONEY]  # the board has the latest score and keeps the first run's as «before»
    assert (row["mutants"], row["killed"], row["survived"], row["score"], row["before"], row["run"]) == (
        "4", "2", "1", "75.0%", "50.0%", "again")


def test_again_refuses_a_module_edited_since_the_run(tmp_path, monkeypatch):
    _last_run(tmp_path, monkeypatch, ["killed", "survived"])
    monkeypatch.setattr(mutation, "digest", lambda _m: "edited")
    with pytest.raises(MutationRunError, match="changed since the run"):
        mutation.again(tmp_path)
    with pytest.raises(MutationRunError, match="no earlier run"):
        mutation.again(tmp_path / "elsewhere")


def test_again_tests_the_mutated_module_against_todays_code_around_it(tmp_path):
    copies = tmp_path / "mutants"
    kept = [copies / MONEY, copies / f"{MONEY}.meta", copies / "mutmut-stats.json", copies / "tests" / "test_x.py"]
    stale = [copies / "protocol" / "ean13.py", copies / "desktop" / "sync" / "engine.py"]
    for path in kept + stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("copied at the first run")
    mutation.refresh_copies(tmp_path, [MONEY])
    assert [p.exists() for p in kept + stale] == [True] * len(kept) + [False] * len(stale)
