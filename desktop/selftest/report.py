"""The self-test report: one line per check with its status, the exit code and the printed Russian text."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.version import build_info


class Status(Enum):
    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"
    SKIPPED = "skipped"


LABELS = {Status.OK: "[ OK ]", Status.WARNING: "[ВНИМ]", Status.FAILED: "[ОШИБ]", Status.SKIPPED: "[ -- ]"}


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
        lines = [f"Самопроверка: {build_info().one_line()}", ""]
        lines += [f"{LABELS[r.status]} {r.name}: {r.detail}" for r in self.results]
        summary = {0: "всё в порядке", 1: "есть предупреждения", 2: "есть ошибки — см. [ОШИБ] выше"}
        lines += ["", f"Итог: {summary[self.exit_code]} (код выхода {self.exit_code})", ""]
        return "\n".join(lines)
