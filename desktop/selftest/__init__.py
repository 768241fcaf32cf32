"""``--self-test``: checks an installation and prints a report (text in the UI language, or ``--json``).

Each check's class decides the exit code (desktop/selftest/report.py):
- failed → 2, the PC cannot work: data or log directory not writable, database damaged or newer than the app,
  barcode drawing/reading broken (the bundle lacks libzbar or its font), the Qt platform plugin does not load,
  the PC is enrolled for another point than its configuration names, the server refuses its device key (revoked:
  nothing it records would ever reach the server — enrol it again);
- degraded → 1, it works offline but needs the installer: server unreachable, not Pickup Desk, TLS refused,
  app older than the server's minimum, not enrolled yet, ca_bundle file missing;
- warning → 0, listed only: no printer or camera, a configured printer missing, scanner settings, unknown
  PICKUP_* variables, database not created yet or to be migrated at the next start, device.json readable by others.
The self-test never migrates or writes the database (the updater runs a new version's self-test first).
Printer, camera and Qt-platform facts come from probes the Qt side passes in: this module stays Qt-free.
"""

from __future__ import annotations

from desktop.config import AppConfig
from desktop.selftest.devices import (
    Probe,
    check_cameras,
    check_printers,
    check_qt_platform,
    check_runtime,
    check_scanner,
)
from desktop.selftest.local import check_config, check_database, check_device, check_directory
from desktop.selftest.report import SelfTestReport
from desktop.selftest.server import check_backend


def run_self_test(config: AppConfig, printers: Probe | None = None, cameras: Probe | None = None,
                  qt_platform: Probe | None = None) -> SelfTestReport:
    """Run every check; printer, camera and Qt platform facts come from the caller's (Qt) probes."""
    report = SelfTestReport()
    check_config(config, report)
    check_directory("data_dir", config.data_dir, report)
    check_directory("log_dir", config.log_dir, report)
    check_runtime(report)
    check_qt_platform(qt_platform, report)
    check_database(config, report)
    device = check_device(config, report)
    check_backend(config, device, report)
    check_scanner(config, report)
    check_printers(config, printers, report)
    check_cameras(cameras, report)
    return report
