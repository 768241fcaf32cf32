"""A real X display for end-to-end tests: Xvfb on a free display number, xdotool typing like a wedge scanner.

`XDisplay` starts ``Xvfb -displayfd`` (the X server picks a free display number itself, so parallel runs and
a developer's own display never clash) at the commonest counter screen size. `Keyboard` is the clerk's hands
and the scanner: `scan` types a code at scanner speed and presses Enter, exactly as a keyboard-wedge scanner
does; `by_hand` types at a person's speed; `shot` saves ``import -window root`` screenshots. There is no window
manager under Xvfb, so keyboard focus is given with ``xdotool windowfocus`` (``windowactivate`` needs a window
manager's _NET_ACTIVE_WINDOW).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REQUIRED_TOOLS = ("Xvfb", "xdotool", "import")  # import: ImageMagick (dev.sh APT_PACKAGES: xvfb, xdotool, imagemagick)
SCREEN = "1366x768x24"
SCANNER_DELAY_MS = 6  # a wedge scanner types a character every few milliseconds
HAND_DELAY_MS = 90  # a clerk typing a PIN
# X keysym names of the punctuation barcodes may hold (letters and digits are their own keysym names).
KEY_NAMES = {"-": "minus", "/": "slash", ".": "period", "_": "underscore", ":": "colon", "+": "plus", " ": "space"}
T = TypeVar("T")


def missing_tools() -> list[str]:
    """The command-line tools of this module that are not on PATH."""
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


def wait_until(condition: Callable[[], T | None], what: str, timeout: float, every: float = 0.05) -> T:
    """Poll `condition` until it returns something truthy (returned); AssertionError naming `what` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"not seen within {timeout:.0f} s: {what}")
        time.sleep(every)


class XDisplay:
    """An Xvfb server on a display number of its own choosing; `env` runs X clients on it."""

    def __init__(self, screen: str = SCREEN) -> None:
        read_end, write_end = os.pipe()
        try:
            self.proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
                pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        finally:
            os.close(write_end)
        try:
            self.name = ":" + self._read_display_number(read_end)
        except Exception:
            self.stop()
            raise
        finally:
            os.close(read_end)

    def _read_display_number(self, read_end: int, timeout: float = 30.0) -> str:
        """Xvfb writes its display number and a newline to the descriptor once it accepts clients."""
        text = b""
        deadline = time.monotonic() + timeout
        while not text.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                error = self.proc.stderr.read().decode(errors="replace") if self.proc.poll() is not None \
                    and self.proc.stderr else ""
                raise AssertionError(f"Xvfb did not report a display within {timeout:.0f} s: {error[-1000:]}")
            text += chunk
        return text.decode().strip()

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """`base` for a client of this display (no XAUTHORITY: Xvfb runs without access control files)."""
        return {**{k: v for k, v in base.items() if k not in ("DISPLAY", "XAUTHORITY")}, "DISPLAY": self.name}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc.stderr:
            self.proc.stderr.close()


class Keyboard:
    """xdotool on one display: scans, hand typing, keys, waiting for windows, screenshots into `shots`."""

    def __init__(self, display: XDisplay, shots: Path) -> None:
        self.env = display.env(dict(os.environ))
        self.shots = shots
        self.taken: list[Path] = []
        shots.mkdir(parents=True, exist_ok=True)

    def xdotool(self, *args: str, timeout: float = 30.0) -> str:
        try:
            done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"xdotool {' '.join(args)} did not finish within {timeout:.0f} s") from exc
        assert done.returncode == 0, f"xdotool {' '.join(args)} failed: {done.stderr.strip()}"
        return done.stdout.strip()

    def focus(self, title_pattern: str, timeout: float = 60.0) -> str:
        """Wait for a visible window whose title matches the regex, give it the keyboard; returns its id."""
        found = self.xdotool("search", "--sync", "--onlyvisible", "--name", title_pattern, timeout=timeout)
        window = found.splitlines()[-1]
        self.xdotool("windowfocus", "--sync", window)
        return window

    def visible(self, title_pattern: str) -> list[str]:
        """Ids of the visible windows whose title matches the regex (none: an empty list)."""
        done = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title_pattern], env=self.env,
                              capture_output=True, text=True, timeout=30, check=False)
        return done.stdout.split()

    @staticmethod
    def scan_args(*codes: str) -> list[str]:
        """xdotool's arguments pressing each code's keys at scanner speed, then Return, as one key sequence
        (`xdotool type` would send a newline as Linefeed, not the Return a scanner sends)."""
        keys: list[str] = []
        for code in codes:
            unknown = [char for char in code if not (char.isascii() and char.isalnum()) and char not in KEY_NAMES]
            assert not unknown, f"no X key name for {unknown} in {code!r}"
            keys += [KEY_NAMES.get(char, char) for char in code]
            keys.append("Return")
        return ["key", "--delay", str(SCANNER_DELAY_MS), *keys]

    def scan(self, *codes: str) -> None:
        """Scan codes one after another (waits until xdotool has typed them all)."""
        self.xdotool(*self.scan_args(*codes))

    def start_burst(self, codes: list[str]) -> subprocess.Popen[bytes]:
        """Scan `codes` in the background (a burst the test may interrupt); the caller stops it."""
        return subprocess.Popen(["xdotool", *self.scan_args(*codes)], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def by_hand(self, text: str) -> None:
        self.xdotool("type", "--delay", str(HAND_DELAY_MS), text)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", str(HAND_DELAY_MS), *keys)

    def shot(self, name: str) -> Path:
        """The whole screen as `shots`/NN-name.png (numbered in the order taken)."""
        path = self.shots / f"{len(self.taken) + 1:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, capture_output=True, timeout=30,
                       check=False)
        self.taken.append(path)
        return path
