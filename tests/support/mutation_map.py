"""Mutation testing: which test files cover which module, and which modules the mutation lane mutates.

mutmut maps each mutated function to the tests that reach it (it records the calls while running the candidate
test files once); this table only chooses the candidate files. A module without an entry is covered by the test
files of tests/unit, tests/backend and tests/sms that import it. A new test file for a module with an entry is
picked up when its name holds the module's (test_scan_routing_masks.py); otherwise name it here.
"""

from __future__ import annotations

import ast
import random
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTABLE_PACKAGES = ("protocol", "desktop", "backend")
NEVER_MUTATED = ("/migrations/", "desktop/demo/", "protocol/demo_data.py")
DISCOVERY_DIRS = ("tests/unit", "tests/backend", "tests/sms")

# Receiving's own test files: the workflow's other importers (manager reports, upgrade fixtures, returns at shift
# close, warranty feed) reach its functions only on their way and cost 15 s a mutant without stating its rules.
_RECEIVING_TESTS = ("tests/unit/test_receiving.py", "tests/unit/test_receiving_edges.py",
                    "tests/unit/test_receiving_resume.py", "tests/unit/test_receiving_counts_plan.py",
                    "tests/unit/test_receiving_scan_rules.py", "tests/unit/test_receiving_resume_rules.py",
                    "tests/unit/test_receiving_trail_rules.py")

