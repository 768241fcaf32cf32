"""A warranty claim through the whole system (issue 13): the demo's pre-filed claim taken in and sent to service on
PC 1, the service result recorded on the server, the return box received on PC 2, the pickup SMS naming the claim,
the handover on PC 2 and the claim closed on the server; a refused intake (serial mismatch) changes nothing on
either side. Two counter cores, the real backend on loopback (SQLite and PostgreSQL), the SMSC fake, one clock."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from backend.models import Claim as ServerClaim
from desktop.db.claim_models import Claim as CounterClaim
from desktop.db.models import Box, Order, OutboxEvent
from desktop.services.warranty import WarrantyService
from protocol.claims import ClaimStatus
from protocol.errors import DomainError
from protocol.order_states import OrderStatus
from protocol.states import PROBLEM_OUTCOMES
from tests.system.clerk import Clerk, order_status
from tests.system.harness import ADMIN, CODE_IN_SMS, Counter, System
from tests.system.invariants import assert_invariants

pytestmark = pytest.mark.slow
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"  # a tiny JPEG-framed photo


def _prefiled(system: System) -> dict[str, Any]:
    return next(c for c in system.demo["claims"] if c["status"] == ClaimStatus.FILED)


def _server_claim(system: System, number: str) -> dict[str, Any]:
    reply = requests.get(f"{system.backend.url}/v1/admin/claims/{number}", headers={"X-Admin-Token": ADMIN},
                         timeout=30)
    assert reply.status_code == 200, reply.text
    claim: dict[str, Any] = reply.json()
    return claim


def _counter_claim(counter: Counter, number: str) -> tuple[str, str | None, str | None]:
    with counter.db.read() as s:
        claim = s.scalars(select(CounterClaim).where(CounterClaim.number == number)).one()
        return claim.status, claim.outcome, claim.return_order


def _outbox(counter: Counter) -> int:
    with counter.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEvent)) or 0)


def _refused_events(system: System) -> list[tuple[str, str, str | None]]:
    """Events of either PC the server rejected or found conflicting (none in a well-kept workflow)."""
    found = []
    for counter in system.counters:
        with counter.db.read() as s:
            rows = s.execute(select(OutboxEvent.type, OutboxEvent.status, OutboxEvent.reason)
                             .where(OutboxEvent.status.in_(PROBLEM_OUTCOMES)))
            found += [(kind, status, reason) for kind, status, reason in rows]
    return found


def _warranty(counter: Counter) -> WarrantyService:
    return WarrantyService(counter.db, counter.clock, counter.data_dir)


def _take_in(clerk: Clerk, claim: dict[str, Any]) -> str:
    """Intake of the pre-filed claim on this PC: the serial scanned, the cover checked, the item accepted."""
    service = _warranty(clerk.counter)
    draft = service.start_intake(clerk.actor, claim=claim["number"])
    draft = service.check_serial(clerk.actor, draft, claim["serial"])
    assert service.cover(clerk.actor, draft).cover == "in_warranty"
    done = service.accept(clerk.actor, draft, ["box", "charger"], "потёртости на корпусе", "не включается",
                          [JPEG])
    assert done.claim.status == ClaimStatus.ACCEPTED
    return str(done.claim.label)


def _send_to_service(clerk: Clerk, label: str) -> None:
    service = _warranty(clerk.counter)
    session = service.open_dispatch(clerk.actor)
    scan = service.scan_out(clerk.actor, session, label)
    assert not scan.undone and not scan.repeat
    act, _document = service.close_dispatch(clerk.actor, session)
    assert act is not None


def _service_result(system: System, number: str, repair_kopecks: int) -> dict[str, Any]:
    body = {"outcome": "repaired", "conclusion": "заменена плата питания", "repair_kopecks": repair_kopecks}
    reply = requests.post(f"{system.backend.url}/v1/admin/claims/{number}/service-result", json=body,
                          headers={"X-Admin-Token": ADMIN}, timeout=30)
    assert reply.status_code == 200, reply.text
    result: dict[str, Any] = reply.json()
    return result


def _receive(clerk: Clerk, return_order: str) -> None:
    """The return order's one box scanned in a receiving session of its own, closed (the «ready» SMS goes)."""
    with clerk.counter.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == return_order)).one()
        box = s.scalars(select(Box.barcode).where(Box.order_id == order.id)).one()
    session = clerk.open_receiving(None)
    (outcome,) = clerk.scan(session, box)
    assert outcome.order_arrived, outcome
    clerk.close_receiving(session)


def _pickup_sms(system: System, claim: str) -> str:
    texts = [m["text"] for m in system.gateway.state.messages.values() if claim in m["text"]]
    assert len(texts) == 1, texts
    codes = CODE_IN_SMS.findall(texts[0])
    assert len(codes) == 1, texts[0]
    return str(codes[0])


