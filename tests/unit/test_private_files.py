"""Issue 15, secrets at rest on the counter: the data dir 0700 and every file in it 0600 (cache with its -wal and
-shm, migration backups, logs, device credential), and the Windows equivalent (`icacls`, built and checked)."""

from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

import pytest

from desktop import device_credentials
from desktop.config import AppConfig
from desktop.db import migrate
from desktop.logs import close_logs, setup_logging
from protocol import private_files
from protocol.private_files import icacls_command, private_dir, private_file

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
FIXTURES = Path(__file__).parent.parent / "fixtures" / "databases"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_icacls_command_leaves_the_folder_to_the_user_alone() -> None:
    folder = Path(r"C:\Users\anna\AppData\Local\PickupDesk")
    assert icacls_command(folder, r"PVZ\anna", directory=True) == [
        "icacls", str(folder), "/inheritance:r", "/grant:r", r"PVZ\anna:(OI)(CI)F"]
    assert icacls_command(folder / "cache.sqlite3", "anna", directory=False)[-1] == "anna:F"


def test_on_windows_the_acl_is_restricted_instead_of_the_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(private_files, "is_windows", lambda: True)
    monkeypatch.setenv("USERNAME", "anna")
    monkeypatch.setenv("USERDOMAIN", "PVZ")
    ran: list[list[str]] = []
    private_dir(tmp_path / "data", runner=lambda cmd: ran.append(cmd) or 0)
    (tmp_path / "data" / "cache.sqlite3").write_bytes(b"")
    private_file(tmp_path / "data" / "cache.sqlite3", runner=lambda cmd: ran.append(cmd) or 5)
    assert ran == [icacls_command(tmp_path / "data", r"PVZ\anna", True),
                   icacls_command(tmp_path / "data" / "cache.sqlite3", r"PVZ\anna", False)]
    assert "could not restrict" in caplog.text  # a failed icacls is said, not hidden


@posix_only
def test_a_first_start_makes_the_data_dir_and_the_cache_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = migrate.migrate_with_backup(data / "cache.sqlite3")
    try:
        with db.write() as s:
            s.execute(migrate_noop())
        assert _mode(data) == 0o700
        files = list(data.iterdir())
        assert {p.name for p in files} >= {"cache.sqlite3", "cache.sqlite3-wal", "cache.sqlite3-shm"}
        assert all(_mode(p) == 0o600 for p in files), {p.name: oct(_mode(p)) for p in files}
    finally:
        db.dispose()


def migrate_noop() -> object:
    from sqlalchemy import text

    return text("CREATE TABLE IF NOT EXISTS _touch (x INTEGER)")


@posix_only
def test_after_a_migration_backup_everything_in_an_old_0755_dir_is_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    shutil.copyfile(FIXTURES / "cache-0001.sqlite3", data / "cache.sqlite3")
    (data / "device.json").write_text("{}", encoding="utf-8")
    for path in data.iterdir():
        os.chmod(path, 0o644)
    db = migrate.migrate_with_backup(data / "cache.sqlite3")
    db.dispose()
    backups = list(data.glob("cache.backup-*.sqlite3"))
    assert len(backups) == 1
    assert _mode(data) == 0o700
    assert {p.name: _mode(p) for p in data.iterdir()} == {p.name: 0o600 for p in data.iterdir()}


@posix_only
def test_logs_and_the_device_credential_are_owner_only(tmp_path: Path) -> None:
    config = AppConfig(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    path = setup_logging(config, console=False)
    try:
        logging.getLogger("pickup_desk").warning("a line")
    finally:
        close_logs()
    assert _mode(path.parent) == 0o700 and _mode(path) == 0o600
    creds = device_credentials.DeviceCredentials("https://b.test", "dev-1", "tok", "0042", "pk")
    saved = device_credentials.save(tmp_path / "fresh", creds)
    assert _mode(saved) == 0o600 and _mode(saved.parent) == 0o700
    device_credentials.mark_demo(tmp_path / "demo")
    assert _mode(tmp_path / "demo") == 0o700


@posix_only
def test_kept_documents_are_owner_only(tmp_path: Path) -> None:
    from desktop.documents.jobs import PrintJournal, PrintStatus
    from desktop.documents.model import Document, DocumentKind

    journal = PrintJournal(tmp_path / "jobs")
    journal.remember(Document(next(iter(DocumentKind)), "500000001", "Квитанция", "<p>Иванов</p>"), PrintStatus.PRINTED)
    assert _mode(tmp_path / "jobs") == 0o700
    assert [oct(_mode(p)) for p in (tmp_path / "jobs").iterdir()] == [oct(0o600)]
