"""Domain errors: a machine code plus parameters; the UI turns them into Russian text."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule refused the action; nothing was changed (beyond counted attempts)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.params!r})"

    def __str__(self) -> str:
        from desktop.messages import describe

        return describe(self.code, self.params)


class AccessDenied(DomainError):
    """The logged-in staff member's role may not do this."""

    def __init__(self, action: str, required: str) -> None:
        super().__init__("auth.forbidden", action=action, required=required)


class IllegalTransition(DomainError):
    """The order state machine refused a transition."""

    def __init__(self, order_number: str, current: str, event: str) -> None:
        super().__init__("order.illegal_transition", order=order_number, current=current, event=event)
