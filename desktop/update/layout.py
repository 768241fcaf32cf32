"""On-disk layout of updates under the data directory, and the update state file.

```
<data_dir>/updates/
    metadata/          trusted TUF metadata (root.json seeded from the bundle's public root)
    downloads/         verified archives (tufup targets)
    staged/<version>/  a verified, extracted bundle waiting for the next start
    versions/<version>/ installed bundles; the installed program (install dir) is never written to
    state.json         current / previous / staged version, bad versions, the last rollback
    policy.json        the server's last rollout policy (an offline PC keeps its last answer)
```

The program the installer put into the install directory is the stable launcher: it never overwrites
itself (Windows cannot replace a running exe); it starts the current version from ``versions/`` when that
is newer than itself. The database, the unsent queue and the credential stay where they are (data dir).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

log = logging.getLogger(__name__)
APP_NAME = "PickupDesk"  # the archive names: PickupDesk-1.5.0.tar.gz


def parse_version(text: str | None) -> Version | None:
    """A PEP 440 version, or None for an absent or invalid one."""
    if not text:
        return None
    try:
        return Version(text)
    except InvalidVersion:
        return None


@dataclass(frozen=True)
class UpdateLayout:
    """The paths of the update machinery under ``<data_dir>/updates``."""

    root: Path

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> UpdateLayout:
        return cls(Path(data_dir) / "updates")

    @property
    def metadata(self) -> Path:
        return self.root / "metadata"

    @property
    def downloads(self) -> Path:
        return self.root / "downloads"

    @property
    def staged(self) -> Path:
        return self.root / "staged"

    @property
    def versions(self) -> Path:
        return self.root / "versions"

    @property
    def state_file(self) -> Path:
        return self.root / "state.json"

    @property
    def policy_file(self) -> Path:
        return self.root / "policy.json"

    def staged_dir(self, version: str) -> Path:
        return self.staged / version

    def version_dir(self, version: str) -> Path:
        return self.versions / version


@dataclass
class UpdateState:
    """What the installer at start needs to remember between runs."""

    current: str | None = None  # the installed version under versions/ that starts (None: the install dir's)
    previous: str | None = None  # what `current` was before the last installed update
    staged: str | None = None  # downloaded, verified and extracted: installed at the next start
    bad: list[str] = field(default_factory=list)  # failed their self-test: never offered again
    rolled_back: str | None = None  # the version of the last rollback (the manager is told)

    def is_bad(self, version: str) -> bool:
        return version in self.bad


def load_state(layout: UpdateLayout) -> UpdateState:
    """The state file, or a fresh state when it is missing or unreadable (logged)."""
    data = read_json(layout.state_file)
    known = set(UpdateState.__dataclass_fields__)
    try:
        return UpdateState(**{k: v for k, v in data.items() if k in known})
    except TypeError:
        log.warning("update state %s is unusable; starting afresh", layout.state_file)
        return UpdateState()


def save_state(layout: UpdateLayout, state: UpdateState) -> None:
    write_json(layout.state_file, asdict(state))


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("%s is unreadable; ignored", path)
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Atomically (a crash leaves the old file or the new one, never half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True), "utf-8")
    os.replace(temporary, path)
