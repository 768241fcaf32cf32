"""The gateway circuit breaker: account-level errors pause the whole gateway, not each message.

SMSC.ru documents that 5 authorization errors in 30 minutes block the client's IP for 30 minutes and
100 erroneous requests in 10 minutes block it for 10 minutes; so a wrong password, an IP refusal or
an empty account must not be retried per queued message. The state is a database row, so several
worker processes share one breaker. The first trip of an outage raises one `sms.gateway` change for
every point (the counter shows it as an alert in plain words); recovery publishes `ok`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend import changes
from backend.models import Point
from backend.serialize import iso
from backend.sms.models import SmsGatewayState

log = logging.getLogger(__name__)

# reason → pause: auth / ip_blocked wait out the documented 30-minute IP block; funds are re-checked every 10 minutes
PAUSES = {  # the reasons the adapters give (backend/sms/gateway_codes.py) and how long the gateway rests
    "auth": timedelta(minutes=30), "ip_blocked": timedelta(minutes=30), "funds": timedelta(minutes=10),
    "config": timedelta(minutes=30), "daily_limit": timedelta(minutes=60),
}
DEFAULT_REASON = "auth"
RECOVERED = "ok"
ACCOUNT_ERROR = "account_error"  # a send outcome / status state of the adapters (backend/sms/gateways.py)
GATEWAY_CHANGE = "sms.gateway"

GatewayAlert = Callable[[Session, str, str, datetime], None]


def paused_until(session: Session, gateway: str, now: datetime) -> datetime | None:
    """When the gateway is paused at `now`, the end of the pause; else None."""
    state = session.get(SmsGatewayState, gateway)
    if state is None or state.paused_until is None or state.paused_until <= now:
        return None
    return state.paused_until


def trip(session: Session, gateway: str, reason: str | None, now: datetime, alert: GatewayAlert | None) -> None:
    """Pause the gateway for the reason's documented time; alert once per outage (or when the reason changes)."""
    reason = reason if reason in PAUSES else DEFAULT_REASON
    state = _state(session, gateway)
    first = state.reason != reason
    state.reason = reason
    state.paused_until = now + PAUSES[reason]
    if first:
        state.since = now
        log.warning("SMS gateway %s paused until %s: account error (%s)", gateway, state.paused_until, reason)
        if alert is not None:
            alert(session, gateway, reason, now)


def recover(session: Session, gateway: str, now: datetime, alert: GatewayAlert | None) -> None:
    """A good answer after a pause: close the breaker and tell the counters SMS are flowing again."""
    state = session.get(SmsGatewayState, gateway)
    if state is None or state.reason is None:
        return
    log.warning("SMS gateway %s works again (was paused since %s: %s)", gateway, state.since, state.reason)
    state.reason = None
    state.paused_until = None
    state.since = None
    if alert is not None:
        alert(session, gateway, RECOVERED, now)


def on_status(session: Session, gateway: str, result: Any, now: datetime, alert: GatewayAlert | None) -> bool:
    """A status-API answer: an account error trips the breaker (True, the message is not charged a check);
    a definite answer about the message proves the account works and closes a tripped breaker."""
    if str(result.state) == ACCOUNT_ERROR:
        trip(session, gateway, getattr(result, "reason", None), now, alert)
        return True
    if result.state != "unknown":
        recover(session, gateway, now, alert)
    return False


def publish_gateway_alert(session: Session, gateway: str, reason: str, now: datetime) -> None:
    """One `sms.gateway` change for every point: {gateway, reason, at} (reason `ok` = recovered)."""
    payload = {"gateway": gateway, "reason": reason, "at": iso(now)}
    for point_id in session.scalars(select(Point.id)):
        changes.publish(session, point_id, GATEWAY_CHANGE, payload, now)


def _state(session: Session, gateway: str) -> SmsGatewayState:
    state = session.get(SmsGatewayState, gateway, with_for_update=True)
    if state is not None:
        return state
    try:
        with session.begin_nested():
            session.add(SmsGatewayState(gateway=gateway))
    except IntegrityError:  # another worker created it first
        pass
    state = session.get(SmsGatewayState, gateway, with_for_update=True)
    assert state is not None
    return state
