"""tufup's client classes, imported without tufup's package ``__init__``.

tufup 0.10's ``tufup/__init__.py`` imports its command line, which imports the repository side (``tufup.repo``),
which imports ``setuptools.config.expand`` — upstream issue dennisvang/tufup#186, open. The counter only checks and
downloads (``tufup.client``, ``tufup.common``); setuptools there cost 0.12 s and 17 MiB, and in a bundle PyInstaller's
setuptools runtime hook imported it at every start, before the login screen. So ``tufup`` is registered here as a
bare package (its spec, not executed) and its client modules load from its folder; the bundle leaves ``tufup.repo``
and setuptools out (packaging/pickup_desk.spec). The release tooling (packaging/release.py) still imports
``tufup.repo`` from the same folder.
"""

from __future__ import annotations

import importlib.util
import sys


def bare_package(name: str) -> None:
    """Put package `name` in sys.modules without running its ``__init__``: its submodules import from its folder."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"{name} is not an installed package")
    sys.modules[name] = importlib.util.module_from_spec(spec)


bare_package("tufup")

from tufup.client import AuthRequestsFetcher, Client  # noqa: E402
from tufup.common import Patcher, TargetMeta  # noqa: E402

__all__ = ["AuthRequestsFetcher", "Client", "Patcher", "TargetMeta"]
