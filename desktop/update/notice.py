"""What the manager's status bar says about updates (read from the state file; imports nothing heavy)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.update.layout import UpdateLayout, load_state


@dataclass(frozen=True)
class UpdateNotice:
    """An update downloaded and waiting for the next start; the last update rolled back."""

    staged: str | None = None
    rolled_back: str | None = None


def read_notice(data_dir: Path) -> UpdateNotice:
    state = load_state(UpdateLayout.for_data_dir(data_dir))
    return UpdateNotice(state.staged, state.rolled_back)
