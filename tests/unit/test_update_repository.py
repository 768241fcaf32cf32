"""The release tool and the counter's check against a real tufup repository of a small fake bundle on 127.0.0.1.

A release is signed and published (packaging/release.py), served by http.server, checked, downloaded,
verified and staged by the counter's client; a tampered archive and expired metadata are refused with a
clear message; the policy route's 404 from an old server reads as «no policy».
"""

from __future__ import annotations

import functools
import gzip
import http.server
import importlib.util
import json
import shutil
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import pytest

from desktop.sync.client import SyncClient
from desktop.update.checker import UpdateRefused, check_and_stage, make_client
from desktop.update.layout import UpdateLayout, load_state
from desktop.update.policy import Channel, UpdatePolicy
from desktop.update.stamp import ROOT_FILE, read_stamp

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def release_tool() -> ModuleType:
    """packaging/release.py (the folder is not a package: `packaging` is also the PyPA library's name)."""
    spec = importlib.util.spec_from_file_location("pickup_release", ROOT / "packaging" / "release.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def fake_bundle(folder: Path, payload: bytes = b"app") -> Path:
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "base_library.zip").write_bytes(payload * 1000)
    (folder / "PickupDesk").write_text("#!/bin/sh\necho fake\n")
    (folder / "PickupDesk").chmod(0o755)
    return folder


class Quiet(http.server.SimpleHTTPRequestHandler):
    requested: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Quiet.requested.append(self.path)
        super().do_GET()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """(repository folder, its URL): a static file server on 127.0.0.1."""
    repo = tmp_path / "repo"
    repo.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(repo)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield repo, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def publish(tmp_path: Path, repo: Path, version: str, **kw: Any) -> Any:
    bundle = fake_bundle(tmp_path / f"build-{version}", version.encode())
    return release_tool().release(version, tmp_path / "keys", repo, bundle, tmp_path / f"out-{version}", **kw)


def counter(tmp_path: Path, url: str, running: str = "1.4.0") -> tuple[UpdateLayout, Any]:
    layout = UpdateLayout.for_data_dir(tmp_path / "data")
    root = tmp_path / "out-1.4.0" / "_internal" / ROOT_FILE  # the installed bundle's public root
    return layout, make_client(layout, url, running, root)


