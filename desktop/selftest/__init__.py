"""``--self-test``: checks an installation and prints a readable report (in the UI language) with an exit code.

Checks: configuration, data and log directories, the local database (integrity_check, migration
state), the device credential, the backend (health, minimum version, credential), the scanner
settings, and — through probes the Qt side passes in, since this module stays Qt-free — the
printer and camera lists. Exit code: 0 all fine, 1 warnings only, 2 at least one failure.
"""

from __future__ import annotations

from desktop.config import AppConfig
from desktop.selftest.devices import Probe, check_cameras, check_printers, check_runtime, check_scanner
from desktop.selftest.local import check_config, check_database, check_device, check_directory
from desktop.selftest.report import SelfTestReport
from desktop.selftest.server import check_backend
from desktop.translatable import translate


def run_self_test(config: AppConfig, printers: Probe | None = None, cameras: Probe | None = None) -> SelfTestReport:
    """Run every check; printer and camera lists come from the caller's (Qt) probes."""
    report = SelfTestReport()
    check_config(config, report)
    check_directory(translate("SelfTest", "Каталог данных"), config.data_dir, report)
    check_directory(translate("SelfTest", "Каталог журналов"), config.log_dir, report)
    check_runtime(report)
    check_database(config, report)
    device = check_device(config, report)
    check_backend(config, device, report)
    check_scanner(config, report)
    check_printers(config, printers, report)
    check_cameras(cameras, report)
    return report
