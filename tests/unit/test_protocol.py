"""The shared protocol package: one version, status enums both sides use, domain errors without the counter."""

from __future__ import annotations

from importlib import metadata

import pytest

from protocol import errors
from protocol.errors import DomainError, IllegalTransition
from protocol.states import PROBLEM_OUTCOMES, SMS_FINAL, SMS_PROGRESS, EventOutcome, SmsStatus
from protocol.version import VERSION


def test_the_version_is_the_package_metadata() -> None:
    assert VERSION == metadata.version("pickup-desk")


def test_every_sms_status_has_a_progress_rank_and_final_states_rank_last() -> None:
    assert set(SMS_PROGRESS) == set(SmsStatus)
    top = max(SMS_PROGRESS.values())
    assert {s for s, rank in SMS_PROGRESS.items() if rank == top} == SMS_FINAL


def test_status_enums_are_the_strings_on_the_wire() -> None:
    assert SmsStatus("delivered") is SmsStatus.DELIVERED and f"{SmsStatus.UNKNOWN}" == "unknown"
    assert "conflict" in PROBLEM_OUTCOMES and "applied" not in PROBLEM_OUTCOMES
    assert [str(o) for o in EventOutcome] == ["applied", "duplicate", "rejected", "conflict"]


def test_a_domain_error_reads_as_its_code_until_a_describer_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "_describer", [errors._plain])
    assert str(DomainError("order.not_found", order="1")) == "order.not_found {'order': '1'}"
    assert str(DomainError("point.not_configured")) == "point.not_configured"
    errors.set_describer(lambda code, params: f"<{code}:{params['order']}>")
    assert str(IllegalTransition("7", "ready", "ship")) == "<order.illegal_transition:7>"


def test_the_counter_installs_its_message_catalogue() -> None:
    import desktop  # noqa: F401  (installs the describer)

    assert str(DomainError("order.not_found", order="500000001")) == (
        "Заказ 500000001 не найден в этом пункте выдачи.")