TESTS_BY_MODULE: dict[str, tuple[str, ...]] = {
    "protocol/money.py": ("tests/unit/test_money_codes.py", "tests/unit/test_money_codes_edges.py"),
    "protocol/ean13.py": ("tests/unit/test_money_codes.py",),
    "protocol/pickup_code.py": ("tests/unit/test_money_codes.py", "tests/unit/test_money_codes_edges.py",
                                "tests/unit/test_pepper.py", "tests/unit/test_code_lookup_tags.py"),
    "protocol/order_states.py": ("tests/unit/test_order_states.py", "tests/unit/test_order_states_lifecycle.py"),
    "protocol/phone.py": ("tests/unit/test_phone.py",),
    "desktop/scan_routing.py": ("tests/unit/test_scan_routing.py",),
    "desktop/services/club.py": ("tests/unit/test_club.py", "tests/unit/test_club_edges.py",
                                 "tests/unit/test_money_feed.py"),  # the bonus balance by card or phone
    "desktop/services/receiving/scanning.py": _RECEIVING_TESTS,
    "desktop/services/receiving/service.py": _RECEIVING_TESTS,
    "desktop/services/receiving/rows.py": _RECEIVING_TESTS,
    "desktop/services/receiving/resume.py": _RECEIVING_TESTS,
    "desktop/services/receiving/elsewhere.py": (*_RECEIVING_TESTS, "tests/unit/test_received_elsewhere.py"),
    "desktop/services/receiving/summary.py": (*_RECEIVING_TESTS, "tests/unit/test_received_elsewhere.py"),
    "backend/rules/base.py": ("tests/backend/test_rules.py", "tests/backend/test_rules_edges.py",
                              "tests/backend/test_rules_boxes_rule_path.py", "tests/backend/test_push_batch.py",
                              "tests/backend/test_push_setwise.py", "tests/backend/test_push_lookups.py"),
    "backend/rules/boxes.py": ("tests/backend/test_rules.py", "tests/backend/test_rules_edges.py",
                               "tests/backend/test_push_setwise.py"),
    "backend/rules/club.py": ("tests/backend/test_rules.py", "tests/backend/test_club_rules.py",
                              "tests/backend/test_rules_edges.py", "tests/backend/test_club_rules_eligibility.py"),
    "backend/rules/handover.py": ("tests/backend/test_rules.py", "tests/backend/test_rules_edges.py",
                                  "tests/backend/test_money_rules.py"),
    "backend/rules/sms.py": ("tests/backend/test_rules.py", "tests/backend/test_rules_edges.py"),
    # the sync engine's in-process tests (a fake backend behind a SyncClient-like API, no server, no sleeps)
    "desktop/sync/engine.py": ("tests/unit/test_journal_report.py", "tests/unit/test_received_elsewhere.py",
                               "tests/integration/test_sync_engine.py", "tests/integration/test_pull_prefetch.py",
                               "tests/integration/test_snapshot_progress.py", "tests/unit/test_sync_idle_cycle.py",
                               "tests/integration/test_push_read_ahead.py"),
    "desktop/sync/apply.py": ("tests/sms/test_change_types.py", "tests/unit/test_cache_bulk.py",
                              "tests/unit/test_money_feed.py", "tests/unit/test_warranty_feed.py",
                              "tests/integration/test_sync_engine.py"),
    "desktop/sync/money_feed.py": ("tests/unit/test_money_feed.py",),
    # not tests/unit/test_update_repository.py: it needs packaging/, which the mutation work directory leaves out
    "desktop/sync/client.py": ("tests/unit/test_faults.py", "tests/unit/test_update_policy.py"),
    # the money and warranty rules' tests push events over HTTP and import no rule module: named here
    "backend/rules/certificates.py": ("tests/backend/test_certificates.py", "tests/backend/test_money_rules.py"),
    "backend/rules/money.py": ("tests/backend/test_money_rules.py", "tests/backend/test_certificates.py",
                               "tests/backend/test_money_admin.py", "tests/backend/test_money_rules_edges.py"),
    "backend/rules/claims.py": ("tests/backend/test_claims.py", "tests/backend/test_claim_states.py",
                                "tests/backend/test_claims_return_order.py", "tests/backend/test_claims_audit.py"),
    # the set-wise receiving scan: every plain scan the rule tests push goes through it
    "backend/rules/receiving.py": ("tests/backend/test_push_setwise.py", "tests/backend/test_push_batch.py",
                                   "tests/backend/test_push_feed_lock.py", "tests/backend/test_feed_writers.py",
                                   "tests/backend/test_rules.py", "tests/backend/test_rules_edges.py",
                                   "tests/backend/test_rules_boxes_rule_path.py",  # a late box after the close
                                   "tests/backend/test_ready_sms_promise.py"),  # the held «ready» SMS
    "backend/code_prepare.py": ("tests/backend/test_push_pool.py", "tests/backend/test_push_codes.py"),
    # counter services whose functions every workflow calls on its way: their own tests, not every importer
    "desktop/services/base.py": ("tests/unit/test_foundation.py", "tests/unit/test_staff.py"),
    "desktop/services/point_info.py": ("tests/unit/test_manager_activity.py",),
    "desktop/services/order_summary.py": ("tests/unit/test_orders.py", "tests/unit/test_handover_model_values.py"),
    "desktop/services/order_card.py": ("tests/unit/test_orders.py", "tests/unit/test_handover_model_values.py"),
    # the manager's journal and activity helpers: the tests of the services that call them (they import the service)
    "desktop/services/manager/journal_subjects.py": ("tests/unit/test_journal_report.py",),
    "desktop/services/manager/journal_details.py": ("tests/unit/test_journal_report.py",),
    "desktop/services/manager/activity_counts.py": ("tests/unit/test_manager_activity.py",
                                                    "tests/unit/test_manager_activity_flow.py"),
    # sign-in and shifts: their own test_staff*.py (picked by name) and the shift close's register and sessions;
    # not the manager's activity, journal, pepper or dispatch tests, which open and close shifts only on their way
    # (half a minute a mutant of the shift functions without stating a rule of them)
    "desktop/services/staff.py": ("tests/unit/test_fiscal_shift.py", "tests/unit/test_receiving_resume.py",
                                  "tests/unit/test_return_sessions_at_shift_close.py",
                                  "tests/unit/test_warranty_shift_close.py"),
}

# The lane's fallback when no mutable module changed: fast core modules whose tests take seconds.
CORE_SAMPLE = ("protocol/money.py", "protocol/ean13.py", "protocol/pickup_code.py", "protocol/order_states.py",
               "desktop/scan_routing.py")
