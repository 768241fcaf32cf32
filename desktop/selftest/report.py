"""The self-test report: one line per check with its status, the exit code, the printed text and the JSON.

Exit codes an install script can trust (documented in README.md and packaging/README.md):
0 — the PC can work (warnings such as «no printer» are listed but do not fail); 1 — degraded: it works
offline but something needs the installer (server unreachable or refusing, not enrolled yet); 2 — it
cannot work (a directory or the database is not writable or damaged, the bundle or Qt platform is broken).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from desktop.translatable import QT_TRANSLATE_NOOP, translate
from desktop.version import build_info


class Status(Enum):
    """A check's class: `warning` keeps exit code 0, `degraded` makes it 1, `failed` makes it 2."""

    OK = "ok"
    WARNING = "warning"
    DEGRADED = "degraded"
    FAILED = "failed"
    SKIPPED = "skipped"


EXIT_WORKS, EXIT_DEGRADED, EXIT_CANNOT_WORK = 0, 1, 2

LABELS = {Status.OK: "[ OK ]", Status.WARNING: QT_TRANSLATE_NOOP("SelfTest", "[ВНИМ]"),
          Status.DEGRADED: QT_TRANSLATE_NOOP("SelfTest", "[СБОЙ]"),
          Status.FAILED: QT_TRANSLATE_NOOP("SelfTest", "[ОШИБ]"), Status.SKIPPED: "[ -- ]"}
SUMMARIES = {
    EXIT_WORKS: QT_TRANSLATE_NOOP("SelfTest", "компьютер готов к работе"),
    EXIT_DEGRADED: QT_TRANSLATE_NOOP("SelfTest", "работа возможна, но не полностью — см. [СБОЙ] выше"),
    EXIT_CANNOT_WORK: QT_TRANSLATE_NOOP("SelfTest", "работать нельзя — см. [ОШИБ] выше"),
}
# Stable check names (the JSON's `name`, for scripts) and their titles for people.
TITLES = {
    "config": QT_TRANSLATE_NOOP("SelfTest", "Настройки"),
    "environment": QT_TRANSLATE_NOOP("SelfTest", "Переменные окружения"),
    "certificates": QT_TRANSLATE_NOOP("SelfTest", "Сертификаты"),
    "data_dir": QT_TRANSLATE_NOOP("SelfTest", "Каталог данных"),
    "log_dir": QT_TRANSLATE_NOOP("SelfTest", "Каталог журналов"),
    "barcodes": QT_TRANSLATE_NOOP("SelfTest", "Штрихкоды"),
    "qt_platform": QT_TRANSLATE_NOOP("SelfTest", "Графическая платформа Qt"),
    "database": QT_TRANSLATE_NOOP("SelfTest", "База данных"),
    "schema": QT_TRANSLATE_NOOP("SelfTest", "Схема базы"),
    "enrolment": QT_TRANSLATE_NOOP("SelfTest", "Регистрация"),
    "device_file_mode": QT_TRANSLATE_NOOP("SelfTest", "Права на device.json"),
    "server": QT_TRANSLATE_NOOP("SelfTest", "Сервер"),
    "device_key": QT_TRANSLATE_NOOP("SelfTest", "Ключ устройства"),
    "scanner": QT_TRANSLATE_NOOP("SelfTest", "Сканер"),
    "printers": QT_TRANSLATE_NOOP("SelfTest", "Принтеры"),
    "cameras": QT_TRANSLATE_NOOP("SelfTest", "Камеры"),
}


@dataclass(frozen=True)
class CheckResult:
    """One line of the report: `name` is the stable key, `title` its translated text."""

    name: str
    status: Status
    detail: str

    @property
    def title(self) -> str:
        return translate("SelfTest", TITLES[self.name])


@dataclass
class SelfTestReport:
    """All check results; `exit_code` is 2 with any failure, 1 with a degraded check, else 0."""

    results: list[CheckResult] = field(default_factory=list)

    def add(self, name: str, status: Status, detail: str) -> None:
        assert name in TITLES, name
        self.results.append(CheckResult(name, status, detail))

    @property
    def exit_code(self) -> int:
        statuses = {r.status for r in self.results}
        if Status.FAILED in statuses:
            return EXIT_CANNOT_WORK
        return EXIT_DEGRADED if Status.DEGRADED in statuses else EXIT_WORKS

    def result(self, name: str) -> CheckResult:
        """The check by its key or its title."""
        return next(r for r in self.results if name in (r.name, r.title))

    def render(self) -> str:
        lines = [translate("SelfTest", "Самопроверка: {0}").format(build_info().one_line()), ""]
        lines += [f"{translate('SelfTest', LABELS[r.status])} {r.title}: {r.detail}" for r in self.results]
        summary = translate("SelfTest", SUMMARIES[self.exit_code])
        lines += ["", translate("SelfTest", "Итог: {0} (код выхода {1})").format(summary, self.exit_code), ""]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """The machine-readable report (`--self-test --json`)."""
        checks = [{"name": r.name, "title": r.title, "status": r.status.value, "detail": r.detail}
                  for r in self.results]
        return {"exit_code": self.exit_code, "version": build_info().version, "checks": checks}

    def render_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"
