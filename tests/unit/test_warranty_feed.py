"""Claims at the counter from the server's feed, finding them, the return order's claim, the server's reasons."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, update

from desktop import messages
from desktop.db.claim_models import Claim
from desktop.db.models import AuditEntry, Box, Order, OrderLine, OutboxEvent, PickupPoint
from desktop.db.pepper import pepper_code_hash, pepper_for_session
from desktop.services.handover import HandoverService
from desktop.sync.apply import apply_change
from desktop.sync.reasons import REMEDY_FAMILY, UNKNOWN_REASON, describe_reason
from protocol.claims import DEFAULT_WARRANTY_MONTHS, WARRANTY_ORDER_KIND, ClaimOutcome, ClaimStatus
from protocol.order_states import OrderStatus
from protocol.pickup_code import salted_code_hash
from protocol.states import BoxStatus, OutboxStatus
from tests.support.factories import TEST_CODE_PARAMS, make_order
from tests.unit.handover_env import CODE, refused
from tests.unit.warranty_env import SERIAL, Env, make_env

CONTRACT_REASONS = ("claim_foreign_order", "claim_not_purchased", "claim_serial_mismatch",
                    "claim_override_not_manager", "claim_duplicate_item", "claim_unknown", "claim_closed",
                    "claim_illegal_step", "claim_warranty_expired", "claim_bad_checklist", "claim_bad_number",
                    "claim_label_mismatch")


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _upsert(order: str, **kw: Any) -> dict[str, Any]:
    payload = {"number": "W000000555", "point_code": "0042", "status": "filed", "order": order, "sku": "SKU",
               "serial": None, "product": "Смартфон", "prefiled": True, "fault": "Не включается", "cover": None,
               "checklist": [], "condition": "", "label": None, "filed_at": "2026-11-23T10:00:00+00:00",
               "accepted_at": None, "outcome": None, "conclusion": None, "return_order": None,
               "updated_at": "2026-11-23T10:00:00+00:00"}
    return {"seq": 1, "type": "claim.upsert", "payload": payload | kw}


def _apply(env: Env, change: dict[str, Any]) -> None:
    with env.db.write() as s:
        apply_change(s, change, env.clock())


def _sku(env: Env, order: str) -> str:
    with env.db.read() as s:
        return s.scalars(select(OrderLine.sku).join(Order).where(Order.number == order)).first() or ""


def test_a_prefiled_claim_from_the_feed_is_found_and_taken_in(env):
    order = env.purchased()
    _apply(env, _upsert(order, sku=_sku(env, order)))
    _apply(env, _upsert(order, sku=_sku(env, order)))  # a replayed page changes nothing twice
    found = env.svc.find(env.clerk, "W000000555")
    assert [c.number for c in found.claims] == ["W000000555"] and found.claims[0].customer_name
    draft = env.svc.check_serial(env.clerk, env.svc.start_intake(env.clerk, claim="W000000555"), SERIAL)
    env.svc.accept(env.clerk, draft, [], "", "Не включается")
    assert env.claim("W000000555").status == ClaimStatus.ACCEPTED


def test_an_older_server_view_does_not_undo_an_intake_not_pushed_yet(env):
    order = env.purchased()
    _apply(env, _upsert(order, sku=_sku(env, order)))
    draft = env.svc.check_serial(env.clerk, env.svc.start_intake(env.clerk, claim="W000000555"), SERIAL)
    env.svc.accept(env.clerk, draft, ["box"], "", "Не включается")
    _apply(env, _upsert(order, sku=_sku(env, order)))  # the feed still says filed: the event is pending here
    assert env.claim("W000000555").status == ClaimStatus.ACCEPTED and env.claim("W000000555").serial == SERIAL
    with env.db.write() as s:
        s.execute(update(OutboxEvent).values(status=OutboxStatus.APPLIED))
    sent = _upsert(order, sku=_sku(env, order), status="returning", serial=SERIAL, outcome="repaired",
                   conclusion="Заменён разъём", return_order="900000001", label="SLW000000555")
    _apply(env, sent)
    claim = env.claim("W000000555")
    assert (claim.status, claim.outcome, claim.return_order) == (ClaimStatus.RETURNING, ClaimOutcome.REPAIRED,
                                                                 "900000001")


def test_a_snapshot_brings_the_points_claims(env):
    from desktop.cache_import import load_snapshot

    order = env.purchased()
    claim = _upsert(order, sku=_sku(env, order), number="W000000777")["payload"]
    with env.db.write() as s:
        load_snapshot(s, {"point": {"code": "0042"}, "orders": [], "claims": [claim]})
    assert [c.number for c in env.svc.find(env.clerk, order).claims] == ["W000000777"]


def test_order_lines_bring_their_warranty_months(env):
    order = {"number": "500000777", "point_code": "0042", "created_at": "2026-11-01T10:00:00+00:00",
             "kind": "retail", "total_kopecks": 100, "prepaid": True, "boxes_total": 1, "legal_entity_name": None,
             "status": OrderStatus.HANDED_OVER.value, "customer": {"full_name": "Петров Пётр", "phone": "+79160000777"},
             "lines": [{"sku": "A", "name": "Ноутбук", "quantity": 1, "price_kopecks": 100, "warranty_months": 24},
                       {"sku": "B", "name": "Мышь", "quantity": 1, "price_kopecks": 100}],
             "boxes": []}
    _apply(env, {"seq": 1, "type": "order.upsert", "payload": order})
    with env.db.read() as s:
        months = dict(s.execute(select(OrderLine.sku, OrderLine.warranty_months)).all())
    assert months == {"A": 24, "B": DEFAULT_WARRANTY_MONTHS}


def test_find_by_order_number_names_the_order_a_new_claim_can_be_opened_for(env):
    order = env.purchased()
    found = env.svc.find(env.clerk, order)
    assert found.claims == () and found.order == order
    accepted = env.accept(order)
    again = env.svc.find(env.clerk, f" {order} ")
    assert [c.number for c in again.claims] == [accepted.claim.number]


def test_find_by_phone_and_name(env):
    mine = env.accept(env.purchased(phone="+79161112233", name="Сидорова Анна"), serial=SERIAL)
    env.accept(env.purchased(serial="SN-2", phone="+79161112233", name="Сидоров Олег"), serial="SN-2")
    by_phone = env.svc.find(env.clerk, "8 (916) 111-22-33")
    assert len(by_phone.claims) == 2
    by_both = env.svc.find(env.clerk, "+7 916 111 22 33 сидорова")
    assert [c.number for c in by_both.claims] == [mine.claim.number]


@pytest.mark.parametrize(("query", "code"), [("", "claim.bad_query"), ("привет", "claim.bad_query"),
                                             ("12345", "claim.bad_query"), ("W12", "claim.bad_number")])
def test_a_malformed_query_is_refused(env, query, code):
    with refused(code):
        env.svc.find(env.clerk, query)


def test_find_of_another_points_order_is_refused(env):
    order = env.purchased(foreign=True)
    with refused("claim.foreign_order", order=order):
        env.svc.find(env.clerk, order)


def _returning(env: Env) -> tuple[str, str]:
    """A claim sent and repaired: its warranty return order arrived at the point."""
    result = env.accept(env.purchased())
    number = result.claim.number
    with env.db.write() as s:
        back = make_order(s, s.get(PickupPoint, env.point_id), status=OrderStatus.READY, kind=WARRANTY_ORDER_KIND)
        s.execute(update(Claim).where(Claim.number == number).values(
            status=ClaimStatus.AWAITING_PICKUP, outcome=ClaimOutcome.REPAIRED, return_order=back.number))
        return number, back.number


def test_the_claim_of_a_warranty_return_order(env):
    number, back = _returning(env)
    view = env.svc.claim_for_order(env.clerk, back)
    assert view is not None and view.number == number and view.outcome == ClaimOutcome.REPAIRED
    assert env.svc.claim_for_order(env.clerk, env.purchased(serial="SN-9")) is None


def _hand_over(env: Env, number: str) -> dict[str, Any]:
    """Hand the order over with its pickup code and every box scanned; the journal entry's details."""
    with env.db.write() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        order.status = OrderStatus.READY
        order.pickup_code_hash = pepper_code_hash(pepper_for_session(s), salted_code_hash(CODE, TEST_CODE_PARAMS))
        s.execute(update(Box).where(Box.order_id == order.id).values(status=BoxStatus.RECEIVED))
    handover = HandoverService(env.db, env.clock)
    uid = handover.start(env.clerk, number).uid
    state = handover.verify_code(env.clerk, uid, CODE)
    for box in state.boxes:
        handover.scan_box(env.clerk, uid, box.barcode)
    handover.complete(env.clerk, uid)
    with env.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "handover.completed",
                                                   AuditEntry.subject == number)).one()
        return dict(json.loads(entry.details))


