"""The update rehearsal (issue 16): the real bundle updates itself from a signed repository on 127.0.0.1.

Version N is the cached PyInstaller build stamped by the release tool (the "installed" program); N+1 and N+2
are the same output re-stamped with another version, as the release tool does when only the version changes
(no second PyInstaller run; no patches here — `./dev.sh release --patch` measures those). The PC is enrolled
with a live test backend through a fault proxy; the update policy route is faked on that backend until the
server's own route lands (wt-install).

1. N runs with three queued events the proxy does not let through; it fetches the policy (target N+1),
   downloads, verifies and stages N+1 in the background and is closed.
2. The next start (the installed program, now the launcher) installs N+1, runs N+1's self-test, hands the start
   over; N+1 runs and sends the queue.
3. A broken N+2 (its migrations missing: its self-test cannot work) is published; N+1 downloads it; the next
   start installs it, the self-test fails, N+2 is rolled back and remembered as bad, and N+1 starts again.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.db.migrate import migrate_with_backup
from desktop.services.receiving import ReceivingService
from desktop.sync.enrolment import enrol
from desktop.update.layout import UpdateLayout, load_state
from protocol.states import OutboxStatus
from tests.integration.conftest import live, proxy  # noqa: F401 (fixtures)
from tests.integration.counter import box_of, server_event_counts
from tests.integration.live import Fault, FaultProxy, LiveBackend
from tests.packaging.bundle_cache import built_bundle
from tests.packaging.test_bundle import env_for
from tests.unit.test_update_repository import Quiet, release_tool

pytestmark = [pytest.mark.packaging, pytest.mark.slow, pytest.mark.timeout(900)]
N, N1, N2 = "7.0.0", "7.0.1", "7.0.2"
FAST_ARCHIVE = 1  # gzip level: the rehearsal measures the mechanism, not the size


@pytest.fixture(scope="module")
def dist() -> Path:
    exe, seconds = built_bundle()
    if seconds is not None:
        print(f"\nPyInstaller one-folder build: {seconds:.0f} s")
    return exe.parent


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(repo)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield repo, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class Rollout:
    """The server's rollout of the channel «everyone», set through its admin route (what the counter then reads from
    ``GET /v1/update/policy``)."""

    def __init__(self, backend: LiveBackend) -> None:
        self.backend = backend

    def target(self, version: str) -> None:
        reply = self.backend.admin("PUT", "/v1/admin/rollouts/everyone", json={"target_version": version})
        assert reply.status_code == 200, reply.text


def queue_events(data: Path, backend: LiveBackend, through: FaultProxy) -> None:
    """Enrol the PC (migrated cache, snapshot) and receive three boxes: three events wait in the outbox."""
    db = migrate_with_backup(data / "cache.sqlite3")
    try:
        enrol(through.url, backend.enrolment_code(), data, db, "REHEARSAL-PC")
        from sqlalchemy import select

        from desktop.db.models import Staff
        from tests.support.factories import actor_for

        with db.read() as s:
            actor = actor_for(s.scalars(select(Staff).where(Staff.login == "kassir")).one())
        service = ReceivingService(db)
        session = service.open_session(actor)
        for n in (1, 2, 3):
            assert service.scan_box(actor, session, box_of(n)).kind.value == "received"
    finally:
        db.dispose()


def outbox(data: Path) -> dict[str, str]:
    with sqlite3.connect(data / "cache.sqlite3") as conn:
        rows = dict(conn.execute("SELECT event_id, status FROM outbox").fetchall())
    conn.close()
    return rows


def wait_for(what: str, predicate: Callable[[], bool], app: subprocess.Popen[str] | None, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if app is not None and app.poll() is not None:
            raise AssertionError(f"{what}: the app exited with {app.returncode}")
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for: {what}")


class Counter:
    """The counter PC: its home (data, config, logs) and the installed program (version N)."""

    def __init__(self, home: Path, program: Path) -> None:
        self.home, self.program = home, program
        self.data = home / "data" / "PickupDesk"
        self.layout = UpdateLayout.for_data_dir(self.data)
        self.log = home / "state" / "PickupDesk" / "log" / "pickup-desk.log"
        self.env = {**env_for(home), "PICKUP_UPDATE_FIRST_CHECK_S": "0"}

    def start(self, *args: str) -> subprocess.Popen[str]:
        with open(self.home / "app-output.txt", "a") as out:  # the child keeps its own descriptor
            return subprocess.Popen([str(self.program), *args], env=self.env, stdout=out,
                                    stderr=subprocess.STDOUT, text=True)

    def close(self, app: subprocess.Popen[str]) -> None:
        app.send_signal(signal.SIGTERM)  # ui.session_end quits cleanly
        try:
            app.wait(60)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(10)

    def running_program(self, app: subprocess.Popen[str]) -> str:
        return os.readlink(f"/proc/{app.pid}/exe")

    def output(self) -> str:
        return (self.home / "app-output.txt").read_text(errors="replace")[-6000:]


def test_the_bundle_updates_itself_sends_its_queue_and_rolls_back_a_broken_update(
        dist: Path, tmp_path: Path, live: LiveBackend, proxy: FaultProxy,  # noqa: F811 (fixtures)
        repository: tuple[Path, str]) -> None:
    repo, url = repository
    rel, keys = release_tool(), tmp_path / "keys"
    installed = rel.stamp_bundle(dist, tmp_path / "install" / "PickupDesk", N,
                                 rel.repository(keys, repo).metadata_dir / "root.json")
    started = time.monotonic()
    rel.release(N1, keys, repo, dist, tmp_path / "release" / N1, level=FAST_ARCHIVE)
    print(f"\nreleased {N1} (stamp, archive, sign) in {time.monotonic() - started:.0f} s")
    rollout = Rollout(live)
    rollout.target(N1)
    pc = Counter(tmp_path / "home", installed / "PickupDesk")
    (pc.home / "config" / "PickupDesk").mkdir(parents=True)
    (pc.home / "config" / "PickupDesk" / "config.toml").write_text(
        f'backend_url = "{proxy.url}"\nupdate_url = "{url}"\npoint_code = "0042"\nsync_interval_seconds = 2\n')
    queue_events(pc.data, live, proxy)
    queued = outbox(pc.data)
    assert len(queued) >= 3 and set(queued.values()) == {OutboxStatus.PENDING}
    proxy.faults.append(Fault("POST /v1/events", status=503, times=100_000))

    # 1. N runs, downloads and stages N+1 in the background, and is closed; the queue could not leave
    app = pc.start()
    wait_for(f"{N1} staged", lambda: load_state(pc.layout).staged == N1, app)
    assert pc.running_program(app) == str(pc.program)
    pc.close(app)
    assert set(outbox(pc.data).values()) == {OutboxStatus.PENDING}

    # 2. the next start installs N+1 (self-test), hands over, and N+1 sends the queue
    proxy.faults.clear()
    app = pc.start()
    wait_for("the queue sent by the updated app", lambda: set(outbox(pc.data).values()) == {OutboxStatus.APPLIED},
             app)
    assert pc.running_program(app) == str(pc.layout.version_dir(N1) / "PickupDesk")
    pc.close(app)
    state = load_state(pc.layout)
    assert (state.current, state.staged, state.bad) == (N1, None, [])
    assert set(queued) <= set(server_event_counts(live))
    assert f"update {N1} installed: its self-test passed" in pc.log.read_text()
    print(f"{N} → {N1}: installed, self-test passed, queue of {len(queued)} sent")

    # 3. a broken N+2 is downloaded by N+1, fails its self-test at the next start and is rolled back
    broken = shutil.copytree(dist, tmp_path / "broken" / "PickupDesk", symlinks=True)
    shutil.rmtree(broken / "_internal" / "desktop" / "db" / "migrations")
    rel.release(N2, keys, repo, broken, tmp_path / "release" / N2, level=FAST_ARCHIVE)
    rollout.target(N2)
    app = pc.start()
    wait_for(f"{N2} staged by {N1}", lambda: load_state(pc.layout).staged == N2, app)
    pc.close(app)
    result = subprocess.run([str(pc.program), "--quit-after-start"], env=pc.env, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:] + pc.output()
    assert {"login-screen-shown-at", "login-ready-at"} <= {line.split(" ")[0] for line in result.stdout.splitlines()}
    state = load_state(pc.layout)
    assert (state.current, state.bad, state.rolled_back) == (N1, [N2], N2)
    assert not pc.layout.version_dir(N2).exists() and pc.layout.version_dir(N1).is_dir()
    assert f"update {N2} failed its self-test" in pc.log.read_text()
    print(f"{N1} → {N2}: self-test failed, rolled back to {N1}; {N2} will not be offered again")
