"""Screenshots of the real app under Xvfb: start `python -m ui.app`, type scans with xdotool, save PNGs.

Usage: python packaging/screenshots.py [--out docs/screenshots] [--display auto|:N] [--keep-data]
Starts its own Xvfb at the counter's commonest size, 1366x768 (`--display auto`, the default, lets Xvfb pick a
free display number; `--display :N` uses display N, started if it is not up), runs the app on a temporary data
directory (it starts its embedded backend, enrols and syncs the demo point; the demo codes are read from the
backend's demo-secrets.json) and drives it as a clerk with a wedge scanner would: a truck's waybill scanned
on Приёмка and a burst of its boxes, placement, a handover, the demo club customer's order paid with points, a
gift certificate and cash (its receipt), a club card with its balance and a certificate sale, the other pages;
then the manager logs
in and goes through the manager's console (Ctrl+F9) tab by tab, its previews and its export dialog.

Every step waits for what it caused, by polling: the cache (a scan recorded, a session closed), a window by its
title (`xdotool search --name`), or the screen itself (a real change, then still; the text caret's blinking
does not count). A step whose effect never comes stops the tour with a message naming the step.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import select
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from desktop.fiscal.fake_atol import FakeAtolServer  # noqa: E402  (the repository's own code, after the path)

WIDTH, HEIGHT = 1366, 768
SCREEN = f"{WIDTH}x{HEIGHT}x24"
SCANNER_DELAY_MS = 6  # a wedge scanner types a character every few milliseconds
HAND_DELAY_MS = 140  # a person types much slower
KEY_NAMES = {"-": "minus", "/": "slash", ".": "period", "_": "underscore", ":": "colon", "+": "plus", " ": "space"}
MAIN_WINDOW = "Пункт выдачи — "  # the title once the start-up is done: the login screen takes logins
PREVIEW = "Предпросмотр"
T = TypeVar("T")

# Where the mouse goes where no key reaches the widget (window coordinates at 1366x768). Every click is
# checked: one that changes nothing on screen stops the tour naming the target, so a moved layout is noticed.
AT = {
    "orders history tab": (550, 417),
    "returns tab to return": (650, 186),
    "console tab Приёмки": (268, 198),
    "console tab Ожидают": (375, 198),
    "console tab Исключения": (498, 198),
    "console tab Сотрудники": (632, 198),
    "console tab Графики": (750, 198),
    "console tab Журнал": (849, 198),
    "period 30 days": (1141, 151),
    "arrivals row 2": (450, 301),
    "staff shifts row 1": (340, 328),
    "journal check button": (300, 245),
}
CHART_TABS = {  # the chart sub-tabs of «Графики»: file name part → where its tab is
    "received": (308, 238),
    "handovers": (488, 238),
    "discrepancies": (649, 238),
    "sms": (752, 238),
    "occupancy": (827, 238),
}
RACK_FOR_SIZE = {"S": ("A", 6), "M": ("C", 4), "L": ("E", 2), "XL": ("F", 1)}  # the demo's racks
FOREIGN_BOX = "B999950000000101"  # a box of another pickup point
# protocol/demo_money.py: the demo club customer (2 000 confirmed points) and an active 3 000 ₽ certificate
DEMO_MONEY_PHONE = "+79161110013"
DEMO_CERTIFICATE, DEMO_CERTIFICATE_PIN = "GC004200000002", "11110002"
BANNER_PIXEL = (1340, 36)  # inside the page's coloured banner, right of its text
TONES = {"ok": (11, 107, 43), "warning": (242, 169, 0), "error": (176, 0, 32)}
# A busy PC can delay xdotool between two keys of a scan past the app's inter-key limit (the scan then reads as
# typing); a root tour raises xdotool's priority for scans, and every scan is checked and repeated if it failed.
SCAN_NICE = ["nice", "-n", "-10"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


class TourError(SystemExit):
    """A step whose effect did not come: the tour stops with this message."""


def wait_until(condition: Callable[[], T | None], what: str, timeout: float = 15.0, every: float = 0.1) -> T:
    """Poll `condition` until it returns something truthy (returned); TourError naming `what` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise TourError(f"screenshots: not seen within {timeout:.0f} s: {what}")
        time.sleep(every)


def first_difference(a: bytes, b: bytes) -> int:
    """Index of the first differing byte of two equally long, different byte strings (binary search)."""
    lo, hi = 0, len(a)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def changed_width(a: bytes, b: bytes) -> int:
    """How wide (px) the part of the screen that differs between two RGB captures is (0: the same)."""
    stride = WIDTH * 3
    left, right = stride, -1
    for y in range(0, min(len(a), len(b)), stride):
        row_a, row_b = a[y:y + stride], b[y:y + stride]
        if row_a != row_b:
            left = min(left, first_difference(row_a, row_b))
            right = max(right, stride - 1 - first_difference(row_a[::-1], row_b[::-1]))
    return 0 if right < 0 else (right - left) // 3 + 1


