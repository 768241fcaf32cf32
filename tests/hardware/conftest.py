"""Hardware tests: Qt runs offscreen; tests that need Qt are marked ``gui``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PICKUP_DESK_MUTE"] = "1"
