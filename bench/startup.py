"""Start-up to the login screen, quit, and memory at the login screen — next to a bare PySide6 window; the bundle.

Each run starts the app with ``--quit-after-start`` (offscreen Qt, throw-away data directory
prepared by one warm-up run, so the first-run demo set-up is not counted); the app prints the
wall-clock time and its resident memory when the login screen first paints (the clerk can type: the core is
still loading) and when it takes logins (the start-up done, the workspace built), and quits at once.
The floor is measured in the same run the same way: a bare PySide6 window (QApplication + one QWidget)
printing when it first paints, then quitting. Printed for the venv: ours / floor / ratio for
- start → login screen painted (target ≤ 3× the floor), and start → the login screen takes logins,
- quit (login screen painted → process gone) with the backend unreachable (connection refused) and with a
  black-hole backend (accepts, never answers) while the sync attempt is in flight (target ≤ 0.3 s),
- resident memory at the login screen once it takes logins (target < 2× the floor), and at its first paint.
Bundle vs venv start-up: target bundle ≤ 1.2× venv and < 1.5 s.

    .venv/bin/python bench/startup.py [--bundle dist/PickupDesk/PickupDesk] [--runs 5] [--embedded] [--venv-only]

By default the measured start is an enrolled counter PC (credential present, backend configured but
unreachable: the app starts offline); ``--embedded`` measures the demo default, which also imports and
starts the in-process FastAPI backend.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "login-screen-shown-at "
RSS_MARK = "login-screen-rss-kib "
READY_MARK = "login-ready-at "
READY_RSS_MARK = "login-ready-rss-kib "
TIMEOUT = 120
REFUSED = "http://127.0.0.1:9"
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window and not hasattr(self, "done"):
            self.done = True
            print("login-screen-shown-at", f"{time.time():.6f}", flush=True)
            status = open("/proc/self/status").read().split("VmRSS:")
            print("login-screen-rss-kib", status[1].split()[0] if len(status) > 1 else 0, flush=True)
            QTimer.singleShot(0, app.quit)
        return False
window = QWidget()
window.resize(1366, 768)
painted = Painted()
app.installEventFilter(painted)
window.show()
app.exec()
"""


@dataclass(frozen=True)
class Run:
    to_login: float  # s from the process start to the first paint of the login screen
    quit: float  # s from the login screen taking logins to the process exit (the app quits at once)
    rss_mib: float  # resident memory when the login screen takes logins (the bare window: at its paint)
    to_ready: float = 0.0  # s from the process start to the login screen taking logins
    rss_painted_mib: float = 0.0  # resident memory at the first paint


class BlackHole:
    """A TCP server that accepts connections and never answers (a backend hung behind a proxy)."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.held: list[socket.socket] = []
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.listener.close()
        for connection in self.held:
            connection.close()


def isolated_env(home: Path) -> dict[str, str]:
    """The app's environment: its own home, offscreen Qt, and Python's bytecode cache on, as on a counter PC.

    PYTHONDONTWRITEBYTECODE (set on some build machines) would make every start compile the app's ~100 modules from
    source again: a bundle carries its bytecode and pip compiles an installed package, so the warm-up run writes
    the checkout's cache and the measured runs read it (measured: 0.9 MiB and ~0.1 s of the start were compiling)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PICKUP_DESK_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CONFIG_DIRS=str(home / "site"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    return env


def one_run(command: list[str], env: dict[str, str]) -> Run:
    """One start to the login screen and straight out again."""
    started = time.time()
    result = subprocess.run(
        [*command, "--quit-after-start"], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    ended = time.time()
    shown = [line for line in result.stdout.splitlines() if line.startswith(MARK)]
    if result.returncode != 0 or not shown:
        raise RuntimeError(
            f"{command[0]} did not reach the login screen (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        )
    marks = {name: float(line[len(name):]) for line in result.stdout.splitlines()
             for name in (MARK, RSS_MARK, READY_MARK, READY_RSS_MARK) if line.startswith(name)}
    if READY_MARK not in marks:
        raise RuntimeError(f"{command[0]} painted the login screen but never took logins:\n{result.stderr[-3000:]}")
    ready = marks[READY_MARK]
    return Run(marks[MARK] - started, ended - ready, marks.get(READY_RSS_MARK, 0.0) / 1024, ready - started,
               marks.get(RSS_MARK, 0.0) / 1024)


def as_counter_pc(home: Path, backend: str = REFUSED) -> None:
    """Turn the demo install into an enrolled counter PC whose backend is `backend` (no embedded server)."""
    device = home / "data" / "PickupDesk" / "device.json"
    credential = json.loads(device.read_text(encoding="utf-8"))
    credential["backend_url"] = backend
    device.write_text(json.dumps(credential), encoding="utf-8")
    (home / "config" / "PickupDesk").mkdir(parents=True, exist_ok=True)
    (home / "config" / "PickupDesk" / "config.toml").write_text(f'backend_url = "{backend}"\n')


def median_run(samples: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(s, name) for s in samples)
                 for name in ("to_login", "quit", "rss_mib", "to_ready", "rss_painted_mib")))