class Driver:
    """xdotool on the Xvfb display: scanner-speed bursts, hand typing, keys, clicks, waits, screenshots."""

    CARET = 4  # px: a change no wider than this is the text caret blinking, not the app answering

    def __init__(self, out: Path, env: dict[str, str]) -> None:
        self.out = out
        self.env = env
        self.window = ""
        self.saved: list[Path] = []

    def x(self, *args: str, prefix: list[str] | None = None) -> str:
        try:
            done = subprocess.run([*(prefix or []), "xdotool", *args], env=self.env, capture_output=True, text=True,
                                  timeout=60, check=False)
        except subprocess.TimeoutExpired as exc:
            raise TourError(f"screenshots: xdotool {' '.join(args[:3])} hung") from exc
        return done.stdout.strip()

    # --- the screen --------------------------------------------------------------------------------

    def capture(self) -> bytes:
        return subprocess.run(["import", "-window", "root", "-depth", "8", "rgb:-"], env=self.env,
                              capture_output=True, timeout=30, check=True).stdout

    @staticmethod
    def tone(screen: bytes) -> str:
        """The colour of the page's banner: ok, warning, error, or other (no banner, a dialog over it)."""
        at = (BANNER_PIXEL[1] * WIDTH + BANNER_PIXEL[0]) * 3
        pixel = screen[at:at + 3]
        near = [name for name, rgb in TONES.items() if all(abs(a - b) < 24 for a, b in zip(pixel, rgb, strict=True))]
        return near[0] if near else "other"

    def changed(self, before: bytes, after: bytes) -> bool:
        return changed_width(before, after) > self.CARET

    def wait_change(self, before: bytes, what: str, timeout: float = 10.0) -> bytes:
        """Until the screen differs from `before` (beyond the caret); the new capture."""
        found: list[bytes] = []

        def differs() -> bool:
            found[:] = [self.capture()]
            return self.changed(before, found[0])

        wait_until(differs, f"any change on screen after {what}", timeout, every=0.15)
        return found[0]

    def settle(self, timeout: float = 8.0) -> None:
        """Until two captures a moment apart are the same (a long step is left to finish drawing)."""
        last = self.capture()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = self.capture()
            if not self.changed(last, now):
                return
            last = now
        print(f"screenshots: the screen was still changing after {timeout:.0f} s", file=sys.stderr)

    def shot(self, name: str) -> Path:
        self.settle()
        path = self.out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True, timeout=30)
        self.saved.append(path)
        print("saved", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path, flush=True)
        return path

    # --- windows -----------------------------------------------------------------------------------

    def visible(self, title: str) -> list[str]:
        return self.x("search", "--onlyvisible", "--name", title).split()

    def names(self) -> list[str]:
        """Titles of the visible windows (for an error message)."""
        return sorted({self.x("getwindowname", w) for w in self.visible(".")} - {""})

    def wait_window(self, title: str, timeout: float = 15.0) -> str:
        """A visible window whose title matches `title` (a regex), given the keyboard; its id."""
        try:
            found = wait_until(lambda: self.visible(title), f"a window «{title}»", timeout, every=0.2)
        except TourError as exc:
            raise TourError(f"{exc}; visible windows: {self.names()}") from None
        self.x("windowfocus", found[-1])
        return found[-1]

    def wait_closed(self, title: str, timeout: float = 10.0) -> None:
        wait_until(lambda: not self.visible(title), f"the window «{title}» closed", timeout, every=0.2)

    def close_dialog(self, title: str, key: str = "Escape") -> None:
        """Press `key` in the dialog `title` (it gets the keyboard first) and wait until it is gone."""
        self.wait_window(title)
        self.x("key", key)
        self.wait_closed(title)

    def main_window(self, timeout: float = 180.0) -> str:
        self.window = self.wait_window(MAIN_WINDOW, timeout)
        return self.window

    # --- the clerk's hands and the scanner --------------------------------------------------------

    def focus_main(self) -> None:
        """There is no window manager under Xvfb to give the main window the keyboard back after a dialog."""
        if self.window:
            self.x("windowfocus", self.window)

    def scan(self, *codes: str) -> None:
        """Codes at scanner speed, each ending in Return, as one burst (`xdotool type` would send Linefeed)."""
        keys: list[str] = []
        for code in codes:
            keys += [KEY_NAMES.get(char, char) for char in code]
            keys.append("Return")
        self.x("key", "--delay", str(SCANNER_DELAY_MS), *keys, prefix=SCAN_NICE)

    def type(self, text: str) -> None:
        self.x("type", "--delay", str(HAND_DELAY_MS), text)

    def key(self, *keys: str, main: bool = True) -> None:
        """Keys to the main window (`main=False`: to whatever has the keyboard now, such as a dialog)."""
        if main:
            self.focus_main()
        self.x("key", "--delay", str(HAND_DELAY_MS), *keys)

    def press(self, what: str, *keys: str, main: bool = True) -> None:
        """Keys whose answer is visible: wait for the screen to change, then to settle."""
        before = self.capture()
        self.key(*keys, main=main)
        self.wait_change(before, what)
        self.settle()

    def click(self, target: str, at: tuple[int, int] | None = None, double: bool = False) -> None:
        """A mouse click on `target` (AT) that must change something on screen."""
        x, y = at or AT[target]
        before = self.capture()
        self.x("mousemove", "--window", self.window, str(x), str(y))
        self.x("click", "--repeat", "2" if double else "1", "1")
        self.wait_change(before, f"a click on {target} at {x},{y} (has the layout moved? see AT in this file)")
        self.settle()