@pytest.mark.parametrize("repair_kopecks", [0, 350_000], ids=["free", "paid_repair"])
def test_a_claim_from_intake_through_service_back_to_the_customer(system: System, repair_kopecks: int) -> None:
    pc1, pc2 = system.counters
    claim = _prefiled(system)
    number = claim["number"]
    system.sync_all()
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    label = _take_in(first, claim)
    system.sync_all()
    assert _server_claim(system, number)["status"] == ClaimStatus.ACCEPTED
    _send_to_service(first, label)
    system.sync_all()
    assert _server_claim(system, number)["status"] == ClaimStatus.SENT
    return_order = _service_result(system, number, repair_kopecks)["return_order"]
    system.sync_all()
    assert _counter_claim(pc2, number) == (ClaimStatus.RETURNING, "repaired", return_order)
    _receive(second, return_order)
    system.sync_all()
    assert _server_claim(system, number)["status"] == ClaimStatus.AWAITING_PICKUP
    code = _pickup_sms(system, number)
    shown = _warranty(pc2).claim_for_order(second.actor, return_order)
    assert shown is not None and (shown.number, shown.outcome) == (number, "repaired")
    handed = second.hand_over(return_order, code)  # a paid repair is paid at the counter like any unpaid order
    assert (handed.payment.due_kopecks if handed.payment else 0) == repair_kopecks
    system.sync_all()
    closed = _server_claim(system, number)
    assert (closed["status"], closed["outcome"]) == (ClaimStatus.CLOSED, "repaired")
    assert order_status(pc2, return_order) == OrderStatus.HANDED_OVER
    for counter in (pc1, pc2):
        assert _counter_claim(counter, number) == (ClaimStatus.CLOSED, "repaired", return_order)
    with system.backend.db.read() as session:
        assert session.scalar(select(ServerClaim.status).where(ServerClaim.number == number)) == ClaimStatus.CLOSED
    assert _refused_events(system) == []
    assert_invariants(system)


def test_a_refused_intake_changes_nothing_on_either_side(system: System) -> None:
    pc1, pc2 = system.counters
    claim = _prefiled(system)
    system.sync_all()
    clerk = Clerk.sign_in(pc2, "kassir2")
    before = (_outbox(pc1), _outbox(pc2))
    service = _warranty(pc2)
    draft = service.start_intake(clerk.actor, claim=claim["number"])
    with pytest.raises(DomainError) as refused:
        service.check_serial(clerk.actor, draft, "SN0000000000")
    assert refused.value.code.startswith("claim.serial")
    system.sync_all()
    assert (_outbox(pc1), _outbox(pc2)) == before
    for counter in (pc1, pc2):
        assert _counter_claim(counter, claim["number"]) == (ClaimStatus.FILED, None, None)
    server = _server_claim(system, claim["number"])
    assert (server["status"], server["accepted_at"], server["label"]) == (ClaimStatus.FILED, None, None)
    assert _refused_events(system) == []
    assert_invariants(system)


def test_an_undone_scan_of_the_return_box_puts_the_claim_back_on_its_way(system: System) -> None:
    """The return box scanned by mistake and undone: the server's claim goes back to «returning» on both PCs, and
    the real scan later brings it to «awaiting pickup» with one pickup SMS."""
    pc1, pc2 = system.counters
    claim = _prefiled(system)
    number = claim["number"]
    system.sync_all()
    first, second = Clerk.sign_in(pc1), Clerk.sign_in(pc2, "kassir2")
    _send_to_service(first, _take_in(first, claim))
    system.sync_all()
    return_order = _service_result(system, number, 0)["return_order"]
    system.sync_all()
    with pc2.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == return_order)).one()
        box = s.scalars(select(Box.barcode).where(Box.order_id == order.id)).one()
    session = second.open_receiving(None)
    (scanned,) = second.scan(session, box)
    assert scanned.claim == number
    system.sync_all()
    assert _server_claim(system, number)["status"] == ClaimStatus.AWAITING_PICKUP
    second.undo(session)
    system.sync_all()
    assert _server_claim(system, number)["status"] == ClaimStatus.RETURNING
    for counter in (pc1, pc2):
        assert _counter_claim(counter, number)[0] == ClaimStatus.RETURNING
    second.scan(session, box)
    second.close_receiving(session)
    system.sync_all()
    assert _server_claim(system, number)["status"] == ClaimStatus.AWAITING_PICKUP
    assert _pickup_sms(system, number)  # exactly one pickup SMS names the claim
    assert _refused_events(system) == []
    assert_invariants(system)
