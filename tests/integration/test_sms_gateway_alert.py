"""The server's paused SMS gateway (`sms.gateway` changes) becomes one manager alert in plain Russian."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import ManagerAlert, SyncState
from desktop.sync.engine import SyncEngine
from desktop.sync.reasons import describe_alert
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.shapes import point_dict
from tests.support.clock import FakeClock
from tests.support.factories import make_point


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(point_dict())


@pytest.fixture
def engine(db: Database, backend: FakeBackend, clock: FakeClock) -> SyncEngine:
    with db.write() as s:
        make_point(s)
        s.add(SyncState(key="cursor", value="0"))
    return SyncEngine(db, FakeClient(backend), clock)  # type: ignore[arg-type]


def _alerts(db: Database) -> list[ManagerAlert]:
    with db.read() as s:
        return list(s.scalars(select(ManagerAlert).order_by(ManagerAlert.id)))


@pytest.mark.parametrize(("reason", "text"), [
    ("auth", "SMS не отправляются: неверный пароль шлюза"),
    ("funds", "SMS не отправляются: нет денег на счёте"),
    ("ip_blocked", "SMS не отправляются: IP заблокирован шлюзом"),
])
def test_a_paused_gateway_raises_one_alert_and_recovery_resolves_it(
    db: Database, engine: SyncEngine, backend: FakeBackend, reason: str, text: str
) -> None:
    change = {"gateway": "smsc", "reason": reason, "at": "2026-11-24T09:00:00+00:00"}
    backend.publish("sms.gateway", change)
    backend.publish("sms.gateway", change)  # another worker process tripped the same breaker
    engine.pull()
    [alert] = _alerts(db)
    assert alert.kind == "sms_gateway" and alert.message == text and alert.resolved_at is None
    assert describe_alert(alert.kind, "", alert.details) == text
    backend.publish("sms.gateway", {**change, "reason": "ok"})
    engine.pull()
    [alert] = _alerts(db)
    assert alert.resolved_at is not None


def test_an_unknown_account_reason_still_reads_as_words(db: Database, engine: SyncEngine,
                                                         backend: FakeBackend) -> None:
    backend.publish("sms.gateway", {"gateway": "smsru", "reason": "blocked_by_newer_server", "at": None})
    engine.pull()
    [alert] = _alerts(db)
    assert alert.message.startswith("SMS не отправляются") and "blocked_by_newer_server" not in alert.message


def test_every_pause_reason_of_the_adapters_reads_in_words():
    """Each account-level reason the adapters give has its own Russian text (none falls back to a wrong one)."""
    from backend.sms.breaker import PAUSES
    from desktop.sync.reasons import describe_sms_gateway

    texts = {reason: describe_sms_gateway(reason) for reason in PAUSES}
    assert len(set(texts.values())) == len(PAUSES)
    assert all(text.startswith("SMS не отправляются") for text in texts.values())