class Cache:
    """Reads the app's cache while the tour runs, to wait for what a scan or a key did (read-only)."""

    def __init__(self, path: Path, secrets: dict[str, Any]) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        self.pickup_codes: dict[str, str] = secrets["pickup_codes"]
        self.card_codes: dict[str, str] = secrets["card_codes"]

    def rows(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, args).fetchall()

    def value(self, sql: str, *args: Any) -> Any:
        found = self.rows(sql, *args)
        return found[0][0] if found else None

    def wait(self, what: str, sql: str, *args: Any, timeout: float = 15.0) -> Any:
        """Poll until the query's first value is truthy; that value."""
        return wait_until(lambda: self.value(sql, *args), what, timeout)

    # --- what the tour scans --------------------------------------------------------------------

    def shipments(self) -> list[tuple[str, list[str]]]:
        """The demo's trucks in transit: (waybill number, its box barcodes)."""
        out = []
        for (number,) in self.rows("SELECT number FROM shipments ORDER BY number"):
            boxes = self.rows("SELECT b.barcode FROM boxes b JOIN shipments s ON s.id = b.shipment_id "
                              "WHERE s.number = ? ORDER BY b.barcode", number)
            out.append((number, [b for (b,) in boxes]))
        return out

    def box_sizes(self, barcodes: list[str]) -> list[tuple[str, str]]:
        sizes = dict(self.rows(f"SELECT barcode, size_class FROM boxes WHERE barcode IN "  # noqa: S608
                               f"({','.join('?' * len(barcodes))})", *barcodes))
        return [(b, sizes[b]) for b in barcodes]

    def ready_orders(self) -> list[tuple[str, str, list[str]]]:
        """Ready retail orders under the ID-check threshold with a known pickup code, paid at pickup first:
        (number, code, box barcodes)."""
        rows = self.rows("SELECT o.number FROM orders o WHERE o.status = 'ready' AND o.kind = 'retail' "
                         "AND o.total_kopecks < 10000000 ORDER BY o.prepaid, o.boxes_total DESC, o.number")
        out = []
        for (number,) in rows:
            if number in self.pickup_codes:
                boxes = self.rows("SELECT b.barcode FROM boxes b JOIN orders o ON o.id = b.order_id "
                                  "WHERE o.number = ? ORDER BY b.seq_no", number)
                out.append((number, self.pickup_codes[number], [b for (b,) in boxes]))
        return out

    def money_order(self) -> tuple[str, str, list[str]] | None:
        """The demo club customer's ready order paid at pickup (number, code, boxes), if the demo has one."""
        number = self.value("SELECT o.number FROM orders o JOIN customers c ON c.id = o.customer_id "
                            "WHERE o.status = 'ready' AND o.kind = 'retail' AND o.prepaid = 0 AND c.phone = ? "
                            "ORDER BY o.number", DEMO_MONEY_PHONE)
        if number is None or number not in self.pickup_codes:
            return None
        boxes = self.rows("SELECT b.barcode FROM boxes b JOIN orders o ON o.id = b.order_id WHERE o.number = ? "
                          "ORDER BY b.seq_no", number)
        return number, self.pickup_codes[number], [b for (b,) in boxes]

    def club(self) -> tuple[str, str, str]:
        """(card number, activation code, phone of a customer with a ≥ 5,000 ₽ order and no card)."""
        card = sorted(self.card_codes)[0]
        phone = self.value("SELECT c.phone FROM customers c JOIN orders o ON o.customer_id = c.id "
                           "WHERE o.status IN ('ready', 'handed_over') AND o.total_kopecks >= 500000 "
                           "ORDER BY o.total_kopecks DESC LIMIT 1")
        return card, self.card_codes[card], phone

    # --- what the tour waits for ----------------------------------------------------------------

    def session_of(self, waybill: str) -> str | None:
        return self.value("SELECT r.uid FROM receiving_sessions r JOIN shipments s ON s.id = r.shipment_id "
                          "WHERE s.number = ? AND r.closed_at IS NULL", waybill)

    def scans_in(self, session_uid: str) -> int:
        return int(self.value("SELECT count(*) FROM receiving_scans x JOIN receiving_sessions r "
                              "ON r.id = x.session_id WHERE r.uid = ?", session_uid) or 0)

    def scanned_in(self, session_uid: str) -> set[str]:
        """Barcodes recorded in the receiving session."""
        return {b for (b,) in self.rows("SELECT x.barcode FROM receiving_scans x JOIN receiving_sessions r "
                                        "ON r.id = x.session_id WHERE r.uid = ?", session_uid)}

    def wait_scans(self, session_uid: str, count: int, what: str, timeout: float = 30) -> None:
        wait_until(lambda: self.scans_in(session_uid) >= count, what, timeout=timeout)

    def handover_has(self, number: str, box: str) -> bool:
        """Whether the order's newest handover has the box scanned."""
        return box in json.loads(self.handover_value("scanned_boxes", number) or "[]")

    def handover_value(self, column: str, number: str) -> Any:
        return self.value(f"SELECT h.{column} FROM handovers h JOIN orders o ON o.id = h.order_id "  # noqa: S608
                          "WHERE o.number = ? ORDER BY h.id DESC LIMIT 1", number)


