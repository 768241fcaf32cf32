"""Scale-out processes: `serve --workers N` options and the per-process app factory, pool sizes, API processes
that leave the SMS queue to `sms-worker` processes, and the SMS worker's own life (schema wait, SIGTERM)."""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import anyio.to_thread
import pytest
import requests
import uvicorn
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


def test_off_windows_the_supervisor_hands_out_the_connections_on_windows_the_processes_share_one_socket(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str, int]] = []

    def run(supervisor: Multiprocess) -> None:
        listener = supervisor.listener if isinstance(supervisor, processes.ConnectionDispatcher) else None
        started.append((type(supervisor).__name__, len(supervisor.sockets) + (listener is not None)))
        for sock in [*supervisor.sockets, *([listener] if listener else [])]:
            sock.close()

    monkeypatch.setattr(Multiprocess, "run", run)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # the supervisor's handlers stay out of pytest
    for platform in ("darwin", "win32", "linux"):
        monkeypatch.setattr(sys, "platform", platform)
        processes.serve_processes(_settings_for(tmp_path), "127.0.0.1", 0, 3, "warning")
    assert started == [("ConnectionDispatcher", 1), ("Multiprocess", 1), ("ConnectionDispatcher", 1)]


def test_a_port_taken_by_another_program_stops_the_server_with_the_reason(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        with pytest.raises(SystemExit):
            processes.serve_processes(_settings_for(tmp_path), "127.0.0.1", taken.getsockname()[1], 3, "warning")
    assert "Address already in use" in capfd.readouterr().err  # uvicorn's log, on stderr


class _Stopped:
    """A stand-in for an API process in the dispatcher's list (SIGTTOU stops the last one)."""

    def __init__(self) -> None:
        self.stopped = False

    def terminate(self) -> None:
        self.stopped = True

    def join(self) -> None:
        assert self.stopped


@pytest.fixture
def dispatcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[processes.ConnectionDispatcher]:
    """A supervisor with three slots and no processes: what `hand` sends, each slot's channel holds."""
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    config = uvicorn.Config(lambda: None, workers=3)
    listener = socket.socket()
    made = processes.ConnectionDispatcher(config, listener)
    for _ in range(3):
        made._new_slot()
    yield made
    listener.close()
    for ours, theirs in made.channels:
        ours.close()
        theirs.close()


def _taken(channel: socket.socket) -> list[int]:
    """The peer ports of the connections queued in a slot's channel (what its API process would serve)."""
    channel.setblocking(False)
    ports: list[int] = []
    for fd in processes.received(channel):
        with socket.socket(fileno=fd) as conn:
            ports.append(conn.getpeername()[1])
    return ports


@contextlib.contextmanager
def _connections(count: int) -> Iterator[list[socket.socket]]:
    """`count` accepted loopback connections (the server side) and the ports their clients connected from."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(count)
        clients = [socket.create_connection(server.getsockname()) for _ in range(count)]
        accepted = [server.accept()[0] for _ in clients]
        try:
            yield accepted
        finally:
            for each in [*accepted, *clients]:
                each.close()


def test_the_supervisor_hands_the_connections_to_the_processes_in_turn(
        dispatcher: processes.ConnectionDispatcher) -> None:
    with _connections(9) as accepted:
        for turn, conn in enumerate(accepted):
            dispatcher.hand(conn, turn)
        peers = [conn.getpeername()[1] for conn in accepted]
        assert [_taken(theirs) for _, theirs in dispatcher.channels] == [peers[0::3], peers[1::3], peers[2::3]]


def test_a_channel_gives_what_is_waiting_then_stops_and_says_when_the_supervisor_is_gone() -> None:
    ours, theirs = socket.socketpair()
    theirs.setblocking(False)
    with theirs, _connections(2) as accepted:
        with ours:
            for conn in accepted:
                socket.send_fds(ours, [b"c"], [conn.fileno()])
            waiting = list(processes.received(theirs))
            assert len(waiting) == 2 and list(processes.received(theirs)) == []  # nothing more: no wait
            for fd in waiting:
                os.close(fd)
        with pytest.raises(EOFError):  # the supervisor's end closed: the API process stops reading
            list(processes.received(theirs))


def test_a_process_whose_channel_is_full_is_passed_over(dispatcher: processes.ConnectionDispatcher) -> None:
    """A hung process stops reading its channel: once full, its turn goes to the next slot instead of blocking the
    supervisor's accepting thread."""
    ours = dispatcher.channels[1][0]
    ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1)  # the kernel's minimum: a few messages fill it
    with _connections(1) as (filler,), _connections(2) as accepted:
        with contextlib.suppress(BlockingIOError):
            for _ in range(10_000):
                socket.send_fds(ours, [b"c"], [filler.fileno()])
        dispatcher.hand(accepted[0], 1)
        dispatcher.hand(accepted[1], 0)
        assert _taken(dispatcher.channels[2][1]) == [accepted[0].getpeername()[1]]
        assert _taken(dispatcher.channels[0][1]) == [accepted[1].getpeername()[1]]


def test_the_accepting_thread_outlives_a_failed_accept_and_stops_with_the_supervisor(
        dispatcher: processes.ConnectionDispatcher) -> None:
    with _connections(1) as (conn,):
        peer = conn.getpeername()[1]
        answers: list[object] = [OSError(errno.EMFILE, "Too many open files"), (conn, None)]

        def accept() -> object:
            if not answers:
                dispatcher.should_exit.set()  # as SIGTERM does before the listener is closed
                raise OSError(errno.EINVAL, "Invalid argument")
            answer = answers.pop(0)
            if isinstance(answer, OSError):
                raise answer
            return answer

        dispatcher.listener = SimpleNamespace(accept=accept)  # type: ignore[assignment]
        dispatcher.dispatch()  # returns: the supervisor stops
        assert _taken(dispatcher.channels[1][1]) == [peer]  # turn 0 was the failed accept's


