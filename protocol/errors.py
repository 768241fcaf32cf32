"""Domain errors both sides raise: a machine code plus parameters; the counter installs the text catalogue."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Describer = Callable[[str, Mapping[str, Any]], str]


def _plain(code: str, params: Mapping[str, Any]) -> str:
    return f"{code} {dict(params)!r}" if params else code


_describer: list[Describer] = [_plain]


def set_describer(describe: Describer) -> None:
    """Make str(DomainError) render through `describe` (the counter installs its message catalogue)."""
    _describer[0] = describe


class DomainError(Exception):
    """A rule refused the action; nothing was changed (beyond counted attempts)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.params!r})"

    def __str__(self) -> str:
        return _describer[0](self.code, self.params)


class IllegalTransition(DomainError):
    """The order state machine refused a transition."""

    def __init__(self, order_number: str, current: str, event: str) -> None:
        super().__init__("order.illegal_transition", order=order_number, current=current, event=event)
