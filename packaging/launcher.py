"""Script of the PyInstaller bundle (packaging/pickup_desk.spec): a thin wrapper around `ui.launcher`.

`ui.launcher.main` parses the command line once (desktop.cli): ``--version`` without Qt,
``--self-test`` and ``--enrol URL CODE`` before any window, otherwise the GUI; ``--quit-after-start``
quits once the login screen has painted (packaging test, bench/startup.py).
``PICKUP_PROFILE_STARTUP=FILE`` writes a cProfile of the run.
"""

from __future__ import annotations

import sys

from ui.launcher import profiled_main

if __name__ == "__main__":
    sys.exit(profiled_main())
