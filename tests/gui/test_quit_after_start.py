"""``--quit-after-start``, the start-up bench's and the bundle tests' probe: it must not change what it measures.

Its watcher filters the application's events only until the login screen's first event, then the login screen's
alone (a Python filter of every object makes PySide6 build a Python type for every Qt class it is handed: +4.6 MiB at
the first QScrollArea); a dialog shown instead of the login screen still ends the run with EXIT_QUIT_NOT_REACHED.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

LOGIN = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
from ui.launcher import install_quit_after_start
watcher = install_quit_after_start([])
app = QApplication.instance()
seen = set()
original = watcher.eventFilter
def counting(watched, event):
    seen.add(type(watched).__name__)
    return original(watched, event)
watcher.eventFilter = counting
from ui.login_screen import LoginScreen
screen = LoginScreen(lambda: None, "Пункт 0042")
seen_at_login = set(seen)
seen.clear()
screen.show()
other = QLabel("не экран входа")
other.show()
app.processEvents()
screen.setProperty("ready", True)
code = app.exec()
print("CODE", code, watcher.watching is screen, watcher.painted, watcher.reached, sorted(seen), sorted(seen_at_login))
"""


def test_the_watcher_watches_the_login_screen_alone_once_it_is_built_and_quits_when_it_takes_logins() -> None:
    out = subprocess.run([sys.executable, "-c", LOGIN], capture_output=True, text=True, timeout=120, check=True,
                         env=ENV, cwd=ROOT)
    marks = [line.split()[0] for line in out.stdout.splitlines() if line.startswith("login-")]
    assert marks == ["login-screen-shown-at", "login-screen-rss-kib", "login-ready-at", "login-ready-rss-kib"]
    result = next(line for line in out.stdout.splitlines() if line.startswith("CODE")).split(" ", 5)
    assert result[:5] == ["CODE", "0", "True", "True", "True"], out.stderr[-2000:]
    assert result[5].startswith("['LoginScreen']"), result[5]  # the label, the scroll area, the window: not seen
    assert "QScrollArea" not in result[5] and "LoginScreen" in result[5]


DIALOG = """
from PySide6.QtWidgets import QApplication, QMessageBox
from ui.launcher import EXIT_QUIT_NOT_REACHED, install_quit_after_start
watcher = install_quit_after_start([])
QMessageBox.critical(None, "Pickup Desk", "Конфигурация повреждена")
code = QApplication.instance().exec()
print("CODE", code == EXIT_QUIT_NOT_REACHED, watcher.reached)
"""


def test_a_dialog_instead_of_the_login_screen_ends_the_run_as_not_reached() -> None:
    out = subprocess.run([sys.executable, "-c", DIALOG], capture_output=True, text=True, timeout=120, check=True,
                         env=ENV, cwd=ROOT)
    assert "dialog instead of the login screen: Конфигурация повреждена" in out.stderr
    assert out.stdout.split() == ["CODE", "True", "False"], out.stderr[-2000:]