LANE_MODULES = 3  # at most this many modules (a seeded choice among the changed ones)
LANE_TEST_FILES = 2  # a lane module mapped by discovery runs at most this many test files (see candidate_tests)
SEED = 18


def is_mutable(module: str) -> bool:
    """A Python file of protocol/, desktop/ or backend/ that mutation testing covers (not migrations or demo data)."""
    return (module.endswith(".py") and module.split("/")[0] in MUTABLE_PACKAGES
            and not any(part in module for part in NEVER_MUTATED) and (ROOT / module).is_file())


def dotted(module: str) -> str:
    return module.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _imports(test_file: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(test_file.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _with_env_helpers(names: set[str]) -> set[str]:
    """A test file's imports plus those of the tests' environment helpers it imports (tests/unit/warranty_env.py
    builds the WarrantyService the warranty tests drive): the tests reach the services through them."""
    helpers = {n for n in names if n.startswith("tests.") and n.endswith("_env")}
    for helper in helpers:
        path = ROOT / (helper.replace(".", "/") + ".py")
        if path.is_file():
            names = names | _imports(path)
    return names


@cache
def _imports_by_test_file() -> dict[str, frozenset[str]]:
    files = sorted(f for d in DISCOVERY_DIRS for f in (ROOT / d).glob("test_*.py"))
    return {f.relative_to(ROOT).as_posix(): frozenset(_with_env_helpers(_imports(f))) for f in files}


def _importers(name: str) -> tuple[str, ...]:
    """Test files importing the module, or its package when that is a workflow package (desktop.services.receiving:
    tests import the service from the package, whose __init__ re-exports it)."""
    parent = name.rsplit(".", 1)[0]
    wanted = {name, parent} if parent.count(".") >= 2 else {name}
    return tuple(f for f, names in _imports_by_test_file().items() if wanted & names)


def candidate_tests(module: str, own: bool = False) -> tuple[str, ...]:
    """The candidate test files of a module: its table entry (and the importers named after it), else the
    discovered test files that import it.

    `own` (the lane) keeps the run short: of the importers only those named after the module (test_journal_report.py
    for journal.py), else after its package (test_receiving*.py for receiving/scanning.py), else the first
    LANE_TEST_FILES of them.
    """
    name = dotted(module)
    importers = _importers(name)
    if module in TESTS_BY_MODULE:  # plus any importer named after the module (test_scan_routing_masks.py)
        stem = name.rsplit(".", 1)[-1]
        named = [f for f in importers if stem in Path(f).stem and f not in TESTS_BY_MODULE[module]]
        return TESTS_BY_MODULE[module] + tuple(named)
    if not own:
        return importers
    for stem in name.split(".")[:0:-1]:  # the module's own name, then its packages' (not the top package)
        named = tuple(f for f in importers if stem in Path(f).stem.removeprefix("test_"))
        if named:
            return named
    return importers[:LANE_TEST_FILES]


def _git(*args: str) -> str | None:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def lane_base() -> tuple[str | None, str]:
    """The revision the lane diffs against and why: the last release tag; without one (no release yet, or a clone
    without tags) nothing, so the lane runs the fixed core sample — the same modules on every machine, never a
    verdict that depends on which commit happened to be last."""
    tag = _git("describe", "--tags", "--abbrev=0", "HEAD")
    if tag:
        return tag, f"changed since the release tag {tag}"
    return None, "no release tag"


def lane_modules(has_mutants: Callable[[str], bool]) -> tuple[list[str], str]:
    """The modules the mutation lane mutates (mutable, with tests and mutants) and a sentence saying why those."""
    base, why = lane_base()
    changed = (_git("diff", "--name-only", base, "HEAD", "--", *MUTABLE_PACKAGES) or "").split() if base else []
    candidates = sorted(m for m in changed if is_mutable(m) and candidate_tests(m) and has_mutants(m))
    if not candidates:
        return list(CORE_SAMPLE), f"{why}; no changed module with tests, so the fixed core sample"
    if len(candidates) > LANE_MODULES:
        candidates = sorted(random.Random(SEED).sample(candidates, LANE_MODULES))
    return candidates, why
