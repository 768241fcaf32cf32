"""Start-up builds only the login screen: each workflow page is built when first opened or routed a scan, and
the usual start (cache at head) does not import Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import make_cell
from ui.pages.base import Page


def _built(window) -> list[str]:
    return sorted(type(page).__name__ for page in window.findChildren(Page))


def test_the_login_screen_builds_no_page_and_a_page_is_built_when_first_needed(qtbot, shell) -> None:
    window = shell.window
    assert _built(window) == []
    assert window.nav.count() == len(window.page_classes)  # the navigation lists every page all the same
    log_in(qtbot, shell)
    first = type(window.current_page()).__name__
    assert _built(window) == [first]
    with shell.ctx.db.write() as s:
        make_cell(s, shell.point, code="CA0101")
    scan_keys(window, "CA0101")  # a cell scan routes to the placement page: built for it, and shown
    qtbot.waitUntil(lambda: type(window.current_page()).__name__ == "PlacementPage", timeout=5000)
    assert _built(window) == sorted([first, "PlacementPage"])
    window.show_page(window.page_named("ReceivingPage"))
    assert type(window.current_page()).__name__ == "ReceivingPage"
    assert window.stack.currentWidget() is window.page_named("ReceivingPage")
    assert len(window.pages) == len(window.page_classes)  # `pages` builds the rest
    assert [type(p).__name__ for p in window.pages] == [kind.__name__ for kind in window.page_classes]


def test_each_registry_entry_says_what_its_page_class_says() -> None:
    """The registry repeats title, shortcut, role and scan kinds so the shell needs no page module at start."""
    from ui.pages import PAGE_CLASSES

    for entry in PAGE_CLASSES:
        page_class = entry.load()
        assert page_class.__name__ == entry.__name__
        assert (page_class.title, page_class.shortcut, page_class.min_role, page_class.scan_kinds) == (
            entry.title, entry.shortcut, entry.min_role, entry.scan_kinds)


PROBE = """
import sys
from desktop.db.migrate import migrate_with_backup
migrate_with_backup(sys.argv[1]).dispose()
print("alembic imported" if "alembic" in sys.modules else "alembic not imported")
"""


def test_a_cache_already_at_head_opens_without_importing_alembic(tmp_path: Path) -> None:
    from desktop.db import migrate

    cache = tmp_path / "cache.sqlite3"
    migrate.migrate_with_backup(cache).dispose()  # a new cache: migrated with Alembic
    out = subprocess.run([sys.executable, "-c", PROBE, str(cache)], capture_output=True, text=True, timeout=60,
                         check=True)
    assert out.stdout.strip() == "alembic not imported"
    assert migrate.head_revision() == migrate._alembic_head()  # the cheap read agrees with Alembic


def test_start_up_builds_the_sync_runner_and_the_gui_starts_it_after_the_login_screen(db, tmp_path: Path) -> None:
    from desktop.config import AppConfig
    from desktop.device_credentials import DeviceCredentials
    from ui.startup import _sync_runner

    creds = DeviceCredentials("http://127.0.0.1:9", "dev-1", "token", "0042", "AAAA")
    runner = _sync_runner(AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs"), db, creds)
    try:
        assert runner._thread is None  # no network call competes with building the login screen
    finally:
        runner.abandon(0.1)
