"""Delivery-status callbacks from SMS.ru: a router the app mounts when that gateway is configured.

SMS.ru POSTs fields `data[N]` = "sms_status\\n<sms_id>\\n<status_code>\\n<unix time>", either
application/x-www-form-urlencoded or multipart/form-data, and repeats the call until it gets the plain text
"100". The URL carries a shared secret (settings `sms_callback_secret`, also set in the SMS.ru account), so a
stranger cannot mark messages delivered (403). A malformed entry is logged and skipped (the answer is still
"100": repeating it would not mend it); with no dispatcher running the answer is 503, so SMS.ru repeats the
callback later instead of the status being lost.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from backend.sms.gateways import parse_smsru_callback
from backend.sms.service import SmsDispatcher

CALLBACK_PATH = "/v1/sms/smsru-callback/{token}"
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


def callback_entries(content_type: str, body: bytes) -> list[str]:
    """The values of every `data[...]` field, from a urlencoded or a multipart body."""
    if content_type.lower().startswith("multipart/"):
        fields = _multipart_fields(content_type, body)
    else:
        fields = [(k, v) for k, vs in parse_qs(body.decode("utf-8", "replace")).items() for v in vs]
    return [value for name, value in fields if name.startswith("data")]


def _multipart_fields(content_type: str, body: bytes) -> list[tuple[str, str]]:
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n"
                                                  + body)
    fields: list[tuple[str, str]] = []
    if not message.is_multipart():
        log.warning("SMS.ru callback: unreadable multipart body skipped")
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
