"""Start-up time to the login screen: the PyInstaller bundle next to the virtual environment.

Each run starts the app with ``--quit-after-start`` (offscreen Qt, throw-away data directory
prepared by one warm-up run, so the first-run demo set-up is not counted); the app prints the
wall-clock time when the login screen first paints. Target: bundle ≤ 1.2× venv and < 1.5 s.

    .venv/bin/python bench/startup.py [--bundle dist/PickupDesk/PickupDesk] [--runs 5] [--embedded]

By default the measured start is an enrolled counter PC (credential present, backend configured but
unreachable: the app starts offline); ``--embedded`` measures the demo default, which also imports and
starts the in-process FastAPI backend.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "login-screen-shown-at "
TIMEOUT = 120


def isolated_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PICKUP_DESK_")}
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


def one_run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the login screen, seconds to a clean exit) for one start."""
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
    return float(shown[0][len(MARK) :]) - started, ended - started


def as_counter_pc(home: Path) -> None:
    """Turn the demo install into an enrolled counter PC whose backend is unreachable (no embedded server)."""
    offline = "http://127.0.0.1:9"
    device = home / "data" / "PickupDesk" / "device.json"
    credential = json.loads(device.read_text(encoding="utf-8"))
    credential["backend_url"] = offline
    device.write_text(json.dumps(credential), encoding="utf-8")
    (home / "config" / "PickupDesk").mkdir(parents=True, exist_ok=True)
    (home / "config" / "PickupDesk" / "config.toml").write_text(f'backend_url = "{offline}"\n')


def measure(name: str, command: list[str], runs: int, counter_pc: bool) -> float:
    with tempfile.TemporaryDirectory(prefix="pd-bench-") as home:
        env = isolated_env(Path(home))
        warm = one_run(command, env)
        print(f"{name}: first run (creates the demo data) {warm[0]:.2f} s to login")
        if counter_pc:
            as_counter_pc(Path(home))
        samples = [one_run(command, env) for _ in range(runs)]
    to_login = statistics.median(s[0] for s in samples)
    to_exit = statistics.median(s[1] for s in samples)
    spread = f"{min(s[0] for s in samples):.2f}…{max(s[0] for s in samples):.2f}"
    print(f"{name}: {to_login:.2f} s to the login screen (median of {runs}, {spread}); {to_exit:.2f} s to exit")
    return to_login


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
    venv = measure("venv", [sys.executable, str(ROOT / "packaging" / "launcher.py")], options.runs, counter_pc)
    if options.venv_only:
        return 0
    if not options.bundle.exists():
        print(f"bundle {options.bundle} not found: build it with ./dev.sh build (or pass --bundle)")
        return 0
    print(f"bundle: {options.bundle}")
    bundle = measure("bundle", [str(options.bundle)], options.runs, counter_pc)
    ratio = bundle / venv
    verdict = "OK" if ratio <= 1.2 and bundle < 1.5 else "over target"
    print(f"bundle/venv = {ratio:.2f} (target ≤ 1.20, bundle < 1.5 s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
