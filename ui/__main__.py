"""`python -m ui` runs Pickup Desk (headless commands or the counter app) through ui.launcher."""

import sys

from ui.launcher import profiled_main

sys.exit(profiled_main())
