"""A pickup code typed alone is hashed only under the salts of orders whose lookup tag fits (issue 15 item 2)."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

import protocol.pickup_code as pickup_code
from backend.keys import code_tag_key
from desktop.db.engine import Database
from desktop.db.models import Handover, Order, PickupPoint, SyncState
from desktop.db.pepper import (
    TAG_KEY,
    open_secret_hash,
    pepper_code_hash,
    pepper_for_session,
    read_tag_key,
    store_tag_key,
)
from desktop.services.handover import HandoverService
from protocol.pickup_code import code_matches, code_tag, salted_code_hash, split_tag
from tests.support.clock import FakeClock
from tests.support.factories import TEST_CODE_PARAMS, make_order
from tests.unit.handover_env import Env, count, make_env, refused

TAG_KEY_BYTES = secrets.token_bytes(32)
ORDERS = 500


@pytest.fixture
def env(db: Database, clock: FakeClock) -> Env:
    return make_env(db, clock)


@pytest.fixture
def hash_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every scrypt the lookup runs (the per-order salted hash), counted."""
    calls: list[str] = []
    real = pickup_code.hash_code

    def counted(code: str, params: pickup_code.CodeHashParams) -> str:
        calls.append(code)
        return real(code, params)

    monkeypatch.setattr(pickup_code, "hash_code", counted)
    yield calls


def _orders(env: Env, codes: list[str], tag_key: bytes | None = TAG_KEY_BYTES) -> list[str]:
    """Ready orders of the local point, one per code, their hashes published as the server does."""
    numbers = []
    with env.db.write() as s:
        point, pepper = s.get(PickupPoint, env.point_id), pepper_for_session(s)
        assert point is not None
        for code in codes:
            order = make_order(s, point, status="ready")
            order.pickup_code_hash = pepper_code_hash(pepper, salted_code_hash(code, TEST_CODE_PARAMS, tag_key))
            numbers.append(order.number)
    return numbers


def _give_key(env: Env, key: bytes = TAG_KEY_BYTES) -> None:
    with env.db.write() as s:
        store_tag_key(s, base64.b64encode(key).decode())


def _codes(n: int) -> list[str]:
    return [f"{(i * 7919 + 13) % 10**6:06d}" for i in range(n)]


def test_a_code_typed_alone_runs_scrypt_for_a_few_of_500_orders(env: Env, hash_calls: list[str]) -> None:
    codes = _codes(ORDERS)
    numbers = _orders(env, codes)
    _give_key(env)
    hash_calls.clear()
    found = env.svc.start_with_code(env.clerk, codes[250])
    assert found.state is not None and found.state.order_number == numbers[250]
    assert found.state.verified_by == "code"
    assert 1 <= len(hash_calls) <= 10, len(hash_calls)


def test_a_wrong_code_finds_nothing_with_few_hashes(env: Env, hash_calls: list[str]) -> None:
    codes = _codes(ORDERS)
    _orders(env, codes)
    _give_key(env)
    wrong = next(f"{n:06d}" for n in range(10**6) if f"{n:06d}" not in set(codes))
    hash_calls.clear()
    found = env.svc.start_with_code(env.clerk, wrong)
    assert found.state is None and found.candidates == ()
    assert len(hash_calls) <= 10 and count(env.db, Handover) == 0


def test_orders_without_a_usable_tag_are_still_found_by_the_full_scan(env: Env, hash_calls: list[str]) -> None:
    tagged = _orders(env, _codes(50))
    untagged = _orders(env, ["111111"], tag_key=None)  # an older hash
    other_key = _orders(env, ["222222"], tag_key=secrets.token_bytes(32))  # tagged under a key this PC lacks
    _give_key(env)
    for code, number in (("111111", untagged[0]), ("222222", other_key[0])):
        hash_calls.clear()
        found = env.svc.start_with_code(env.clerk, code)
        assert found.state is not None and found.state.order_number == number
        assert len(hash_calls) <= 10  # the two without a usable tag, plus the tagged ones that fit
        env.svc.abort(env.clerk, found.state.uid)
    assert len(tagged) == 50


def test_without_the_key_every_current_order_is_hashed(env: Env, hash_calls: list[str]) -> None:
    codes = _codes(40)
    numbers = _orders(env, codes)
    hash_calls.clear()
    found = env.svc.start_with_code(env.clerk, codes[7])  # no key received yet: today's full scan
    assert found.state is not None and found.state.order_number == numbers[7]
    assert len(hash_calls) == 40


