"""Handover completion (desktop/services/handover/completion.py), stated as rules: the result and the completed
event name the handover they finish, the receipt header is this point's (code, name, address and time zone), a
prepaid order's settlement receipt carries no credit agreement, only the boxes still at the point leave with
the customer (a box that already went back on a return keeps its status), and the clerk's notes (the boxes stay
for the return; the centre refunds a prepaid order's refused goods, down to one kopeck) are in the UI language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Box, Handover, Order, PickupPoint
from desktop.documents.model import PointInfo
from desktop.fiscal.drafts import credit_note
from desktop.services.handover import completion
from desktop.translatable import use_translator
from protocol.money import rub
from tests.support.clock import FakeClock
from tests.unit.handover_env import Env, make_env, order_row, outbox, refused

CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "pickup_desk_en.ts"
TWO = [("Phone", 1, 1_000_000), ("Case", 2, 50_000)]


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


def test_the_result_and_the_completed_event_name_the_handover_they_finish(env: Env) -> None:
    number = env.order(lines=TWO, prepaid=True)
    uid = env.begin(number)
    result = env.svc.complete(env.clerk, uid)
    assert (result.uid, result.order_number) == (uid, number)
    completed = dict(outbox(env.db))["handover.completed"]
    assert (completed["handover"], completed["order"]) == (uid, number)


def test_the_receipt_header_is_this_points_code_name_address_and_time_zone(env: Env) -> None:
    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        assert point is not None
        point.timezone = "Asia/Yekaterinburg"
        here = PointInfo(point.code, point.name, point.address, point.timezone)
    number = env.order(lines=TWO, prepaid=True)
    result = env.svc.complete(env.clerk, env.begin(number))
    assert result.point == here
    assert len({here.code, here.name, here.address, here.timezone}) == 4  # no field can stand in for another


def test_a_prepaid_orders_settlement_receipt_carries_no_credit_agreement(env: Env) -> None:
    """The agreement line belongs on a credit order's receipt only; a prepaid-online order has none to print."""
    number = env.order(lines=TWO, prepaid=True)
    result = env.svc.complete(env.clerk, env.begin(number))
    assert result.receipt is not None and result.receipt.ref.startswith("settle:")
    assert credit_note("").strip() not in result.receipt.text


def test_a_box_already_returned_stays_returned_when_the_rest_of_the_order_is_handed_over(env: Env) -> None:
    """An expired order's return took its second box while the order was still ready; the customer who comes
    for it takes the first: only the box still at the point is handed over, the returned one stays returned."""
    number = env.order(boxes=2)
    with env.db.write() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        min(order.boxes, key=lambda b: b.seq_no).status = "placed"
        max(order.boxes, key=lambda b: b.seq_no).status = "returned"
    env.svc.complete(env.clerk, env.begin(number))
    with env.db.read() as s:
        statuses = s.execute(select(Box.seq_no, Box.status).join(Order).where(Order.number == number)
                             .order_by(Box.seq_no)).all()
    assert [tuple(r) for r in statuses] == [(1, "handed_over"), (2, "returned")]



@pytest.fixture
def english() -> Iterator[None]:
    """The English UI: the core texts as the shipped catalogue (resources/translations/pickup_desk_en.ts) has them."""
    catalogue = ElementTree.parse(CATALOGUE).getroot()
    table = {(context.findtext("name"), message.findtext("source")): message.findtext("translation")
             for context in catalogue.iter("context") for message in context.iter("message")}
    use_translator(lambda context, text, *_: table.get((context, text)) or text)
    yield
    use_translator(None)


def test_a_full_refusal_of_a_prepaid_order_tells_the_clerk_both_notes_in_the_ui_language(env: Env, english) -> None:
    """The boxes stay for the return, and the centre refunds the prepaid money: both in the clerk's language."""
    number = env.order(lines=TWO, prepaid=True)
    uid = env.begin(number)
    for line in env.svc.state(uid).lines:
        env.svc.refuse_line(env.clerk, uid, line.id, line.quantity, "changed_mind")
    assert env.svc.complete(env.clerk, uid).notes == (
        "The customer refused the whole order: the boxes stay in storage until the return.",
        f"The order was prepaid: the centre will refund the refused items ({rub(1_100_000)}).")


def test_a_single_refused_kopeck_of_a_prepaid_order_is_still_refunded_by_the_centre(env: Env, english) -> None:
    number = env.order(lines=[("Phone", 1, 1_000_000), ("Sticker", 1, 1)], prepaid=True)
    uid = env.begin(number)
    sticker = env.svc.state(uid).lines[1]
    env.svc.refuse_line(env.clerk, uid, sticker.id, 1, "changed_mind")
    result = env.svc.complete(env.clerk, uid)
    assert (result.result, result.refund_by_centre_kopecks) == ("partially_handed_over", 1)
    assert result.notes == (f"The order was prepaid: the centre will refund the refused items ({rub(1)}).",)


# --- what a completion refused for a missing step names ------------------------------------------------------


def test_a_credit_order_without_its_agreement_is_refused_naming_the_order(env: Env) -> None:
    number = env.order(kind="credit", prepaid=False, lines=TWO)
    uid = env.begin(number)
    env.svc.record_id_document(env.clerk, uid, "passport_rf", "4321")
    with refused("money.credit_agreement_required", order=number):
        env.svc.complete(env.clerk, uid)


def test_a_company_order_of_no_known_name_is_refused_without_inventing_one(env: Env) -> None:
    uid = env.begin(env.order(kind="legal_entity", lines=TWO))
    with refused("handover.power_of_attorney_required", company=""):
        env.svc.complete(env.clerk, uid)


def test_the_boxes_not_scanned_are_listed_one_after_another_in_the_ui_language(env: Env, english) -> None:
    uid = env.begin(env.order(boxes=3), scan=False)
    env.svc.scan_box(env.clerk, uid, env.svc.state(uid).boxes[1].barcode)
    with refused("handover.boxes_not_scanned", missing=2, total=3, boxes="1 of 3, 3 of 3"):
        env.svc.complete(env.clerk, uid)


def test_a_completion_before_payment_names_the_amount_due_in_roubles(env: Env) -> None:
    uid = env.begin(env.order(lines=TWO, prepaid=False))
    with refused("handover.payment_required", due=rub(1_100_000), due_kopecks=1_100_000):
        env.svc.complete(env.clerk, uid)


def test_a_step_undone_while_the_register_printed_stops_the_completion_naming_the_order(
        env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps are checked again in the completing transaction: another screen may have changed the handover
    while the settlement receipt printed (here its ID document is gone)."""
    number = env.order(lines=[("Laptop", 1, 20_000_000)], prepaid=True)
    uid = env.begin(number)
    env.svc.record_id_document(env.clerk, uid, "passport_rf", "4321")
    printing = completion.issue_settlement

    def changed_meanwhile(*args: Any, **kw: Any) -> Any:
        receipt = printing(*args, **kw)
        with env.db.write() as s:
            s.scalars(select(Handover).where(Handover.uid == uid)).one().id_document_type = None
        return receipt

    monkeypatch.setattr(completion, "issue_settlement", changed_meanwhile)
    with refused("handover.id_document_required", order=number):
        env.svc.complete(env.clerk, uid)
    assert order_row(env.db, number).status == "ready"
