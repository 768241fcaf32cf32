"""Issue 15: a stolen cache file without this PC's pepper cannot be swept for pickup codes or staff PINs; with
the pepper the counter verifies offline as before; old caches are peppered by migration 0006."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop import messages
from desktop.db import migrate, pepper
from desktop.db.pepper import code_hash_matches, device_pepper, open_secret_hash, pepper_for_session
from desktop.services.staff import StaffService
from protocol import pickup_code
from protocol.errors import DomainError
from protocol.pickup_code import CodeHashParams, hash_code, hash_like, salted_code_hash
from tests.support.clock import FakeClock
from tests.support.factories import FAST_HASHER, make_order, make_point, make_staff

FIXTURES = Path(__file__).parent.parent / "fixtures" / "databases"
TINY = CodeHashParams(salt=b"point-salt", n=2**4)


def _stolen_hashes(path: Path) -> list[str]:
    """What a thief reads from the copied file: the code hashes (no app, no credential store)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT pickup_code_hash FROM orders WHERE pickup_code_hash IS NOT NULL")
        return [row[0] for row in rows]


def test_a_sweep_of_a_stolen_cache_without_the_pepper_finds_nothing(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pickup_code, "CODE_LENGTH", 2)  # a code space a test can sweep whole
    db = migrate.migrate_with_backup(tmp_path / "data" / "cache.sqlite3")
    codes = [pickup_code.new_code() for _ in range(3)]
    with db.write() as s:
        point = make_point(s)
        point.code_hash_params = TINY.encode()
        for code in codes:  # as the sync applies them: the server's per-code salted hash, peppered here
            order = make_order(s, point, status="ready")
            order.pickup_code_hash = pepper.pepper_code_hash(pepper_for_session(s), salted_code_hash(code, TINY))
        device = pepper_for_session(s)
    db.dispose()
    stolen = _stolen_hashes(tmp_path / "data" / "cache.sqlite3")
    space = [f"{i:02d}" for i in range(10 ** pickup_code.CODE_LENGTH)]
    assert len(stolen) == 3 and all(len(c) == 2 for c in codes)
    one_sweep = {hash_code(c, TINY): c for c in space}  # the per-point sweep that used to crack every order
    assert not set(one_sweep) & {h.rpartition("$")[2] for h in stolen}
    without_pepper = {c for c in space for h in stolen if hmac_free_match(c, h)}
    assert without_pepper == set()  # the thief's sweep of the whole space, without the pepper, finds nothing
    with_pepper = {c for c in space for h in stolen if code_hash_matches(device, hash_like(c, h, TINY), h)}
    assert with_pepper == set(codes)  # the counter, holding the pepper, verifies offline as before
    assert not any(code_hash_matches(b"x" * 32, hash_like(c, h, TINY), h) for c in space for h in stolen)


def hmac_free_match(code: str, stored: str) -> bool:
    """Every way to read a stored value as a plain hash of `code` (its salt is in clear)."""
    digest = stored.rpartition("$")[2]
    return hash_like(code, stored, TINY).rpartition("$")[2] == digest or hash_code(code, TINY) == digest


def test_each_code_has_a_salt_of_its_own() -> None:
    first, second = salted_code_hash("123456", TINY), salted_code_hash("123456", TINY)
    assert first != second  # the same code of two orders: two different hashes
    assert pickup_code.code_matches("123456", first, TINY) and pickup_code.code_matches("123456", second, TINY)
    assert not pickup_code.code_matches("123457", first, TINY)
    assert pickup_code.code_matches("123456", hash_code("123456", TINY), TINY)  # an older per-point hash still checks


def test_staff_pin_hashes_are_sealed_and_still_sign_in(tmp_path: Path) -> None:
    db = migrate.migrate_with_backup(tmp_path / "data" / "cache.sqlite3")
    with db.write() as s:
        point = make_point(s)
        make_staff(s, point, badge_code="ST000001", pin="1234")
    with sqlite3.connect(tmp_path / "data" / "cache.sqlite3") as conn:
        stored = conn.execute("SELECT pin_hash FROM staff").fetchone()[0]
    assert stored.startswith("p1:") and "argon2" not in stored  # no argon2 string to run a PIN sweep against
    assert open_secret_hash(b"x" * 32, stored) is None  # another pepper opens nothing
    actor = StaffService(db, FakeClock(), hasher=FAST_HASHER).login_badge("ST000001", "1234")
    assert actor.login
    db.dispose()


