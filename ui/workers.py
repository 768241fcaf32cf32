"""The one way the UI runs service calls off the GUI thread: a QThreadPool task with a signal bridge.

`run_task(fn, on_done, on_error)` runs `fn` on a pool thread and delivers the result, an
environment error (DomainError, network, disk) or a bug (any other exception, logged with its
traceback and sent to the crash handler) back on the GUI thread. Slow work takes a `Progress`
argument and reports `(done, total, text)` through `on_progress`.
"""

from __future__ import annotations

import inspect
import logging
import sqlite3
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

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
    if _is_database_busy(error):
        return QCoreApplication.translate(
            "workers", "База данных занята другой операцией. Повторите действие через несколько секунд."
        )
    if isinstance(error, OSError) and getattr(error, "errno", None) == 28:
        return QCoreApplication.translate(
            "workers", "На диске закончилось место. Освободите место на диске и повторите действие."
        )
    if isinstance(error, ConnectionError | TimeoutError) or _is_network(error):
        return QCoreApplication.translate(
            "workers", "Нет связи с сервером. Работа продолжается без сети; данные отправятся позже."
        )
    return QCoreApplication.translate("workers", "Ошибка окружения: {0}").format(error)


def _is_network(error: BaseException) -> bool:
    try:
        import requests
    except ImportError:  # pragma: no cover - requests is a hard dependency
        return False
    return isinstance(error, requests.RequestException)


def _is_database_busy(error: BaseException) -> bool:
    try:
        from sqlalchemy.exc import OperationalError
    except ImportError:  # pragma: no cover
        return False
    if isinstance(error, OperationalError | sqlite3.OperationalError):
        return "locked" in str(error) or "busy" in str(error)
    return False


def is_environment_error(error: BaseException) -> bool:
    """Environment's fault (shown in plain words) versus a bug (crash dialog)."""
    if isinstance(error, DomainError | ConnectionError | TimeoutError):
        return True
    if isinstance(error, OSError) and getattr(error, "errno", None) is not None:
        return True
    return _is_network(error) or _is_database_busy(error)


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

    def __init__(self, callbacks: _Callbacks) -> None:
        super().__init__()
        self._callbacks = callbacks
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progressed)
        self.finished.connect(self._on_finished)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        if self._callbacks.on_done is not None:
            self._callbacks.on_done(result)

    @Slot(object)
    def _on_failed(self, failure: Failure) -> None:
        if failure.is_bug:
            report_bug(failure)
        elif self._callbacks.on_error is not None:
            self._callbacks.on_error(failure)
        else:
            log.warning("Необработанная ошибка окружения: %s", failure.message)

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
            _live.discard(self)


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
_bug_handler: BugHandler | None = None
_live: set[_Bridge] = set()


def set_bug_handler(handler: BugHandler | None) -> None:
    """Where bugs from background calls go (the app installs the crash dialog)."""
    global _bug_handler
    _bug_handler = handler


def report_bug(failure: Failure) -> None:
    """Log a bug with its traceback and hand it to the crash handler."""
    log.error("Ошибка в программе (bug): %r\n%s", failure.error, failure.trace)
    if _bug_handler is not None:
        _bug_handler(failure)


def pool() -> QThreadPool:
    """The application's worker pool (the global one: small, shared by all pages)."""
    return QThreadPool.globalInstance()


def run_task(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Failure], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_finished: Callable[[], None] | None = None,
) -> None:
    """Run `fn` on the pool; callbacks run on the GUI thread. Bugs always reach `report_bug`.

    `fn` takes no arguments, or a keyword `progress` (a `Progress`) when it reports progress.
    """
    bridge = _Bridge(_Callbacks(on_done, on_error, on_progress, on_finished))
    _live.add(bridge)
    pool().start(_Task(fn, bridge, _wants_progress(fn)))


def _wants_progress(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params


def wait_for_idle(timeout_ms: int = 5000) -> bool:
    """Block until every background task finished (used at shutdown)."""
    return pool().waitForDone(timeout_ms)
