"""SMS gateway adapters: SMSC.ru and SMS.ru over their published HTTP APIs, and a demo log gateway.

Every adapter answers with a `SendResult` / `StatusResult` instead of raising, so the dispatcher can
tell a definite refusal from an ambiguous outcome (the request may have reached the gateway).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

import requests

from backend.sms.templates import mask_phone

log = logging.getLogger(__name__)

SendOutcome = Literal["accepted", "failed", "retry_later", "duplicate", "unknown"]
DeliveryState = Literal["accepted", "delivered", "failed", "not_found", "unknown"]
DEFAULT_TIMEOUT = (3.05, 10.0)  # (connect, read) seconds


@dataclass(frozen=True)
class SendResult:
    outcome: SendOutcome
    message_id: str | None = None
    error: str | None = None
    retry_after: float | None = None  # seconds, for retry_later


@dataclass(frozen=True)
class StatusResult:
    state: DeliveryState
    error: str | None = None
    retry_after: float | None = None  # the status API asked us to slow down


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


def _get_status(
    http: requests.Session, url: str, params: dict[str, str], timeout: tuple[float, float], gateway: str
) -> requests.Response | StatusResult:
    """GET a delivery status; a transport failure becomes an `unknown` result (asked again later)."""
    try:
        return http.get(url, params=params, timeout=timeout, verify=_verify(http))
    except requests.RequestException as exc:
        return StatusResult("unknown", error=f"{gateway} status: {type(exc).__name__}")


def _phone_digits(phone: str) -> str:
    return phone.lstrip("+")


# --- SMSC.ru ------------------------------------------------------------------------------------

# send.php error_code → (outcome, English reason). 9 = the same request repeated / too frequent.
SMSC_SEND_ERRORS: dict[int, tuple[SendOutcome, str]] = {
    1: ("failed", "invalid request parameters"),
    2: ("retry_later", "wrong SMSC login or password"),
    3: ("retry_later", "insufficient funds on the SMSC account"),
    4: ("retry_later", "IP address temporarily blocked by SMSC"),
    5: ("failed", "invalid date format"),
    6: ("failed", "message forbidden (by text or sender name)"),
    7: ("failed", "invalid phone number format"),
    8: ("failed", "a message to this number cannot be delivered"),
    9: ("duplicate", "repeated identical request or requests too frequent"),
}
# status.php "status" → delivery state
SMSC_STATUS: dict[int, DeliveryState] = {
    -3: "not_found",
    -1: "accepted",  # waiting to be sent
    0: "accepted",  # handed to the operator
    1: "delivered",
    2: "delivered",  # read
    3: "failed",  # expired
    4: "delivered",  # link followed
    20: "failed",  # impossible to deliver
    22: "failed",  # wrong number
    23: "failed",  # prohibited
    24: "failed",  # insufficient funds
    25: "failed",  # unavailable number
}


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
            outcome, reason = SMSC_SEND_ERRORS.get(int(body["error_code"]), ("failed", str(body.get("error"))))
            return SendResult(outcome, error=f"SMSC {body['error_code']}: {reason}", retry_after=300)
        if "id" in body:
            return SendResult("accepted", message_id=str(body["id"]))
        return SendResult("unknown", error="SMSC: unrecognised answer")

    def status(self, client_id: str, message_id: str | None, phone: str) -> StatusResult:
        params = {
            **self._auth,
            "phone": _phone_digits(phone),
            "id": message_id or _smsc_id(client_id),
            "fmt": "3",
            "charset": "utf-8",
        }
        reply = _get_status(self.http, f"{self.base_url}/status.php", params, self.timeout, "SMSC")
        if isinstance(reply, StatusResult):
            return reply
        body = _json(reply)
        if body is None or reply.status_code != 200:
            return StatusResult("unknown", error=f"SMSC status: HTTP {reply.status_code}")
        if "error_code" in body:
            code = int(body["error_code"])
            return StatusResult(
                "unknown", error=f"SMSC status {code}: {body.get('error')}", retry_after=60 if code in (4, 9) else None
            )
        state = SMSC_STATUS.get(int(body.get("status", -99)), "unknown")
        err = body.get("err")
        return StatusResult(state, error=f"SMSC err {err}" if state == "failed" and err else None)


def _smsc_id(client_id: str) -> str:
    """SMSC accepts a client id of up to 40 latin letters, digits and . - _ : a uuid fits."""
    return client_id


# --- SMS.ru ---------------------------------------------------------------------------------------

SMSRU_DEFINITE_FAILURES = {202, 203, 204, 205, 207, 208, 209}  # bad number/text/sender/stop list
SMSRU_RETRY_LATER = {200, 201, 206, 210, 211, 212, 220, 300, 301, 302}  # account / service trouble
SMSRU_LIMITS = {230, 231, 232, 233}  # per-number limits: a same text was just sent → ambiguous duplicate
SMSRU_STATUS: dict[int, DeliveryState] = {
    -1: "not_found",
    100: "accepted",
    101: "accepted",
    102: "accepted",
    103: "delivered",
    110: "delivered",  # read (viber)
    104: "failed",  # lifetime expired
    105: "failed",  # deleted by the operator
    106: "failed",  # phone failure
    107: "failed",  # unknown reason
    108: "failed",  # rejected
    150: "failed",  # no route
}


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
        reply = _get_status(self.http, f"{self.base_url}/sms/status", params, self.timeout, "SMS.ru")
        if isinstance(reply, StatusResult):
            return reply
        body = _json(reply)
        if body is None or body.get("status") != "OK":
            return StatusResult("unknown", error="SMS.ru status: request error")
        item = (body.get("sms") or {}).get(message_id) or {}
        code = int(item.get("status_code", -1))
        state = SMSRU_STATUS.get(code, "unknown")
        return StatusResult(state, error=item.get("status_text") if state == "failed" else None)


def _smsru_send_result(body: Mapping[str, Any], to: str) -> SendResult:
    if body.get("status") != "OK":
        return _smsru_error(int(body.get("status_code", 0)), str(body.get("status_text", "")))
    item = (body.get("sms") or {}).get(to) or {}
    if item.get("status") == "OK" and item.get("sms_id"):
        return SendResult("accepted", message_id=str(item["sms_id"]))
    return _smsru_error(int(item.get("status_code", 0)), str(item.get("status_text", "")))


def _smsru_error(code: int, text: str) -> SendResult:
    reason = f"SMS.ru {code}: {text}".strip()
    if code in SMSRU_DEFINITE_FAILURES:
        return SendResult("failed", error=reason)
    if code in SMSRU_LIMITS:
        return SendResult("duplicate", error=reason)
    if code in SMSRU_RETRY_LATER:
        return SendResult("retry_later", error=reason, retry_after=300)
    return SendResult("unknown", error=reason)


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
                state = SMSRU_STATUS.get(int(lines[2]), "unknown")
                updates.append((lines[1], StatusResult(state)))
    return updates


# --- demo log gateway -----------------------------------------------------------------------------


class LogGateway:
    """The demo 'phone': appends each message as a JSON line to a file the demo UI shows."""

    name = "log"
    lookup_by_client_id = True

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def send(self, client_id: str, phone: str, text: str) -> SendResult:
        with self._lock:
            if client_id in self._ids():
                return SendResult("accepted", message_id=client_id)  # idempotent like SMSC's id
            self.path.parent.mkdir(parents=True, exist_ok=True)
            line = {"at": datetime.now(UTC).isoformat(), "id": client_id, "phone": phone, "text": text}
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


def _json(reply: requests.Response) -> dict[str, Any] | None:
    try:
        body = reply.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None
