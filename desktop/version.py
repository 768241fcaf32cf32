"""Build information: the version from package metadata, the commit and date embedded by the PyInstaller build.

The spec writes a top-level module ``pickup_desk_build_info`` into its work directory and bundles it;
a checkout has no such module and asks git lazily.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.translatable import translate
from protocol.version import VERSION

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildInfo:
    """What was built, from which commit, when; `frozen` tells a bundle from a checkout."""

    version: str
    commit: str
    build_date: str
    frozen: bool

    def one_line(self) -> str:
        """One line for the About box and the self-test report."""
        if self.frozen:
            text = translate("BuildInfo", "Pickup Desk {version} (коммит {commit}, сборка от {date})")
        else:
            text = translate("BuildInfo", "Pickup Desk {version} (коммит {commit}, исходники от {date})")
        return text.format(version=self.version, commit=self.commit, date=self.build_date)


@functools.cache
def build_info() -> BuildInfo:
    """The embedded build info when present, else the checkout's git commit (or "dev")."""
    try:
        import pickup_desk_build_info as info  # written by the spec
    except ImportError:
        return BuildInfo(VERSION, _git_commit(), "dev", getattr(sys, "frozen", False))
    return BuildInfo(VERSION, info.COMMIT, info.BUILD_DATE, True)


def _git_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO_ROOT, capture_output=True,
            text=True, timeout=5, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "dev"
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else "dev"


def render_build_info(commit: str, build_date: str) -> str:
    """The source of ``pickup_desk_build_info.py`` the build writes into the bundle."""
    return (
        '"""Build information written by packaging/pickup_desk.spec; do not edit."""\n\n'
        f"COMMIT = {commit!r}\nBUILD_DATE = {build_date!r}\n"
    )


def version_text() -> str:
    """What ``--version`` prints."""
    info = build_info()
    text = translate("BuildInfo", "Pickup Desk {version}\nкоммит: {commit}\nдата сборки: {date}\n")
    return text.format(version=info.version, commit=info.commit, date=info.build_date)
