"""Install at start: self-test, accept or roll back, hand over — with the Windows decisions and commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop.update import install
from desktop.update.layout import UpdateLayout, UpdateState, load_state, save_state
from desktop.update.notice import read_notice


def staged_bundle(layout: UpdateLayout, version: str) -> Path:
    folder = layout.staged_dir(version)
    (folder / "_internal").mkdir(parents=True)
    (folder / "PickupDesk").write_text("#!/bin/sh\n")
    (folder / "PickupDesk.exe").write_text("")
    return folder


def with_staged(tmp_path: Path, version: str, **state: object) -> UpdateLayout:
    layout = UpdateLayout.for_data_dir(tmp_path)
    staged_bundle(layout, version)
    save_state(layout, UpdateState(staged=version, **state))  # type: ignore[arg-type]
    return layout


def runner(code: int, stdout: str = "") -> install.Runner:
    def run(command: list[str], timeout: float) -> tuple[int, str]:
        run.commands.append(command)  # type: ignore[attr-defined]
        return code, stdout

    run.commands = []  # type: ignore[attr-defined]
    return run


@pytest.mark.parametrize("code", [0, 1])
def test_a_version_that_passes_its_self_test_becomes_current(tmp_path: Path, code: int) -> None:
    layout = with_staged(tmp_path, "1.5.0", current="1.4.0")
    (layout.version_dir("1.4.0")).mkdir(parents=True)
    (layout.version_dir("1.3.0")).mkdir(parents=True)  # older than previous: pruned
    run = runner(code, json.dumps({"exit_code": code, "checks": []}))
    outcome = install.install_staged(layout, "1.3.0", windows=False, argv=["--data-dir", "/d", "--quit-after-start"],
                                     runner=run)
    assert outcome == install.InstallOutcome("1.5.0", True, code)
    state = load_state(layout)
    assert (state.current, state.previous, state.staged, state.bad) == ("1.5.0", "1.4.0", None, [])
    assert run.commands == [[str(layout.version_dir("1.5.0") / "PickupDesk"), "--self-test", "--json",  # type: ignore[attr-defined]
                             "--data-dir", "/d"]]
    assert sorted(p.name for p in layout.versions.iterdir()) == ["1.4.0", "1.5.0"]
    assert not layout.staged_dir("1.5.0").exists()


def test_a_version_that_cannot_work_is_rolled_back_and_remembered(tmp_path: Path) -> None:
    layout = with_staged(tmp_path, "1.6.0", current="1.5.0", previous="1.4.0")
    outcome = install.install_staged(layout, "1.4.0", windows=False, runner=runner(2))
    assert outcome is not None and not outcome.accepted
    state = load_state(layout)
    assert (state.current, state.previous, state.bad, state.rolled_back) == ("1.5.0", "1.4.0", ["1.6.0"], "1.6.0")
    assert not layout.version_dir("1.6.0").exists()
    assert read_notice(tmp_path).rolled_back == "1.6.0"
    # staged again (say, by an older client): discarded without another self-test
    staged_bundle(layout, "1.6.0")
    state.staged = "1.6.0"
    save_state(layout, state)
    again = runner(0, "{}")
    assert install.install_staged(layout, "1.4.0", windows=False, runner=again) is None
    assert again.commands == [] and load_state(layout).current == "1.5.0"  # type: ignore[attr-defined]


def test_a_json_report_saying_it_cannot_work_is_a_failure() -> None:
    assert install.verdict(0, json.dumps({"exit_code": 0}))
    assert install.verdict(1, "text report of an older version")
    assert not install.verdict(1, json.dumps({"exit_code": 2}))
    assert not install.verdict(2, "")
    assert not install.verdict(-11, "")  # crashed
    assert not install.verdict(1, "")  # the bundle did not start (the bootloader's exit 1, nothing reported)
    assert not install.verdict(0, "[1, 2]")


def test_a_crashing_or_missing_program_fails_its_self_test(tmp_path: Path) -> None:
    crash = tmp_path / "crash.py"
    crash.write_text("raise SystemExit(__import__('sys').exit(1 / 0))\n")
    assert install.run_command([sys.executable, str(crash)], 30)[0] == 2  # a Traceback, whatever the exit code
    assert install.run_command([str(tmp_path / "missing")], 30)[0] == 2


def test_a_staged_version_not_newer_than_the_current_is_discarded(tmp_path: Path) -> None:
    layout = with_staged(tmp_path, "1.4.0", current="1.5.0")
    assert install.install_staged(layout, "1.3.0", windows=False, runner=runner(0)) is None
    assert load_state(layout).current == "1.5.0" and not layout.staged_dir("1.4.0").exists()


def test_the_data_dir_is_left_alone_by_install_and_rollback(tmp_path: Path) -> None:
    cache, device = tmp_path / "cache.sqlite3", tmp_path / "device.json"
    cache.write_bytes(b"SQLite format 3\0 queue")
    device.write_text("{}")
    layout = with_staged(tmp_path, "1.5.0")
    install.install_staged(layout, "1.4.0", windows=False, runner=runner(0, "{}"))
    save_state(layout, UpdateState(staged="1.6.0", current="1.5.0"))
    staged_bundle(layout, "1.6.0")
    install.install_staged(layout, "1.4.0", windows=False, runner=runner(2))
    assert cache.read_bytes() == b"SQLite format 3\0 queue" and device.read_text() == "{}"
    assert {p.name for p in tmp_path.iterdir()} == {"cache.sqlite3", "device.json", "updates"}


def test_windows_runs_the_console_twin_for_the_self_test_and_waits_for_the_handed_over_app(tmp_path: Path) -> None:
    layout = with_staged(tmp_path, "1.5.0")
    run = runner(0, "{}")
    install.install_staged(layout, "1.4.0", windows=True, runner=run)
    assert run.commands[0][0] == str(layout.version_dir("1.5.0") / "PickupDeskCli.exe")  # type: ignore[attr-defined]
    command = install.start_command(layout, "1.4.0", windows=True)
    assert command == [str(layout.version_dir("1.5.0") / "PickupDesk.exe")]
    calls: list[tuple[list[str], dict[str, str]]] = []

    def call(full: list[str], env: dict[str, str]) -> int:
        calls.append((full, env))
        return 7

    def no_exec(*_: object) -> None:
        raise AssertionError("Windows has no exec")

    assert install.hand_over(command, ["--point", "0042"], windows=True, execv=no_exec, call=call) == 7
    assert calls[0][0] == [*command, "--point", "0042"] and calls[0][1][install.HANDOFF_ENV] == "start"


def test_posix_replaces_the_launcher_process(tmp_path: Path) -> None:
    seen: list[list[str]] = []
    install.hand_over(["/x/versions/1.5.0/PickupDesk"], ["-platform", "offscreen"], windows=False,
                      execv=lambda path, argv, env: seen.append(argv))
    assert seen == [["/x/versions/1.5.0/PickupDesk", "-platform", "offscreen"]]


def test_the_launcher_runs_itself_when_it_is_newer_or_the_current_is_gone(tmp_path: Path) -> None:
    layout = UpdateLayout.for_data_dir(tmp_path)
    save_state(layout, UpdateState(current="1.5.0"))
    assert install.start_command(layout, "1.4.0", windows=False) is None  # versions/1.5.0 missing
    (layout.version_dir("1.5.0")).mkdir(parents=True)
    (layout.version_dir("1.5.0") / "PickupDesk").write_text("")
    assert install.start_command(layout, "1.4.0", windows=False) is not None
    assert install.start_command(layout, "1.6.0", windows=False) is None  # the installer put a newer one


def test_a_handed_over_process_never_hands_over_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layout = UpdateLayout.for_data_dir(tmp_path)
    save_state(layout, UpdateState(current="1.5.0"))
    (layout.version_dir("1.5.0")).mkdir(parents=True)
    (layout.version_dir("1.5.0") / "PickupDesk").write_text("")
    monkeypatch.setenv(install.HANDOFF_ENV, "start")
    assert install.at_start(tmp_path, "1.4.0", [], windows=False) is None


def test_the_bundles_own_environment_is_not_passed_on() -> None:
    env = install.clean_environment({"PATH": "/bin", "_PYI_APPLICATION_HOME_DIR": "/old/_internal",
                                     "LD_LIBRARY_PATH": "/old/_internal", "LD_LIBRARY_PATH_ORIG": "/usr/local/lib"},
                                    "start")
    assert env == {"PATH": "/bin", "LD_LIBRARY_PATH": "/usr/local/lib", "PYINSTALLER_RESET_ENVIRONMENT": "1",
                   install.HANDOFF_ENV: "start"}
