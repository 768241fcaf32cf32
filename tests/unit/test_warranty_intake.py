"""Warranty intake at the counter: start, serial check and the manager's override, the cover, acceptance."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from desktop.db.claim_models import Claim
from desktop.db.models import AuditEntry, OutboxEvent
from desktop.documents.model import DocumentKind
from desktop.services.warranty import acceptance
from protocol.claims import ClaimStatus, WarrantyCover
from protocol.order_states import OrderStatus
from tests.unit.handover_env import count, outbox, refused
from tests.unit.warranty_env import JPEG, SERIAL, Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _nothing_written(env: Env) -> None:
    assert count(env.db, OutboxEvent) == 0
    assert count(env.db, Claim, Claim.status != ClaimStatus.FILED) == 0
    assert not (env.data_dir / "claims").exists() or not any((env.data_dir / "claims").iterdir())


def test_a_new_claim_for_a_purchased_order_is_accepted_in_one_transaction(env):
    order = env.purchased()
    result = env.accept(order, photos=[JPEG])
    number = result.claim.number
    assert number.startswith("W0042") and len(number) == 11
    assert result.claim.status == ClaimStatus.ACCEPTED and result.claim.cover == WarrantyCover.IN_WARRANTY
    events = [(t, p) for t, p in outbox(env.db) if t == "claim.accepted"]
    assert len(events) == 1
    payload = events[0][1]
    assert payload["claim"] == number and payload["serial"] == SERIAL and payload["prefiled"] is False
    assert payload["label"] == f"SL{number}" and payload["checklist"] == ["box", "cable", "scratches"]
    assert payload["photos"] == [hashlib.sha256(JPEG).hexdigest()]
    assert payload["serial_override"] is None and payload["override_by"] is None
    files = list((env.data_dir / "claims" / number).iterdir())
    assert [f.read_bytes() for f in files] == [JPEG]
    assert count(env.db, AuditEntry, AuditEntry.action == "claim.accepted", AuditEntry.subject == number) == 1
    assert result.act.kind is DocumentKind.CLAIM_INTAKE_ACT and result.label.data == f"SL{number}"
    stored = env.claim(number)
    assert stored.accepted_by == env.clerk.staff_id and stored.photos[0]["sha256"] == payload["photos"][0]


def test_a_prefiled_claim_is_taken_in_under_its_own_number(env):
    order = env.purchased()
    number = env.prefiled(order, fault="Экран мигает")
    draft = env.svc.start_intake(env.clerk, claim=" w000000123 ")
    assert draft.prefiled and draft.number == number and draft.fault == "Экран мигает" and draft.sku is not None
    draft = env.svc.check_serial(env.clerk, draft, SERIAL)
    result = env.svc.accept(env.clerk, draft, ["box"], "", draft.fault)
    assert result.claim.number == number and result.claim.status == ClaimStatus.ACCEPTED
    (payload,) = [p for t, p in outbox(env.db) if t == "claim.accepted"]
    assert payload["prefiled"] is True and payload["claim"] == number
    assert count(env.db, Claim) == 1


@pytest.mark.parametrize(("status", "code"), [(ClaimStatus.CLOSED, "claim.closed"),
                                               (ClaimStatus.ACCEPTED, "claim.illegal_step"),
                                               (ClaimStatus.SENT, "claim.illegal_step")])
def test_a_claim_no_longer_waiting_for_its_item_is_refused(env, status, code):
    number = env.prefiled(env.purchased(), status=status)
    with refused(code, claim=number):
        env.svc.start_intake(env.clerk, claim=number)
    assert count(env.db, OutboxEvent) == 0 and env.claim(number).status == status


@pytest.mark.parametrize("number", ["W12", "X000000123", "W00000012345", "W-ABC"])
def test_a_malformed_claim_number_is_refused(env, number):
    with refused("claim.bad_number"):
        env.svc.start_intake(env.clerk, claim=number)


def test_an_unknown_claim_is_refused(env):
    with refused("claim.not_found", claim="W000000999"):
        env.svc.start_intake(env.clerk, claim="W000000999")


def test_a_claim_for_another_points_order_is_refused(env):
    order = env.purchased(foreign=True)
    with refused("claim.foreign_order", order=order):
        env.svc.start_intake(env.clerk, order=order)
    _nothing_written(env)


def test_an_order_not_handed_over_cannot_have_a_claim(env):
    with env.db.write() as s:
        from desktop.db.models import PickupPoint
        from tests.support.factories import make_order

        number = make_order(s, s.get(PickupPoint, env.point_id), status=OrderStatus.READY).number
    with refused("claim.not_purchased", order=number):
        env.svc.start_intake(env.clerk, order=number)
    with refused("claim.order_not_found", order="599999999"):
        env.svc.start_intake(env.clerk, order="599999999")


def test_the_serial_must_match_the_order_line(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    with refused("claim.serial_mismatch", serial="SN-OTHER", order=order, expected=SERIAL):
        env.svc.check_serial(env.clerk, draft, "SN-OTHER")
    with refused("claim.serial_empty"):
        env.svc.check_serial(env.clerk, draft, "  ")
    checked = env.svc.check_serial(env.clerk, draft, " sn a55-0001 ")  # case, blanks and dashes do not count
    assert checked.serial_settled and checked.serial == SERIAL  # sent as the order has it (the server compares)


def test_a_line_without_a_recorded_serial_takes_the_one_scanned(env):
    order = env.purchased(serial=None)
    checked = env.svc.check_serial(env.clerk, env.svc.start_intake(env.clerk, order=order), "IMEI 3520990011")
    assert checked.serial == "IMEI 3520990011"
    env.svc.accept(env.clerk, checked, [], "", "Не включается")
    (payload,) = [p for t, p in outbox(env.db) if t == "claim.accepted"]
    assert payload["serial"] == "IMEI 3520990011" and payload["override_by"] is None


def test_a_prefiled_claim_with_the_customers_serial_is_checked_against_it(env):
    order = env.purchased()
    number = env.prefiled(order, serial="SN-FROM-CUSTOMER")
    draft = env.svc.start_intake(env.clerk, claim=number)
    with refused("claim.serial_mismatch", expected="SN-FROM-CUSTOMER"):
        env.svc.check_serial(env.clerk, draft, SERIAL)
    assert env.svc.check_serial(env.clerk, draft, "sn-from-customer").serial == "SN-FROM-CUSTOMER"


def test_in_a_two_line_order_the_serial_finds_its_line_or_is_unknown(env):
    order = env.purchased(lines=2)
    draft = env.svc.start_intake(env.clerk, order=order)
    assert draft.sku is None and len(draft.lines) == 2
    with refused("claim.serial_unknown", serial="SN-NOPE", order=order):
        env.svc.check_serial(env.clerk, draft, "SN-NOPE")
    checked = env.svc.check_serial(env.clerk, draft, f"{SERIAL}-2")
    assert checked.sku == draft.lines[1].sku
    with refused("claim.no_line", order=order, sku="SKU-NONE"):
        env.svc.start_intake(env.clerk, order=order, sku="SKU-NONE")


def test_the_same_item_cannot_be_taken_in_twice(env):
    order = env.purchased()
    first = env.accept(order)
    with refused("claim.duplicate_item", serial=SERIAL, claim=first.claim.number):
        env.ready_draft(order)
    assert count(env.db, OutboxEvent, OutboxEvent.type == "claim.accepted") == 1


def test_the_same_draft_accepted_twice_changes_nothing_the_second_time(env):
    order = env.purchased()
    draft = env.ready_draft(order)
    env.svc.accept(env.clerk, draft, [], "", "Не включается")
    with refused("claim.illegal_step", claim=draft.number):
        env.svc.accept(env.clerk, draft, [], "", "Не включается")
    assert count(env.db, OutboxEvent, OutboxEvent.type == "claim.accepted") == 1


def test_a_new_claim_for_an_item_with_a_prefiled_claim_points_to_that_claim(env):
    order = env.purchased()
    number = env.prefiled(order, serial=SERIAL)
    with refused("claim.prefiled_exists", serial=SERIAL, claim=number):
        env.ready_draft(order)


def test_a_manager_of_this_point_allows_a_mismatching_serial_with_a_note(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    with refused("auth.forbidden"):
        env.svc.override_serial(env.clerk, draft, "SN-X", env.clerk, "замена платы")
    with refused("claim.override_not_manager", staff=env.foreign_manager.login):
        env.svc.override_serial(env.clerk, draft, "SN-X", env.foreign_manager, "замена платы")
    with refused("claim.override_note_required"):
        env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, "  ")
    allowed = env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, "после ремонта у продавца")
    assert allowed.serial_settled and allowed.override_by == env.manager.login
    env.svc.accept(env.clerk, allowed, [], "", "Не включается")
    (payload,) = [p for t, p in outbox(env.db) if t == "claim.accepted"]
    assert payload["serial"] == "SN-X" and payload["override_by"] == env.manager.login
    assert payload["serial_override"] == "после ремонта у продавца"
    assert count(env.db, AuditEntry, AuditEntry.action == "claim.serial_override") == 1


def test_a_draft_not_settled_by_the_service_is_refused_at_acceptance(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    with refused("claim.serial_not_checked"):
        env.svc.accept(env.clerk, draft, [], "", "Не включается")
    forged = draft.with_serial(draft.lines[0].sku, "SN-FORGED")
    with refused("claim.serial_mismatch"):
        env.svc.accept(env.clerk, forged, [], "", "Не включается")
    by_clerk = draft.with_serial(draft.lines[0].sku, "SN-FORGED", "записка", env.clerk.login)
    with refused("claim.override_not_manager"):
        env.svc.accept(env.clerk, by_clerk, [], "", "Не включается")
    _nothing_written(env)


def test_the_cover_runs_from_the_points_date_of_the_handover_through_the_last_day(env):
    order = env.purchased()
    with env.db.write() as s:
        from sqlalchemy import select

        from desktop.db.models import Order

        found = s.scalars(select(Order).where(Order.number == order)).one()
        found.handed_over_at = datetime(2025, 11, 23, 22, 30, tzinfo=UTC)  # 24.11.2025 01:30 in Moscow
    draft = env.ready_draft(order)
    env.clock.now = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 24.11.2026 23:00 in Moscow: the last day
    cover = env.svc.cover(env.clerk, draft)
    assert (cover.purchased.isoformat(), cover.last_day.isoformat()) == ("2025-11-24", "2026-11-24")
    assert cover.cover is WarrantyCover.IN_WARRANTY and not cover.expired
    env.clock.now = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)  # midnight in Moscow: the day after
    assert env.svc.cover(env.clerk, draft).cover is WarrantyCover.PAID_REPAIR


def test_an_expired_warranty_is_accepted_only_for_paid_repair_with_consent(env):
    order = env.purchased(days_ago=400)
    draft = env.ready_draft(order)
    assert env.svc.cover(env.clerk, draft).expired
    with refused("claim.consent_required"):
        env.svc.accept(env.clerk, draft, [], "", "Не включается")
    _nothing_written(env)
    result = env.svc.accept(env.clerk, draft, [], "", "Не включается", paid_repair_consent=True)
    assert result.claim.cover == WarrantyCover.PAID_REPAIR
    (payload,) = [p for t, p in outbox(env.db) if t == "claim.accepted"]
    assert payload["cover"] == WarrantyCover.PAID_REPAIR


def test_the_line_months_decide_the_cover(env):
    order = env.purchased(days_ago=400, months=24)
    assert env.svc.cover(env.clerk, env.ready_draft(order)).cover is WarrantyCover.IN_WARRANTY


@pytest.mark.parametrize(("kw", "code"), [
    ({"checklist": ["box", "wings"]}, "claim.bad_checklist"),
    ({"fault": "   "}, "claim.fault_required"),
    ({"fault": "x" * 1001}, "claim.text_too_long"),
    ({"condition": "x" * 501}, "claim.text_too_long"),
    ({"photos": [b"GIF89a"]}, "claim.bad_photo"),
    ({"photos": [JPEG] * 11}, "claim.too_many_photos"),
])
def test_bad_intake_input_is_refused_and_nothing_is_written(env, kw, code):
    with refused(code):
        env.accept(env.purchased(), **kw)
    _nothing_written(env)


def test_photos_are_removed_when_the_intake_does_not_commit(env, monkeypatch):
    order = env.purchased()
    draft = env.ready_draft(order)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(acceptance, "_emit", broken)
    with pytest.raises(RuntimeError):
        env.svc.accept(env.clerk, draft, [], "", "Не включается", photos=[JPEG])
    _nothing_written(env)
    assert not (env.data_dir / "claims" / draft.number).exists()


def test_a_refused_repeat_intake_keeps_the_first_intakes_photos(env):
    order = env.purchased()
    draft = env.ready_draft(order)
    env.svc.accept(env.clerk, draft, [], "", "Не включается", photos=[JPEG])
    with refused("claim.illegal_step"):
        env.svc.accept(env.clerk, draft, [], "", "Не включается", photos=[JPEG, JPEG])
    assert len(list((env.data_dir / "claims" / draft.number).iterdir())) == 1


def test_nobody_logged_in_is_refused(env):
    with refused("auth.not_logged_in"):
        env.svc.start_intake(None, order=env.purchased())


def test_the_intake_act_has_two_copies_the_barcode_the_signature_and_the_sms_promise(env):
    result = env.accept(env.purchased(phone="+79161234567"))
    html = result.act.html
    assert html.count("Экземпляр пункта выдачи") == 1 and html.count("Экземпляр клиента") == 1
    assert html.count("data:image/png;base64,") == 2 and html.count("Подпись клиента") == 2
    assert "вы получите SMS на номер +7 ••• ••• 45 67" in html and SERIAL in html
    assert "коробка, кабель; нет: зарядное устройство" in html and "царапины" in html
    again = env.svc.intake_act(env.clerk, result.claim.number)
    assert again.html == html
    label = env.svc.label(env.clerk, result.claim.number)
    assert label == result.label and label.headline == result.claim.number


def test_a_claim_not_taken_in_has_no_act_or_label(env):
    number = env.prefiled(env.purchased())
    with refused("claim.not_taken_in", claim=number):
        env.svc.intake_act(env.clerk, number)
    with refused("claim.not_taken_in", claim=number):
        env.svc.label(env.clerk, number)


def test_the_draft_is_a_value_the_page_keeps(env):
    draft = env.svc.start_intake(env.clerk, order=env.purchased())
    assert replace(draft, fault="x").number == draft.number and not draft.serial_settled
