"""Staff sign-in, stated as security rules: the journal never holds a typed identifier that matched nobody (only
its first and last two characters of at most 32), names the sign-in method and the failure count, the lock-out's
end is told in the point's own time with the 5 attempts, the count starts again from zero after a lock, and a
current hash is not rewritten on every sign-in."""

from __future__ import annotations

import json
import string
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Staff
from desktop.services.base import Role
from desktop.services.staff import LOCK_MINUTES, MAX_FAILED_ATTEMPTS, StaffService
from protocol.errors import DomainError
from tests.support.clock import FakeClock
from tests.support.factories import FAST_HASHER, make_point, make_staff

LETTERS = string.ascii_letters  # 52 distinct characters


@pytest.fixture
def service(db: Database, clock: FakeClock) -> StaffService:
    with db.write() as s:
        make_staff(s, make_point(s, timezone="Asia/Novosibirsk"), Role.CLERK, pin="1234", login="clerk",
                   badge_code="ST000001")
    return StaffService(db, clock, hasher=FAST_HASHER)


def _journal(db: Database) -> list[tuple[str, str, dict]]:
    with db.read() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.action, e.subject, json.loads(e.details)) for e in entries]


def _clerk(db: Database) -> Staff:
    with db.read() as s:
        return s.scalars(select(Staff).where(Staff.login == "clerk")).one()


def _refused(call, *args: str) -> DomainError:
    with pytest.raises(DomainError) as info:
        call(*args)
    return info.value


@pytest.mark.parametrize(
    ("typed", "journalled"),
    [("ab", "**"), ("abcd", "****"), ("abcde", "ab*de"), ("  abcdef ", "ab**ef"),
     (LETTERS[:40], "ab" + "*" * 28 + LETTERS[30:32])],  # only the first 32 characters count
)
def test_an_unknown_identifier_is_journalled_masked(db, service, typed: str, journalled: str) -> None:
    assert _refused(service.login_password, typed, "secret").code == "auth.wrong_credentials"
    assert _journal(db)[-1] == ("auth.login_failed", journalled, {"method": "password", "reason": "unknown"})


def test_each_failure_is_journalled_with_its_method_and_count(db, service) -> None:
    _refused(service.login_password, "clerk", "wrong")
    _refused(service.login_badge, "ST000001", "0000")
    assert [(a, d) for a, _, d in _journal(db)] == [("auth.login_failed", {"method": "password", "attempts": 1}),
                                                    ("auth.login_failed", {"method": "badge", "attempts": 2})]


def test_the_lock_out_ends_in_the_points_time_and_the_count_starts_again(db, service, clock) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        _refused(service.login_badge, "ST000001", "0000")
    locked = _refused(service.login_badge, "ST000001", "0000")
    until = clock() + timedelta(minutes=LOCK_MINUTES)
    assert (locked.code, locked.params) == ("auth.locked", {"until": "16:15", "attempts": 5})  # 09:15 UTC, UTC+7
    assert _journal(db)[-1] == ("auth.locked", "clerk", {"until": until.isoformat()})
    assert (_clerk(db).failed_attempts, _clerk(db).locked_until) == (0, until)
    again = _refused(service.login_badge, "ST000001", "1234")  # while locked: the same end, in the same words
    assert again.params == locked.params and str(again) == str(locked)


def test_a_current_hash_is_kept_on_sign_in(db, service) -> None:
    before = _clerk(db).pin_hash
    service.login_badge("ST000001", "1234")
    assert _clerk(db).pin_hash == before


def test_every_outcome_is_journalled_with_its_method_and_reason(db, service, clock) -> None:
    _refused(service.login_badge, "XX999999", "1234")
    actor = service.login_badge("ST000001", "1234")
    assert (actor.full_name, actor.point_id, actor.role) == (_clerk(db).full_name, _clerk(db).point_id, Role.CLERK)
    for _ in range(MAX_FAILED_ATTEMPTS):
        _refused(service.login_password, "clerk", "wrong")
    _refused(service.login_badge, "ST000001", "1234")  # locked
    clock.advance(minutes=LOCK_MINUTES)
    with db.write() as s:
        s.scalars(select(Staff).where(Staff.login == "clerk")).one().active = False
    _refused(service.login_password, "clerk", "secret-1234")  # the right password of a disabled account
    outcomes = [(a, subject, d) for a, subject, d in _journal(db) if a != "auth.login_failed" or "reason" in d]
    assert outcomes == [
        ("auth.login_failed", "XX****99", {"method": "badge", "reason": "unknown"}),
        ("auth.login", "clerk", {"method": "badge"}),
        ("auth.locked", "clerk", {"until": clock().isoformat()}),  # the clock is now at the lock's end
        ("auth.login_refused", "clerk", {"method": "badge", "reason": "locked"}),
        ("auth.login_refused", "clerk", {"method": "password", "reason": "inactive"}),
    ]


class CountingHasher(PasswordHasher):
    """The test hasher, counting the secrets it checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.checks = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.checks += 1
        return super().verify(hash, password)


def test_an_unknown_identifier_costs_a_hash_check_like_a_known_one(db, clock, service) -> None:
    hasher = CountingHasher()
    counting = StaffService(db, clock, hasher=hasher)
    _refused(counting.login_badge, "XX999999", "0000")
    assert hasher.checks == 1  # no quick answer that tells a wrong badge from a wrong PIN
