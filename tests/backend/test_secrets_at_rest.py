"""Issue 15, secrets at rest on the server: owner-only files, the QR key out of the database, the `log` SMS
gateway only in the demo (and masked outside it), phones and codes masked in every server log line."""

from __future__ import annotations

import base64
import json
import logging
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import text

from backend.app import create_app
from backend.config import LogGatewayRefused, Settings
from backend.db import Database, upgrade
from backend.keys import KEY_ENV, SIGNING_KEY, default_key_path, load_signing_key, public_key_b64
from backend.server import parse_args
from backend.sms.gateways import LogGateway
from protocol.log_masking import install_record_masking

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "getuid"), reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _raw_b64(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()


def _stored_keys(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT value FROM server_settings WHERE key = :k"), {"k": SIGNING_KEY})
                    .scalars())


def test_a_first_start_keeps_the_database_and_the_key_file_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "srv"
    app = create_app(Settings(database_url=f"sqlite:///{data / 'b.sqlite3'}", run_sms_dispatcher=False,
                              demo_mode=True, sms_log_path=data / "sms.log"))
    key_file = data / "b.sqlite3.qr-signing.key"
    assert _mode(data) == 0o700
    assert _mode(data / "b.sqlite3") == 0o600
    assert all(_mode(p) == 0o600 for p in data.glob("b.sqlite3-*"))
    assert _mode(key_file) == 0o600
    assert _stored_keys(app.state.db) == []  # the private key is not in the database
    assert public_key_b64(app.state.signing_key) == public_key_b64(load_signing_key(app.state.db, key_file))
    app.state.db.dispose()


def test_migration_0007_moves_a_stored_key_to_the_file_and_deletes_it(tmp_path: Path) -> None:
    old = Ed25519PrivateKey.generate()
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db.engine, "0006")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO server_settings (key, value) VALUES (:k, :v)"),
                     {"k": SIGNING_KEY, "v": _raw_b64(old)})
    key_file = tmp_path / "keys" / "qr.key"
    db.upgrade(qr_key_path=key_file)
    assert _stored_keys(db) == []
    assert _mode(key_file) == 0o600 and _mode(key_file.parent) == 0o700
    assert public_key_b64(load_signing_key(db, key_file)) == public_key_b64(old)  # QR tokens stay valid
    db.dispose()


def test_a_key_left_in_the_database_moves_to_the_file_at_start(tmp_path: Path) -> None:
    old = Ed25519PrivateKey.generate()
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db.engine, "0006")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO server_settings (key, value) VALUES (:k, :v)"),
                     {"k": SIGNING_KEY, "v": _raw_b64(old)})
    db.upgrade()  # a bare upgrade does not know where the file goes: the row waits for the server
    assert len(_stored_keys(db)) == 1
    app = create_app(Settings(database_url=db.url, run_sms_dispatcher=False, demo_mode=True,
                              qr_key_path=tmp_path / "qr.key", sms_log_path=tmp_path / "sms.log"))
    assert public_key_b64(app.state.signing_key) == public_key_b64(old)
    assert _stored_keys(db) == [] and _mode(tmp_path / "qr.key") == 0o600
    app.state.db.dispose()
    db.dispose()


def test_the_environment_key_wins_and_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = Ed25519PrivateKey.generate()
    monkeypatch.setenv(KEY_ENV, _raw_b64(key))
    db = Database(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    db.upgrade()
    assert public_key_b64(load_signing_key(db, tmp_path / "qr.key")) == public_key_b64(key)
    assert not (tmp_path / "qr.key").exists()
    monkeypatch.setenv(KEY_ENV, "not base64!")
    with pytest.raises(RuntimeError, match=KEY_ENV):
        load_signing_key(db, tmp_path / "qr.key")
    db.dispose()


def test_the_default_key_path() -> None:
    assert default_key_path("sqlite:////srv/pd/b.sqlite3") == Path("/srv/pd/b.sqlite3.qr-signing.key")
    assert default_key_path("postgresql+psycopg://u@h/db") == Path("qr-signing.key")
    assert default_key_path("sqlite://") is None


def test_the_log_gateway_refuses_to_start_outside_the_demo(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    with pytest.raises(LogGatewayRefused, match="demo only"):
        create_app(Settings(database_url=url, run_sms_dispatcher=False, sms_log_path=tmp_path / "s.log"))
    allowed = create_app(Settings(database_url=url, run_sms_dispatcher=False, allow_log_gateway=True,
                                  sms_log_path=tmp_path / "s.log"))
    allowed.state.db.dispose()
    assert parse_args([]).allow_log_sms is False and parse_args(["--allow-log-sms"]).allow_log_sms is True
    assert parse_args(["--seed-demo"]).seed_demo is True


def test_the_log_gateway_masks_codes_and_phones_outside_the_demo(tmp_path: Path) -> None:
    path = tmp_path / "new" / "sms.log"
    text_ = "Заказ 100000001 готов. Код получения: 482913. Хранение до 01.12.2026."
    LogGateway(path).send("uid-1", "+79161234567", text_)
    line = json.loads(path.read_text(encoding="utf-8"))
    assert "482913" not in line["text"] and "79161234567" not in line["phone"]
    assert "100000001" in line["text"] and "01.12.2026" in line["text"]  # the rest stays readable
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    LogGateway(tmp_path / "demo.log", clear=True).send("uid-2", "+79161234567", text_)
    assert "482913" in (tmp_path / "demo.log").read_text(encoding="utf-8")  # the demo's phone shows it


def test_server_logs_mask_phones_codes_and_payloads_in_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    install_record_masking()
    log = logging.getLogger("backend.test")
    with caplog.at_level(logging.INFO):
        log.info("sms to %s with code=%s", "+79161234567", "482913")
        try:
            raise ValueError({"phone": "+79035550199", "pickup_code_hash": "ab" * 32})
        except ValueError:
            log.exception("ingest failed")
    written = caplog.text
    assert "79161234567" not in written and "482913" not in written
    assert "79035550199" not in written and "ab" * 32 not in written
    assert "01-99" in written  # the last four digits stay, as on the counter
