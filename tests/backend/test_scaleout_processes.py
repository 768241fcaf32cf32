"""Scale-out processes: `serve --workers N` options and the per-process app factory, pool sizes, API processes
that leave the SMS queue to `sms-worker` processes, and the SMS worker's own life (schema wait, SIGTERM)."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import anyio.to_thread
import pytest
import requests
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from uvicorn.supervisors import Multiprocess

from backend import processes, server
from backend.app import create_app
from backend.config import Settings
from backend.db import Database, PoolSizes, make_engine, upgrade
from backend.processes import run_sms_worker, wait_for_schema, worker_app
from backend.server import _settings, parse_args, serve
from backend.worker import BackgroundWorker
from tests.backend.conftest import PgCluster
from tests.integration.live import free_port
from tests.support.xsession import wait_until


def _settings_for(tmp_path: Path, **overrides: object) -> Settings:
    fields: dict[str, object] = {"demo_mode": True, "run_sms_dispatcher": False, "sms_log_path": tmp_path / "sms.log",
                                 "qr_key_path": tmp_path / "qr.key", **overrides}
    return Settings(database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}", **fields)  # type: ignore[arg-type]


def test_serve_scale_out_options_become_each_processes_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    args = parse_args(["--db", "postgresql+psycopg://u@db/pickup", "--workers", "4", "--sms-dispatch", "external",
                       "--db-pool-size", "6", "--db-max-overflow", "2", "--sms-interval", "0.5", "--threads", "3"])
    settings = _settings(args)
    assert args.workers == 4
    assert settings.db_pool == PoolSizes(6, 2) and settings.sms_dispatch_external
    assert settings.sms_interval_seconds == 0.5 and settings.api_threads == 3
    default = _settings(parse_args(["--db", "sqlite:///x.sqlite3"]))
    assert default.db_pool == PoolSizes(10, 10) and not default.sms_dispatch_external and default.api_threads == 2
    monkeypatch.setenv("PICKUP_API_WORKERS", "3")
    monkeypatch.setenv("PICKUP_DB_POOL_SIZE", "5")
    monkeypatch.setenv("PICKUP_SMS_DISPATCH", "external")
    monkeypatch.setenv("PICKUP_API_THREADS", "1")
    from_env = parse_args([])
    assert (from_env.workers, from_env.db_pool_size, from_env.sms_dispatch, from_env.threads) == (3, 5, "external", 1)
    monkeypatch.setenv("PICKUP_DB_MAX_OVERFLOW", "many")
    with pytest.raises(SystemExit, match="PICKUP_DB_MAX_OVERFLOW"):
        parse_args([])


def test_pool_sizes_reach_the_postgresql_engine() -> None:
    engine = make_engine("postgresql+psycopg://u@127.0.0.1:9/pickup", PoolSizes(size=6, overflow=2, timeout=5.0))
    assert engine.pool.size() == 6  # type: ignore[attr-defined]
    assert engine.pool._max_overflow == 2 and engine.pool._timeout == 5.0  # type: ignore[attr-defined]
    engine.dispose()


def test_the_worker_app_factory_travels_to_a_process_and_builds_on_the_migrated_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings_for(tmp_path)
    create_app(settings).state.db.dispose()  # the parent migrates once
    settled: list[bool] = []
    monkeypatch.setattr(processes, "settle_gc", lambda: settled.append(True))  # not in the tests' own process
    factory = pickle.loads(pickle.dumps(partial(worker_app, settings, "warning")))  # as uvicorn spawns a worker
    app = factory()
    assert app.state.settings.upgrade_on_start is False
    assert settled == [True]  # the worker's collector settles once its app is built
    with TestClient(app) as client:
        assert client.get("/v1/health").status_code == 200
    assert wait_for_schema(Database(settings.database_url), 0)


def test_with_sms_worker_processes_the_api_runs_no_dispatcher_yet_records_callbacks(tmp_path: Path) -> None:
    settings = _settings_for(tmp_path, run_sms_dispatcher=True, sms_dispatch_external=True, sms_gateway="smsru",
                             sms_options={"api_id": "k"}, sms_callback_secret="s3cret")
    with TestClient(create_app(settings)) as client:
        assert client.app.state.worker is None  # type: ignore[attr-defined]
        reply = client.post("/v1/sms/smsru-callback/s3cret", data={"data[0]": "sms_status\n201-1\n103\n1"})
    assert reply.status_code == 200 and reply.text == "100"  # acknowledged (no 503 «no dispatcher»)


def test_an_sms_worker_on_a_database_never_migrated_gives_up_with_2(tmp_path: Path) -> None:
    assert run_sms_worker(_settings_for(tmp_path, sms_gateway="none"), schema_wait=0) == 2


def test_an_sms_worker_stops_on_sigterm_and_gives_the_signal_back(tmp_path: Path) -> None:
    settings = _settings_for(tmp_path, sms_gateway="none", sms_interval_seconds=0.05)
    db = create_app(settings).state.db
    before = signal.getsignal(signal.SIGTERM)
    threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM)).start()
    BackgroundWorker(db, settings).run_forever()  # returns once SIGTERM arrives
    db.dispose()
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.postgres
def test_servers_starting_together_on_postgresql_migrate_once(pg_cluster: PgCluster, tmp_path: Path) -> None:
    """Two processes upgrade one fresh database at the same moment: the advisory lock makes the second wait and
    find the schema at head (without it, one fails creating tables the other just created)."""
    url = pg_cluster.url(pg_cluster.create_database(blank=True))
    engines = [make_engine(url) for _ in range(2)]
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def migrate(engine: Engine) -> None:
        start.wait()
        try:
            upgrade(engine, qr_key_path=tmp_path / "qr.key")
        except BaseException as exc:  # collected for the assertion
            failures.append(exc)

    threads = [threading.Thread(target=migrate, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for engine in engines:
        engine.dispose()
    assert failures == []
    assert wait_for_schema(Database(url), 0)


def test_an_api_process_serves_as_many_requests_at_once_as_its_threads_setting(tmp_path: Path) -> None:
    """The request threads of a process are `api_threads` (a batch is Python under one GIL: a few threads spend less
    CPU taking turns than anyio's 40); zero threads are refused at the command line."""
    app = create_app(_settings_for(tmp_path, api_threads=3))
    with TestClient(app) as client:
        assert client.portal is not None
        assert client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens) == 3
        assert client.get("/v1/health").status_code == 200
    with pytest.raises(SystemExit, match="--threads"):
        serve(parse_args(["--db", "sqlite:///x.sqlite3", "--threads", "0"]))


