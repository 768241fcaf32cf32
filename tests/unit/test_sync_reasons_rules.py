"""The manager reads the server's verdicts in words: a reason code with its detail, a readable fallback for a code
this version does not know (logged, never shown raw), conflict versus refusal, flagged orders, a paused SMS gateway,
what to do about each, and alerts re-rendered from their stored details in the current language."""

from __future__ import annotations

import logging

import pytest

from desktop import messages
from desktop.action_names import event_name
from desktop.sync.reasons import (
    UNKNOWN_FLAG,
    UNKNOWN_REASON,
    UNKNOWN_REMEDY,
    describe_alert,
    describe_flag,
    describe_problem,
    describe_reason,
    describe_remedy,
    describe_sms_gateway,
)


def text(code: str, **params: object) -> str:
    return messages.describe(code, params)


@pytest.mark.parametrize("reason", [None, ""])
def test_no_reason_says_the_server_gave_none(reason: str | None) -> None:
    assert describe_reason(reason) == text("sync.reason.none")
    assert describe_remedy(reason) == text("sync.remedy.none")


def test_a_reason_reads_with_its_detail_trimmed() -> None:
    assert describe_reason("unknown_order:10001") == text("sync.reason.unknown_order", detail="10001")
    assert describe_reason(" unknown_order : 10001 ") == text("sync.reason.unknown_order", detail="10001")
    assert "10001" in describe_reason("unknown_order:10001")


def test_a_reason_without_detail_reads_whole() -> None:
    assert describe_reason("box_already_received") == messages.template("sync.reason.box_already_received")


def test_an_unknown_reason_reads_as_the_fallback_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.sync.reasons"):
        assert describe_reason("brand_new_rule:42") == messages.template(UNKNOWN_REASON)
    assert [r.getMessage() for r in caplog.records] == ["unknown server reason 'brand_new_rule:42'"]


def test_a_known_reason_is_not_logged_as_unknown(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.sync.reasons"):
        describe_reason("order_cancelled")
    assert caplog.records == []


@pytest.mark.parametrize(("status", "verdict"), [("conflict", "sync.verdict.conflict"),
                                                 ("rejected", "sync.verdict.rejected")])
def test_a_problem_names_the_event_the_verdict_and_the_reason(status: str, verdict: str) -> None:
    said = describe_problem("order.arrived", status, "unknown_order:10001")
    assert said == text("sync.problem", type=event_name("order.arrived"), verdict=text(verdict),
                        reason=text("sync.reason.unknown_order", detail="10001"))
    assert event_name("order.arrived") in said and text(verdict) in said


def test_a_conflict_and_a_refusal_read_differently() -> None:
    assert describe_problem("order.arrived", "conflict", None) != describe_problem("order.arrived", "rejected", None)
    assert text("sync.reason.none") in describe_problem("order.arrived", "rejected", None)


def test_a_flagged_order_reads_with_its_number() -> None:
    said = describe_flag("handed_over_after_cancel", "10042")
    assert said == text("sync.flag.handed_over_after_cancel", order="10042") and "10042" in said


def test_an_unknown_flag_still_names_the_order() -> None:
    assert describe_flag("new_kind_of_flag", "10042") == text(UNKNOWN_FLAG, order="10042")
    assert "10042" in describe_flag("new_kind_of_flag", "10042")


@pytest.mark.parametrize("reason", ["auth", "funds", "ip_blocked", "config", "daily_limit"])
def test_a_paused_sms_gateway_says_why(reason: str) -> None:
    assert describe_sms_gateway(reason) == messages.template(f"sync.sms_gateway.{reason}")


def test_an_unknown_gateway_reason_reads_as_the_general_account_problem() -> None:
    assert describe_sms_gateway("new_reason") == messages.template("sync.sms_gateway.unknown")


@pytest.mark.parametrize("kind", ["conflict", "rejected_event"])
def test_an_event_alert_is_rendered_from_its_details(kind: str) -> None:
    details = {"status": "conflict", "type": "order.arrived", "reason": "order_cancelled"}
    assert describe_alert(kind, "stored text", details) == describe_problem("order.arrived", "conflict",
                                                                            "order_cancelled")


def test_an_event_alert_without_a_type_still_reads() -> None:
    said = describe_alert("rejected_event", "stored text", {"status": "rejected", "reason": None})
    assert said == describe_problem("", "rejected", None)


def test_an_event_alert_without_a_status_keeps_its_stored_text() -> None:
    assert describe_alert("conflict", "stored text", {"type": "order.arrived"}) == "stored text"


def test_another_kind_of_alert_with_a_status_is_not_read_as_an_event() -> None:
    assert describe_alert("sms_failed", "stored text", {"status": "conflict"}) == "stored text"


def test_a_gateway_alert_is_rendered_from_its_reason() -> None:
    assert describe_alert("sms_gateway", "stored", {"sms_gateway": "funds"}) == describe_sms_gateway("funds")


def test_a_flag_alert_is_rendered_with_its_order() -> None:
    details = {"flag": "handed_over_after_cancel", "order_number": "10042"}
    assert describe_alert("order_flagged", "stored", details) == describe_flag("handed_over_after_cancel", "10042")


@pytest.mark.parametrize("details", [{"flag": "handed_over_after_cancel"},
                                     {"flag": "handed_over_after_cancel", "order_number": ""}, {}, None])
def test_an_alert_the_sync_did_not_render_keeps_its_stored_text(details: dict[str, str] | None) -> None:
    assert describe_alert("order_flagged", "stored text", details) == "stored text"


def test_a_codes_own_remedy_wins_over_its_familys() -> None:
    assert describe_remedy("order_cancelled:10001") == messages.template("sync.remedy.order_cancelled")
    assert describe_remedy(" order_cancelled ") == messages.template("sync.remedy.order_cancelled")


def test_a_code_without_its_own_remedy_gets_its_familys() -> None:
    assert describe_remedy("order_not_ready:arrived") == messages.template("sync.remedy.order_state")
    assert describe_remedy("sms_daily_limit") == messages.template("sync.remedy.sms_limit")


def test_an_unknown_code_gets_the_general_remedy() -> None:
    assert describe_remedy("brand_new_rule:1") == messages.template(UNKNOWN_REMEDY)
