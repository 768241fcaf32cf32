"""PyInstaller runtime hook: make pyzbar find the libzbar bundled next to the frozen app.

pyzbar (Linux, macOS) asks ``ctypes.util.find_library("zbar")``, which only searches the system;
on a PC without zbar installed it fails. This hook answers with the bundled copy first. On
Windows pyzbar loads the DLLs from its own package folder, where the spec puts them.
"""

import ctypes.util
import os
import sys

_BUNDLE = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
_ORIGINAL_FIND_LIBRARY = ctypes.util.find_library


def _bundled(name):
    for folder in (_BUNDLE, os.path.join(_BUNDLE, "pyzbar")):
        if not os.path.isdir(folder):
            continue
        for entry in sorted(os.listdir(folder)):
            if entry.startswith(f"lib{name}.") or entry.startswith(f"lib{name}-"):
                return os.path.join(folder, entry)
    return None


def _find_library(name):
    if name == "zbar":
        found = _bundled(name)
        if found:
            return found
    return _ORIGINAL_FIND_LIBRARY(name)


ctypes.util.find_library = _find_library
