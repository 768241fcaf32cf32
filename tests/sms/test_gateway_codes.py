"""SMSC.ru / SMS.ru adapters against fakes written from the documentation: credentials never in a URL or a
log line, every documented code classified (account errors carry a reason), results found by digits."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from backend.sms.gateway_codes import SMSC_SEND, SMSC_STATUS, SMSRU_SEND, SMSRU_STATUS
from backend.sms.gateways import SendResult, SmscGateway, SmsRuGateway
from tests.sms.fake_gateways import FakeGatewayServer
from tests.support.clock import FakeClock

PHONE = "+79161234567"
README = Path(__file__).resolve().parents[2] / "backend" / "README.md"


def _smsc(url: str, password: str = "secret") -> SmscGateway:
    return SmscGateway("demo", password, base_url=f"{url}/sys", timeout=(2, 2))


def _smsru(url: str, api_id: str = "API-KEY") -> SmsRuGateway:
    return SmsRuGateway(api_id, base_url=url, timeout=(2, 2))


@pytest.mark.parametrize("kind", ["smsc", "smsru"])
def test_send_and_status_leave_no_credential_or_phone_in_urls_or_logs(kind: str,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # the root: every logger, urllib3 included
    for name in ("urllib3", "urllib3.connectionpool", "requests", "backend"):
        caplog.set_level(logging.DEBUG, logger=name)
    with FakeGatewayServer(kind) as fake:
        gw = _smsc(fake.url) if kind == "smsc" else _smsru(fake.url)
        sent = gw.send("0b5f3c9e-1111-4222-8333-944455556666", PHONE, "Заказ готов")
        assert sent.outcome == "accepted"
        polled = gw.status("0b5f3c9e-1111-4222-8333-944455556666", sent.message_id, PHONE)
        assert polled.state == "accepted"  # the fake SMS.ru answers a GET status with 210: this was a POST
        for method, raw_path, _params in fake.state.requests:
            assert method == "POST" and "?" not in raw_path
    assert any(r.name.startswith("urllib3") for r in caplog.records)  # DEBUG logging really was on
    text = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    for secret in ("secret", "API-KEY", "9161234567"):
        assert secret not in text


def test_smsc_blocks_the_ip_after_five_auth_errors_in_30_minutes() -> None:
    clock = FakeClock()
    with FakeGatewayServer("smsc") as fake:
        fake.state.clock = clock
        wrong = _smsc(fake.url, password="wrong")
        results = []
        for _ in range(5):
            results.append(wrong.send("a", PHONE, "x"))
            clock.advance(minutes=5)
        assert [(r.outcome, r.reason) for r in results] == [("account_error", "auth")] * 5
        blocked = _smsc(fake.url).send("b", PHONE, "x")  # even the right password: the IP is blocked
        assert (blocked.outcome, blocked.reason) == ("account_error", "ip_blocked")
        polled = _smsc(fake.url).status("b", None, PHONE)
        assert (polled.state, polled.reason) == ("account_error", "ip_blocked")
        clock.advance(minutes=31)
        assert _smsc(fake.url).send("c", PHONE, "x").outcome == "accepted"


def test_smsc_auth_errors_spread_over_more_than_30_minutes_do_not_block() -> None:
    clock = FakeClock()
    with FakeGatewayServer("smsc") as fake:
        fake.state.clock = clock
        for _ in range(6):
            assert _smsc(fake.url, password="wrong").send("a", PHONE, "x").reason == "auth"
            clock.advance(minutes=8)


def test_smsc_blocks_the_ip_for_10_minutes_after_100_erroneous_requests() -> None:
    clock = FakeClock()
    with FakeGatewayServer("smsc") as fake:
        fake.state.clock = clock
        fake.state.next_send_error = [7] * 100
        gw = _smsc(fake.url)
        assert {gw.send("a", PHONE, "x").outcome for _ in range(100)} == {"failed"}
        assert gw.send("b", PHONE, "x").reason == "ip_blocked"
        clock.advance(minutes=11)
        assert gw.send("b", PHONE, "x").outcome == "accepted"


@pytest.mark.parametrize(("code", "reason"), [(2, "auth"), (3, "funds"), (4, "ip_blocked")])
def test_smsc_account_errors_are_account_level(code: int, reason: str) -> None:
    with FakeGatewayServer("smsc") as fake:
        fake.state.next_send_error = [code]
        result = _smsc(fake.url).send("a", PHONE, "x")
    assert (result.outcome, result.reason) == ("account_error", reason)
    assert result.retry_after


@pytest.mark.parametrize(("code", "after"), [(230, 3600), (231, 120), (232, 3600), (233, 900), (500, 60)])
def test_smsru_limits_and_server_error_are_retried_later(code: int, after: float) -> None:
    with FakeGatewayServer("smsru") as fake:
        fake.state.next_send_error = [code]
        result = _smsru(fake.url).send("a", PHONE, "x")
        assert result == SendResult("retry_later", error=result.error, retry_after=after)
        assert _smsru(fake.url).send("a", PHONE, "x").outcome == "accepted"


def test_smsru_wrong_api_id_is_an_account_error_for_send_and_status() -> None:
    with FakeGatewayServer("smsru") as fake:
        sent = _smsru(fake.url).send("a", PHONE, "x")
        wrong = _smsru(fake.url, api_id="nope")
        assert (wrong.send("a", PHONE, "x").outcome, wrong.send("a", PHONE, "x").reason) == ("account_error", "auth")
        polled = wrong.status("a", sent.message_id, PHONE)
        assert (polled.state, polled.reason) == ("account_error", "auth")


@pytest.mark.parametrize("form", [lambda d: d, lambda d: "+" + d, lambda d: "8" + d[1:]])
def test_smsru_result_found_whatever_form_the_service_keys_it_by(form: object) -> None:
    with FakeGatewayServer("smsru") as fake:
        fake.state.key_form = form  # type: ignore[assignment]
        result = _smsru(fake.url).send("a", PHONE, "x")
    assert result.outcome == "accepted" and result.message_id


def test_smsru_statuses_130_to_132_and_smsc_minus_2_are_final_failures() -> None:
    with FakeGatewayServer("smsru") as fake:
        gw = _smsru(fake.url)
        for code in (130, 131, 132):
            sent = gw.send("a", PHONE, "x")
            fake.state.status_code_for[str(sent.message_id)] = code
            assert gw.status("a", sent.message_id, PHONE).state == "failed"
    with FakeGatewayServer("smsc") as fake:
        gw_smsc = _smsc(fake.url)
        assert gw_smsc.send("m1", PHONE, "x").outcome == "accepted"
        fake.state.status_code_for["m1"] = -2
        assert gw_smsc.status("m1", None, PHONE).state == "failed"


def test_undocumented_code_is_left_for_a_manual_decision() -> None:
    with FakeGatewayServer("smsru") as fake:
        fake.state.next_send_error = [299]
        assert _smsru(fake.url).send("a", PHONE, "x").outcome == "unknown"


def test_readme_table_lists_every_code_with_the_adapters_handling() -> None:
    text = README.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| (SMSC|SMS\.ru) (send|status) \| (-?\d+) \| [^|]+ \| `(\w+)`", text, re.M))
    expected = {("SMSC", "send", str(c), e.handling) for c, e in SMSC_SEND.items()}
    expected |= {("SMSC", "status", str(c), s) for c, (_, s) in SMSC_STATUS.items()}
    expected |= {("SMS.ru", "send", str(c), e.handling) for c, e in SMSRU_SEND.items()}
    expected |= {("SMS.ru", "status", str(c), s) for c, (_, s) in SMSRU_STATUS.items()}
    assert rows == expected


@pytest.mark.parametrize(("code", "outcome", "reason"), [
    (204, "failed", None),  # «Вы не подключили данного оператора»: the number's operator, not the account
    (215, "failed", None),  # the number is on SMS.RU's spam stop list
    (503, "retry_later", None), (505, "retry_later", None),
    (507, "account_error", "config"),
])
def test_smsru_codes_checked_against_the_current_documentation(code: int, outcome: str, reason: str | None) -> None:
    with FakeGatewayServer("smsru") as fake:
        fake.state.next_send_error = [code]
        result = _smsru(fake.url).send("a", PHONE, "x")
    assert (result.outcome, result.reason) == (outcome, reason)