# --- the tour ----------------------------------------------------------------------------------------

class Tour:
    """The clerk's day, then the manager's console; `problems` collects what did not go as a clerk expects."""

    def __init__(self, drv: Driver, cache: Cache) -> None:
        self.drv = drv
        self.cache = cache
        self.problems: list[str] = []

    def run(self) -> None:
        drv = self.drv
        drv.shot("01-login")
        self.log_in("ST000001", "1111", open_shift=True)
        self.receiving()
        money = self.cache.money_order()  # the demo club customer's order: points + certificate + cash
        orders = [o for o in self.cache.ready_orders() if money is None or o[0] != money[0]]
        number, code, boxes = orders[0]
        self.handover(number, code, boxes)
        self.locked_order(orders[1])
        if money is None:
            self.problems.append("no ready order of the demo club customer to pay with points and a certificate")
        else:
            self.money_payment(*money)
        self.club()
        self.orders_page(number)
        self.warranty(number)
        self.returns()
        self.demo_sms()
        drv.press("locking the window", "ctrl+l")
        self.log_in("ST000002", "2222", open_shift=False)
        drv.press("the Sync page", "ctrl+F8")
        drv.shot("14-sync")
        self.console()

    def scan(self, code: str, what: str, done: Callable[[], Any] | None = None, tone: str | None = "ok") -> None:
        """Scan `code` until it takes: `done()` becomes truthy, or (without `done`) the banner turns `tone`
        (None: anything but red).

        A scan split by a delayed key reads as typing plus a shorter unknown code (a red banner): it is repeated,
        as a clerk repeats a scan that did not beep.
        """
        drv = self.drv
        for attempt in range(1, 4):
            drv.settle()
            before = drv.capture()
            drv.scan(code)
            try:
                if done is not None:
                    wait_until(done, what, timeout=10)
                    return
                drv.wait_change(before, what)
                drv.settle()
                shown = drv.tone(drv.capture())
                if shown == tone or (tone is None and shown != "error"):
                    return
            except TourError:
                pass
            print(f"screenshots: scan {attempt} of {code} did not take ({what}); scanning again", file=sys.stderr)
            drv.focus_main()
        raise TourError(f"screenshots: three scans of {code} did not take: {what}")

    def log_in(self, badge: str, pin: str, open_shift: bool) -> None:
        """The badge at scanner speed, the PIN by hand; «open the shift?»: Enter opens it, Esc does not."""
        drv = self.drv
        drv.focus_main()
        drv.scan(badge)
        drv.type(pin)
        drv.key("Return")
        drv.close_dialog("^Смена$", "Return" if open_shift else "Escape")
        if open_shift:
            self.cache.wait("the shift opened", "SELECT count(*) FROM shifts s JOIN staff t ON t.id = s.staff_id "
                            "WHERE t.badge_code = ? AND s.closed_at IS NULL", badge)
        drv.focus_main()
        drv.settle()

    # --- Приёмка: waybill scans, bursts, a damaged box, the act --------------------------------------

    def open_truck(self, waybill: str) -> str:
        """Scan the truck's waybill on Приёмка (no F2: a waybill is a scan); the session's uid."""
        drv = self.drv
        drv.focus_main()
        try:
            self.scan(waybill, f"a receiving session opened by scanning waybill {waybill}",
                      lambda: self.cache.session_of(waybill))
            return str(self.cache.session_of(waybill))
        except TourError:
            self.problems.append(f"scanning waybill {waybill} on Приёмка did not open its receiving; used F2")
        drv.key("F2")
        drv.type(waybill)
        drv.key("Return")
        return str(wait_until(lambda: self.cache.session_of(waybill), f"receiving of {waybill} opened with F2"))

    def close_truck(self, session_uid: str, expect_act: bool) -> None:
        """F9, Enter on «Закрыть приёмку?»; with discrepancies and no printer the act opens on screen."""
        drv = self.drv
        drv.key("F9")
        drv.close_dialog("^Закрыть приёмку$", "Return")
        self.cache.wait("the receiving session closed", "SELECT closed_at FROM receiving_sessions WHERE uid = ?",
                        session_uid)
        if expect_act:
            try:
                drv.wait_window(PREVIEW, timeout=10)
            except TourError:
                self.problems.append("closing with discrepancies showed no act (a printer printed it?)")

    def receiving(self) -> None:
        drv, cache = self.drv, self.cache
        (first, boxes), (second, boxes2) = cache.shipments()[:2]
        drv.press("the Receiving page", "ctrl+F3")
        uid = self.open_truck(first)
        drv.shot("16-receiving-waybill-scanned")
        received = boxes[:-3]  # three boxes did not come: the act lists them
        self.burst(uid, received)
        self.scan(boxes[0], "a box scanned again", tone="warning")  # a repeat (not recorded in the cache): amber
        drv.shot("02-receiving-counters")
        self.scan(FOREIGN_BOX, "the foreign box recorded",  # another point's box: red
                  lambda: cache.scans_in(uid) > len(received))
        drv.shot("03-receiving-foreign-box")
        self.damaged_box()
        self.close_truck(uid, expect_act=True)
        drv.shot("17-receiving-act-preview")
        if drv.visible(PREVIEW):
            drv.close_dialog(PREVIEW)
        drv.focus_main()
        drv.shot("17-receiving-closed")
        uid2 = self.open_truck(second)  # the next truck: nothing of the first one may be left on the page
        self.burst(uid2, boxes2)
        drv.shot("18-receiving-second-truck")
        self.close_truck(uid2, expect_act=False)
        drv.settle()
        self.placement(cache.box_sizes(received[1:3]))

    def burst(self, session_uid: str, boxes: list[str]) -> None:
        """The boxes at scanner speed, one after another; a box the app did not take (a key delayed on a busy
        PC splits a scan into typing) is scanned again, as a clerk does when the scanner does not beep."""
        self.drv.scan(*boxes)
        try:
            self.cache.wait_scans(session_uid, len(boxes), f"{len(boxes)} boxes recorded", timeout=20)
            return
        except TourError:
            missing = [box for box in boxes if box not in self.cache.scanned_in(session_uid)]
        print(f"screenshots: {len(missing)} of {len(boxes)} boxes not taken from the burst; scanning them again",
              file=sys.stderr)
        self.drv.focus_main()
        for box in missing:
            count = self.cache.scans_in(session_uid)
            self.drv.scan(box)
            self.cache.wait_scans(session_uid, count + 1, f"box {box} recorded", timeout=15)

    def damaged_box(self) -> None:
        """F5: the last box received is dented; the clerk types what is wrong with it (it goes into the act)."""
        drv = self.drv
        drv.key("F5")
        drv.wait_window("^Повреждение$")
        drv.settle()
        drv.type("Вмятина на углу")
        drv.close_dialog("^Повреждение$", "Return")
        try:
            self.cache.wait("the damaged box flagged", "SELECT count(*) FROM boxes WHERE damaged", timeout=5)
        except TourError:
            self.problems.append("the note typed into F5 «Повреждение» did not arrive: no box flagged damaged")
        drv.focus_main()

    def placement(self, boxes: list[tuple[str, str]]) -> None:
        """Put received boxes into the suggested cell (the first free one of the box's size in the demo)."""
        drv = self.drv
        drv.press("the Placement page", "ctrl+F4")
        for n, (box, size) in enumerate(boxes):
            rack, _capacity = RACK_FOR_SIZE[size]
            self.scan(box, f"box {box} scanned on Размещение")
            if n == 0:
                drv.shot("04-placement-suggested-cell")
            self.scan(f"C{rack}0101", f"box {box} placed",
                      partial(self.cache.value, "SELECT cell_id FROM boxes WHERE barcode = ?", box))
        drv.shot("05-placement-placed")

    # --- Выдача ---------------------------------------------------------------------------------------

    def handover(self, number: str, code: str, boxes: list[str]) -> None:
        drv, cache = self.drv, self.cache
        drv.press("the Handover page", "ctrl+F2")
        self.scan(number, f"handover of {number} started", lambda: cache.handover_value("uid", number))
        drv.type(code)  # the customer reads the SMS code aloud
        drv.key("Return", main=False)
        wait_until(lambda: cache.handover_value("verified_by", number), f"order {number} verified by its code")
        drv.shot("06-handover-verified")
        for box in boxes:
            self.scan(box, f"box {box} of {number} scanned", partial(cache.handover_has, number, box))
        drv.shot("07-handover-boxes-scanned")
        drv.key("F9")  # the payment dialog: points, certificates, card, cash; the rest always shown
        drv.wait_window("^Оплата$")
        drv.key("F7", main=False)  # cash without change: the rest of the amount due
        drv.close_dialog("^Оплата$", "F10")
        wait_until(lambda: cache.handover_value("payment", number), f"payment of {number} taken")
        drv.shot("08-handover-paid")
        drv.key("F10")
        wait_until(lambda: cache.handover_value("completed_at", number), f"order {number} handed over")
        drv.close_dialog("^Кассовый чек$")  # the receipt's slip (no register in the demo): Esc
        drv.shot("09-handover-done")

    def money_payment(self, number: str, code: str, boxes: list[str]) -> None:
        """The demo club customer pays 500 points, a gift certificate (scanned, its PIN typed) and cash."""
        drv, cache = self.drv, self.cache
        self.scan(number, f"handover of {number} started", lambda: cache.handover_value("uid", number))
        drv.type(code)
        drv.key("Return", main=False)
        wait_until(lambda: cache.handover_value("verified_by", number), f"order {number} verified by its code")
        for box in boxes:
            self.scan(box, f"box {box} of {number} scanned", partial(cache.handover_has, number, box))
        drv.key("F9")
        drv.wait_window("^Оплата$")
        drv.type("500")  # points (the field has the focus when the customer has usable points)
        drv.key("Return", main=False)
        drv.scan(DEMO_CERTIFICATE)  # scanned into the open dialog: its PIN is asked next
        time.sleep(0.5)
        drv.type(DEMO_CERTIFICATE_PIN)
        drv.key("Return", main=False)  # checked off the GUI thread; the amount to take is filled in
        time.sleep(1.5)
        drv.key("Return", main=False)  # take that amount
        drv.key("F7", main=False)  # the rest in cash, without change
        drv.settle()
        drv.shot("40-handover-payment-mixed")
        drv.close_dialog("^Оплата$", "F10")
        wait_until(lambda: cache.handover_value("payment", number), f"mixed payment of {number} taken", 30)
        drv.key("F10")
        wait_until(lambda: cache.handover_value("completed_at", number), f"order {number} handed over")
        drv.wait_window("^Кассовый чек$")
        drv.settle()
        drv.shot("41-handover-receipt")
        drv.close_dialog("^Кассовый чек$")

    def locked_order(self, order: tuple[str, str, list[str]]) -> None:
        """Someone names wrong codes for an order until it locks (the manager unlocks it); F12 gives up."""
        drv, cache = self.drv, self.cache
        number, code, _boxes = order
        wrong = f"{(int(code) + 111111) % 1000000:06d}"
        self.scan(number, f"handover of {number} started", lambda: cache.handover_value("uid", number))
        for attempt in range(1, 6):
            drv.type(wrong)
            drv.key("Return", main=False)
            if attempt < 5:
                cache.wait(f"wrong code {attempt} counted", "SELECT code_failed_attempts >= ? FROM orders "
                           "WHERE number = ?", attempt, number)
        cache.wait(f"order {number} locked", "SELECT locked_at FROM orders WHERE number = ?", number)
        drv.shot("19-handover-order-locked")
        drv.press("F12 on the locked order", "F12")

    # --- Клубные карты, Заказы, demo SMS --------------------------------------------------------------

    def club(self) -> None:
        drv = self.drv
        card, code, phone = self.cache.club()
        drv.press("the Club page", "ctrl+F5")
        self.scan(card, f"club card {card} scanned", tone=None)
        drv.type(code)
        for key in ("Tab", "Tab", "Down", "Tab"):  # the city: the first of the list, Москва (typed, its completer
            drv.key(key)                           # sometimes reorders letters under load: «Мсоква»)
            time.sleep(0.3)
        drv.type(phone)
        drv.press("F2 (eligibility)", "F2")
        drv.shot("10-club-eligibility")
        drv.key("F10")
        self.cache.wait(f"card {card} activated", "SELECT activated_at FROM club_cards WHERE number = ?", card)
        drv.shot("11-club-activated")
        drv.key("F12")  # the fields cleared (the card scanned above would name its new owner); the phone keeps focus
        drv.type(DEMO_MONEY_PHONE)  # the demo's club customer: 2 000 points, 500 of them just paid at the handover
        drv.press("F3 (the demo club customer's bonus balance)", "F3")
        drv.shot("42-club-balance")
        self.certificate_sale()

    def certificate_sale(self) -> None:
        """F4 on the club page: a stock certificate scanned into the sale dialog, its face value shown."""
        drv = self.drv
        stock = self.cache.value("SELECT number FROM certificates WHERE status = 'stock' ORDER BY number")
        if stock is None:
            self.problems.append("no stock gift certificate in the demo point's cache")
            return
        drv.key("F4")
        drv.wait_window("^Продажа подарочного сертификата$")
        drv.scan(stock)
        drv.settle()
        drv.shot("43-certificate-sale")
        drv.close_dialog("^Продажа подарочного сертификата$")

    def orders_page(self, handed_over: str) -> None:
        """The order just handed over, found by scanning its number: lines, boxes, SMS and the timeline."""
        drv = self.drv
        drv.press("the Orders page", "ctrl+F6")
        self.scan(handed_over, f"order {handed_over} found on Заказы", tone=None)
        drv.shot("12-orders")
        drv.click("orders history tab")
        drv.shot("12-orders-timeline")

    # --- Гарантия: a claim opened for the order just handed over, the item taken in, the act ---------------------

    def warranty(self, handed_over: str) -> None:
        """The customer brings the item back without a claim number: F3 opens a claim for the order, the serial is
        scanned from the item, the fault and the condition typed, two ticks; then F9 and the intake act."""
        drv, cache = self.drv, self.cache
        serial = cache.value("SELECT l.serial FROM order_lines l JOIN orders o ON o.id = l.order_id "
                             "WHERE o.number = ? AND l.serial IS NOT NULL ORDER BY l.id", handed_over) or "SN7741203"
        drv.press("the Warranty page", "ctrl+F10")
        drv.key("F3")
        drv.wait_window("^Заявка по заказу$")
        drv.type(handed_over)
        drv.key("Return", main=False)
        drv.wait_closed("^Заявка по заказу$")
        drv.focus_main()
        self.settled_tone("the claim for the order opened", "ok")
        drv.type(serial)  # typed by hand into the serial field (a scanner's burst of it lands there too)
        drv.key("Return")
        self.settled_tone(f"serial {serial} checked", "ok")
        drv.type("Не включается после падения, экран мигает")  # the fault: where the focus went
        drv.key("shift+Tab")
        drv.type("потёртости на корпусе")
        for _ in range(5):  # back up the form to the first condition tick (scratches), then to the box
            drv.key("shift+Tab")
        drv.key("space")
        for _ in range(5):
            drv.key("shift+Tab")
        drv.key("space")
        drv.shot("30-warranty-intake")
        drv.key("F9")
        cache.wait("the item taken in", "SELECT number FROM claims WHERE status = 'accepted'")
        self.preview_shot("31-warranty-intake-act")
        self.service_dispatch()

    def service_dispatch(self) -> None:
        """F5 opens a dispatch to service, the item's service label is scanned out, F8 closes it with its act."""
        drv, cache = self.drv, self.cache
        label = cache.value("SELECT label FROM claims WHERE status = 'accepted' ORDER BY accepted_at DESC")
        drv.press("F5: a dispatch to service", "F5")
        cache.wait("the dispatch opened", "SELECT uid FROM service_dispatches WHERE closed_at IS NULL")
        self.scan(label, f"service label {label} in the dispatch",
                  lambda: cache.value("SELECT count(*) FROM service_dispatch_items WHERE label = ? AND NOT undone",
                                      label))
        drv.shot("32-warranty-dispatch")
        drv.key("F8")
        cache.wait("the dispatch closed", "SELECT uid FROM service_dispatches WHERE closed_at IS NOT NULL")
        self.preview_shot("33-warranty-dispatch-act")
        self.demo_claims()

    def demo_claims(self) -> None:
        """The demo customer's claims: the one pre-filed online opens from its scanned number (the customer's fault
        already filled in), and their phone finds both it and the repaired item on its way back."""
        drv, cache = self.drv, self.cache
        filed = cache.value("SELECT number FROM claims WHERE status = 'filed' ORDER BY number")
        self.scan(filed, f"the pre-filed claim {filed} opened", tone=None)
        drv.shot("34-warranty-prefiled-claim")
        phone = cache.value("SELECT c.phone FROM claims cl JOIN orders o ON o.number = cl.order_number "
                            "JOIN customers c ON c.id = o.customer_id WHERE cl.number = ?", filed)
        drv.key("F12")
        drv.settle()
        drv.type(phone)
        drv.key("F2")
        drv.settle()
        drv.shot("35-warranty-claims-of-a-customer")
        drv.key("F12")

    def settled_tone(self, what: str, tone: str) -> None:
        """Until the banner shows `tone` (a step that answers on the banner only)."""
        wait_until(lambda: self.drv.tone(self.drv.capture()) == tone, what, timeout=15, every=0.3)
        self.drv.settle()

    def returns(self) -> None:
        """The orders to send back, then a return session with the first box of an expired order in it."""
        drv, cache = self.drv, self.cache
        drv.press("the Returns page", "ctrl+F7")
        drv.click("returns tab to return")
        drv.shot("13-returns")
        box = cache.value("SELECT b.barcode FROM boxes b JOIN orders o ON o.id = b.order_id WHERE o.status = 'ready' "
                          "AND o.storage_until <= strftime('%Y-%m-%d %H:%M:%f', 'now') ORDER BY o.number, b.seq_no")
        if box is None:
            self.problems.append("no expired order on the demo point: the return session shot is skipped")
            return
        drv.key("F5")
        cache.wait("a return session opened", "SELECT uid FROM return_sessions WHERE closed_at IS NULL")
        self.scan(box, f"box {box} in the return session",
                  lambda: cache.value("SELECT count(*) FROM return_items i JOIN boxes b ON b.id = i.box_id "
                                      "WHERE b.barcode = ?", box))
        drv.shot("13-returns-session")

    def demo_sms(self) -> None:
        """Справка → «Демо: SMS и коды получения»: what the embedded backend's demo gateway "sent"."""
        drv = self.drv
        drv.key("ctrl+shift+s")
        drv.wait_window("^Демо: SMS")
        drv.shot("15-demo-sms")
        drv.close_dialog("^Демо: SMS")
        drv.focus_main()

    # --- the manager's console -------------------------------------------------------------------------

    def preview_shot(self, name: str, keys: str | None = None) -> None:
        """The document preview the last key opened: a screenshot, then Esc."""
        drv = self.drv
        if keys:
            drv.key(keys)
        drv.wait_window(PREVIEW)
        drv.shot(name)
        drv.close_dialog(PREVIEW)
        drv.focus_main()

    def console(self) -> None:
        drv = self.drv
        drv.press("the manager's console", "ctrl+F9")
        drv.shot("20-manager-arrivals")
        drv.click("arrivals row 2")  # the sessions are newest first: the first truck, closed with an act
        drv.press("Enter on a receiving session", "Return", main=False)
        drv.shot("21-manager-arrival-boxes")
        self.preview_shot("22-manager-arrival-act", "F7")
        for tab, name in (("Ожидают", "23-manager-waiting"), ("Исключения", "24-manager-exceptions")):
            drv.click(f"console tab {tab}")
            drv.shot(name)
        drv.click("console tab Сотрудники")
        drv.shot("25-manager-staff")
        drv.click("staff shifts row 1")
        drv.key("Return", main=False)
        self.preview_shot("26-manager-shift-report")
        drv.click("console tab Графики")
        drv.click("period 30 days")
        for n, (chart, at) in enumerate(CHART_TABS.items()):
            if n:
                drv.click(f"chart tab {chart}", at)
            drv.shot(f"27-manager-chart-{chart}")
        drv.click("console tab Журнал")
        drv.click("journal check button")
        drv.shot("28-manager-journal")
        drv.key("F6")
        drv.wait_window("^Экспорт$")
        drv.shot("29-manager-export")
        drv.close_dialog("^Экспорт$")


