"""Owner-only data: every data directory 0700 and every secret file 0600 (counter and server alike).

On Windows the POSIX mode bits mean nothing; there the directory's ACL is cut down to the current user
(inheritance removed, full control for the user only) with `icacls`, and files inside inherit it.
"""

from __future__ import annotations

import getpass
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)
DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

Runner = Callable[[list[str]], int]


def is_windows() -> bool:
    return sys.platform == "win32"


def icacls_command(path: Path, user: str, directory: bool) -> list[str]:
    """The `icacls` call that leaves `path` to `user` alone: inherited entries dropped, full control granted
    (for a directory, inherited by every file and folder created in it: (OI)(CI))."""
    grant = f"{user}:(OI)(CI)F" if directory else f"{user}:F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", grant]


def windows_user() -> str:
    """DOMAIN\\user as icacls expects it (USERDOMAIN may be missing off a domain: the bare name then)."""
    user = os.environ.get("USERNAME") or getpass.getuser()
    domain = os.environ.get("USERDOMAIN")
    return f"{domain}\\{user}" if domain else user


def _run_icacls(command: list[str]) -> int:
    done = subprocess.run(command, capture_output=True, check=False)
    return done.returncode


def _restrict_windows(path: Path, directory: bool, runner: Runner) -> None:
    command = icacls_command(path, windows_user(), directory)
    if runner(command) != 0:
        log.warning("could not restrict the access list of %s to the current user", path)


def private_dir(path: Path | str, runner: Runner = _run_icacls) -> Path:
    """Create `path` (and its parents) if needed and make it the owner's only (0700 / user-only ACL)."""
    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    if is_windows():
        _restrict_windows(root, True, runner)
    else:
        os.chmod(root, DIR_MODE)
    return root


def private_file(path: Path | str, runner: Runner = _run_icacls) -> None:
    """Make an existing file the owner's only (0600 / user-only ACL); a missing file is left alone."""
    target = Path(path)
    if not target.exists():
        return
    if is_windows():
        _restrict_windows(target, False, runner)
    elif stat.S_IMODE(target.stat().st_mode) != FILE_MODE:
        os.chmod(target, FILE_MODE)


def private_database(path: Path | str) -> None:
    """A SQLite file and its side files (-wal, -shm, -journal): owner only."""
    private_file(path)
    for suffix in SQLITE_SIDE_FILES:
        private_file(f"{path}{suffix}")


def private_tree(path: Path | str) -> Path:
    """A data directory and every file directly in it owner-only (a first start over an older, 0644 dir)."""
    root = private_dir(path)
    if not is_windows():
        for child in root.iterdir():
            if child.is_file() and not child.is_symlink():
                private_file(child)
    return root


def create_private(path: Path | str) -> int:
    """Open `path` for writing (created 0600 from its first byte, truncated); returns the descriptor."""
    target = Path(path)
    if not target.parent.exists():
        private_dir(target.parent)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    private_file(target)
    return fd



def touch_private(path: Path | str) -> None:
    """Create an empty owner-only file if missing (before SQLite creates it 0644; its -wal and -shm follow
    the main file's mode)."""
    target = Path(path)
    if not target.exists():
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    private_file(target)
