"""Delivery-status callbacks from SMS.ru and SMSC.ru: a router the app mounts for the configured gateway.

SMS.ru POSTs fields `data[N]` = "sms_status\\n<sms_id>\\n<status_code>\\n<unix time>", either
application/x-www-form-urlencoded or multipart/form-data, and repeats the call until it gets the plain text
"100". The URL carries a shared secret (settings `sms_callback_secret`, also set in the SMS.ru account), so a
stranger cannot mark messages delivered (403). A malformed entry is logged and skipped (the answer is still
"100": repeating it would not mend it); with no dispatcher running the answer is 503, so SMS.ru repeats the
callback later instead of the status being lost.

SMSC.ru («Передача статусов и сообщений на обработчик Клиента», https://smsc.ru/api/http/miscellaneous/callback/)
POSTs form fields `id`, `phone`, `status` (the sys/status.php codes), `err`, … and `md5` =
md5("<id>:<phone>:<status>:<secret>") with the secret set in the SMSC account next to the handler URL (the
verification as codewiser/sms-center-mailer implements it from that page). The same secret is the URL
token. A wrong token or md5 → 403; a malformed status is logged and answered "OK"; no dispatcher → 503.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from backend.sms.gateway_codes import SMSC_STATUS
from backend.sms.gateways import StatusResult, parse_smsru_callback
from backend.sms.service import SmsDispatcher

CALLBACK_PATH = "/v1/sms/smsru-callback/{token}"
SMSC_CALLBACK_PATH = "/v1/sms/smsc-callback/{token}"
log = logging.getLogger(__name__)


def smsru_callback_router(get_dispatcher: Callable[[], SmsDispatcher | None], secret: str) -> APIRouter:
    """POST CALLBACK_PATH → apply each status to the outbox (via the dispatcher) → "100"."""
    router = APIRouter()

    @router.post(CALLBACK_PATH, response_class=PlainTextResponse, include_in_schema=False)
    async def smsru_callback(token: str, request: Request) -> PlainTextResponse:
        if not secret or not hmac.compare_digest(token.encode(), secret.encode()):
            log.warning("SMS.ru callback with a wrong token refused")
            return PlainTextResponse("forbidden", status_code=403)
        dispatcher = get_dispatcher()
        if dispatcher is None:
            log.warning("SMS.ru callback while no SMS dispatcher runs: answered 503 so SMS.ru repeats it")
            return PlainTextResponse("dispatcher not running", status_code=503)
        body = await request.body()
        entries = callback_entries(request.headers.get("content-type", ""), body)
        for sms_id, status in parse_smsru_callback({"data": [e for e in entries if _well_formed(e)]}):
            await run_in_threadpool(dispatcher.apply_callback, sms_id, status)
        return PlainTextResponse("100")

    return router


def smsc_callback_router(get_dispatcher: Callable[[], SmsDispatcher | None], secret: str) -> APIRouter:
    """POST SMSC_CALLBACK_PATH → check token and md5 → apply the status (via the dispatcher) → "OK"."""
    router = APIRouter()

    @router.post(SMSC_CALLBACK_PATH, response_class=PlainTextResponse, include_in_schema=False)
    async def smsc_callback(token: str, request: Request) -> PlainTextResponse:
        fields = dict(form_fields(request.headers.get("content-type", ""), await request.body()))
        if not secret or not hmac.compare_digest(token.encode(), secret.encode()) or not smsc_signed(fields, secret):
            log.warning("SMSC callback with a wrong token or md5 refused")
            return PlainTextResponse("forbidden", status_code=403)
        dispatcher = get_dispatcher()
        if dispatcher is None:
            log.warning("SMSC callback while no SMS dispatcher runs: answered 503 so the status is not lost")
            return PlainTextResponse("dispatcher not running", status_code=503)
        update = parse_smsc_callback(fields)
        if update is not None:
            await run_in_threadpool(dispatcher.apply_callback, *update)
        return PlainTextResponse("OK")

    return router


def smsc_signed(fields: dict[str, str], secret: str) -> bool:
    """SMSC's md5 of "id:phone:status:secret" matches the one it sent."""
    text = ":".join((fields.get("id", ""), fields.get("phone", ""), fields.get("status", ""), secret))
    expected = hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
    return hmac.compare_digest(expected, fields.get("md5", "").lower())


def parse_smsc_callback(fields: dict[str, str]) -> tuple[str, StatusResult] | None:
    """(message id, status) of an SMSC status callback; None for other kinds (incoming SMS) or a malformed one."""
    if "mes" in fields or "status" not in fields:
        return None  # an incoming message or another notification: nothing of ours to update
    code, msg_id = fields["status"].strip(), fields.get("id", "").strip()
    if not msg_id or not code.lstrip("-").isdigit():
        log.warning("SMSC callback: malformed status skipped")
        return None
    state = SMSC_STATUS.get(int(code), ("", "unknown"))[1]
    err = fields.get("err", "").strip()
    return msg_id, StatusResult(state, error=f"SMSC err {err}" if state == "failed" and err not in ("", "0") else None)


def callback_entries(content_type: str, body: bytes) -> list[str]:
    """The values of every `data[...]` field, from a urlencoded or a multipart body."""
    return [value for name, value in form_fields(content_type, body) if name.startswith("data")]


def form_fields(content_type: str, body: bytes) -> list[tuple[str, str]]:
    """(name, value) of every field of a urlencoded or a multipart/form-data body."""
    if content_type.lower().startswith("multipart/"):
        return _multipart_fields(content_type, body)
    return [(k, v) for k, vs in parse_qs(body.decode("utf-8", "replace")).items() for v in vs]


def _multipart_fields(content_type: str, body: bytes) -> list[tuple[str, str]]:
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n"
                                                  + body)
    fields: list[tuple[str, str]] = []
    if not message.is_multipart():
        log.warning("gateway callback: unreadable multipart body skipped")
        return fields
    for part in message.walk():
        if part is message:
            continue
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields.append((name, payload.decode(part.get_content_charset() or "utf-8", "replace")))
    return fields


def _well_formed(entry: str) -> bool:
    """'sms_status\\n<id>\\n<integer code>…'; anything else is logged (without its content) and skipped."""
    lines = entry.split("\n")
    if lines[0] != "sms_status":
        return True  # other callback kinds: the gateway parser ignores them
    if len(lines) >= 3 and lines[1] and lines[2].strip().lstrip("-").isdigit():
        return True
    log.warning("SMS.ru callback: malformed status entry skipped (%d lines)", len(lines))
    return False
