"""The real counter app as a process (`python -m ui`, the README's run path) and its cache read with sqlite3.

`CounterApp` starts the app on its embedded default (local SQLite cache plus the reference backend in-process,
filled with the demo point on the first start) with its data and logs in a test directory, on an X display
of the test's own, with the real xcb platform. `Cache` reads that cache the way an engineer would with
``sqlite3``: a fresh connection per look, never held open while the app runs or restarts.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop.logs import LOG_FILE_NAME
from protocol.states import ShipmentStatus

ROOT = Path(__file__).resolve().parents[2]
MAIN_WINDOW = "^Пункт выдачи — "  # the main window's title once the app is up (the login screen in it)
STARTING = " starting; "  # the app log's first line of every start
REGISTERED = "ui.scan_dispatch: scan "  # the app log's line for every scan it recognised and handles («scan box»)


class CounterApp:
    """Start, `kill -9`, restart and wait for the app; its output goes to `log` (kept for failures)."""

    def __init__(self, data_dir: Path, env: dict[str, str], log: Path) -> None:
        self.data_dir = data_dir
        self.log = log
        clean = {k: v for k, v in env.items() if not k.startswith(("PICKUP_DESK_", "XDG_", "QT_"))}
        home = data_dir.parent / "home"
        self.env = {**clean, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
                    "XDG_CONFIG_DIRS": str(home / "site"), "XDG_DATA_HOME": str(home / "data"),
                    "XDG_STATE_HOME": str(home / "state"), "QT_QPA_PLATFORM": "xcb", "PICKUP_DESK_MUTE": "1"}
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def cache(self) -> Path:
        return self.data_dir / "cache.sqlite3"

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "the app is already running"
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n=== start {self.starts} ===\n".encode())
            out.flush()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "ui", "--data-dir", str(self.data_dir), "--log-dir",
                 str(self.data_dir.parent / "logs")],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)

    def kill_9(self) -> None:
        """SIGKILL, as a power cut or the task manager would: no handler, no flush, no clean-up."""
        assert self.proc is not None and self.proc.poll() is None, "the app is not running"
        os.kill(self.proc.pid, signal.SIGKILL)
        assert self.proc.wait(30) == -signal.SIGKILL

    def wait_exit(self, timeout: float) -> int:
        assert self.proc is not None
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"the app did not quit within {timeout:.0f} s") from exc

    def stop(self) -> None:
        """Teardown: the app must not outlive the test (SIGKILL if it still runs)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)

    @property
    def app_log(self) -> Path:
        return self.data_dir.parent / "logs" / LOG_FILE_NAME

    def registered(self, kind: str) -> int:
        """How many scans of this kind (ScanKind value) the running app has recognised since it started."""
        if not self.app_log.exists():
            return 0
        lines = self.app_log.read_text("utf-8", errors="replace").splitlines()
        starts = [n for n, line in enumerate(lines) if STARTING in line]
        since = lines[starts[-1]:] if starts else lines
        return sum(1 for line in since if line.rstrip().endswith(REGISTERED + kind))

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""


class Cache:
    """Read-only looks into the app's cache SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        if not self.path.exists():
            return []
        conn = sqlite3.connect(self.path, timeout=10)
        try:
            return conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # the app is still creating the cache
                return []
            raise
        finally:
            conn.close()

    def value(self, sql: str, *args: Any) -> Any:
        found = self.rows(sql, *args)
        return found[0][0] if found else None

    def logins(self) -> int:
        return int(self.value("SELECT COUNT(*) FROM audit_journal WHERE action = 'auth.login'") or 0)

    def open_shift(self) -> bool:
        return bool(self.value("SELECT COUNT(*) FROM shifts WHERE closed_at IS NULL"))

    def smallest_truck(self) -> tuple[str, list[str]] | None:
        """The in-transit shipment with the fewest boxes and its box barcodes (None before the demo is in)."""
        found = self.rows("SELECT s.number FROM shipments s JOIN boxes b ON b.shipment_id = s.id "
                          "WHERE s.status = ? GROUP BY s.id ORDER BY COUNT(b.id), s.number LIMIT 1",
                          ShipmentStatus.IN_TRANSIT)
        if not found:
            return None
        number = found[0][0]
        boxes = self.rows("SELECT b.barcode FROM boxes b JOIN shipments s ON s.id = b.shipment_id "
                          "WHERE s.number = ? ORDER BY b.barcode", number)
        return number, [barcode for (barcode,) in boxes]

    def sessions(self, shipment: str) -> list[tuple[int, str, str | None, str | None]]:
        """(id, status, closed_at, summary JSON) of every receiving session of the shipment."""
        return self.rows("SELECT r.id, r.status, r.closed_at, r.summary FROM receiving_sessions r "
                         "JOIN shipments s ON s.id = r.shipment_id WHERE s.number = ? ORDER BY r.id", shipment)

    def scans(self) -> list[tuple[int, int, str, str, int]]:
        """(id, session id, barcode, outcome, undone) of every receiving scan, in the order made."""
        return self.rows("SELECT id, session_id, barcode, outcome, undone FROM receiving_scans ORDER BY id")
