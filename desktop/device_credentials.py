"""The device credential file `<data_dir>/device.json` (mode 0600); the token is never logged or shown."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

FILE_NAME = "device.json"


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
    path.parent.mkdir(parents=True, exist_ok=True)
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
