"""SMS gateway adapters: SMSC.ru and SMS.ru over their published HTTP APIs, and a demo log gateway.

Every adapter answers with a `SendResult` / `StatusResult` instead of raising, so the dispatcher can
tell a definite refusal from an ambiguous outcome (the request may have reached the gateway).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

import requests

from backend.sms.gateway_codes import SMSC_SEND, SMSC_STATUS, SMSRU_SEND, SMSRU_STATUS, Code
from backend.sms.templates import mask_phone
from protocol.private_files import private_dir, touch_private

log = logging.getLogger(__name__)

SendOutcome = Literal["accepted", "failed", "retry_later", "duplicate", "unknown", "account_error"]
DeliveryState = Literal["accepted", "delivered", "failed", "not_found", "unknown", "account_error"]
DEFAULT_TIMEOUT = (3.05, 10.0)  # (connect, read) seconds


@dataclass(frozen=True)
class SendResult:
    outcome: SendOutcome
    message_id: str | None = None
    error: str | None = None
    retry_after: float | None = None  # seconds, for retry_later / account_error
    reason: str | None = None  # account_error: "auth" | "funds" | "ip_blocked" | "daily_limit" | "config"


@dataclass(frozen=True)
class StatusResult:
    state: DeliveryState
    error: str | None = None
    retry_after: float | None = None  # the status API asked us to slow down
    reason: str | None = None  # state account_error: the status API's account-level error (as SendResult.reason)


class Gateway(Protocol):
    """What the dispatcher needs from a gateway."""

    name: str
    lookup_by_client_id: bool  # can the status API find a message by our own id (reconciliation)?

    def send(self, client_id: str, phone: str, text: str) -> SendResult: ...

    def status(self, client_id: str, message_id: str | None, phone: str) -> StatusResult: ...


def _session(ca_bundle: str | None) -> requests.Session:
    session = requests.Session()
    session.verify = ca_bundle if ca_bundle else True  # TLS always verified
    return session


def _verify(session: requests.Session) -> bool | str:
    """Passed per request: a session-level `verify` loses to REQUESTS_CA_BUNDLE in the environment."""
    return session.verify  # type: ignore[return-value]


def _ambiguous_or_not_sent(exc: requests.RequestException) -> SendResult:
    """A transport failure: 'not sent' only when the connection was never made."""
    if isinstance(exc, requests.ConnectTimeout) or (
        isinstance(exc, requests.ConnectionError) and "NewConnectionError" in repr(exc)
    ):
        return SendResult("retry_later", error="gateway unreachable", retry_after=60)
    return SendResult("unknown", error=f"gateway answer lost ({type(exc).__name__})")


def _post(
    http: requests.Session, url: str, data: dict[str, str], timeout: tuple[float, float]
) -> requests.Response | SendResult:
    """POST a send request; a transport failure becomes its `SendResult` (never retried blindly)."""
    try:
        return http.post(url, data=data, timeout=timeout, verify=_verify(http))
    except requests.RequestException as exc:
        return _ambiguous_or_not_sent(exc)


def _post_status(
    http: requests.Session, url: str, data: dict[str, str], timeout: tuple[float, float], gateway: str
) -> requests.Response | StatusResult:
    """POST a delivery status query (credentials in the body, never in a logged URL); a transport
    failure becomes an `unknown` result (asked again later)."""
    try:
        return http.post(url, data=data, timeout=timeout, verify=_verify(http))
    except requests.RequestException as exc:
        return StatusResult("unknown", error=f"{gateway} status: {type(exc).__name__}")


def _phone_digits(phone: str) -> str:
    return phone.lstrip("+")


# --- SMSC.ru ------------------------------------------------------------------------------------

def _coded(code: int, entry: Code | None, gateway: str, text: str) -> SendResult:
    """A documented error code as a `SendResult`; an undocumented one is left for a manual decision."""
    if entry is None:
        return SendResult("unknown", error=f"{gateway} {code}: undocumented code {text}".strip())
    return SendResult(entry.handling, error=f"{gateway} {code}: {entry.wording}", retry_after=entry.retry_after,
                      reason=entry.reason)


class SmscGateway:
    """SMSC.ru HTTP API: sys/send.php and sys/status.php with fmt=3 (JSON) and our own message id."""

    name = "smsc"
    lookup_by_client_id = True

    def __init__(
        self,
        login: str,
        password: str,
        base_url: str = "https://smsc.ru/sys",
        sender: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        ca_bundle: str | None = None,
    ) -> None:
        self._auth = {"login": login, "psw": password}
        self.base_url = base_url.rstrip("/")
        self.sender = sender
        self.timeout = timeout
        self.http = _session(ca_bundle)

    def send(self, client_id: str, phone: str, text: str) -> SendResult:
        data = {
            **self._auth,
            "phones": phone,  # E.164 with «+»: SMSC then sends as given, no auto-correction
            "mes": text,
            "fmt": "3",
            "charset": "utf-8",
            "id": _smsc_id(client_id),
        }
        if self.sender:
            data["sender"] = self.sender
        reply = _post(self.http, f"{self.base_url}/send.php", data, self.timeout)
        return reply if isinstance(reply, SendResult) else self._send_result(reply)

    def _send_result(self, reply: requests.Response) -> SendResult:
        if reply.status_code >= 500 or reply.status_code == 429:
            return SendResult("unknown", error=f"SMSC answered HTTP {reply.status_code}")
        body = _json(reply)
        if body is None:
            return SendResult("unknown", error="SMSC: the answer is not JSON")
        if "error_code" in body:
            code = _int(body["error_code"])
            return _coded(code, SMSC_SEND.get(code), "SMSC", str(body.get("error", "")))
        if "id" in body:
            return SendResult("accepted", message_id=str(body["id"]))
        return SendResult("unknown", error="SMSC: unrecognised answer")

    def status(self, client_id: str, message_id: str | None, phone: str) -> StatusResult:
        params = {
            **self._auth,
            "phone": phone,  # as send passed it (E.164 with «+»): the number SMSC holds the message under
            "id": message_id or _smsc_id(client_id),
            "fmt": "3",
            "charset": "utf-8",
        }
        reply = _post_status(self.http, f"{self.base_url}/status.php", params, self.timeout, "SMSC")
        if isinstance(reply, StatusResult):
            return reply
        body = _json(reply)
        if body is None or reply.status_code != 200:
            return StatusResult("unknown", error=f"SMSC status: HTTP {reply.status_code}")
        if "error_code" in body:
            return _status_error(_int(body["error_code"]), SMSC_SEND, "SMSC", str(body.get("error", "")))
        state = SMSC_STATUS.get(_int(body.get("status", -99)), ("", "unknown"))[1]
        err = body.get("err")
        return StatusResult(state, error=f"SMSC err {err}" if state == "failed" and err else None)


def _smsc_id(client_id: str) -> str:
    """SMSC accepts a client id of up to 40 latin letters, digits and . - _ : a uuid fits."""
    return client_id


# --- SMS.ru ---------------------------------------------------------------------------------------

class SmsRuGateway:
    """SMS.ru HTTP API: sms/send and sms/status with json=1; callbacks via `parse_smsru_callback`."""

    name = "smsru"
    lookup_by_client_id = False  # SMS.ru knows only its own sms_id

    def __init__(
        self,
        api_id: str,
        base_url: str = "https://sms.ru",
        sender: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        ca_bundle: str | None = None,
    ) -> None:
        self._api_id = api_id
        self.base_url = base_url.rstrip("/")
        self.sender = sender
        self.timeout = timeout
        self.http = _session(ca_bundle)

    def send(self, client_id: str, phone: str, text: str) -> SendResult:
        to = _phone_digits(phone)
        data = {"api_id": self._api_id, "to": to, "msg": text, "json": "1"}
        if self.sender:
            data["from"] = self.sender
        reply = _post(self.http, f"{self.base_url}/sms/send", data, self.timeout)
        if isinstance(reply, SendResult):
            return reply
        body = _json(reply)
        if body is None or reply.status_code != 200:
            return SendResult("unknown", error=f"SMS.ru answered HTTP {reply.status_code}")
        return _smsru_send_result(body, to)

    def status(self, client_id: str, message_id: str | None, phone: str) -> StatusResult:
        if not message_id:
            return StatusResult("unknown", error="SMS.ru cannot look messages up by our id")
        params = {"api_id": self._api_id, "sms_id": message_id, "json": "1"}
        reply = _post_status(self.http, f"{self.base_url}/sms/status", params, self.timeout, "SMS.ru")
        if isinstance(reply, StatusResult):
            return reply
        body = _json(reply)
        if body is None:
            return StatusResult("unknown", error=f"SMS.ru status: HTTP {reply.status_code}")
        if body.get("status") != "OK":
            code = _int(body.get("status_code", 0))
            return _status_error(code, SMSRU_SEND, "SMS.ru", str(body.get("status_text", "")))
        item = (body.get("sms") or {}).get(message_id) or {}
        state = SMSRU_STATUS.get(_int(item.get("status_code", -1)), ("", "unknown"))[1]
        return StatusResult(state, error=item.get("status_text") if state == "failed" else None)


def _smsru_send_result(body: Mapping[str, Any], to: str) -> SendResult:
    if body.get("status") != "OK":
        code = _int(body.get("status_code", 0))
        return _coded(code, SMSRU_SEND.get(code), "SMS.ru", str(body.get("status_text", "")))
    item = _smsru_item(body.get("sms"), to)
    if item is None:
        return SendResult("unknown", error="SMS.ru: no per-number result for the recipient")
    if item.get("status") == "OK" and item.get("sms_id"):
        return SendResult("accepted", message_id=str(item["sms_id"]))
    code = _int(item.get("status_code", 0))
    return _coded(code, SMSRU_SEND.get(code), "SMS.ru", str(item.get("status_text", "")))


def _smsru_item(results: Any, to: str) -> Mapping[str, Any] | None:
    """The per-number result, whatever form of the number SMS.ru keys it by (compared as digits only)."""
    if not isinstance(results, Mapping):
        return None
    wanted = _digits(to)
    for key, item in results.items():
        if _digits(str(key)) == wanted and isinstance(item, Mapping):
            return item
    return None


def _digits(phone: str) -> str:
    """Digits only; a Russian 11-digit number written with the trunk prefix 8 compares as 7."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "7" + digits[1:] if len(digits) == 11 and digits.startswith("8") else digits