def test_handing_over_the_return_order_journals_the_claim_and_its_outcome(env):
    number, back = _returning(env)
    details = _hand_over(env, back)
    assert (details["claim"], details["outcome"]) == (number, ClaimOutcome.REPAIRED)
    assert env.claim(number).status == ClaimStatus.CLOSED


def test_a_retail_handover_journals_no_claim(env):
    with env.db.write() as s:
        number = make_order(s, s.get(PickupPoint, env.point_id), status=OrderStatus.READY).number
    assert "claim" not in _hand_over(env, number)


@pytest.mark.parametrize("code", CONTRACT_REASONS)
def test_every_claim_reason_of_the_server_reads_in_russian(code):
    text = describe_reason(f"{code}:W000000123")
    assert messages.template(f"sync.reason.{code}") is not None and code not in text
    assert text != messages.describe(UNKNOWN_REASON, {}) and "W000000123" in text
    assert REMEDY_FAMILY[code] == "claims"
    assert "{" not in describe_reason(code)



def test_receiving_recognises_the_box_of_an_item_back_from_service(env):
    """The repaired item's box comes in a normal truck: it is received as any box, and the scan names its claim
    (the banner tells the clerk it is the customer's item back from service)."""
    from desktop.services.receiving import ReceivingService
    from desktop.services.receiving.rows import Outcome

    number = env.accept(env.purchased()).claim.number
    with env.db.write() as s:
        back = make_order(s, s.get(PickupPoint, env.point_id), status=OrderStatus.IN_TRANSIT, kind=WARRANTY_ORDER_KIND)
        box = s.scalars(select(Box.barcode).where(Box.order_id == back.id)).first()
        s.execute(update(Claim).where(Claim.number == number).values(
            status=ClaimStatus.RETURNING, outcome=ClaimOutcome.REPAIRED, return_order=back.number))
    receiving = ReceivingService(env.db, env.clock)
    uid = receiving.open_session(env.clerk)
    outcome = receiving.scan_box(env.clerk, uid, box)
    assert (outcome.kind, outcome.order, outcome.claim) == (Outcome.RECEIVED, back.number, number)
    with env.db.write() as s:
        retail = make_order(s, s.get(PickupPoint, env.point_id), status=OrderStatus.IN_TRANSIT)
        retail_box = s.scalars(select(Box.barcode).where(Box.order_id == retail.id)).first()
    assert receiving.scan_box(env.clerk, uid, retail_box).claim is None  # an ordinary order's box names no claim
