"""The manager's serial override at intake (desktop/services/warranty/intake.py): which order line it is for, what
it refuses, and what the journal keeps of it."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry
from desktop.services.warranty import intake
from desktop.translatable import translate
from tests.unit.handover_env import refused
from tests.unit.warranty_env import SERIAL, Env, make_env

NOTE = "серийный номер стёрт, сверили по коробке"


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _override_entries(env: Env) -> list[dict[str, Any]]:
    with env.db.read() as s:
        rows = s.scalars(select(AuditEntry.details).where(AuditEntry.action == "claim.serial_override")).all()
    return [json.loads(r) for r in rows]


def test_an_override_without_a_note_is_refused(env):
    draft = env.svc.start_intake(env.clerk, order=env.purchased())
    with refused("claim.override_note_required"):
        env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, None)
    assert _override_entries(env) == []


def test_the_journal_keeps_the_line_both_serials_the_manager_and_the_note(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    allowed = env.svc.override_serial(env.clerk, draft, " SN-X ", env.manager, f"  {NOTE} ")
    assert (allowed.serial, allowed.serial_override, allowed.override_by) == ("SN-X", NOTE, env.manager.login)
    assert _override_entries(env) == [{"order": order, "sku": draft.lines[0].sku, "serial": "SN-X", "expected": SERIAL,
                                       "manager": env.manager.login, "note": NOTE}]


def test_in_a_two_line_order_the_manager_must_say_which_line(env):
    order = env.purchased(lines=2)
    draft = env.svc.start_intake(env.clerk, order=order)
    with refused("claim.choose_line", order=order):
        env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, NOTE)
    with refused("claim.no_line", order=order, sku="SKU-NONE"):
        env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, NOTE, sku="SKU-NONE")
    assert _override_entries(env) == []
    second = draft.lines[1]
    allowed = env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, NOTE, sku=second.sku)
    assert allowed.sku == second.sku and allowed.line() == second
    assert [e["expected"] for e in _override_entries(env)] == [f"{SERIAL}-2"]


def test_the_line_already_chosen_on_the_draft_is_the_one_overridden(env):
    order = env.purchased(lines=2)
    second = env.svc.start_intake(env.clerk, order=order).lines[1]
    draft = env.svc.start_intake(env.clerk, order=order, sku=second.sku)
    allowed = env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, NOTE)
    assert allowed.sku == second.sku
    assert [(e["sku"], e["expected"]) for e in _override_entries(env)] == [(second.sku, f"{SERIAL}-2")]


def test_a_one_line_draft_without_a_chosen_line_takes_that_line(env):
    draft = env.svc.start_intake(env.clerk, order=env.purchased())
    loose = replace(draft, sku=None)
    allowed = env.svc.override_serial(env.clerk, loose, "SN-X", env.manager, NOTE)
    assert allowed.sku == draft.lines[0].sku


def test_an_override_to_the_serial_of_another_open_claim_is_a_duplicate(env):
    other = env.accept(env.purchased(serial="SN-X"), serial="SN-X").claim.number
    draft = env.svc.start_intake(env.clerk, order=env.purchased())
    with refused("claim.duplicate_item", serial="sn x", claim=other):
        env.svc.override_serial(env.clerk, draft, "sn x", env.manager, NOTE)
    assert _override_entries(env) == []


def test_a_prefiled_claim_is_no_duplicate_of_itself(env):
    order = env.purchased()
    number = env.prefiled(order, serial="SN-FROM-CUSTOMER")
    draft = env.svc.start_intake(env.clerk, claim=number)
    allowed = env.svc.override_serial(env.clerk, draft, "SN-FROM-CUSTOMER", env.manager, NOTE)
    assert allowed.number == number and allowed.serial == "SN-FROM-CUSTOMER"


def test_a_clerk_in_the_managers_place_is_refused_naming_the_override(env):
    draft = env.svc.start_intake(env.clerk, order=env.purchased())
    with refused("auth.forbidden", action=translate("Actions", intake.OVERRIDE_SERIAL), required="manager"):
        env.svc.override_serial(env.clerk, draft, "SN-X", env.clerk, NOTE)
