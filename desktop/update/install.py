"""Install a staged update at start (app closed, database not yet opened), self-test it, roll back on failure.

Runs in the program the installer put into the install directory — the stable launcher, never written to —
before anything opens the database:

1. a staged version newer than the current one moves to ``versions/<version>/`` and its own
   ``--self-test --json`` runs (exit 0 works, 1 degraded: accepted; 2, a crash or a timeout: refused). The
   self-test never migrates the database, so the database keeps the schema of the version that ran last and
   a rollback is always to a version whose schema it has. Accepted: it becomes current (the old current
   becomes previous). Refused: its directory goes, it is remembered as bad (never offered again), a log line
   and the state's `rolled_back` tell the manager; the current version stays.
2. the start is handed over to the current version when it is newer than the launcher itself: POSIX
   replaces the process (``execv``); Windows has no exec, so the launcher runs it and waits (the launcher's
   exe is not the one being replaced, so nothing needs to overwrite a running program).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.update.layout import UpdateLayout, UpdateState, load_state, parse_version, save_state
from desktop.update.stamp import executable_name

log = logging.getLogger(__name__)
HANDOFF_ENV = "PICKUP_UPDATE_HANDOFF"  # set in the handed-over process: it never hands over again
SELF_TEST_TIMEOUT_S = 180.0
ACCEPTED_EXIT_CODES = (0, 1)  # works / degraded (e.g. server unreachable); 2: cannot work
GUI_ONLY_FLAGS = ("--quit-after-start",)

Runner = Callable[[list[str], float], tuple[int, str]]  # (command, timeout) → (exit code, stdout)


@dataclass(frozen=True)
class InstallOutcome:
    """What the start-up install did: `version` installed (`accepted`) or rolled back."""

    version: str
    accepted: bool
    exit_code: int


def newer(version: str | None, than: str | None) -> bool:
    a, b = parse_version(version), parse_version(than)
    return a is not None and (b is None or a > b)


def self_test_command(version_dir: Path, windows: bool, argv: Sequence[str] = ()) -> list[str]:
    """The new version's self-test with this start's configuration flags (Windows: the console twin)."""
    flags = [arg for arg in argv if arg not in GUI_ONLY_FLAGS]
    return [str(version_dir / executable_name(windows, console=True)), "--self-test", "--json", *flags]


def clean_environment(environ: dict[str, str], purpose: str) -> dict[str, str]:
    """The environment for another PyInstaller bundle: without this bootloader's variables (``_PYI_*``; on
    Linux ``LD_LIBRARY_PATH`` points into this bundle — its original comes back), reset for a fresh start."""
    env = {k: v for k, v in environ.items() if not k.startswith(("_PYI_", "_MEIPASS"))}
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    env.pop("LD_LIBRARY_PATH", None)
    if original:
        env["LD_LIBRARY_PATH"] = original
    env["PYINSTALLER_RESET_ENVIRONMENT"] = "1"
    env[HANDOFF_ENV] = purpose
    return env


def run_command(command: list[str], timeout: float) -> tuple[int, str]:
    """Run the self-test; a program that cannot start or hangs counts as «cannot work» (2)."""
    env = clean_environment(dict(os.environ), "self-test")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.error("the self-test of the update could not run: %s", exc)
        return 2, ""
    if "Traceback" in done.stderr:
        log.error("the self-test of the update crashed:\n%s", done.stderr[-2000:])
        return 2, done.stdout
    return done.returncode, done.stdout


def verdict(exit_code: int, stdout: str) -> bool:
    """Accept exit 0/1 from a self-test that reported (a program that never ran its self-test prints nothing)
    unless the JSON report itself says it cannot work."""
    if exit_code not in ACCEPTED_EXIT_CODES:
        return False
    try:
        report = json.loads(stdout)
    except ValueError:
        return bool(stdout.strip())  # the text report of a version without --json
    return isinstance(report, dict) and report.get("exit_code", exit_code) in ACCEPTED_EXIT_CODES


def install_staged(layout: UpdateLayout, launcher_version: str, windows: bool, argv: Sequence[str] = (),
                   runner: Runner = run_command) -> InstallOutcome | None:
    """Install the staged version, if any (see the module's docstring); None when there was nothing to do."""
    state = load_state(layout)
    version = state.staged
    if version is None:
        return None
    state.staged = None
    source = layout.staged_dir(version)
    if not source.is_dir() or state.is_bad(version) or not newer(version, state.current or launcher_version):
        log.info("staged update %s discarded (missing, refused before, or not newer)", version)
        shutil.rmtree(source, ignore_errors=True)
        save_state(layout, state)
        return None
    target = layout.version_dir(version)
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    source.rename(target)
    code, stdout = runner(self_test_command(target, windows, argv), SELF_TEST_TIMEOUT_S)
    accepted = verdict(code, stdout)
    if accepted:
        _accept(layout, state, version)
    else:
        _roll_back(layout, state, version, code, launcher_version)
    save_state(layout, state)
    return InstallOutcome(version, accepted, code)


def _accept(layout: UpdateLayout, state: UpdateState, version: str) -> None:
    state.previous, state.current = state.current, version
    state.rolled_back = None
    log.info("update %s installed: its self-test passed; it starts from now on", version)
    keep = {state.current, state.previous}
    for old in layout.versions.iterdir():
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def _roll_back(layout: UpdateLayout, state: UpdateState, version: str, code: int, launcher: str) -> None:
    shutil.rmtree(layout.version_dir(version), ignore_errors=True)
    if version not in state.bad:
        state.bad.append(version)
    state.rolled_back = version
    log.error("update %s failed its self-test (exit code %s): rolled back to %s; it will not be offered again",
              version, code, state.current or launcher)


def start_command(layout: UpdateLayout, launcher_version: str, windows: bool) -> list[str] | None:
    """The current version's program when it is newer than the launcher (else the launcher runs itself)."""
    current = load_state(layout).current
    if not newer(current, launcher_version):
        return None
    assert current is not None
    program = layout.version_dir(current) / executable_name(windows)
    if not program.exists():
        log.warning("the current version %s is missing (%s): the installed program runs", current, program)
        return None
    return [str(program)]


def hand_over(command: list[str], argv: Sequence[str], windows: bool,
              execv: Callable[[str, list[str], dict[str, str]], None] = os.execve,
              call: Callable[..., int] = subprocess.call) -> int:
    """Start `command` with this start's arguments; POSIX replaces this process, Windows waits for it."""
    env = clean_environment(dict(os.environ), "start")
    full = [*command, *argv]
    log.info("starting the updated program %s", command[0])
    if windows:
        return call(full, env=env)
    execv(full[0], full, env)
    return 0  # only reached when execv is replaced (tests)


def at_start(data_dir: Path, launcher_version: str, argv: Sequence[str], windows: bool) -> int | None:
    """The launcher's update step: install what is staged, then hand over to the current version if newer.

    Returns the exit code of a handed-over run (Windows), or None: this program goes on with the start.
    """
    if os.environ.get(HANDOFF_ENV):
        return None
    layout = UpdateLayout.for_data_dir(data_dir)
    if not layout.state_file.exists():
        return None
    install_staged(layout, launcher_version, windows, argv)
    command = start_command(layout, launcher_version, windows)
    return hand_over(command, argv, windows) if command else None