def test_migration_0006_peppers_an_old_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    shutil.copyfile(FIXTURES / "cache-0005.sqlite3", path)
    raw_code = hash_code("123456", TINY)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE pickup_points SET code_hash_params = ?", (TINY.encode(),))
        conn.execute("UPDATE orders SET pickup_code_hash = ? WHERE number = '500000001'", (raw_code,))
        conn.execute("UPDATE staff SET pin_hash = ?", (FAST_HASHER.hash("1234"),))
    db = migrate.migrate_with_backup(path)
    assert migrate.current_revision(db) == migrate.head_revision()
    stolen = _stolen_hashes(path)
    assert stolen and raw_code not in stolen
    with db.read() as s:
        assert code_hash_matches(pepper_for_session(s), raw_code, stolen[0])
    assert StaffService(db, FakeClock(), hasher=PasswordHasher()).login_badge("ST000001", "1234").login == "kassir"
    db.dispose()


def _fake_keyring(backend_module: str, store: dict[tuple[str, str], str]) -> types.ModuleType:
    backend = type("Backend", (), {})
    backend.__module__ = backend_module
    module = types.ModuleType("keyring")
    module.get_keyring = lambda: backend()  # type: ignore[attr-defined]
    module.get_password = lambda service, name: store.get((service, name))  # type: ignore[attr-defined]
    module.set_password = lambda service, name, value: store.__setitem__((service, name), value)  # type: ignore[attr-defined]
    return module


def test_the_pepper_lives_in_the_os_credential_store_when_there_is_one(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store: dict[tuple[str, str], str] = {}
    monkeypatch.setitem(sys.modules, "keyring", _fake_keyring("keyring.backends.Windows", store))
    first = device_pepper(tmp_path / "a")
    assert len(store) == 1 and not (tmp_path / "a" / pepper.FALLBACK_FILE).exists()
    pepper._cache.clear()
    assert device_pepper(tmp_path / "a") == first  # read back from the store on the next start
    assert device_pepper(tmp_path / "b") != first  # one entry per data folder


def test_without_a_keyring_backend_a_0600_file_is_used_and_said_loudly(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "keyring", _fake_keyring("keyring.backends.fail", {}))
    (tmp_path / "d").mkdir()
    with caplog.at_level(logging.WARNING):
        value = device_pepper(tmp_path / "d")
    path = tmp_path / "d" / pepper.FALLBACK_FILE
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    assert "SECURITY" in caplog.text and "keyring" in caplog.text
    pepper._cache.clear()
    assert device_pepper(tmp_path / "d") == value


def test_a_lost_pepper_refuses_the_first_login_by_name_instead_of_refusing_every_pin(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cache.sqlite3"
    db = migrate.migrate_with_backup(path)  # the first start records the pepper's check value
    with db.write() as s:
        make_staff(s, make_point(s), badge_code="ST000001", pin="1234")
    db.dispose()
    (tmp_path / "data" / pepper.FALLBACK_FILE).unlink()  # the credential store entry is gone
    pepper._cache.clear()
    db = migrate.migrate_with_backup(path)  # the start asks no credential store: the login screen shows
    assert not (tmp_path / "data" / pepper.FALLBACK_FILE).exists()
    with pytest.raises(DomainError) as err:
        StaffService(db, FakeClock(), hasher=FAST_HASHER).login_badge("ST000001", "1234")
    assert err.value.code == "db.pepper_lost"  # not «wrong PIN»: the clerk is told to call the administrator
    assert "пересоздать" in messages.describe(err.value.code, err.value.params)
    with pytest.raises(DomainError), db.read() as s:  # and every later use of the pepper, not only the first
        pepper_for_session(s)
    db.dispose()


def test_the_start_of_a_checked_cache_does_not_load_the_credential_store(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cache.sqlite3"
    migrate.migrate_with_backup(path).dispose()
    probe = ("import sys; from pathlib import Path; from desktop.db import migrate; "
             "migrate.migrate_with_backup(Path(sys.argv[1])).dispose(); "
             "print('keyring' in sys.modules, 'cryptography' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120,
                         check=True, cwd=Path(__file__).parents[2])
    assert out.stdout.split() == ["False", "False"], out.stderr[-2000:]
