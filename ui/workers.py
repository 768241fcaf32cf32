"""The one way the UI runs service calls off the GUI thread: a QThreadPool task with a signal bridge.

The application makes one `TaskRunner(on_bug)`, its bug handler (the crash reporter) given at
creation, and hands it to whatever starts background work. `runner.run(fn, on_done, on_error)` runs
`fn` on a pool thread and delivers the result, an environment error (DomainError, an
`EnvironmentFault` from the core, the operating system) or a bug (any other exception, logged with
its traceback and sent to the runner's bug handler) back on the GUI thread. Slow work takes a
`Progress` argument and reports `(done, total, text)` through `on_progress`.
"""

from __future__ import annotations

import errno
import inspect
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.faults import BackendUnreachable, EnvironmentFault, StorageProblem, StorageUnavailable
from protocol.errors import DomainError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """What went wrong in a background call: the exception, its kind and its traceback text."""

    error: BaseException
    is_bug: bool
    trace: str

    @property
    def message(self) -> str:
        """Plain Russian text for an environment error (str(DomainError) is already Russian)."""
        return environment_message(self.error)


def environment_message(error: BaseException) -> str:
    """The clerk-facing text for an error the environment caused."""
    from PySide6.QtCore import QCoreApplication

    if isinstance(error, DomainError):
        return str(error)
    problem = error.problem if isinstance(error, StorageUnavailable) else None
    if problem is StorageProblem.BUSY:
        return QCoreApplication.translate(
            "workers", "База данных занята другой операцией. Повторите действие через несколько секунд."
        )
    if problem is StorageProblem.DISK_FULL or (isinstance(error, OSError) and error.errno == errno.ENOSPC):
        return QCoreApplication.translate(
            "workers", "Диск заполнен: на диске закончилось место, и это действие не сохранено (ничего не "
                       "записано наполовину). Освободите место на диске и повторите действие — работа продолжится."
        )
    if problem is StorageProblem.READ_ONLY:
        return QCoreApplication.translate(
            "workers", "База данных недоступна для записи. Проверьте права на папку данных программы."
        )
    if problem is StorageProblem.DAMAGED:
        return QCoreApplication.translate(
            "workers", "Файл базы данных повреждён: действие не сохранено. Закройте программу и запустите её снова — "
                       "она назовёт файл и предложит восстановление, сохранив неотправленные действия."
        )
    if isinstance(error, BackendUnreachable | ConnectionError | TimeoutError):
        return QCoreApplication.translate(
            "workers", "Нет связи с сервером. Работа продолжается без сети; данные отправятся позже."
        )
    return QCoreApplication.translate("workers", "Ошибка окружения: {0}").format(error)


def is_environment_error(error: BaseException) -> bool:
    """Environment's fault (shown in plain words) versus a bug (crash dialog).

    The core already turned database and network failures into `EnvironmentFault`s; what is left
    of the environment here is the operating system (OSError with an errno).
    """
    if isinstance(error, DomainError | EnvironmentFault | ConnectionError | TimeoutError):
        return True
    return isinstance(error, OSError) and error.errno is not None


class Progress:
    """Handed to slow work: `progress(done, total, text)` reports to the GUI thread."""

    def __init__(self, bridge: _Bridge) -> None:
        self._bridge = bridge

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self._bridge.progressed.emit(done, total, text)


class _Bridge(QObject):
    """Lives on the GUI thread; its signals carry results from the pool thread to its own slots.

    Connecting to the bridge's methods (not to bare lambdas) makes the connection queued, so every
    callback runs on the GUI thread.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self, callbacks: _Callbacks, runner: TaskRunner, owner: QObject | None = None) -> None:
        super().__init__()
        self._callbacks = callbacks
        self._runner = runner
        if owner is not None:  # a closed page's late result goes nowhere (bugs are still reported)
            owner.destroyed.connect(self._drop_callbacks)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progressed)
        self.finished.connect(self._on_finished)

    @Slot()
    def _drop_callbacks(self) -> None:
        self._callbacks = _Callbacks(None, None, None, None)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        if self._callbacks.on_done is not None:
            self._callbacks.on_done(result)

    @Slot(object)
    def _on_failed(self, failure: Failure) -> None:
        if failure.is_bug:
            self._runner.report_bug(failure)
        elif self._callbacks.on_error is not None:
            self._callbacks.on_error(failure)
        else:
            log.warning("Unhandled environment error: %r", failure.error)

    @Slot(int, int, str)
    def _on_progressed(self, done: int, total: int, text: str) -> None:
        if self._callbacks.on_progress is not None:
            self._callbacks.on_progress(done, total, text)

    @Slot()
    def _on_finished(self) -> None:
        try:
            if self._callbacks.on_finished is not None:
                self._callbacks.on_finished()
        finally:
            self._runner.forget(self)


@dataclass(frozen=True)
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Failure], None] | None
    on_progress: Callable[[int, int, str], None] | None
    on_finished: Callable[[], None] | None


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], bridge: _Bridge, wants_progress: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._bridge = bridge
        self._wants_progress = wants_progress

    def run(self) -> None:
        try:
            result = self._fn(progress=Progress(self._bridge)) if self._wants_progress else self._fn()
        except BaseException as exc:  # every failure is reported, never swallowed
            failure = Failure(exc, not is_environment_error(exc), traceback.format_exc())
            self._bridge.failed.emit(failure)
        else:
            self._bridge.succeeded.emit(result)
        finally:
            self._bridge.finished.emit()


BugHandler = Callable[[Failure], None]


def log_bug(failure: Failure) -> None:
    """Log a bug from a background task with its traceback (every runner does this first)."""
    log.error("Bug in a background task: %r\n%s", failure.error, failure.trace)


def ignore_bug(_failure: Failure) -> None:
    """A bug handler for runners without a crash dialog (tests, previews): the log entry is all."""


class TaskRunner:
    """Runs callables on a thread pool; results and failures come back on the GUI thread.

    `on_bug` is told about every bug after it is logged (the application passes its crash reporter).
    """

    def __init__(self, on_bug: BugHandler, pool: QThreadPool | None = None) -> None:
        self.on_bug = on_bug
        self.pool = pool or QThreadPool.globalInstance()
        self._live: set[_Bridge] = set()  # bridges of running tasks (kept alive until they finish)

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Failure], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run `fn` on the pool; callbacks run on the GUI thread. Bugs always reach `report_bug`.

        `fn` takes no arguments, or a keyword `progress` (a `Progress`) when it reports progress. With an
        `owner` (the page that asked), the callbacks are dropped once the owner is destroyed.
        """
        bridge = _Bridge(_Callbacks(on_done, on_error, on_progress, on_finished), self, owner)
        self._live.add(bridge)
        self.pool.start(_Task(fn, bridge, _wants_progress(fn)))

    def report_bug(self, failure: Failure) -> None:
        """Log a bug with its traceback and hand it to this runner's bug handler."""
        log_bug(failure)
        self.on_bug(failure)

    def forget(self, bridge: _Bridge) -> None:
        self._live.discard(bridge)

    def wait_for_idle(self, timeout_ms: int = 5000) -> bool:
        """Block until every background task finished (used at shutdown)."""
        return self.pool.waitForDone(timeout_ms)


def _wants_progress(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params
