"""Scale-out processes: `serve --workers N` options and the per-process app factory, pool sizes, API processes
that leave the SMS queue to `sms-worker` processes, and the SMS worker's own life (schema wait, SIGTERM)."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backend import processes, server
from backend.app import create_app
from backend.config import Settings
from backend.db import Database, PoolSizes, make_engine, upgrade
from backend.processes import run_sms_worker, wait_for_schema, worker_app
from backend.server import _settings, parse_args, serve
from backend.worker import BackgroundWorker
from tests.backend.conftest import PgCluster


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