def test_sigttou_hands_the_connections_the_last_process_had_not_taken_to_the_others(
        dispatcher: processes.ConnectionDispatcher) -> None:
    last = _Stopped()
    dispatcher.processes = [_Stopped(), _Stopped(), last]  # type: ignore[list-item]
    with _connections(4) as accepted:
        for turn, conn in enumerate(accepted):
            dispatcher.hand(conn, turn)  # slots 0, 1, 2, 0
        dispatcher.handle_ttou()
        assert last.stopped and len(dispatcher.channels) == 2 and dispatcher.processes_num == 2
        peers = [conn.getpeername()[1] for conn in accepted]
        taken = [_taken(theirs) for _, theirs in dispatcher.channels]
        assert sorted(taken[0] + taken[1]) == sorted(peers) and len(taken[0]) == 3


def _established(port: int) -> set[str]:
    """Inodes of the server side of the TCP connections to `port` (/proc/net/tcp: local port, state 01)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
            inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    with contextlib.suppress(OSError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
    return inodes


WAIT_S = 90  # a loaded machine starts an API process in seconds


def _api_processes(supervisor: int) -> list[int]:
    """The supervisor's spawned API processes (its other child is multiprocessing's resource tracker)."""
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    found = []
    for child in children:
        with contextlib.suppress(OSError):
            command = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in command and b"resource_tracker" not in command:
                found.append(int(child))
    return sorted(found)


def _health(count: int, port: int) -> list[socket.socket]:
    """`count` connections opened together, each answered `GET /v1/health` and kept open (keep-alive)."""
    conns = [socket.create_connection(("127.0.0.1", port), timeout=WAIT_S) for _ in range(count)]
    for conn in conns:
        conn.sendall(b"GET /v1/health HTTP/1.1\r\nHost: pickup\r\n\r\n")
    for conn in conns:
        assert conn.recv(4096).startswith(b"HTTP/1.1 200"), "a connection not answered"
    return conns


def _held(pids: list[int], port: int) -> list[int]:
    """How many connections to `port` each process serves."""
    open_now = _established(port)
    return [len(_socket_inodes(pid) & open_now) for pid in pids]


@pytest.mark.postgres
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_hands_the_connections_to_its_api_processes_in_turn_through_deaths_restarts_and_resizes(
        pg_cluster: PgCluster, tmp_path: Path) -> None:
    """`serve --workers 3` for real: 30 connections made together are 10 a process; a connection made while a
    process is dead is served (by its replacement, if its turn fell on the dead one); a rolling restart (SIGHUP)
    replaces every process and the server answers; SIGTTIN adds a fourth process and new connections reach it,
    SIGTTOU takes it away."""
    url = pg_cluster.url(pg_cluster.create_database())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "backend.server", "serve", "--db", url, "--workers", "3", "--port", str(port),
         "--sms-dispatch", "external", "--sms-gateway", "none", "--qr-key", str(tmp_path / "qr.key"),
         "--log-level", "warning"], cwd=Path(__file__).parents[2], stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "serve.log").open("wb"))
    held: list[socket.socket] = []
    try:
        try:
            wait_until(lambda: len(_api_processes(supervisor.pid)) == 3 and _answers(base),
                       "three API processes answering", WAIT_S, every=0.2)
        except AssertionError as late:
            raise AssertionError((tmp_path / "serve.log").read_text()[-3000:]) from late
        workers = _api_processes(supervisor.pid)
        held += _health(30, port)
        assert _held(workers, port) == [10, 10, 10]
        assert not _socket_inodes(supervisor.pid) & _established(port)  # the supervisor kept no connection

        os.kill(workers[0], signal.SIGKILL)
        held += _health(3, port)  # one of them waits in the dead process's channel for its replacement
        wait_until(lambda: len(_api_processes(supervisor.pid)) == 3 and workers[0] not in _api_processes(
            supervisor.pid), "the killed process replaced", WAIT_S, every=0.2)

        before = _api_processes(supervisor.pid)
        supervisor.send_signal(signal.SIGHUP)
        wait_until(lambda: len(_api_processes(supervisor.pid)) == 3 and not set(before) & set(
            _api_processes(supervisor.pid)), "every process replaced by the rolling restart", WAIT_S, every=0.2)
        assert all(_answers(base) for _ in range(10))

        supervisor.send_signal(signal.SIGTTIN)
        wait_until(lambda: len(_api_processes(supervisor.pid)) == 4 and _answers(base), "a fourth process", WAIT_S,
                   every=0.2)
        for conn in held:
            conn.close()
        held = _health(8, port)  # 8 in a row: two a process, the new one's wait in its channel until it is ready
        assert _held(_api_processes(supervisor.pid), port) == [2, 2, 2, 2]
        supervisor.send_signal(signal.SIGTTOU)
        wait_until(lambda: len(_api_processes(supervisor.pid)) == 3, "the fourth process gone", WAIT_S, every=0.2)
        assert all(_answers(base) for _ in range(20))
    finally:
        for conn in held:
            conn.close()
        supervisor.terminate()
        supervisor.wait(60)


def _answers(base: str) -> bool:
    with contextlib.suppress(requests.RequestException):
        return requests.get(base + "/v1/health", timeout=5).status_code == 200
    return False
