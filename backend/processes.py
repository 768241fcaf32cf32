"""Scale-out: several API processes on one port, and SMS worker processes, all on one PostgreSQL.

`pickup-desk-backend serve --workers N` migrates once in the parent, then starts N uvicorn worker processes on one
port, each with a listening socket of its own (SO_REUSEPORT, on Linux; elsewhere one socket they share); each
builds its own app, engine and connection pool (`create_app` in the child, from a pickled copy of the settings:
nothing is shared but the database). `pickup-desk-backend sms-worker` runs the SMS
dispatcher and the housekeeping as its main loop; it does not migrate, it waits for the API to have done so.
"""

from __future__ import annotations

import gc
import logging
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial

import uvicorn
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from uvicorn.supervisors import Multiprocess
from uvicorn.supervisors.multiprocess import Process

from backend.app import create_app
from backend.config import Settings
from backend.db import Database
from backend.sms.templates import use_templates
from backend.worker import BackgroundWorker
from protocol.log_masking import install_record_masking

log = logging.getLogger(__name__)
LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
SCHEMA_WAIT_SECONDS = 120.0
GC_YOUNG_THRESHOLD = 10_000  # allocations between collections of the young generation (CPython's default: 700)
WORKER_START_SECONDS = 60  # uvicorn kills a worker that does not answer its health check in time: a loaded
# host may need more than its 5 s default to import the app and build it


def settle_gc() -> None:
    """Once a server process has started: its start-up objects (modules, routes, mappers, ~170,000) leave the cyclic
    collector's generations (`gc.freeze`), and the young generation is collected every 10,000 allocations.

    An event batch keeps its ORM objects for the length of its transaction: collected every 700 allocations they
    were promoted, and the old generation collected again and again over the whole heap — bench/push.py: ~1 s of
    a 3.5 s push (the garbage is still collected, in fewer passes). Called by `serve`, each API worker and each SMS
    worker; never in the counter's process (the embedded demo backend leaves the app's collector alone).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def worker_app(settings: Settings, log_level: str) -> FastAPI:
    """The app of one API worker process (uvicorn calls it in the child; the parent has migrated already)."""
    logging.basicConfig(level=log_level.upper(), format=LOG_FORMAT)
    app = create_app(replace(settings, upgrade_on_start=False))
    settle_gc()
    return app


def serve_processes(settings: Settings, host: str, port: int, workers: int, log_level: str) -> None:
    """Run `workers` API processes on host:port until SIGTERM/SIGINT (the supervisor restarts a dead one)."""
    config = uvicorn.Config(partial(worker_app, settings, log_level), factory=True, host=host, port=port,
                            workers=workers, log_level=log_level.lower(),
                            timeout_worker_healthcheck=WORKER_START_SECONDS)
    if sys.platform.startswith("linux"):  # Linux spreads connections over SO_REUSEPORT sockets (BSD, macOS do not)
        supervisor: Multiprocess = SocketPerProcess(config, port_sharing_sockets(host, port, workers))
    else:
        supervisor = Multiprocess(config, sockets=[config.bind_socket()])
    log.info("listening on http://%s:%d with %d API processes", host, port, workers)
    supervisor.run()


def port_sharing_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """`count` sockets bound to host:port together (SO_REUSEPORT; port 0: a free port, the same for all), not yet
    listening (each API process listens on its own with uvicorn's backlog) and handed down to child processes."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    for _ in range(count):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            for bound in sockets:
                bound.close()
            raise
        port = sock.getsockname()[1]
        sock.set_inheritable(True)
        sockets.append(sock)
    return sockets


class SocketPerProcess(Multiprocess):
    """uvicorn's supervisor with a listening socket of its own for each API process, all on one port.

    On one shared socket the process that wakes first accepts every connection then waiting (asyncio accepts up to
    the backlog at a time), and a counter PC keeps its connection: 60 PCs connecting together fell 2:1 on one of
    four processes, whose interpreter then set the p99 (backend/README «Deployment»). With a socket each, the kernel
    spreads the connections over the processes by address. Slot i (process i, socket i) keeps its socket for its
    life: a dead process's replacement, or the new one of a rolling restart (SIGHUP), listens where it did; uvicorn's
    own checks and restarts run unchanged, slot by slot (`_slot`). SIGTTIN binds one more socket, SIGTTOU closes
    the last slot's.
    """

    def init_processes(self) -> None:
        for sock in self.sockets:
            process = Process(self.config, [sock])
            process.start()
            self.processes.append(process)

    def keep_subprocess_alive(self) -> None:
        for slot in range(len(self.processes)):
            with self._slot(slot):
                super().keep_subprocess_alive()

    def restart_all(self) -> None:
        for slot in range(len(self.processes)):
            old = self.processes[slot]
            with self._slot(slot):
                super().restart_all()
            if self.processes[slot] is old:
                return  # its replacement never got ready (uvicorn said so and kept it): the restart stops, as uvicorn's

    def handle_ttin(self) -> None:
        host, port = self.sockets[0].getsockname()[:2]
        self.sockets.extend(port_sharing_sockets(host, port, 1))
        with self._slot(len(self.processes)):
            super().handle_ttin()

    def handle_ttou(self) -> None:
        if self.processes_num > 1:
            self.sockets.pop().close()
        super().handle_ttou()

    @contextmanager
    def _slot(self, slot: int) -> Iterator[None]:
        """uvicorn's method over one slot: its process (none yet: the method may add it) and its socket alone."""
        processes, sockets = self.processes, self.sockets
        self.processes, self.sockets = processes[slot:slot + 1], [sockets[slot]]
        try:
            yield
        finally:
            processes[slot:slot + 1] = self.processes
            self.processes, self.sockets = processes, sockets


def run_sms_worker(settings: Settings, schema_wait: float = SCHEMA_WAIT_SECONDS) -> int:
    """`sms-worker`: send, reconcile and poll SMS and prune the feed until stopped; 2 when the schema never came."""
    settings.check_sms_gateway()
    install_record_masking()
    use_templates(settings.sms_templates)
    db = Database(settings.database_url, settings.db_pool)
    try:
        if not wait_for_schema(db, schema_wait):
            log.error("the database schema is not at the newest revision: start the API server first (it migrates)")
            return 2
        worker = BackgroundWorker(db, settings)
        settle_gc()
        worker.run_forever()
        return 0
    finally:
        db.dispose()


def wait_for_schema(db: Database, seconds: float, every: float = 1.0) -> bool:
    """True once the schema is at the newest revision (the database may still be starting: keep asking)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if db.at_head():
                return True
        except OperationalError as exc:
            log.warning("database not reachable yet: %s", type(exc).__name__)
        if time.monotonic() >= deadline:
            return False
        time.sleep(every)
