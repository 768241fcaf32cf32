"""Intake rules (desktop/services/warranty/intake.py): which order lines an item can be, starting a pre-filed claim's
intake, the serial check and the cover of the chosen line."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from desktop.db.claim_models import Claim
from desktop.db.models import Order, OrderLine, OutboxEvent
from desktop.services.warranty import IntakeLine, intake
from protocol.claims import ClaimStatus
from tests.unit.handover_env import count, refused
from tests.unit.warranty_env import SERIAL, Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _refuse_line(env: Env, order: str, n: int) -> None:
    """The customer refused the order's n-th line in full at the handover."""
    with env.db.write() as s:
        line = s.scalars(select(OrderLine).join(Order).where(Order.number == order).order_by(OrderLine.id)).all()[n]
        line.refused_quantity = line.quantity


def test_a_prefiled_claim_for_goods_the_customer_refused_is_refused(env):
    order = env.purchased(lines=2)
    number = env.prefiled(order)  # the claim is for the first line
    sku = env.claim(number).sku
    _refuse_line(env, order, 0)
    with refused("claim.no_line", order=order, sku=sku):
        env.svc.start_intake(env.clerk, claim=number)


def test_a_line_refused_in_full_is_not_offered_for_a_new_claim(env):
    order = env.purchased(lines=2)
    _refuse_line(env, order, 0)
    draft = env.svc.start_intake(env.clerk, order=order)
    assert len(draft.lines) == 1 and draft.sku == draft.lines[0].sku and draft.lines[0].product == "Наушники Buds FE"


@pytest.mark.parametrize(("status", "code"), [(ClaimStatus.ACCEPTED, "claim.illegal_step"),
                                               (ClaimStatus.CLOSED, "claim.closed")])
def test_a_prefiled_claim_that_moved_on_while_the_clerk_filled_the_form_is_refused(env, status, code):
    """The server's feed brought a newer state (taken in at another counter, or closed) after the intake started."""
    order = env.purchased()
    number = env.prefiled(order)
    draft = env.svc.check_serial(env.clerk, env.svc.start_intake(env.clerk, claim=number), SERIAL)
    with env.db.write() as s:
        s.execute(update(Claim).where(Claim.number == number).values(status=status))
    with refused(code, claim=number):
        env.svc.accept(env.clerk, draft, ["box"], "", "Не включается")
    assert count(env.db, OutboxEvent, OutboxEvent.type == "claim.accepted") == 0


def test_the_cover_names_the_lines_months_and_the_points_today(env):
    order = env.purchased(months=18)
    env.clock.now = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)  # 25.11.2026 00:30 in Moscow
    cover = env.svc.cover(env.clerk, env.ready_draft(order))
    assert (cover.months, cover.today) == (18, date(2026, 11, 25))


def test_the_cover_of_a_one_line_draft_is_that_lines_of_a_two_line_draft_needs_the_line(env):
    one = env.svc.start_intake(env.clerk, order=env.purchased(months=6))
    assert env.svc.cover(env.clerk, replace(one, sku=None)).months == 6
    order = env.purchased(lines=2, serial="SN-2")
    two = env.svc.start_intake(env.clerk, order=order)
    with refused("claim.choose_line", order=order):
        env.svc.cover(env.clerk, two)


def test_the_cover_of_a_line_the_order_no_longer_has_is_refused(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    stale = replace(draft, lines=(IntakeLine("SKU-GONE", "Планшет", None, 12),), sku="SKU-GONE")
    with refused("claim.no_line", order=order, sku="SKU-GONE"):
        env.svc.cover(env.clerk, stale)


def test_a_new_claims_random_part_spans_six_digits_and_is_drawn_again_when_taken(env, monkeypatch):
    order = env.purchased()
    monkeypatch.setattr(intake.secrets, "randbelow", lambda n: n - 1)  # the highest draw
    assert env.svc.start_intake(env.clerk, order=order).number == "W0042999999"
    env.prefiled(order, number="W0042000001")  # a claim of this point already holds the first draw
    draws = iter([1, 1, 2])
    monkeypatch.setattr(intake.secrets, "randbelow", lambda n: next(draws))
    assert env.svc.start_intake(env.clerk, order=order).number == "W0042000002"


def test_an_intake_with_neither_claim_nor_order_is_a_bad_query(env):
    with refused("claim.bad_query", query=""):
        env.svc.start_intake(env.clerk)
    with refused("claim.bad_query", query=""):
        env.svc.start_intake(env.clerk, claim="", order="")


def test_the_draft_shows_the_customer_and_each_lines_warranty_months(env):
    order = env.purchased(phone="+79161234567", name="Сидорова Анна", months=24)
    draft = env.svc.start_intake(env.clerk, order=order)
    assert (draft.customer_name, draft.masked_phone) == ("Сидорова Анна", "+7 ••• ••• 45 67")
    assert [x.warranty_months for x in draft.lines] == [24]
    assert draft.prefiled is False and draft.fault == ""  # a new claim: the clerk writes the fault
