"""Builds the one-folder bundle once per source state, cached under build/bundle-cache/<hash>/."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("protocol", "desktop", "ui", "backend", "resources", "packaging")
SKIP_SUFFIXES = (".pyc", ".qm", ".sqlite3")
KEEP_BUILDS = 2


def source_hash() -> str:
    """A digest of everything that goes into the bundle (sources, spec, tool versions)."""
    digest = hashlib.sha256()
    for name in ("PyInstaller", "PySide6-Essentials", "SQLAlchemy", "alembic"):
        digest.update(f"{name}={metadata.version(name)};".encode())
    digest.update(sys.version.encode())
    files = [ROOT / "pyproject.toml"]
    for folder in SOURCES:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in SKIP_SUFFIXES]
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    return Path(os.environ.get("PICKUP_BUNDLE_CACHE", ROOT / "build" / "bundle-cache"))


def executable(dist: Path) -> Path:
    return dist / "PickupDesk" / ("PickupDesk.exe" if os.name == "nt" else "PickupDesk")


def built_bundle() -> tuple[Path, float | None]:
    """(path of the bundled executable, build seconds or None when it came from the cache)."""
    target = cache_root() / source_hash()
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".lock", "w") as lock:
        _exclusive(lock)
        if (target / "complete").exists():
            return executable(target / "dist"), None
        seconds = build(target)
        (target / "complete").write_text(f"{seconds:.1f}\n")
    prune(target)
    return executable(target / "dist"), seconds


def _exclusive(lock: object) -> None:
    """One build per cache entry at a time (POSIX file lock; Windows runs unlocked)."""
    with contextlib.suppress(ImportError):
        import fcntl

        fcntl.flock(lock, fcntl.LOCK_EX)  # type: ignore[arg-type]


def build(target: Path) -> float:
    started = time.monotonic()
    log = target / "build.log"
    with open(log, "w") as out:
        result = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
             "--distpath", str(target / "dist"), "--workpath", str(target / "work"),
             str(ROOT / "packaging" / "pickup_desk.spec")],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, timeout=1200, check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed (exit {result.returncode}); see {log}:\n"
                           + log.read_text()[-4000:])
    shutil.rmtree(target / "work", ignore_errors=True)
    return time.monotonic() - started


def prune(keep: Path) -> None:
    builds = sorted((p for p in cache_root().iterdir() if (p / "complete").exists()),
                    key=lambda p: (p / "complete").stat().st_mtime)
    for old in builds[:-KEEP_BUILDS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