def _int(value: Any) -> int:
    """A code from a gateway answer; garbage becomes 0, which no table documents (→ manual decision)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _status_error(code: int, table: Mapping[int, Code], gateway: str, text: str) -> StatusResult:
    """An error answer of a status query: `account_error` (with its reason) pauses the gateway; any other is
    asked again later."""
    entry = table.get(code)
    if entry is not None and entry.handling == "account_error":
        return StatusResult("account_error", error=f"{gateway} status {code}: {entry.wording}",
                            retry_after=entry.retry_after, reason=entry.reason)
    if entry is not None and entry.handling == "retry_later":
        return StatusResult("unknown", error=f"{gateway} status {code}: {entry.wording}", retry_after=entry.retry_after)
    slow_down = 60.0 if entry is not None and entry.handling == "duplicate" else None  # SMSC 9: too frequent
    return StatusResult("unknown", error=f"{gateway} status {code}: {text}".strip(), retry_after=slow_down)


def parse_smsru_callback(form: Mapping[str, Any]) -> list[tuple[str, StatusResult]]:
    """SMS.ru callback: form fields data[N] = "sms_status\\n<sms_id>\\n<status_code>\\n<unix time>".

    The endpoint must answer the plain text "100" so SMS.ru stops repeating the callback.
    """
    updates: list[tuple[str, StatusResult]] = []
    for key, value in form.items():
        if not key.startswith("data"):
            continue
        for item in value if isinstance(value, list) else [value]:
            lines = str(item).split("\n")
            if len(lines) >= 3 and lines[0] == "sms_status":
                state = SMSRU_STATUS.get(_int(lines[2]), ("", "unknown"))[1]
                updates.append((lines[1], StatusResult(state)))
    return updates


# --- demo log gateway -----------------------------------------------------------------------------


class LogGateway:
    """The demo 'phone': appends each message as a JSON line to an owner-only (0600) file the demo UI shows.

    Only the demo (`clear=True`) writes texts and phones in clear; a real server allowed to use it writes
    the phone masked and every run of 4-8 digits in the text (the pickup code) as ***.
    """

    name = "log"
    lookup_by_client_id = True

    def __init__(self, path: Path | str, clear: bool = False) -> None:
        self.path = Path(path)
        self.clear = clear
        self._lock = threading.Lock()

    def send(self, client_id: str, phone: str, text: str) -> SendResult:
        with self._lock:
            if client_id in self._ids():
                return SendResult("accepted", message_id=client_id)  # idempotent like SMSC's id
            shown_phone, shown_text = (phone, text) if self.clear else (mask_phone(phone), mask_codes(text))
            line = {"at": datetime.now(UTC).isoformat(), "id": client_id, "phone": shown_phone, "text": shown_text}
            if not self.path.parent.exists():
                private_dir(self.path.parent)
            touch_private(self.path)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        log.info("demo SMS %s written for %s", client_id, mask_phone(phone))
        return SendResult("accepted", message_id=client_id)

    def status(self, client_id: str, message_id: str | None, phone: str) -> StatusResult:
        with self._lock:
            found = (message_id or client_id) in self._ids()
        return StatusResult("delivered" if found else "not_found")

    def _ids(self) -> set[str]:
        if not self.path.exists():
            return set()
        with self.path.open(encoding="utf-8") as src:
            return {json.loads(line)["id"] for line in src if line.strip()}


_CODE_DIGITS = re.compile(r"(?<!\d)(?<!\d\.)\d{4,8}(?!\d)(?!\.\d)")  # not part of a date or a longer number


def mask_codes(text: str) -> str:
    """An SMS text with each 4-8 digit run (a pickup or confirmation code) replaced by ***."""
    return _CODE_DIGITS.sub("***", text)


def _json(reply: requests.Response) -> dict[str, Any] | None:
    try:
        body = reply.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None
