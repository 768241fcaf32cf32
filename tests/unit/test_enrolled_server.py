"""An enrolled PC always talks to its enrolled server; the embedded demo backend runs only in a demo or fresh
data dir, never in a real one (issue 9)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop import device_credentials
from desktop.config import AppConfig, load_config
from desktop.device_credentials import DeviceCredentials

SERVER = "https://pvz.example.ru"


def _load(tmp_path: Path, data_dir: Path) -> AppConfig:
    return load_config({"data_dir": str(data_dir)}, {}, site_file=tmp_path / "site.toml",
                       user_file=tmp_path / "user.toml")


def _enrol(data_dir: Path, url: str = SERVER) -> None:
    device_credentials.save(data_dir, DeviceCredentials(url, "dev-1", "token", "0042", "AAAA"))


def test_an_enrolled_pc_takes_its_server_from_the_credential(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _enrol(data)
    config = _load(tmp_path, data)
    assert config.backend_url == SERVER and not config.uses_embedded_backend


def test_a_flag_still_names_another_server(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _enrol(data)
    config = load_config({"data_dir": str(data), "backend_url": "https://other.example.ru"}, {},
                         site_file=tmp_path / "s.toml", user_file=tmp_path / "u.toml")
    assert config.backend_url == "https://other.example.ru"


def test_a_fresh_data_dir_may_run_the_demo(tmp_path: Path) -> None:
    config = _load(tmp_path, tmp_path / "fresh")
    assert config.backend_url is None and config.uses_embedded_backend


def test_a_real_data_dir_without_credential_never_gets_the_demo(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "cache.sqlite3").write_bytes(b"")  # a counter's cache, its credential deleted before re-enrolment
    config = _load(tmp_path, data)
    assert config.backend_url is None and not config.uses_embedded_backend


def test_the_demo_dir_stays_a_demo_after_its_first_run(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    device_credentials.mark_demo(data)
    (data / "cache.sqlite3").write_bytes(b"")
    _enrol(data, "http://127.0.0.1:53111")  # the embedded backend's enrolment (a new loopback port each run)
    config = _load(tmp_path, data)
    assert config.backend_url is None and config.uses_embedded_backend


@pytest.mark.parametrize("demo_file", [device_credentials.DEMO_MARKER, device_credentials.EMBEDDED_DB_FILE])
def test_a_credential_for_another_server_makes_the_dir_real(tmp_path: Path, demo_file: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / demo_file).write_text("x")  # left by the demo, or by the old bug (embedded backend in a real dir)
    _enrol(data)
    assert not device_credentials.is_demo_dir(data)
    config = _load(tmp_path, data)
    assert config.backend_url == SERVER and not config.uses_embedded_backend


def test_the_marker_names_match_the_embedded_backend_and_the_config() -> None:
    from backend.embedded import DB_FILE

    assert device_credentials.EMBEDDED_DB_FILE == DB_FILE
    assert AppConfig(data_dir=Path("/x")).cache_path.name == device_credentials.CACHE_FILE


def test_enrolling_from_the_command_line_ends_the_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.cli

    data = tmp_path / "data"
    device_credentials.mark_demo(data)
    creds = DeviceCredentials(SERVER, "dev-1", "token", "0042", "AAAA")
    monkeypatch.setattr(desktop.cli, "_enrol", lambda config, url, code: device_credentials.save(data, creds) and creds)
    out = io.StringIO()
    code = desktop.cli.enrol_from_command_line(AppConfig(backend_url=SERVER, data_dir=data), "123456", out)
    assert code == 0, out.getvalue()
    assert not (data / device_credentials.DEMO_MARKER).exists()
    assert _load(tmp_path, data).backend_url == SERVER
