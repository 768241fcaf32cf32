"""Accepting the item (desktop/services/warranty/acceptance.py): what claim.accepted and the journal carry, what the
result hands back, and what the intake act is made of."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry, PickupPoint
from desktop.documents.claims import IntakeActData
from desktop.documents.model import PointInfo
from desktop.services.warranty import acceptance
from protocol.claims import WarrantyCover
from tests.unit.handover_env import outbox, refused
from tests.unit.warranty_env import JPEG, SERIAL, Env, make_env

NOTE = "номер на корпусе стёрт"


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def test_claim_accepted_carries_the_order_line_and_what_the_clerk_wrote(env):
    order = env.purchased()
    result = env.accept(order, condition="  Трещина на крышке ", fault=" Не заряжается ", photos=[JPEG])
    (payload,) = [p for t, p in outbox(env.db) if t == "claim.accepted"]
    assert (payload["order"], payload["sku"], payload["serial"]) == (order, result.claim.sku, SERIAL)
    assert result.claim.sku and payload["cover"] == WarrantyCover.IN_WARRANTY
    assert (payload["condition"], payload["fault"]) == ("Трещина на крышке", "Не заряжается")


def test_the_journal_entry_of_an_intake_names_the_item_its_label_cover_photos_and_override(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    allowed = env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, NOTE)
    result = env.svc.accept(env.clerk, allowed, ["box"], "", "Не включается", photos=[JPEG, JPEG + b"\x00"])
    with env.db.read() as s:
        details = json.loads(s.scalars(select(AuditEntry.details).where(AuditEntry.action == "claim.accepted")).one())
    assert details == {"order": order, "sku": result.claim.sku, "serial": "SN-X", "cover": WarrantyCover.IN_WARRANTY,
                       "label": result.claim.label, "photos": 2, "override_by": env.manager.login}


def test_the_result_hands_back_the_photos_hashes_and_an_act_naming_the_override(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    allowed = env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, NOTE)
    result = env.svc.accept(env.clerk, allowed, [], "", "Не включается", photos=[JPEG])
    assert result.photos == (hashlib.sha256(JPEG).hexdigest(),)
    assert NOTE in result.act.html and "разрешил менеджер" in result.act.html


def test_the_intake_act_is_made_of_the_stored_claim(env):
    result = env.accept(env.purchased(phone="+79161234567", name="Сидорова Анна"), condition="Потёртости")
    view = result.claim
    cover = env.svc.cover(env.clerk, env.ready_draft(env.purchased(serial="SN-2"), serial="SN-2"))
    with env.db.read() as s:
        point = s.get(PickupPoint, env.point_id)
        assert point is not None
        data = acceptance.act_data(point, view, cover, "Кассир Клара", 3, NOTE)
        where = PointInfo(point.code, point.name, point.address, point.timezone)
    assert data == IntakeActData(
        claim=view.number, point=where, order=view.order, customer_name="Сидорова Анна",
        masked_phone="+7 ••• ••• 45 67", product="Смартфон Galaxy A55 8/256", sku=view.sku, serial=SERIAL,
        cover=WarrantyCover.IN_WARRANTY.value, last_day=cover.last_day, checklist=("box", "cable", "scratches"),
        condition="Потёртости", fault="Не заряжается", photos=3, staff_name="Кассир Клара",
        accepted_at=view.accepted_at, label=f"SL{view.number}", serial_override=NOTE)
    assert data.sku and data.product
    bare = acceptance.act_data(point, replace(view, cover=None, serial=None, label=None), cover, "", 0, None)
    assert (bare.cover, bare.serial, bare.label, bare.serial_override) == (WarrantyCover.IN_WARRANTY.value, "", "",
                                                                           None)
    paid = acceptance.act_data(point, replace(view, cover=WarrantyCover.PAID_REPAIR.value), cover, "", 0, None)
    assert paid.cover == WarrantyCover.PAID_REPAIR.value


def test_an_unknown_checklist_key_is_quoted_by_its_first_40_characters(env):
    key = "wireless-charger-with-a-very-long-name-and-more"
    with refused("claim.bad_checklist", key=key[:40]):
        env.accept(env.purchased(), checklist=["box", key])


def test_no_fault_is_refused_and_no_condition_is_an_empty_note(env):
    order = env.purchased()
    with refused("claim.fault_required"):
        env.accept(order, fault=None)
    result = env.accept(order, condition=None)
    assert result.claim.condition == ""
    (payload,) = [p for t, p in outbox(env.db) if t == "claim.accepted"]
    assert payload["condition"] == ""


def test_a_prefiled_claim_with_the_customers_serial_is_taken_in_not_refused_as_its_own_duplicate(env):
    order = env.purchased()
    number = env.prefiled(order, serial=SERIAL)
    draft = env.svc.check_serial(env.clerk, env.svc.start_intake(env.clerk, claim=number), SERIAL.lower())
    result = env.svc.accept(env.clerk, draft, ["box"], "", "Не включается")
    assert result.claim.number == number and result.claim.serial == SERIAL


def test_a_draft_whose_line_is_not_among_its_lines_is_not_settled(env):
    draft = env.ready_draft(env.purchased())
    stale = replace(draft, sku="SKU-GONE")
    assert stale.serial_settled and stale.line() is None
    with refused("claim.serial_not_checked"):
        env.svc.accept(env.clerk, stale, [], "", "Не включается")
    overridden = replace(stale, serial_override="записка", override_by=env.manager.login)
    with refused("claim.serial_not_checked"):
        env.svc.accept(env.clerk, overridden, [], "", "Не включается")


def test_a_forged_draft_is_refused_naming_what_does_not_match(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    forged = draft.with_serial(draft.lines[0].sku, "SN-FORGED")
    with refused("claim.serial_mismatch", serial="SN-FORGED", order=order, expected=SERIAL):
        env.svc.accept(env.clerk, forged, [], "", "Не включается")
    by_clerk = draft.with_serial(draft.lines[0].sku, "SN-FORGED", "записка", env.clerk.login)
    with refused("claim.override_not_manager", staff=env.clerk.login):
        env.svc.accept(env.clerk, by_clerk, [], "", "Не включается")


def test_paid_repair_without_consent_names_the_last_day_of_the_warranty(env):
    order = env.purchased(days_ago=400)
    draft = env.ready_draft(order)
    ended = env.svc.cover(env.clerk, draft).last_day
    with refused("claim.consent_required", ended=ended.strftime("%d.%m.%Y")) as info:
        env.svc.accept(env.clerk, draft, [], "", "Не включается")
    assert f"{ended.day:02d}.{ended.month:02d}.{ended.year}" in str(info.value)
