"""The mutation scoreboard: every module issue 18 scores, with its last full (or `--again`) run's counts.

`tests/mutation/scores.csv` is written by `./dev.sh mutate` after every run that is not the lane's sample: one row
per module with the counts, the score and the hash of the source that was mutated. `./dev.sh mutate --board` lists
the scope (protocol's core rules, desktop/services, desktop/sync, desktop/scan_routing.py, backend/rules and the
modules that took over from them) against it: measured, changed since its run (stale), or never measured. The
first score a module ever got is kept as its «before», so the board is the before/after table of the issue."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tests.support.mutation_map import ROOT

if TYPE_CHECKING:
    from tests.support.mutation import Score

BOARD = ROOT / "tests" / "mutation" / "scores.csv"
THRESHOLD = 0.90
FIELDS = ("module", "mutants", "killed", "survived", "no_tests", "timeout", "equivalent", "score", "before",
          "measured", "run", "source")
SCOPE_FILES = ("protocol/money.py", "protocol/ean13.py", "protocol/pickup_code.py", "protocol/order_states.py",
               "desktop/scan_routing.py", "desktop/cache_bulk.py", "backend/code_pool.py", "backend/code_prepare.py",
               "backend/payload_types.py")
SCOPE_DIRS = ("desktop/services", "desktop/sync", "backend/rules")


def scope(has_mutants: Callable[[str], bool]) -> list[str]:
    """The modules issue 18 asks a score for: those of SCOPE_FILES and SCOPE_DIRS that have mutants."""
    found = [*SCOPE_FILES, *(p.relative_to(ROOT).as_posix() for d in SCOPE_DIRS for p in (ROOT / d).rglob("*.py"))]
    return sorted(m for m in set(found) if (ROOT / m).is_file() and has_mutants(m))


def read(path: Path | None = None) -> dict[str, dict[str, str]]:
    path = path or BOARD
    if not path.is_file():
        return {}
    return {row["module"]: row for row in csv.DictReader(io.StringIO(path.read_text("utf-8")))}


def record(scores: Iterable[Score], sources: dict[str, str], run: str, path: Path | None = None,
           today: dt.date | None = None) -> None:
    """Write each scored module's row; a module's first score ever stays its «before»."""
    rows = read(path)
    for score in scores:
        module, counts, value = score.module, score.counts, score.value
        if module not in sources or not score.mutants:  # a module with no function mutmut mutates is not scored
            continue
        before = rows.get(module, {}).get("before") or f"{value:.1%}"
        rows[module] = {"module": module, "mutants": str(score.mutants),
                        **{f: str(counts[f.replace("_", " ")]) for f in FIELDS[2:7]}, "score": f"{value:.1%}",
                        "before": before, "measured": (today or dt.date.today()).isoformat(), "run": run,
                        "source": sources[module][:12]}
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows[m] for m in sorted(rows))
    (path or BOARD).write_text(out.getvalue(), "utf-8")


def state(row: dict[str, str] | None, digest: str) -> str:
    """«measured», «below» (under the threshold), «stale» (the source changed since) or «never» measured."""
    if row is None:
        return "never"
    if not digest.startswith(row["source"]):
        return "stale"
    return "below" if float(row["score"].rstrip("%")) / 100 < THRESHOLD else "measured"


def text(modules: list[str], digest: Callable[[str], str], path: Path | None = None) -> tuple[str, bool]:
    """The board as a table, and whether every module of the scope is measured on its current source at ≥ 90 %."""
    rows = read(path)
    lines = [f"{'module':<48}{'mutants':>8}{'before':>8}{'score':>8}  {'state':<9}measured"]
    states = []
    for module in modules:
        row = rows.get(module)
        states.append(state(row, digest(module)))
        if row is None:
            lines.append(f"{module:<48}{'':>8}{'':>8}{'':>8}  {states[-1]}")
        else:
            lines.append(f"{module:<48}{row['mutants']:>8}{row['before']:>8}{row['score']:>8}  {states[-1]:<9}"
                         f"{row['measured']} ({row['run']})")
    tally = {s: states.count(s) for s in ("measured", "below", "stale", "never")}
    lines.append(", ".join(f"{n} {s}" for s, n in tally.items()) + f" of {len(modules)} modules")
    return "\n".join(lines), tally["measured"] == len(modules)
