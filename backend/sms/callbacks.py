"""Delivery-status callbacks from SMS.ru: a router the app mounts when that gateway is configured.

SMS.ru POSTs form fields `data[N]` = "sms_status\\n<sms_id>\\n<status_code>\\n<unix time>" and repeats
the call until it gets the plain text "100". The URL carries a secret (set in the SMS.ru account),
so a stranger cannot mark messages delivered.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from backend.sms.gateways import parse_smsru_callback
from backend.sms.service import SmsDispatcher

CALLBACK_PATH = "/v1/sms/smsru-callback/{token}"


def smsru_callback_router(get_dispatcher: Callable[[], SmsDispatcher | None], secret: str) -> APIRouter:
    """POST CALLBACK_PATH → apply each status to the outbox (via the dispatcher) → "100"."""
    router = APIRouter()

    @router.post(CALLBACK_PATH, response_class=PlainTextResponse, include_in_schema=False)
    async def smsru_callback(token: str, request: Request) -> PlainTextResponse:
        if not secret or not hmac.compare_digest(token.encode(), secret.encode()):
            return PlainTextResponse("forbidden", status_code=403)
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        updates = parse_smsru_callback(form)
        dispatcher = get_dispatcher()
        if dispatcher is not None:
            for sms_id, status in updates:
                await run_in_threadpool(dispatcher.apply_callback, sms_id, status)
        return PlainTextResponse("100")

    return router
