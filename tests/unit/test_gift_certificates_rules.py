"""Gift certificates on the counter (desktop.services.money.certificates): the number as printed, the status in the
clerk's words, the balance and what this PC may still spend, each reason a certificate cannot pay, the PIN's shape
and its check against the sealed hash."""

from __future__ import annotations

from datetime import timedelta
from itertools import count as counter

import pytest
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.money_models import Certificate, CertificateEntry
from desktop.point_time import point_time, zone_named
from desktop.services.money.certificates import (
    certificate_number,
    certificate_view,
    find_certificate,
    pin_matches,
    pin_shaped,
    require_spendable,
    status_text,
)
from desktop.sync import money_feed
from protocol.money import rub
from protocol.money_rules import CertificateStatus
from tests.support.clock import FakeClock
from tests.support.factories import FAST_HASHER, make_point
from tests.unit.handover_env import refused

GC = "GC000000000017"
PIN = "12345678"
_entries = counter(5000)


@pytest.fixture
def world(db: Database, clock: FakeClock) -> Database:
    with db.write() as s:
        make_point(s, code="0042", timezone="Asia/Vladivostok")
    return db


def _certificate(db: Database, clock: FakeClock, status: str = "active", days: int = 100,
                 entries: tuple[tuple[int, str], ...] = ((300_000, "confirmed"),), pin_hash: str | None = "") -> None:
    """A certificate as the feed brings it, with ledger entries (amount, status); pending ones are this PC's."""
    with db.write() as s:
        money_feed.upsert_certificate(s, {
            "certificate": GC, "status": status, "face": 300_000,
            "expires_at": (clock() + timedelta(days=days)).isoformat(),
            "pin_hash": FAST_HASHER.hash(PIN) if pin_hash == "" else pin_hash}, clock())
        for amount, state in entries:
            money_feed.apply_certificate_entry(s, {
                "entry": next(_entries), "certificate": GC, "reason": "sale" if amount > 0 else "redemption",
                "amount": amount, "order": None, "event_id": None, "at": clock().isoformat()}, clock())
            if state == "pending":
                entry = s.scalars(select(CertificateEntry).order_by(CertificateEntry.id.desc())).first()
                entry.status, entry.server_id = "pending", None


def _view(db: Database, clock: FakeClock):  # type: ignore[no-untyped-def]
    with db.read() as s:
        return certificate_view(s, find_certificate(s, GC), clock())


def test_the_number_is_read_as_printed_and_anything_else_is_refused_naming_what_was_typed():
    assert certificate_number(" gc000000000017\n") == GC
    for typed, shown in ((" GC12 ", "GC12"), (None, ""), ("GC0000000000170", "GC0000000000170"),
                         ("x" * 50, "x" * 40)):
        with refused("money.bad_certificate_number", number=shown):
            certificate_number(typed)


def test_every_status_reads_in_the_clerks_language_and_an_unknown_one_as_its_code(tagging_translator):
    texts = {status: status_text(status) for status in CertificateStatus}
    assert all(text.startswith("[CertificateStatus] ") and "None" not in text for text in texts.values())
    assert len(set(texts.values())) == len(texts)
    assert status_text("frozen") == "frozen"


def test_an_unknown_certificate_is_refused_by_its_number(world, clock):
    with world.read() as s, refused("money.certificate_unknown", number=GC):
        find_certificate(s, GC)


def test_what_this_pc_may_spend_is_the_confirmed_balance_less_its_own_pending_spends(world, clock):
    _certificate(world, clock, entries=((300_000, "confirmed"), (-50_000, "confirmed"), (-100_000, "pending"),
                                        (20_000, "pending")))
    view = _view(world, clock)
    assert (view.status, view.balance_kopecks, view.available_kopecks, view.face_kopecks) == (
        "active", 250_000, 150_000, 300_000)


def test_pending_spends_over_the_balance_leave_nothing_to_spend(world, clock):
    _certificate(world, clock, entries=((100_000, "confirmed"), (-150_000, "pending")))
    assert _view(world, clock).available_kopecks == 0


