"""The self-test report: one line per check with its status, the exit code and the printed text (translated)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.translatable import QT_TRANSLATE_NOOP, translate
from desktop.version import build_info


class Status(Enum):
    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"
    SKIPPED = "skipped"


LABELS = {Status.OK: "[ OK ]", Status.WARNING: QT_TRANSLATE_NOOP("SelfTest", "[ВНИМ]"),
          Status.FAILED: QT_TRANSLATE_NOOP("SelfTest", "[ОШИБ]"), Status.SKIPPED: "[ -- ]"}
SUMMARIES = {0: QT_TRANSLATE_NOOP("SelfTest", "всё в порядке"), 1: QT_TRANSLATE_NOOP("SelfTest", "есть предупреждения"),
             2: QT_TRANSLATE_NOOP("SelfTest", "есть ошибки — см. [ОШИБ] выше")}


@dataclass(frozen=True)
class CheckResult:
    """One line of the report."""

    name: str
    status: Status
    detail: str


@dataclass
class SelfTestReport:
    """All check results; `exit_code` is 2 with any failure, 1 with warnings only, else 0."""

    results: list[CheckResult] = field(default_factory=list)

    def add(self, name: str, status: Status, detail: str) -> None:
        self.results.append(CheckResult(name, status, detail))

    @property
    def exit_code(self) -> int:
        statuses = {r.status for r in self.results}
        if Status.FAILED in statuses:
            return 2
        return 1 if Status.WARNING in statuses else 0

    def result(self, name: str) -> CheckResult:
        return next(r for r in self.results if r.name == name)

    def render(self) -> str:
        lines = [translate("SelfTest", "Самопроверка: {0}").format(build_info().one_line()), ""]
        lines += [f"{translate('SelfTest', LABELS[r.status])} {r.name}: {r.detail}" for r in self.results]
        summary = translate("SelfTest", SUMMARIES[self.exit_code])
        lines += ["", translate("SelfTest", "Итог: {0} (код выхода {1})").format(summary, self.exit_code), ""]
        return "\n".join(lines)
