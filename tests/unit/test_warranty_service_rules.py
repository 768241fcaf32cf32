"""The warranty service's own rules (desktop/services/warranty/service.py): the dispatch queue, re-printing an
intake act, the claim a warranty return order brings back, and where photos go."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from desktop.db.claim_models import Claim
from desktop.db.models import AuditEntry, Order, PickupPoint
from desktop.documents.claims import intake_act
from desktop.services.warranty import WarrantyService, acceptance, claim_of_return_order
from protocol.claims import WARRANTY_ORDER_KIND, ClaimStatus
from tests.unit.handover_env import refused
from tests.unit.warranty_env import JPEG, Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def _accepted(env: Env, serial: str) -> str:
    return env.accept(env.purchased(serial=serial), serial=serial).claim.number


def test_the_dispatch_queue_holds_this_points_accepted_items_oldest_intake_first(env):
    first = _accepted(env, "SN-1")
    env.clock.now += timedelta(minutes=5)
    second = _accepted(env, "SN-2")
    env.clock.now += timedelta(minutes=5)
    third = _accepted(env, "SN-3")
    with env.db.write() as s:  # the third was taken in first (its intake synced late from the other counter)
        s.execute(update(Claim).where(Claim.number == third).values(accepted_at=env.clock() - timedelta(hours=1)))
        s.execute(update(Claim).where(Claim.number == second).values(status=ClaimStatus.SENT))
    env.prefiled(env.purchased(serial="SN-4"), number="W000000444")  # filed, not taken in yet
    env.prefiled(env.purchased(serial="SN-5", foreign=True), number="W000000555", status=ClaimStatus.ACCEPTED)
    assert [c.number for c in env.svc.waiting_dispatch(env.clerk)] == [third, first]


def test_the_reprinted_act_names_who_took_the_item_in_and_counts_the_photos(env):
    result = env.accept(env.purchased(), photos=[JPEG, JPEG + b"\x00"])
    again = env.svc.intake_act(env.clerk, result.claim.number)
    assert again.html == result.act.html and env.clerk.full_name in again.html
    with env.db.write() as s:  # taken in at a counter whose staff this cache does not know
        s.execute(update(Claim).where(Claim.number == result.claim.number).values(accepted_by=None, photos=[]))
    unknown = env.svc.intake_act(env.clerk, result.claim.number)
    assert env.clerk.full_name not in unknown.html and unknown.html != again.html


def test_the_claim_of_a_return_order_is_found_by_its_number_as_typed(env):
    number = _accepted(env, "SN-1")
    with env.db.write() as s:
        s.execute(update(Order).where(Order.number == env.purchased(serial="SN-2")).values(kind=WARRANTY_ORDER_KIND))
        back = s.scalars(select(Order.number).where(Order.kind == WARRANTY_ORDER_KIND)).one()
        s.execute(update(Claim).where(Claim.number == number).values(return_order=back))
    view = env.svc.claim_for_order(env.clerk, f" {back} ")
    assert view is not None and view.number == number
    with env.db.read() as s:
        assert claim_of_return_order(s, f"{back}\n") == view


def test_a_warranty_order_no_claim_points_to_brings_none(env):
    order = env.purchased()
    with env.db.write() as s:
        s.execute(update(Order).where(Order.number == order).values(kind=WARRANTY_ORDER_KIND))
    assert env.svc.claim_for_order(env.clerk, order) is None


def test_photos_go_next_to_the_cache_when_no_data_dir_is_given(env):
    svc = WarrantyService(env.db, env.clock)
    draft = env.ready_draft(env.purchased())
    result = svc.accept(env.clerk, draft, [], "", "Не включается", photos=[JPEG])
    assert (env.db.path.parent / "claims" / result.claim.number).is_dir()


def test_when_the_cache_cannot_be_read_after_a_failed_intake_the_photos_stay_and_the_first_error_is_raised(
        env, monkeypatch, caplog):
    draft = env.ready_draft(env.purchased())

    def half_written(data_dir, number, photos):  # the folder is made, then the disk fails
        (data_dir / "claims" / number).mkdir(parents=True)
        raise RuntimeError("disk full")

    def unreadable():
        raise OSError("database is locked")

    monkeypatch.setattr(acceptance, "save_photos", half_written)
    monkeypatch.setattr(env.svc, "reading", unreadable)
    with caplog.at_level(logging.ERROR, logger="desktop.services.warranty.service"), \
            pytest.raises(RuntimeError, match="disk full"):
        env.svc.accept(env.clerk, draft, [], "", "Не включается", photos=[JPEG])
    assert (env.data_dir / "claims" / draft.number).is_dir()
    assert [r.getMessage() for r in caplog.records] == [f"could not check claim {draft.number} after a failed intake"]


def test_a_reprinted_act_shows_the_intake_as_it_was_months_later(env):
    order = env.purchased()
    draft = env.svc.start_intake(env.clerk, order=order)
    allowed = env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, "номер стёрт")
    result = env.svc.accept(env.clerk, allowed, ["box"], "", "Не включается")
    env.clock.now += timedelta(days=500)  # the warranty has ended since
    again = env.svc.intake_act(env.clerk, result.claim.number)
    assert again.html == result.act.html and "номер стёрт" in again.html


def test_a_reprint_for_an_intake_by_staff_unknown_here_names_nobody(env):
    result = env.accept(env.purchased())
    number = result.claim.number
    with env.db.write() as s:
        s.execute(update(Claim).where(Claim.number == number).values(accepted_by=None))
    again = env.svc.intake_act(env.clerk, number)
    with env.db.read() as s:
        point = s.get(PickupPoint, env.point_id)
        cover = env.svc.cover(env.clerk, env.ready_draft(env.purchased(serial="SN-2"), serial="SN-2"))
        data = acceptance.act_data(point, result.claim, cover, "", 0, None)
    assert again.html == intake_act(data).html


@pytest.mark.parametrize("missing", ["label", "accepted_at"])
def test_a_claim_without_its_label_or_intake_time_is_not_taken_in(env, missing):
    number = env.accept(env.purchased()).claim.number
    with env.db.write() as s:
        s.execute(update(Claim).where(Claim.number == number).values({missing: None}))
    with refused("claim.not_taken_in", claim=number):
        env.svc.intake_act(env.clerk, number)
    with refused("claim.not_taken_in", claim=number):
        env.svc.label(env.clerk, number)


def test_override_undo_and_close_are_journalled_under_the_clerk(env):
    draft = env.svc.start_intake(env.clerk, order=env.purchased())
    allowed = env.svc.override_serial(env.clerk, draft, "SN-X", env.manager, "номер стёрт")
    claim = env.svc.accept(env.clerk, allowed, [], "", "Не включается").claim
    uid = env.svc.open_dispatch(env.clerk)
    env.svc.scan_out(env.clerk, uid, claim.label)
    env.svc.undo_last(env.clerk, uid)
    env.svc.close_dispatch(env.clerk, uid)
    with env.db.read() as s:
        staff = dict(s.execute(select(AuditEntry.action, AuditEntry.staff_id).where(AuditEntry.action.in_(
            ["claim.serial_override", "service.undone", "service.closed"]))).all())
    assert staff == {"claim.serial_override": env.clerk.staff_id, "service.undone": env.clerk.staff_id,
                     "service.closed": env.clerk.staff_id}
