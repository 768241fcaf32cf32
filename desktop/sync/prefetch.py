"""One call run ahead on a daemon thread: the next change page downloads while this one is stored, and the next
batch is read from the outbox while this one is on the wire.

A daemon thread (not an executor's worker) so a request still in flight never holds up quitting the app: the
page it fetches and the batch it reads are only reads, and the cursor a page would move is stored with the page,
never before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Ahead(Generic[T]):
    """`fn()` started now on its own thread; `result()` waits for it and returns or raises what it did."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sync-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._fn()
        except BaseException as exc:  # handed to the caller of result(), who would have seen it anyway
            self._error = exc

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
