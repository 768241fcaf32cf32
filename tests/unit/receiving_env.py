"""Helpers shared by the receiving rule tests (tests/unit/test_receiving_*_rules.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from protocol.errors import DomainError


def refusal(call: Callable[[], Any]) -> DomainError:
    """The DomainError a receiving step refuses with (the test fails when the step goes through)."""
    with pytest.raises(DomainError) as err:
        call()
    return err.value
