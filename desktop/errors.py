"""Counter-only domain errors (access rules); the shared DomainError lives in protocol.errors."""

from __future__ import annotations

from protocol.errors import DomainError


class AccessDenied(DomainError):
    """The logged-in staff member's role may not do this."""

    def __init__(self, action: str, required: str) -> None:
        super().__init__("auth.forbidden", action=action, required=required)