def test_the_cache_keeps_the_tag_key_only_sealed(env: Env, db: Database) -> None:
    _orders(env, ["123123"])
    _give_key(env)
    db.dispose()
    raw = Path(str(db.path)).read_bytes()
    assert TAG_KEY_BYTES not in raw and base64.b64encode(TAG_KEY_BYTES) not in raw
    with db.read() as s:
        sealed = s.get(SyncState, TAG_KEY)
        assert sealed is not None and sealed.value.startswith("p1:")
        assert open_secret_hash(secrets.token_bytes(32), sealed.value) is None  # another PC's pepper: nothing
        assert read_tag_key(s) == TAG_KEY_BYTES
        stored = s.scalars(select(Order.pickup_code_hash).where(Order.pickup_code_hash.is_not(None))).one()
    assert stored is not None and split_tag(stored)[1] == code_tag(TAG_KEY_BYTES, "123123")


def test_a_key_kept_in_clear_is_not_taken(env: Env) -> None:
    with env.db.write() as s:
        s.add(SyncState(key=TAG_KEY, value=base64.b64encode(TAG_KEY_BYTES).decode()))
    with env.db.read() as s:
        assert read_tag_key(s) is None


def test_a_tagged_published_hash_still_checks_the_code() -> None:
    published = salted_code_hash("424242", TEST_CODE_PARAMS, TAG_KEY_BYTES)
    assert split_tag(published)[1] == code_tag(TAG_KEY_BYTES, "424242")
    assert code_matches("424242", published, TEST_CODE_PARAMS)
    assert not code_matches("424243", published, TEST_CODE_PARAMS)


def test_a_tagged_hash_checks_the_code_of_an_open_handover(env: Env) -> None:
    number = _orders(env, ["777000"])[0]
    uid = env.svc.start(env.clerk, number).uid
    with refused("handover.wrong_code"):
        env.svc.verify_code(env.clerk, uid, "777001")
    assert env.svc.verify_code(env.clerk, uid, "777000").verified_by == "code"


def test_each_point_has_a_tag_key_of_its_own_from_the_server_key() -> None:
    server_key = Ed25519PrivateKey.generate()
    here = code_tag_key(server_key, "0042")
    assert here == code_tag_key(server_key, "0042") and len(here) == 32  # derived again, kept in no table
    assert here != code_tag_key(server_key, "0077")  # another point's PCs cannot read this point's tags
    assert here != code_tag_key(Ed25519PrivateKey.generate(), "0042")


def test_a_restarted_counter_reads_the_sealed_key_and_still_hashes_only_a_few(env: Env, hash_calls: list[str]) -> None:
    codes = _codes(200)
    numbers = _orders(env, codes)
    _give_key(env)
    hash_calls.clear()
    found = HandoverService(env.db, env.clock).start_with_code(env.clerk, codes[99])  # the key is read from the cache
    assert found.state is not None and found.state.order_number == numbers[99]
    assert 1 <= len(hash_calls) <= 10, len(hash_calls)


def test_spent_orders_and_other_points_orders_are_not_hashed(env: Env, hash_calls: list[str]) -> None:
    current = _orders(env, ["313131", "424242"], tag_key=None)
    with env.db.write() as s:
        for status in ("handed_over", "partially_handed_over", "refused", "returned", "cancelled"):
            make_order(s, s.get(PickupPoint, env.point_id), status=status, code="313131")
        make_order(s, s.scalars(select(PickupPoint).where(PickupPoint.code == "0077")).one(), status="ready",
                   code="313131")
    hash_calls.clear()
    found = env.svc.start_with_code(env.clerk, "313131")
    assert found.state is not None and found.state.order_number == current[0]
    assert len(hash_calls) == 2  # the two current orders of this point only


def test_an_older_per_point_hash_is_checked_under_the_points_salt(env: Env) -> None:
    from desktop.services.pickup_checks import point_code_params

    with env.db.write() as s:
        point = s.get(PickupPoint, env.point_id)
        assert point is not None
        old = [make_order(s, point, status="ready") for _ in range(2)]
        params, pepper = point_code_params(point), pepper_for_session(s)
        for order, code in zip(old, ("515151", "616161"), strict=True):  # a bare digest, before per-order salts
            order.pickup_code_hash = pepper_code_hash(pepper, pickup_code.hash_code(code, params))
        numbers = [o.number for o in old]
    found = env.svc.start_with_code(env.clerk, "515151")
    assert found.state is not None and found.state.order_number == numbers[0]
    uid = env.svc.start(env.clerk, numbers[1]).uid
    with refused("handover.wrong_code"):
        env.svc.verify_code(env.clerk, uid, "515151")
    assert env.svc.verify_code(env.clerk, uid, "616161").verified_by == "code"


def test_the_slow_hashing_runs_on_the_code_lookup_threads_not_the_callers(
        env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    _orders(env, ["101010", "202020", "303030"], tag_key=None)
    names: list[str] = []
    real = pickup_code.hash_code

    def named(code: str, params: pickup_code.CodeHashParams) -> str:
        names.append(threading.current_thread().name)
        return real(code, params)

    monkeypatch.setattr(pickup_code, "hash_code", named)
    found = env.svc.start_with_code(env.clerk, "202020")
    assert found.state is not None and len(names) == 3
    assert all(name.startswith("code-lookup_") for name in names), names  # named for a thread dump