VENV_APP = [sys.executable, str(ROOT / "packaging" / "launcher.py")]


def measure(name: str, command: list[str], runs: int, counter_pc: bool) -> dict[str, Run]:
    """Median runs per network case: 'refused' (or 'embedded'), and 'black hole' for a counter PC.

    The first run creates the demo point with the checkout's app (it has the embedded server; a production bundle
    has none), then the measured command starts on that data."""
    cases: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="pd-bench-") as home:
        env = isolated_env(Path(home))
        warm = one_run(VENV_APP if counter_pc else command, env)
        print(f"{name}: first run (creates the demo data) {warm.to_ready:.2f} s until the login screen takes logins")
        if not counter_pc:
            cases["embedded"] = median_run([one_run(command, env) for _ in range(runs)])
            return cases
        as_counter_pc(Path(home))
        cases["refused"] = median_run([one_run(command, env) for _ in range(runs)])
        hole = BlackHole()
        try:
            as_counter_pc(Path(home), hole.url)
            cases["black hole"] = median_run([one_run(command, env) for _ in range(runs)])
        finally:
            hole.close()
    return cases


def bare_window(runs: int) -> Run:
    env = isolated_env(Path(tempfile.gettempdir()))
    samples = []
    for _ in range(runs):
        started = time.time()
        result = subprocess.run([sys.executable, "-c", BARE_WINDOW], env=env, capture_output=True, text=True,
                                timeout=TIMEOUT, check=True)
        ended = time.time()
        lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
        painted = float(lines[MARK.strip()])
        samples.append(Run(painted - started, ended - painted, int(lines[RSS_MARK.strip()]) / 1024))
    return median_run(samples)


def print_table(cases: dict[str, Run], floor: Run) -> None:
    print(f"{'path':<52} {'ours':>9} {'floor':>9} {'ratio':>7}  target")
    for case, run in cases.items():
        rows = [(f"start → login screen painted ({case})", run.to_login, floor.to_login, "s", "≤ 3×"),
                (f"start → login screen takes logins ({case})", run.to_ready, floor.to_login, "s", ""),
                (f"quit, sync in flight ({case})", run.quit, floor.quit, "s", "≤ 0.3 s"),
                (f"memory, login screen takes logins ({case})", run.rss_mib, floor.rss_mib, "MiB", "< 2×"),
                (f"memory at its first paint ({case})", run.rss_painted_mib, floor.rss_mib, "MiB", "")]
        for label, ours, base, unit, target in rows:
            print(f"{label:<52} {ours:>7.2f}{unit:>2} {base:>7.2f}{unit:>2} {ours / max(base, 1e-6):>6.2f}×  {target}")


def default_bundle() -> Path:
    """dist/PickupDesk (./dev.sh build), else the newest bundle the packaging test cached."""
    dist = ROOT / "dist" / "PickupDesk" / "PickupDesk"
    cached = sorted((ROOT / "build" / "bundle-cache").glob("*/dist/PickupDesk/PickupDesk"),
                    key=lambda p: p.stat().st_mtime)
    return dist if dist.exists() or not cached else cached[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=default_bundle())
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--venv-only", action="store_true")
    parser.add_argument("--embedded", action="store_true",
                        help="measure the demo default (in-process FastAPI backend) instead of an enrolled counter PC")
    options = parser.parse_args()
    counter_pc = not options.embedded
    print("mode:", "embedded demo backend" if options.embedded else "enrolled counter PC, backend unreachable")
    floor = bare_window(options.runs)
    venv = measure("venv", VENV_APP, options.runs, counter_pc)
    print(f"medians of {options.runs} runs; load average {os.getloadavg()[0]:.2f}")
    print_table(venv, floor)
    if options.venv_only:
        return 0
    if not options.bundle.exists():
        print(f"bundle {options.bundle} not found: build it with ./dev.sh build (or pass --bundle)")
        return 0
    print(f"bundle: {options.bundle}")
    bundle = measure("bundle", [str(options.bundle)], options.runs, counter_pc)
    print_table(bundle, floor)
    first = next(iter(venv))
    ratio = bundle[first].to_login / venv[first].to_login
    verdict = "OK" if ratio <= 1.2 and bundle[first].to_login < 1.5 else "over target"
    print(f"bundle/venv = {ratio:.2f} (target ≤ 1.20, bundle < 1.5 s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
