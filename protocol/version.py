"""The one version number: read from the installed package's metadata (the PyInstaller bundle carries it)."""

from __future__ import annotations

from importlib.metadata import version

VERSION = version("pickup-desk")