def test_several_api_processes_on_sqlite_are_refused_with_the_reason() -> None:
    with pytest.raises(SystemExit, match="SQLite is served by one process"):
        serve(parse_args(["--db", "sqlite:///x.sqlite3", "--workers", "2"]))


def test_a_single_server_process_settles_its_collector_after_start_up_before_it_serves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[str] = []
    monkeypatch.setattr(processes, "settle_gc", lambda: steps.append("settle"))
    monkeypatch.setattr(server.uvicorn, "run", lambda app, **kw: steps.append("serve"))
    serve(parse_args(["--db", f"sqlite:///{tmp_path / 'b.sqlite3'}", "--sms-gateway", "none",
                      "--qr-key", str(tmp_path / "qr.key")]))
    assert steps == ["settle", "serve"]


SETTLE = """
import gc
from backend.processes import GC_YOUNG_THRESHOLD, settle_gc
before = gc.get_threshold()
settle_gc()
print(before[0], gc.get_threshold()[0] == GC_YOUNG_THRESHOLD, gc.get_threshold()[1:] == before[1:],
      gc.get_freeze_count() > 10_000)
"""


def test_settling_freezes_the_start_up_objects_and_collects_the_young_generation_less_often() -> None:
    out = subprocess.run([sys.executable, "-c", SETTLE], capture_output=True, text=True, timeout=120, check=True,
                         cwd=Path(__file__).parents[2])
    assert out.stdout.split() == ["700", "True", "True", "True"], out.stderr[-2000:]


LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux spreads SO_REUSEPORT connections")


def test_on_linux_each_api_process_gets_a_socket_elsewhere_they_share_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str, int]] = []

    def run(supervisor: Multiprocess) -> None:
        started.append((type(supervisor).__name__, len(supervisor.sockets)))
        for sock in supervisor.sockets:
            sock.close()

    monkeypatch.setattr(Multiprocess, "run", run)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # the supervisor's handlers stay out of pytest
    for platform in ("darwin", "win32", "linux"):
        monkeypatch.setattr(sys, "platform", platform)
        processes.serve_processes(_settings_for(tmp_path), "127.0.0.1", 0, 3, "warning")
    assert started == [("Multiprocess", 1), ("Multiprocess", 1), ("SocketPerProcess", 3)]


