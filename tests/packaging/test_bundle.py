"""The one-folder PyInstaller bundle: builds, prints its version, passes its self-test, starts and quits.

The build is cached per source state (tests/packaging/bundle_cache.py), so only the first run after
a change pays for PyInstaller (about 1.5–3 minutes on two cores).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from protocol.version import VERSION
from tests.packaging.bundle_cache import built_bundle

pytestmark = [pytest.mark.packaging, pytest.mark.slow, pytest.mark.timeout(1500)]


@pytest.fixture(scope="module")
def bundle() -> Path:
    exe, seconds = built_bundle()
    if seconds is not None:
        print(f"\nPyInstaller one-folder build: {seconds:.0f} s")  # visible with -s / in CI logs
    return exe


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bundle-home")


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKUP_DESK_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CONFIG_DIRS=str(home / "site"), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
    return env


def run(exe: Path, home: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(exe), *args], env=env_for(home), capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def started(bundle: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The app started once from the bundle (first run: migrations, demo point) and quit at the login screen."""
    return run(bundle, home, "--quit-after-start")


def test_version_shows_embedded_build_info(bundle: Path, home: Path) -> None:
    result = run(bundle, home, "--version", timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Pickup Desk {VERSION}"
    assert re.fullmatch(r"коммит: ([0-9a-f]{7,40}|unknown)", lines[1])
    assert re.fullmatch(r"дата сборки: \d{4}-\d\d-\d\d \d\d:\d\d UTC", lines[2])


def test_app_starts_to_the_login_screen_and_quits_cleanly(started: subprocess.CompletedProcess[str],
                                                          home: Path) -> None:
    assert started.returncode == 0, started.stdout + started.stderr[-4000:]
    assert {"login-screen-shown-at", "login-ready-at"} <= {line.split(" ")[0] for line in started.stdout.splitlines()}
    assert "Traceback" not in started.stderr
    data = home / "data" / "PickupDesk"
    # the production bundle has no server: the embedded default falls back to the offline demo cache
    assert "This build has no embedded server" in started.stderr
    assert not (data / "embedded-backend.sqlite3").exists() and not (data / "device.json").exists()


def test_self_test_after_first_start(bundle: Path, home: Path,
                                     started: subprocess.CompletedProcess[str]) -> None:
    result = run(bundle, home, "--self-test", timeout=120)
    report = result.stdout
    assert result.returncode in (0, 1), report + result.stderr
    assert "[ОШИБ]" not in report
    assert "(актуальная)" in report  # Alembic migrations shipped and applied
    internal = str(bundle.parent / "_internal")
    assert re.search(r"\[ OK \] Штрихкоды: .*zbar: " + re.escape(internal), report), report  # bundled libzbar
    assert "[ -- ] Принтеры" not in report and "[ -- ] Камеры" not in report  # Qt probes ran
    assert "сборка от" in report


def test_config_error_is_a_message_not_a_traceback(bundle: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[scanner]\nspeed = 1\n")
    result = run(bundle, tmp_path, "--self-test", "--config", str(bad), timeout=60)
    assert result.returncode == 2
    assert "scanner.speed" in result.stdout and str(bad) in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def bundled_files(bundle: Path) -> Iterator[str]:
    root = bundle.parent
    for path in root.rglob("*"):
        yield str(path.relative_to(root)).replace(os.sep, "/")


def bundled_modules(bundle: Path) -> set[str]:
    """Top-level names of the Python modules in the bundle's PYZ archive (inside the executable)."""
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(bundle))
    return {name.split(".")[0] for name in archive.open_embedded_archive("PYZ.pyz").toc}


def test_production_bundle_holds_no_server(bundle: Path) -> None:
    modules = bundled_modules(bundle)
    assert {"protocol", "desktop", "ui"} <= modules
    assert not modules & {"backend", "fastapi", "uvicorn", "starlette", "psycopg"}
    assert not [f for f in bundled_files(bundle) if "backend/migrations" in f]
    # protocol.version reads it: a .dist-info, or the .egg-info an editable install leaves in the checkout
    assert any(f.startswith("_internal/pickup_desk") and f.endswith((".dist-info/METADATA", ".egg-info/PKG-INFO"))
               for f in bundled_files(bundle))


def test_bundle_holds_what_the_app_needs_and_nothing_it_must_not(bundle: Path) -> None:
    files = set(bundled_files(bundle))
    internal = "_internal/"
    assert internal + "desktop/db/migrations/env.py" in files
    assert any(f.startswith(internal + "desktop/db/migrations/versions/") and f.endswith(".py") for f in files)
    assert internal + "barcode/fonts/DejaVuSansMono.ttf" in files
    assert any(f.startswith(internal + "resources/sounds/") and f.endswith(".wav") for f in files)
    assert any(re.fullmatch(internal + r"libzbar\.so[.\d]*", f) for f in files)
    assert not [f for f in files if re.search(r"(^|/)lib(GL|EGL)\.so", f)]
    assert not [f for f in files if "WebEngine" in f or "/numpy" in f or "tkinter" in f or "/_tkinter" in f]
    assert not [f for f in files if f.endswith(".qm") and "/translations/" in f
                and not f.endswith(("_ru.qm", "_en.qm"))]


def test_bundle_upgrades_an_old_database_and_keeps_unsynced_events(bundle: Path, tmp_path: Path) -> None:
    """A counter PC upgraded in place: schema 0001 with queued events, backend unreachable."""
    import sqlite3

    from desktop import device_credentials
    from desktop.db import migrate
    from desktop.db.engine import Database
    from desktop.device_credentials import DeviceCredentials

    data = tmp_path / "data" / "PickupDesk"
    data.mkdir(parents=True)
    cache = data / "cache.sqlite3"
    old = Database(cache)
    migrate.upgrade(old, "0001")
    old.dispose()
    with sqlite3.connect(cache) as conn:
        conn.execute(
            "INSERT INTO pickup_points (id, code, name, city, address, hours, timezone, storage_days, "
            "id_check_threshold_kopecks, code_hash_params, is_local) VALUES (1, '0042', 'ПВЗ Тверская', "
            "'Москва', 'ул. Тверская, 1', '10:00–21:00', 'Europe/Moscow', 7, 10000000, NULL, 1)")
        for seq in (1, 2):
            conn.execute(
                "INSERT INTO outbox (event_id, device_seq, type, schema_v, payload, occurred_at, status) "
                "VALUES (?, ?, 'box.received', 1, ?, '2026-11-20 09:30:00.000000', 'pending')",
                (f"00000000-0000-4000-8000-00000000000{seq}", seq, f'{{"box":"B{seq}"}}'))
    conn.close()
    offline = "http://127.0.0.1:9"
    device_credentials.save(data, DeviceCredentials(offline, "dev-1", "secret-token", "0042", "AAAA"))
    (tmp_path / "config" / "PickupDesk").mkdir(parents=True)
    (tmp_path / "config" / "PickupDesk" / "config.toml").write_text(f'backend_url = "{offline}"\nlog_level = "DEBUG"\n')

    result = run(bundle, tmp_path, "--quit-after-start")
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    with sqlite3.connect(cache) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        pending = conn.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
    conn.close()
    assert revision == migrate.head_revision() and pending == 2
    assert list(data.glob("cache.backup-*.sqlite3")), "the start-up migration backs the file up first"
    log = (tmp_path / "state" / "PickupDesk" / "log" / "pickup-desk.log").read_text(encoding="utf-8")
    assert "secret-token" not in log


def test_bundle_holds_tufups_client_but_not_its_repository_side_nor_setuptools_and_its_start_hook(bundle: Path) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(bundle))
    modules = set(archive.open_embedded_archive("PYZ.pyz").toc)
    assert {"tufup.client", "tufup.common", "desktop.update.tufup_client"} <= modules
    assert not [m for m in modules if m.split(".")[0] in {"setuptools", "pkg_resources"} or m.startswith("tufup.repo")]
    assert "pyi_rth_setuptools" not in archive.toc  # PyInstaller's hook imported setuptools at every start