# --- start and stop --------------------------------------------------------------------------------------

def display_up(env: dict[str, str]) -> bool:
    return subprocess.run(["xdpyinfo"], env=env, capture_output=True, check=False).returncode == 0


def start_xvfb(display: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes] | None, str]:
    """(our Xvfb or None when the asked display is already up, the display name)."""
    if display != "auto":
        if display_up(dict(env, DISPLAY=display)):
            return None, display
        proc = subprocess.Popen(["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: display_up(dict(env, DISPLAY=display)), f"Xvfb on {display}", timeout=15)
        return proc, display
    read_end, write_end = os.pipe()  # Xvfb -displayfd writes the free display number it took
    try:
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                                pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        os.close(write_end)
    text = b""
    deadline = time.monotonic() + 30
    while not text.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], 1.0)
        chunk = os.read(read_end, 16) if ready else b""
        if ready and not chunk:
            break
        text += chunk
    os.close(read_end)
    if not text.strip():
        proc.terminate()
        raise TourError("screenshots: Xvfb did not start")
    return proc, ":" + text.decode().strip()


def check_size(env: dict[str, str]) -> None:
    info = subprocess.run(["xdpyinfo"], env=env, capture_output=True, text=True, check=False).stdout
    if f"{WIDTH}x{HEIGHT} pixels" not in info:
        raise TourError(f"screenshots: display {env['DISPLAY']} is not {WIDTH}x{HEIGHT}; use --display auto")


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
    wait_until(path.exists, "the embedded backend's demo-secrets.json", timeout, every=0.5)
    return dict(json.loads(path.read_text(encoding="utf-8")))


