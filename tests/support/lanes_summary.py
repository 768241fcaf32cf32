"""Adds up the JUnit reports of the test lanes into one closing line; exits 1 when no test ran."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def totals(folder: Path) -> dict[str, int]:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in sorted(folder.glob("*.xml")):
        for suite in ET.parse(report).getroot().iter("testsuite"):
            for key in counts:
                counts[key] += int(suite.get(key, 0))
    return counts


def main(argv: list[str]) -> int:
    counts = totals(Path(argv[0]))
    failed = counts["failures"] + counts["errors"]
    passed = counts["tests"] - failed - counts["skipped"]
    print(f"lanes: {passed} passed, {failed} failed, {counts['skipped']} skipped")
    return 1 if counts["tests"] == 0 or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