def test_a_signed_release_is_downloaded_verified_and_staged(tmp_path: Path, served: tuple[Path, str]) -> None:
    repo, url = served
    base = publish(tmp_path, repo, "1.4.0")
    assert read_stamp(base.bundle_dir) == {"version": "1.4.0"}
    assert (base.bundle_dir / "_internal" / ROOT_FILE).exists()
    private = [p for p in (tmp_path / "keys").iterdir() if p.is_file() and p.suffix not in (".pub", "")]
    private += [tmp_path / "keys" / name for name in ("root", "targets", "snapshot", "timestamp")]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in private if p.exists())
    assert not list(base.bundle_dir.rglob("timestamp")) and not list(repo.rglob("*.pub"))  # no key ships
    publish(tmp_path, repo, "1.5.0")
    publish(tmp_path, repo, "1.6.0")
    layout, client = counter(tmp_path, url)
    result = check_and_stage(layout, client, UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0")
    assert result.staged == "1.5.0" and set(result.available) == {"1.4.0", "1.5.0", "1.6.0"}
    assert read_stamp(layout.staged_dir("1.5.0")) == {"version": "1.5.0"}
    assert (layout.staged_dir("1.5.0") / "PickupDesk").stat().st_mode & 0o111
    assert load_state(layout).staged == "1.5.0"


def test_a_pc_that_keeps_its_archive_updates_from_the_patch(tmp_path: Path, served: tuple[Path, str]) -> None:
    repo, url = served
    publish(tmp_path, repo, "1.4.0")
    publish(tmp_path, repo, "1.5.0", patch=True)
    layout, client = counter(tmp_path, url)
    shutil.copyfile(repo / "targets" / "PickupDesk-1.4.0.tar.gz", layout.downloads / "PickupDesk-1.4.0.tar.gz")
    Quiet.requested.clear()
    assert check_and_stage(layout, client, UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0").staged == "1.5.0"
    assert any(path.endswith("PickupDesk-1.5.0.patch") for path in Quiet.requested)
    assert not any(path.endswith("PickupDesk-1.5.0.tar.gz") for path in Quiet.requested)
    assert read_stamp(layout.staged_dir("1.5.0")) == {"version": "1.5.0"}
    assert sorted(p.name for p in layout.downloads.iterdir()) == ["PickupDesk-1.4.0.tar.gz", "PickupDesk-1.5.0.tar.gz"]


def test_a_patch_that_does_not_rebuild_the_signed_archive_falls_back_to_the_full_one(
        tmp_path: Path, served: tuple[Path, str]) -> None:
    repo, url = served
    publish(tmp_path, repo, "1.4.0")
    publish(tmp_path, repo, "1.5.0", patch=True)
    layout, client = counter(tmp_path, url)
    with gzip.open(layout.downloads / "PickupDesk-1.4.0.tar.gz", "wb") as wrong:  # not the archive it was made from
        wrong.write(b"something else")
    Quiet.requested.clear()
    assert check_and_stage(layout, client, UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0").staged == "1.5.0"
    assert any(path.endswith("PickupDesk-1.5.0.tar.gz") for path in Quiet.requested)


def test_a_tampered_archive_is_refused(tmp_path: Path, served: tuple[Path, str]) -> None:
    repo, url = served
    publish(tmp_path, repo, "1.4.0")
    done = publish(tmp_path, repo, "1.5.0")
    data = bytearray(done.archive.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same length, another byte: only the signed hash tells
    done.archive.write_bytes(bytes(data))
    layout, client = counter(tmp_path, url)
    with pytest.raises(UpdateRefused) as refused:
        check_and_stage(layout, client, UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0")
    assert refused.value.code == "update.archive_tampered"
    assert "не совпадает с подписанным" in str(refused.value)
    assert load_state(layout).staged is None and not layout.staged_dir("1.5.0").exists()


def test_expired_metadata_is_refused(tmp_path: Path, served: tuple[Path, str]) -> None:
    repo, url = served
    publish(tmp_path, repo, "1.4.0")
    expired = {"root": 365, "targets": 90, "snapshot": 90, "timestamp": -1}
    publish(tmp_path, repo, "1.5.0", expiration_days=expired)
    layout, client = counter(tmp_path, url)
    with pytest.raises(UpdateRefused) as refused:
        check_and_stage(layout, client, UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0")
    assert refused.value.code == "update.metadata_expired"
    assert "просрочены" in str(refused.value) and "переподписать" in str(refused.value)
    release_tool().resign(tmp_path / "keys", repo)  # the fix: re-sign with fresh dates
    layout, client = counter(tmp_path, url)
    assert check_and_stage(layout, client, UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0").staged == "1.5.0"


def test_metadata_signed_with_another_key_is_refused(tmp_path: Path, served: tuple[Path, str]) -> None:
    repo, url = served
    publish(tmp_path, repo, "1.4.0")
    installed_root = tmp_path / "out-1.4.0" / "_internal" / ROOT_FILE
    trusted = installed_root.read_bytes()
    for child in repo.rglob("*"):
        if child.is_file():
            child.unlink()
    release_tool().release("1.5.0", tmp_path / "other-keys", repo, fake_bundle(tmp_path / "b"), tmp_path / "o")
    installed_root.write_bytes(trusted)
    layout, client = counter(tmp_path, url)
    with pytest.raises(UpdateRefused) as refused:
        check_and_stage(layout, client, UpdatePolicy(Channel.EVERYONE, "1.5.0"), "1.4.0")
    assert refused.value.code == "update.metadata_invalid"


def test_the_release_tool_refuses_an_old_version_and_reports_sizes(tmp_path: Path, served: tuple[Path, str],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    repo, _url = served
    publish(tmp_path, repo, "1.4.0")
    with pytest.raises(SystemExit, match="must be newer"):
        publish(tmp_path, repo, "1.4.0rc1")
    done = publish(tmp_path, repo, "1.5.0", patch=True)
    text = release_tool().report(done)
    assert "bundle (folder)" in text and "full update" in text and "patch " in text
    assert done.patch is not None and done.patch.exists()  # two near-identical archives: the patch pays
    targets = json.loads((repo / "metadata" / "targets.json").read_text())["signed"]["targets"]
    assert set(targets) == {"PickupDesk-1.4.0.tar.gz", "PickupDesk-1.5.0.tar.gz", "PickupDesk-1.5.0.patch"}


class PolicyHandler(http.server.BaseHTTPRequestHandler):
    answers: ClassVar[dict[str, tuple[int, bytes]]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        status, body = self.answers.get(self.path, (404, b'{"detail": "Not Found"}'))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)
        PolicyHandler.seen.append(self.headers.get("Authorization", ""))

    def log_message(self, *args: Any) -> None:
        pass


def test_the_policy_call_is_authenticated_and_an_old_servers_404_is_no_policy() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PolicyHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = SyncClient(f"http://127.0.0.1:{server.server_address[1]}", "tok", retry_total=0)
    try:
        assert client.update_policy() is None
        answer = {"channel": "pilot", "target_version": "1.5.0", "repository_url": None}
        PolicyHandler.answers["/v1/update/policy"] = (200, json.dumps(answer).encode())
        assert client.update_policy() == answer
        assert PolicyHandler.seen == ["Bearer tok", "Bearer tok"]
    finally:
        server.shutdown()
        server.server_close()
