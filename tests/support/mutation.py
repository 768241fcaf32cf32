"""Mutation testing with mutmut: `./dev.sh mutate [--lane] [MODULE…]` and the mutation lane (tests/mutation).

Each run gets a fresh work directory (.mutation/ by default, a temporary one in the lane) holding links to the
packages and tests and a pyproject.toml whose [tool.mutmut] is the project's, narrowed to the chosen modules and
their candidate test files (tests/support/mutation_map.py). mutmut copies that into mutants/, records which tests
reach each mutated function and runs only those per mutant. The score counts killed and timed-out mutants over
all mutants except the reviewed equivalent ones (tests/mutation/equivalent_mutants.txt); survivors are printed
with their diff so a developer can write the test that kills them. `--again` re-runs a work directory's survivors."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from tests.support import mutation_board
from tests.support.mutation_board import THRESHOLD
from tests.support.mutation_map import ROOT, SEED, candidate_tests, is_mutable, lane_modules
from tests.support.mutation_source import changed_line, diff, digest, generate, generate_all

EQUIVALENTS = ROOT / "tests" / "mutation" / "equivalent_mutants.txt"
LANE_MUTANTS = 60
RUN_LIMIT_S = 900  # a hang guard for the whole mutmut run; each mutant has its own limit ([tool.mutmut])
LINKED = ("protocol", "desktop", "backend", "ui", "tests", "resources")
CAUGHT = {"killed", "timeout", "segfault", "caught by type check"}
MISSED = {"survived", "no tests", "suspicious"}
RESULTS = "results.json"  # the last run's verdicts in its work directory (`--again`)
COLUMNS = ("killed", "survived", "no tests", "timeout", "equivalent")


class MutationRunError(RuntimeError):
    """mutmut could not run (its log's tail is in the message)."""


@dataclass(frozen=True)
class Equivalent:
    name: str
    module: str
    line: int
    reason: str


def equivalents(path: Path = EQUIVALENTS) -> dict[str, Equivalent]:
    """The reviewed equivalent mutants: `<mutant name>  <path>:<line>  <reason>` per line, # comments."""
    found: dict[str, Equivalent] = {}
    for raw in path.read_text("utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        name, location, reason = raw.split(maxsplit=2)
        module, line = location.rsplit(":", 1)
        found[name] = Equivalent(name, module, int(line), reason)
    return found


def module_of(name: str, modules: list[str]) -> str:
    return next(m for m in modules if name in generate(m).names)


def normalise(module: str) -> str:
    """`protocol.money`, `protocol/money` or `protocol/money.py` → `protocol/money.py` (a package → its __init__)."""
    path = module.replace(".", "/").removesuffix("/py") if not module.endswith(".py") else module
    path = path if path.endswith(".py") else path + ".py"
    if not (ROOT / path).is_file() and (ROOT / path.removesuffix(".py")).is_dir():
        path = path.removesuffix(".py") + "/__init__.py"
    return path


def _write_config(workdir: Path, modules: list[str], tests: list[str]) -> None:
    doc = tomlkit.parse((ROOT / "pyproject.toml").read_text("utf-8"))
    mutmut = doc["tool"]["mutmut"]  # type: ignore[index]
    mutmut["only_mutate"] = modules  # type: ignore[index]
    mutmut["pytest_add_cli_args_test_selection"] = tests  # type: ignore[index]
    (workdir / "pyproject.toml").write_text(tomlkit.dumps(doc), "utf-8")


def prepare(workdir: Path, modules: list[str], own: bool = False) -> list[str]:
    """A fresh work directory for mutmut; returns the candidate test files of the modules."""
    tests = sorted({t for m in modules for t in candidate_tests(m, own)})
    if not tests:
        raise MutationRunError(f"no test file covers {', '.join(modules)}: name them in tests/support/mutation_map.py")
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    for name in LINKED:
        (workdir / name).symlink_to(ROOT / name, target_is_directory=True)
    _write_config(workdir, modules, tests)
    return tests


def _mutmut() -> str:
    beside = Path(sys.executable).with_name("mutmut")
    return str(beside) if beside.exists() else (shutil.which("mutmut") or "mutmut")


def run_mutmut(workdir: Path, names: list[str], jobs: int, limit_s: float | None = RUN_LIMIT_S) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("PYTEST_")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    nice = int(os.environ.get("MUTATION_NICE", "10"))
    log = workdir / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        try:
            done = subprocess.run([_mutmut(), "run", "--max-children", str(jobs), *names], cwd=workdir, env=env,
                                  stdout=out, stderr=subprocess.STDOUT, timeout=limit_s, check=False,
                                  preexec_fn=lambda: os.nice(nice))
        except subprocess.TimeoutExpired:
            raise MutationRunError(f"mutmut ran over {limit_s} s; log: {log}") from None
    if done.returncode != 0:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        raise MutationRunError(f"mutmut exited {done.returncode}; log: {log}\n{tail}")


def statuses(workdir: Path, modules: list[str]) -> dict[str, str]:
    """Each mutant's status after a run, from mutmut's per-file results."""
    from mutmut.stats import status_by_exit_code

    found: dict[str, str] = {}
    for module in modules:
        meta = json.loads((workdir / "mutants" / f"{module}.meta").read_text("utf-8"))
        found.update({k: status_by_exit_code[v] for k, v in meta["exit_code_by_key"].items()})
    return found


@dataclass
class Score:
    """One module's counts; `equivalent` are reviewed equivalents that survived (left out of the score)."""

    module: str
    counts: Counter[str] = field(default_factory=Counter)  # COLUMNS, plus "unscored": see tally()

    @property
    def mutants(self) -> int:
        return sum(self.counts[column] for column in COLUMNS)

    @property
    def value(self) -> float:
        counted = self.mutants - self.counts["equivalent"] - self.counts["unscored"]
        return (self.counts["killed"] + self.counts["timeout"]) / counted if counted else 1.0


@dataclass
class Report:
    scores: list[Score]
    survivors: list[tuple[str, str]]  # (module, mutant name)
    notes: list[str]

    @property
    def total(self) -> Score:
        total = Score("total")
        for score in self.scores:
            total.counts.update(score.counts)
        return total

    def table(self) -> str:
        head = (f"{'module':<44}{'mutants':>8}{'killed':>8}{'survived':>9}{'no tests':>9}{'timeout':>8}"
                f"{'equiv':>6}{'score':>8}")
        rows = [head] + [self._row(s) for s in [*self.scores, self.total]]
        return "\n".join(rows)

    @staticmethod
    def _row(s: Score) -> str:
        c = s.counts
        return (f"{s.module:<44}{s.mutants:>8}{c['killed']:>8}{c['survived']:>9}{c['no tests']:>9}{c['timeout']:>8}"
                f"{c['equivalent']:>6}{s.value:>8.1%}")

    def text(self) -> str:
        parts = [self.table(), *self.notes]
        for module, name in self.survivors:
            parts.append(f"\n# survived: {name} ({module}:{changed_line(module, name)})\n{diff(module, name)}")
        return "\n".join(parts)


def kind(status: str) -> str:
    """mutmut's status → a column of the table (a suspicious or skipped mutant counts as a survivor)."""
    if status == "not checked" or status not in CAUGHT | MISSED | {"skipped"}:
        raise MutationRunError(f"a mutant was left {status!r}: see the mutmut log")
    if status in {"timeout", "no tests"}:
        return status
    return "killed" if status in CAUGHT else "survived"


def tally(found: dict[str, str], modules: list[str], names: list[str],
          listed: dict[str, Equivalent] | None = None, narrowed: frozenset[str] = frozenset()) -> Report:
    """Scores per module over the mutants `names` (the run's, or the lane's sample). A `narrowed` module ran against
    only some of its test files (the lane): a mutant none of those reaches is listed but not scored."""
    listed = equivalents() if listed is None else listed
    scores = {m: Score(m) for m in modules}
    survivors, notes = [], []
    for name in names:
        module, column = module_of(name, modules), kind(found.get(name, "not checked"))
        if name in listed and column in {"survived", "no tests"}:
            column = "equivalent"
        elif name in listed:
            notes.append(f"note: {name} is listed as equivalent but was caught: take it off the list")
        if column in {"survived", "no tests"}:
            survivors.append((module, name))
        scores[module].counts[column] += 1
        scores[module].counts["unscored"] += column == "no tests" and module in narrowed
    return Report(list(scores.values()), survivors, notes)


def default_jobs() -> int:
    return int(os.environ.get("MUTATION_JOBS", min(2, os.cpu_count() or 1)))


def sample_of(names: list[str], size: int, listed: dict[str, Equivalent]) -> list[str]:
    """A seeded sample of at most `size` mutants, reviewed equivalents left out: the same code, the same sample."""
    pool = sorted(n for n in names if n not in listed)
    return sorted(random.Random(SEED).sample(pool, min(size, len(pool))))


def has_mutants(module: str) -> bool:
    return bool(generate(module).names)


def mutate(modules: list[str], workdir: Path, sample: int | None = None, jobs: int | None = None) -> Report:
    """Mutate `modules` (all their mutants, or a seeded sample of `sample` of them and their own tests only)."""
    own = sample is not None
    prepare(workdir, modules, own)
    narrowed = frozenset(m for m in modules if own and candidate_tests(m, own) != candidate_tests(m))
    names = [n for m in modules for n in generate(m).names]
    if sample is not None:
        names = sample_of(names, sample, equivalents())
    if not names:
        return Report([Score(m) for m in modules], [], ["no mutants: these modules have no mutable function"])
    if sample is None:  # every mutant: as long as it takes
        run_mutmut(workdir, [], jobs or default_jobs(), limit_s=None)
    else:
        run_mutmut(workdir, names, jobs or default_jobs())
    found = statuses(workdir, modules)
    report = save_results(workdir, modules, names, found, None if own else "full", narrowed)
    report.notes += [f"{m}: its own test files only; mutants they do not reach are not scored" for m in narrowed]
    return report


def save_results(workdir: Path, modules: list[str], names: list[str], found: dict[str, str], run: str | None,
                 narrowed: frozenset[str] = frozenset()) -> Report:
    """The run's verdicts, kept for `--again` (mutmut forgets them when its test selection changes), and its
    scores; a `run` of every mutant ("full", "again") also goes on the scoreboard."""
    sources = {m: digest(m) for m in modules}
    results = {"modules": modules, "names": names, "sources": sources,
               "statuses": {n: found.get(n, "not checked") for n in names}}
    (workdir / RESULTS).write_text(json.dumps(results, indent=1), "utf-8")
    report = tally(found, modules, names, narrowed=narrowed)
    if run:
        mutation_board.record(report.scores, sources, run)
    return report


def again(workdir: Path, jobs: int | None = None) -> Report:
    """Run the last run's survivors (and untested mutants) again against today's tests; the caught stay caught.
    The modules must be unchanged since that run (new tests only): an edited module makes other mutants."""
    try:
        last = json.loads((workdir / RESULTS).read_text("utf-8"))
    except FileNotFoundError:
        raise MutationRunError(f"no earlier run in {workdir}: mutate the modules first") from None
    modules, names, found = last["modules"], last["names"], last["statuses"]
    changed = [m for m in modules if last["sources"].get(m) != digest(m)]
    if changed:
        raise MutationRunError(f"{', '.join(changed)} changed since the run in {workdir}: mutate it in full again")
    missed = [n for n in names if kind(found[n]) in {"survived", "no tests"}]
    if missed:
        _write_config(workdir, modules, sorted({t for m in modules for t in candidate_tests(m)}))
        refresh_copies(workdir, modules)
        run_mutmut(workdir, missed, jobs or default_jobs(), limit_s=None)
        fresh = statuses(workdir, modules)
        found.update({n: fresh[n] for n in missed})
    return save_results(workdir, modules, names, found, "again")


def refresh_copies(workdir: Path, modules: list[str]) -> None:
    """Drop mutants/'s copies of the modules not mutated: mutmut copies a source file only where none is, so an
    `--again` would otherwise test the mutated modules against the rest of the code as it was at the first run."""
    mutated = tuple(modules)
    for package in ("protocol", "desktop", "backend", "ui"):
        for path in sorted((workdir / "mutants" / package).rglob("*"), reverse=True):
            relative = path.relative_to(workdir / "mutants").as_posix()
            if path.is_file() and not relative.startswith(mutated):
                path.unlink()


def run_lane(workdir: Path) -> tuple[Report, str]:
    """The mutation lane: a seeded sample of LANE_MUTANTS mutants of the lane's modules."""
    modules, why = lane_modules(has_mutants)
    return mutate(modules, workdir, sample=LANE_MUTANTS), f"mutation lane: {', '.join(modules)} ({why})"


def show(location: str) -> str:
    """Every mutant mutmut makes at `path:line`, with its diff (to (re)write a line of the equivalents list)."""
    module, line = location.rsplit(":", 1)
    module = normalise(module)
    found = [name for name in generate(module).names if changed_line(module, name) == int(line)]
    return "\n".join(f"{name}  {module}:{line}\n{diff(module, name)}\n" for name in found) or f"no mutant at {location}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./dev.sh mutate", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="protocol/money.py or protocol.money; none: the lane's modules")
    parser.add_argument("--lane", action="store_true",
                        help=f"a seeded sample of {LANE_MUTANTS} mutants; exit 1 under {THRESHOLD:.0%}%")
    parser.add_argument("--jobs", type=int, default=None, help="parallel mutants (MUTATION_JOBS, default ≤ 2)")
    parser.add_argument("--workdir", type=Path, default=ROOT / ".mutation")
    parser.add_argument("--again", action="store_true",
                        help="run the last run's survivors in --workdir again against today's tests")
    parser.add_argument("--show", metavar="PATH:LINE", help="list the mutants made at a line, run nothing")
    parser.add_argument("--board", action="store_true", help="the scoreboard; exit 1 unless all is ≥ 90 %% and current")
    args = parser.parse_args(argv)
    if args.show or args.board:
        generate_all(mutation_board.scope(lambda _module: True))
        board, complete = mutation_board.text(mutation_board.scope(has_mutants), digest)
        print(show(args.show) if args.show else board)
        return 0 if args.show or complete else 1
    modules = [normalise(m) for m in args.modules]
    unknown = [m for m in modules if not is_mutable(m)]
    if unknown:
        parser.error(f"not a mutable module of protocol/, desktop/ or backend/: {', '.join(unknown)}")
    why = "chosen on the command line"
    if not modules and not args.again:
        modules, why = lane_modules(has_mutants)
    print(f"==> {'the last run' if args.again else ', '.join(modules)} ({'its survivors again' if args.again else why}"
          f"); work directory {args.workdir}", flush=True)
    try:
        report = (again(args.workdir, args.jobs) if args.again
                  else mutate(modules, args.workdir, LANE_MUTANTS if args.lane else None, args.jobs))
    except MutationRunError as error:
        print(error, file=sys.stderr)
        return 2
    print(report.text())
    if args.lane and report.total.value < THRESHOLD:
        print(f"mutation score {report.total.value:.1%} < {THRESHOLD:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
