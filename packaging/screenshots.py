"""Screenshots of the real app under Xvfb: start `python -m ui.app`, type scans with xdotool, save PNGs.

Usage: python packaging/screenshots.py [--out docs/screenshots] [--keep-data]
Starts Xvfb on :99 (1366x768x24) unless a display :99 is already up, runs the app on a temporary
data directory (it starts its embedded backend, enrols and syncs the demo point; the demo codes
are read from the backend's demo-secrets.json), logs in as the demo clerk and drives every page
as a clerk with a wedge scanner would.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DISPLAY = ":99"
SCREEN = "1366x768x24"
SCANNER_DELAY_MS = 6  # a wedge scanner types a character every few milliseconds
HAND_DELAY_MS = 140  # a person types much slower


class Driver:
    """xdotool on the Xvfb display: scanner-speed bursts, hand typing, keys, screenshots."""

    def __init__(self, out: Path, env: dict[str, str]) -> None:
        self.out = out
        self.env = env
        self.window = ""

    def x(self, *args: str) -> str:
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    def scan(self, code: str, settle: float = 0.8) -> None:
        self.x("type", "--delay", str(SCANNER_DELAY_MS), code)
        self.x("key", "Return")
        time.sleep(settle)

    def type(self, text: str) -> None:
        self.x("type", "--delay", str(HAND_DELAY_MS), text)

    def key(self, *keys: str, settle: float = 0.6, refocus: bool = True) -> None:
        """Press keys; `refocus` first gives the main window the X focus back (there is no window
        manager under Xvfb to do it after a dialog closes). Keys meant for an open dialog pass
        refocus=False."""
        if refocus and self.window:
            self.x("windowfocus", self.window)
        for key in keys:
            self.x("key", key)
        time.sleep(settle)

    def click(self, at: tuple[int, int], settle: float = 0.6) -> None:
        """A mouse click at window coordinates (only where no key reaches the widget)."""
        self.x("mousemove", "--window", self.window, str(at[0]), str(at[1]))
        self.x("click", "1")
        time.sleep(settle)

    def shot(self, name: str) -> Path:
        time.sleep(0.4)
        path = self.out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True)
        print("saved", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return path

    def wait_for_window(self, title: str, timeout: float = 180.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.x("search", "--onlyvisible", "--name", title)
            if found:
                self.window = found.splitlines()[-1]
                self.x("windowfocus", self.window)
                return self.window
            time.sleep(0.5)
        raise SystemExit(f"окно «{title}» не появилось за {timeout:.0f} с")


def start_xvfb(env: dict[str, str]) -> subprocess.Popen[bytes] | None:
    if subprocess.run(["xdpyinfo"], env=env, capture_output=True, check=False).returncode == 0:
        return None  # a display is already up
    proc = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", SCREEN, "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        if subprocess.run(["xdpyinfo"], env=env, capture_output=True, check=False).returncode == 0:
            return proc
        time.sleep(0.1)
    return proc


def prepare_demo(data_dir: Path) -> dict[str, Any]:
    """Without the embedded backend: a migrated cache with the demo point; returns its secrets."""
    import dataclasses

    from desktop.db.migrate import migrate_with_backup
    from desktop.demo.loader import load_demo
    from protocol.demo_data import generate_point

    db = migrate_with_backup(data_dir / "cache.sqlite3")
    demo = generate_point(orders=160)
    load_demo(db, demo)
    db.dispose()
    return dataclasses.asdict(demo["secrets"])


def embedded_secrets(data_dir: Path, timeout: float = 180.0) -> dict[str, Any]:
    """The demo secrets the embedded backend wrote on its first start (demo only)."""
    path = data_dir / "demo-secrets.json"
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit("встроенный сервер не записал demo-secrets.json")
        time.sleep(0.5)
    return dict(json.loads(path.read_text(encoding="utf-8")))


class DemoData:
    """Barcodes for the tour, read from the prepared cache (this tool may read the file directly)."""

    def __init__(self, path: Path, secrets: dict[str, Any]) -> None:
        self.conn = sqlite3.connect(path)
        self.pickup_codes: dict[str, str] = secrets["pickup_codes"]
        self.card_codes: dict[str, str] = secrets["card_codes"]

    def rows(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, args).fetchall()

    def box_sizes(self, barcodes: list[str]) -> list[tuple[str, str]]:
        sizes = dict(self.rows(f"SELECT barcode, size_class FROM boxes WHERE barcode IN "  # noqa: S608
                               f"({','.join('?' * len(barcodes))})", *barcodes))
        return [(b, sizes[b]) for b in barcodes]

    def shipment_boxes(self) -> tuple[str, list[str]]:
        number = self.rows("SELECT number FROM shipments ORDER BY number LIMIT 1")[0][0]
        boxes = self.rows("SELECT b.barcode FROM boxes b JOIN shipments s ON s.id = b.shipment_id "
                          "WHERE s.number = ? ORDER BY b.barcode", number)
        return number, [b for (b,) in boxes]

    def ready_order(self) -> tuple[str, str, list[tuple[str, str]]]:
        """A ready retail order paid at pickup, under the ID-check threshold, with a known pickup code;
        its boxes with their size classes."""
        rows = self.rows("SELECT o.number FROM orders o WHERE o.status = 'ready' AND o.kind = 'retail' "
                         "AND o.total_kopecks < 10000000 ORDER BY o.prepaid, o.boxes_total DESC, o.number")
        number = next(n for (n,) in rows if n in self.pickup_codes)
        boxes = self.rows("SELECT b.barcode, b.size_class FROM boxes b JOIN orders o ON o.id = b.order_id "
                          "WHERE o.number = ? ORDER BY b.seq_no", number)
        return number, self.pickup_codes[number], [(b, size) for b, size in boxes]

    def club(self) -> tuple[str, str, str]:
        """(card number, activation code, phone of a customer with a ≥ 5,000 ₽ order and no card)."""
        card = sorted(self.card_codes)[0]
        phone = self.rows("SELECT c.phone FROM customers c JOIN orders o ON o.customer_id = c.id "
                          "WHERE o.status IN ('ready', 'handed_over') AND o.total_kopecks >= 500000 "
                          "ORDER BY o.total_kopecks DESC LIMIT 1")[0][0]
        return card, self.card_codes[card], phone


ORDER_HISTORY_TAB = (550, 417)  # the Orders page's «История» tab at 1366x768
RACK_FOR_SIZE = {"S": ("A", 6), "M": ("C", 4), "L": ("E", 2), "XL": ("F", 1)}  # the demo's racks


def tour(drv: Driver, data: DemoData) -> None:
    drv.shot("01-login")
    log_in(drv, "ST000001", "1111", open_shift=True)
    receiving(drv, data)
    _shipment, received = data.shipment_boxes()
    placement(drv, data.box_sizes(received[1:3]))  # two of the boxes just received
    number, code, boxes = data.ready_order()
    handover(drv, number, code, [b for b, _ in boxes])
    club(drv, data)
    other_pages(drv, number)
    demo_sms(drv)


def receiving(drv: Driver, data: DemoData) -> None:
    shipment, boxes = data.shipment_boxes()
    drv.key("ctrl+F3")
    drv.key("F2", settle=0.5)  # focus the shipment field
    drv.type(shipment)
    drv.key("Return", settle=1.5)
    for box in boxes[:7]:
        drv.scan(box, settle=0.5)
    drv.scan(boxes[0], settle=1.0)  # a repeat: amber
    drv.shot("02-receiving-counters")
    drv.scan("B999950000000101", settle=1.0)  # another point's box: red
    drv.shot("03-receiving-foreign-box")


def placement(drv: Driver, boxes: list[tuple[str, str]]) -> None:
    """Put received boxes into the suggested cell (the first free one of the box's size in the demo)."""
    drv.key("ctrl+F4")
    for n, (box, size) in enumerate(boxes):
        rack, _capacity = RACK_FOR_SIZE[size]
        drv.scan(box, settle=1.2)
        if n == 0:
            drv.shot("04-placement-suggested-cell")
        drv.scan(f"C{rack}0101", settle=1.2)
    drv.shot("05-placement-placed")


def handover(drv: Driver, number: str, code: str, boxes: list[str]) -> None:
    drv.key("ctrl+F2")
    drv.scan(number, settle=1.5)
    drv.type(code)  # the customer reads the SMS code aloud
    drv.key("Return", settle=2.0, refocus=False)
    drv.shot("06-handover-verified")
    for box in boxes:
        drv.scan(box)
    drv.shot("07-handover-boxes-scanned")
    drv.key("F9", settle=1.0)  # payment dialog: the due amount is pre-filled
    drv.key("Return", settle=1.5, refocus=False)
    drv.shot("08-handover-paid")
    drv.key("F10", settle=2.0)
    drv.shot("09-handover-done")


def club(drv: Driver, data: DemoData) -> None:
    card, code, phone = data.club()
    drv.key("ctrl+F5")
    drv.scan(card, settle=1.0)
    drv.type(code)
    drv.key("Tab", "Tab")
    drv.key("ctrl+a")
    drv.type("Москва")
    drv.key("Tab")
    drv.type(phone)
    drv.key("F2", settle=1.5)
    drv.shot("10-club-eligibility")
    drv.key("F10", settle=2.0)
    drv.shot("11-club-activated")


def log_in(drv: Driver, badge: str, pin: str, open_shift: bool) -> None:
    drv.scan(badge)  # the badge, at scanner speed
    drv.type(pin)  # the PIN, by hand
    drv.key("Return", settle=2.0)
    drv.key("Return" if open_shift else "Escape", settle=1.5, refocus=False)  # "open the shift?"


def other_pages(drv: Driver, handed_over: str) -> None:
    """Every further registered page (orders, returns, sync…) by its navigation shortcut; manager
    pages after logging in again as the demo manager. The Orders page shows the order just handed
    over (found by scanning its number): lines, boxes, SMS and the timeline."""
    from ui.pages import PAGE_CLASSES

    mine = {"HandoverPage", "ReceivingPage", "PlacementPage", "ClubPage"}
    manager = False
    for n, cls in enumerate((c for c in PAGE_CLASSES if c.__name__ not in mine), start=12):
        if cls.min_role.rank > 1 and not manager:
            drv.key("ctrl+l", settle=1.0)  # lock; the manager logs in
            log_in(drv, "ST000002", "2222", open_shift=False)
            manager = True
        drv.key(cls.shortcut.replace("Ctrl+", "ctrl+"), settle=1.5)
        if cls.__name__ == "OrdersPage":
            drv.scan(handed_over, settle=2.0)
        drv.shot(f"{n:02d}-{cls.__name__.removesuffix('Page').lower()}")
        if cls.__name__ == "OrdersPage":
            drv.click(ORDER_HISTORY_TAB, settle=1.0)
            drv.shot(f"{n:02d}-orders-timeline")


def demo_sms(drv: Driver) -> None:
    """Справка → «Демо: SMS и коды получения»: what the embedded backend's demo gateway "sent"."""
    drv.key("ctrl+shift+s", settle=3.0)  # the dialog reads the log file off the GUI thread
    drv.shot("15-demo-sms")
    drv.key("Escape", settle=0.5, refocus=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--keep-data", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("[0-9][0-9]-*.png"):  # only this tour's own shots (hw_* belong to the hardware tour)
        old.unlink()
    env = dict(os.environ, DISPLAY=DISPLAY, PICKUP_DESK_MUTE="1", QT_QPA_PLATFORM="xcb")
    xvfb = start_xvfb(env)
    data_dir = Path(tempfile.mkdtemp(prefix="pickup-desk-shots-"))
    env |= {"PICKUP_DESK_DATA_DIR": str(data_dir), "PICKUP_DESK_LOG_DIR": str(data_dir / "logs")}
    app = None
    try:
        embedded = importlib.util.find_spec("backend.embedded") is not None
        prepared = None if embedded else prepare_demo(data_dir)
        app = subprocess.Popen([sys.executable, "-m", "ui.app"], cwd=ROOT, env=env)
        drv = Driver(args.out, env)
        drv.wait_for_window("Пункт выдачи")
        time.sleep(2.0)
        data = DemoData(data_dir / "cache.sqlite3", prepared or embedded_secrets(data_dir))
        tour(drv, data)
    finally:
        if app is not None:
            app.terminate()
            app.wait(20)
        if xvfb is not None:
            xvfb.terminate()
        if not args.keep_data:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
