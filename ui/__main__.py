"""`python -m ui` runs the counter app."""

import sys

from ui.app import main

sys.exit(main())