def run_app(args: argparse.Namespace, env: dict[str, str], data_dir: Path) -> list[str]:
    """Start the app, run the tour; the problems it met."""
    embedded = importlib.util.find_spec("backend.embedded") is not None
    prepared = None if embedded else prepare_demo(data_dir)
    log = (data_dir / "app-output.txt").open("wb")
    app = subprocess.Popen([sys.executable, "-m", "ui.app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        drv = Driver(args.out, env)
        drv.main_window()
        secrets = prepared or embedded_secrets(data_dir)
        cache = Cache(data_dir / "cache.sqlite3", secrets)
        wait_until(lambda: cache.value("SELECT count(*) FROM staff WHERE badge_code = 'ST000002'"),
                   "the demo point in the cache", timeout=120, every=0.5)
        drv.focus_main()
        tour = Tour(drv, cache)
        tour.run()
        return tour.problems
    except TourError:
        failure = data_dir / "failure.png"
        subprocess.run(["import", "-window", "root", str(failure)], env=env, check=False, timeout=30)
        print(f"screenshots: the screen at the failure (failure.png), the app's output and its data are in {data_dir}",
              file=sys.stderr)
        raise
    finally:
        app.terminate()
        try:
            app.wait(20)
        except subprocess.TimeoutExpired:
            app.kill()
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--display", default="auto", help="auto (a free display of our own Xvfb) or :N")
    parser.add_argument("--keep-data", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("[0-9][0-9]-*.png"):  # only this tour's own shots (hw_*, en-* are other tours')
        old.unlink()
    started = time.monotonic()
    xvfb, display = start_xvfb(args.display, dict(os.environ))
    env = dict(os.environ, DISPLAY=display, PICKUP_DESK_MUTE="1", QT_QPA_PLATFORM="xcb")
    env.pop("XAUTHORITY", None)
    data_dir = Path(tempfile.mkdtemp(prefix="pickup-desk-shots-"))
    env |= {"PICKUP_DESK_DATA_DIR": str(data_dir), "PICKUP_DESK_LOG_DIR": str(data_dir / "logs")}
    register = FakeAtolServer().start()  # the point's cash register: the loopback fake of ATOL's web server
    env |= {"PICKUP_DESK_FISCAL_MODE": "atol", "PICKUP_DESK_FISCAL_URL": register.url}
    failed = True
    try:
        check_size(env)
        problems = run_app(args, env, data_dir)
        failed = False
    finally:
        register.stop()  # what it printed: the register's paper tape, next to the shots
        (args.out / "register-tape.txt").write_text("\n\n".join(register.register.tape) + "\n", encoding="utf-8")
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
        if args.keep_data or failed:
            print("data kept in", data_dir)
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(f"screenshots: done in {time.monotonic() - started:.0f} s")
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