@LINUX
def test_port_sharing_sockets_share_one_port_and_the_kernel_spreads_connections_over_them() -> None:
    """Four sockets on one free port, listened on apart as four API processes do: sixty connections made together
    reach every socket (on one shared socket, whichever process woke first took them all)."""
    sockets = processes.port_sharing_sockets("127.0.0.1", 0, 4)
    clients: list[socket.socket] = []
    try:
        ports = {sock.getsockname()[1] for sock in sockets}
        assert len(ports) == 1 and ports != {0}
        port = ports.pop()
        assert all(sock.get_inheritable() for sock in sockets)
        for sock in sockets:
            sock.listen(64)
            sock.setblocking(False)
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(60)]
        accepted = [_accept_all(sock) for sock in sockets]
        assert sum(accepted) == 60
        assert min(accepted) >= 1, accepted
    finally:
        for each in [*clients, *sockets]:
            each.close()


def _accept_all(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def test_a_port_taken_by_a_program_that_does_not_share_it_is_refused_and_nothing_stays_bound() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        with pytest.raises(OSError):
            processes.port_sharing_sockets("127.0.0.1", taken.getsockname()[1], 3)


def _listening_inodes(port: int) -> set[str]:
    """Inodes of the TCP sockets listening on `port` (/proc/net/tcp: local address, state 0A = LISTEN)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
            inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    return inodes


WAIT_S = 90  # a loaded machine starts an API process in seconds


def _children(pid: int) -> list[int]:
    return sorted(int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


@pytest.mark.postgres
@LINUX
def test_serve_gives_each_api_process_a_socket_of_its_own_and_a_dead_ones_replacement_listens_where_it_did(
        pg_cluster: PgCluster, tmp_path: Path) -> None:
    """`serve --workers 3` for real: three listening sockets on the port, one in each API process; a process killed
    is replaced and its replacement holds the dead one's socket; a rolling restart (SIGHUP) keeps one socket a
    process; SIGTTIN adds a process with a socket of its own and SIGTTOU takes the last away; the server answers
    throughout."""
    url = pg_cluster.url(pg_cluster.create_database())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "backend.server", "serve", "--db", url, "--workers", "3", "--port", str(port),
         "--sms-dispatch", "external", "--sms-gateway", "none", "--qr-key", str(tmp_path / "qr.key"),
         "--log-level", "warning"], cwd=Path(__file__).parents[2], stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "serve.log").open("wb"))
    try:
        try:
            wait_until(lambda: len(_listening_inodes(port)) == 3 and len(_children(supervisor.pid)) >= 3
                       and _answers(base), "three API processes listening and answering", WAIT_S, every=0.2)
        except AssertionError as late:
            raise AssertionError((tmp_path / "serve.log").read_text()[-3000:]) from late
        listening = _listening_inodes(port)

        def api_processes() -> list[int]:  # the supervisor's other child is multiprocessing's resource tracker
            return [pid for pid in _children(supervisor.pid) if _socket_inodes(pid) & listening]

        workers = api_processes()
        held = [_socket_inodes(pid) & listening for pid in workers]
        assert len(workers) == 3 and all(len(each) == 1 for each in held) and set.union(*held) == listening
        assert _socket_inodes(supervisor.pid) >= listening  # the supervisor keeps them for replacements

        os.kill(workers[0], signal.SIGKILL)
        wait_until(lambda: workers[0] not in api_processes() and len(api_processes()) == 3,
                   "the killed process replaced", WAIT_S, every=0.2)
        replacement = next(pid for pid in api_processes() if pid not in workers)
        assert _socket_inodes(replacement) & listening == held[0]
        assert _listening_inodes(port) == listening
        assert all(_answers(base) for _ in range(20))

        before = api_processes()
        supervisor.send_signal(signal.SIGHUP)
        wait_until(lambda: len(api_processes()) == 3 and not set(before) & set(api_processes()),
                   "every process replaced by the rolling restart", WAIT_S, every=0.2)
        assert sorted(map(sorted, (_socket_inodes(pid) & listening for pid in api_processes()))) == \
            sorted(map(sorted, held))
        assert _answers(base)

        supervisor.send_signal(signal.SIGTTIN)
        wait_until(lambda: len(_listening_inodes(port)) == 4 and _answers(base), "a fourth socket", WAIT_S,
                   every=0.2)
        added = _listening_inodes(port) - listening
        wait_until(lambda: any(_socket_inodes(pid) & added == added for pid in _children(supervisor.pid)),
                   "a fourth process on the fourth socket", WAIT_S, every=0.2)
        supervisor.send_signal(signal.SIGTTOU)
        wait_until(lambda: _listening_inodes(port) == listening and len(api_processes()) == 3,
                   "the fourth process and socket gone", WAIT_S, every=0.2)
        assert all(_answers(base) for _ in range(20))
    finally:
        supervisor.terminate()
        supervisor.wait(60)


def _answers(base: str) -> bool:
    with contextlib.suppress(requests.RequestException):
        return requests.get(base + "/v1/health", timeout=5).status_code == 200
    return False