def test_a_certificate_is_expired_from_the_moment_its_date_passes(world, clock):
    """The refusal dates the expiry on the point's calendar: 20:00 UTC is the next morning in Vladivostok."""
    clock.advance(hours=11)
    _certificate(world, clock, days=1)
    clock.advance(days=1)
    view = _view(world, clock)
    assert (view.status, view.available_kopecks, view.balance_kopecks) == ("expired", 0, 300_000)
    date = point_time(view.expires_at, zone_named("Asia/Vladivostok"), "%d.%m.%Y")
    assert date == "26.11.2026" and view.expires_at is not None and view.expires_at.day == 25
    with world.read() as s, refused("money.certificate_expired", number=GC, date=date):
        require_spendable(s, view)


def test_an_active_certificate_with_nothing_left_is_spent(world, clock):
    _certificate(world, clock, entries=((100_000, "confirmed"), (-100_000, "confirmed")))
    assert (_view(world, clock).status, _view(world, clock).available_kopecks) == ("spent", 0)


@pytest.mark.parametrize(("status", "code"), [("pending", "money.certificate_pending"),
                                              ("stock", "money.certificate_not_sold"),
                                              ("blocked", "money.certificate_blocked"),
                                              ("spent", "money.certificate_spent")])
def test_a_certificate_that_cannot_pay_is_refused_with_its_reason(world, clock, status, code):
    _certificate(world, clock, status=status)
    view = _view(world, clock)
    assert view.available_kopecks == 0
    with world.read() as s, refused(code, number=GC):
        require_spendable(s, view)


def test_an_amount_over_what_may_be_spent_is_refused_naming_both(world, clock):
    _certificate(world, clock, entries=((300_000, "confirmed"), (-100_000, "pending")))
    view = _view(world, clock)
    with world.read() as s:
        require_spendable(s, view, 200_000)
        require_spendable(s, view)
        with refused("money.certificate_over_balance", number=GC, available=rub(200_000), amount=rub(200_001),
                     available_kopecks=200_000):
            require_spendable(s, view, 200_001)


def test_a_pin_is_eight_digits_as_typed_without_surrounding_spaces():
    assert pin_shaped(" 12345678 ") == PIN
    for typed in ("1234567", "123456789", "1234567a", "", None):
        with refused("money.bad_pin"):
            pin_shaped(typed)


def test_the_pin_is_checked_against_the_sealed_hash_and_a_missing_or_damaged_hash_never_matches(world, clock):
    _certificate(world, clock)
    with world.read() as s:
        certificate = s.scalars(select(Certificate)).one()
        assert pin_matches(s, certificate, PIN) and not pin_matches(s, certificate, "87654321")
    for stored in (None, "not-an-argon2-hash"):
        _certificate(world, clock, pin_hash=stored)
        with world.read() as s:
            assert not pin_matches(s, s.scalars(select(Certificate)).one(), PIN)


def test_a_balance_this_pc_has_wholly_reserved_leaves_it_spent_here_and_one_kopeck_left_still_pays(world, clock):
    _certificate(world, clock, entries=((100_000, "confirmed"), (-100_000, "pending")))
    view = _view(world, clock)
    assert (view.status, view.available_kopecks) == ("active", 0)
    with world.read() as s, refused("money.certificate_spent", number=GC):
        require_spendable(s, view)
    _certificate(world, clock, entries=((1, "confirmed"),))
    with world.read() as s:
        require_spendable(s, _view(world, clock), 1)


def test_a_certificate_with_one_kopeck_left_is_still_active_and_pays_that_kopeck(world, clock):
    _certificate(world, clock, entries=((100_000, "confirmed"), (-99_999, "confirmed")))
    view = _view(world, clock)
    assert (view.status, view.balance_kopecks, view.available_kopecks) == ("active", 1, 1)
    with world.read() as s:
        require_spendable(s, view, 1)
