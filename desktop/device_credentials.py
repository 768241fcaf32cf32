"""The device credential file `<data_dir>/device.json` (mode 0600); the token is never logged or shown."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from protocol.private_files import private_dir

FILE_NAME = "device.json"
DEMO_MARKER = "embedded-demo.marker"  # written by the embedded demo backend's first run: this data dir is a demo
EMBEDDED_DB_FILE = "embedded-backend.sqlite3"  # backend.embedded.DB_FILE: a demo dir from before the marker
CACHE_FILE = "cache.sqlite3"  # desktop.config.AppConfig.cache_path: a dir that already holds a counter's cache
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class DeviceCredentials:
    """What enrolment gives a counter PC: where the backend is and how to prove who we are."""

    backend_url: str
    device_id: str
    token: str = field(repr=False)
    point_code: str
    public_key: str

    def __repr__(self) -> str:  # the token never appears in logs or tracebacks
        return f"DeviceCredentials(backend_url={self.backend_url!r}, device_id={self.device_id!r}, " \
               f"point_code={self.point_code!r}, token=***)"


def credentials_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / FILE_NAME


def save(data_dir: Path | str, creds: DeviceCredentials) -> Path:
    """Write the file atomically with owner-only permissions (0600) from the first byte."""
    path = credentials_path(data_dir)
    private_dir(path.parent)
    tmp = path.with_suffix(".json.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(creds), out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def load(data_dir: Path | str) -> DeviceCredentials | None:
    """The stored credentials, or None when this PC is not enrolled (or the file is unreadable)."""
    path = credentials_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return DeviceCredentials(**{k: str(data[k]) for k in
                                    ("backend_url", "device_id", "token", "point_code", "public_key")})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def delete(data_dir: Path | str) -> None:
    """Forget the credentials (before re-enrolment)."""
    credentials_path(data_dir).unlink(missing_ok=True)


def _on_loopback(url: str) -> bool:
    host = urlsplit(url).netloc.rsplit("@", 1)[-1]
    return any(host == name or host.startswith(name + ":") for name in LOOPBACK_HOSTS)


def is_demo_dir(data_dir: Path | str) -> bool:
    """A data dir of the embedded demo: marked by its first run (or holding its server's database), and with
    no credential for another server (a dir enrolled with a real server is real, whatever else lies in it)."""
    root = Path(data_dir)
    if not ((root / DEMO_MARKER).exists() or (root / EMBEDDED_DB_FILE).exists()):
        return False
    creds = load(root)
    return creds is None or _on_loopback(creds.backend_url)


def may_start_demo(data_dir: Path | str) -> bool:
    """The embedded demo backend may run here: a demo dir, or a fresh one (never enrolled, no counter cache)."""
    root = Path(data_dir)
    if is_demo_dir(root):
        return True
    return load(root) is None and not (root / CACHE_FILE).exists()


def mark_demo(data_dir: Path | str) -> None:
    """Remember that this data dir belongs to the embedded demo (before it writes anything there)."""
    root = Path(data_dir)
    private_dir(root)
    (root / DEMO_MARKER).write_text("Pickup Desk demo data (embedded backend)\n", encoding="utf-8")


def unmark_demo(data_dir: Path | str) -> None:
    """This data dir is now enrolled with a real server: it is no longer a demo."""
    (Path(data_dir) / DEMO_MARKER).unlink(missing_ok=True)


def enrolled_server(data_dir: Path | str) -> str | None:
    """The server this PC was enrolled with (its stored credential), None for a demo or unenrolled dir."""
    creds = load(data_dir)
    if creds is None or is_demo_dir(data_dir):
        return None
    return creds.backend_url
