"""Scale-out: several API processes on one port, and SMS worker processes, all on one PostgreSQL.

`pickup-desk-backend serve --workers N` migrates once in the parent, then starts N uvicorn worker processes; the
parent accepts the connections on the port and hands them to the processes in turn (`ConnectionDispatcher`; on
Windows the processes accept from one shared socket); each builds its own app, engine and connection pool
(`create_app` in the child, from a pickled copy of the settings: nothing is shared but the database). uvicorn
serves them on uvloop and httptools (the server extra installs both; on Windows asyncio). `pickup-desk-backend
sms-worker` runs the SMS dispatcher and the housekeeping as its main loop; it does not migrate, it waits for the
API to have done so.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial

import uvicorn
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from uvicorn.config import STARTUP_FAILURE
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
    listener = config.bind_socket()  # a port taken: uvicorn says so and exits
    if sys.platform == "win32":  # no descriptor passing: the processes accept from the one socket themselves
        supervisor = Multiprocess(config, sockets=[listener])
    else:
        supervisor = ConnectionDispatcher(config, listener)
    log.info("listening on http://%s:%d with %d API processes", host, port, workers)
    supervisor.run()


class ConnectionDispatcher(Multiprocess):
    """uvicorn's supervisor that accepts the connections itself and hands them to the API processes in turn.

    A counter PC keeps its connection (keep-alive), so where a connection lands decides which interpreter serves
    that PC's batches. Accepting in the processes spread them unevenly: on one shared socket the process that woke
    first took every connection then waiting (60 PCs fell 2:1 on one of four); with a socket each (SO_REUSEPORT)
    the kernel spread them by a hash of the address (60 over four: 20/17/13/10 is common), and the busiest
    process set the p99 per batch (bench/load_60.py prints the spread). Here the supervisor's thread accepts and
    sends each connection's descriptor (SCM_RIGHTS) to the next process in turn, as Node's cluster module does:
    60 connections are 15 a process. The supervisor only accepts; the connection's bytes go between the PC and
    the API process.

    Slot i has a channel (a Unix socket pair) for its life, both ends kept here: a dead process's replacement, or
    the new one of a rolling restart (SIGHUP), reads the same channel, so a connection handed while a process was
    down or restarting is served by the next one; SIGTTIN adds a slot, SIGTTOU removes the last and hands the
    connections its process had not taken yet to the others. The liveness check and the rolling restart follow
    uvicorn's step for step, written out here because uvicorn's own build its `Process` (one that listens) where a
    slot needs a `HandedProcess` on the slot's channel.
    """

    def __init__(self, config: uvicorn.Config, listener: socket.socket) -> None:
        super().__init__(config, sockets=[])
        self.listener = listener
        self.channels: list[tuple[socket.socket, socket.socket]] = []  # a slot's (supervisor's end, process's end)
        self.channels_lock = threading.Lock()

    def init_processes(self) -> None:
        self.listener.listen(self.config.backlog)
        for _ in range(self.processes_num):
            self.processes.append(self._started(self._new_slot()))
        threading.Thread(target=self.dispatch, name="dispatch", daemon=True).start()

    def dispatch(self) -> None:
        """Accept until the listener closes; each connection to the next slot."""
        for turn in itertools.count():
            try:
                conn, _ = self.listener.accept()
            except OSError as exc:
                if self.should_exit.is_set():
                    return  # the listener is closed: the supervisor is stopping
                log.warning("accepting a connection failed (%s): trying again", exc)  # e.g. out of descriptors
                time.sleep(0.1)
                continue
            with conn:  # the process received its own descriptor; ours closes
                self.hand(conn, turn)

    def hand(self, conn: socket.socket, turn: int) -> None:
        """To slot `turn` mod the slots; a slot whose process leaves its channel full (hung) is passed over."""
        with self.channels_lock:
            outlets = [ours for ours, _ in self.channels]
        for step in range(len(outlets)):
            try:
                socket.send_fds(outlets[(turn + step) % len(outlets)], [b"c"], [conn.fileno()])
                return
            except OSError:  # full (its process hung), or closed by SIGTTOU a moment ago
                continue
        log.error("no API process takes connections (%d channels full): a connection dropped", len(outlets))

    def _new_slot(self) -> int:
        ours, theirs = socket.socketpair()
        ours.setblocking(False)
        with self.channels_lock:
            self.channels.append((ours, theirs))
            return len(self.channels) - 1

    def _started(self, slot: int) -> Process:
        process = HandedProcess(self.config, [self.channels[slot][1]])
        process.start()
        return process

    def keep_subprocess_alive(self) -> None:
        if self.should_exit.is_set():
            return
        for slot, process in enumerate(self.processes):
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()  # hung or dead: gone for sure
            process.join()
            if process.exitcode == STARTUP_FAILURE:  # the app cannot start: a replacement would fail the same way
                log.error("API process [%s] failed to start: the server stops", process.pid)
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            log.warning("API process [%s] died: a new one serves its slot", process.pid)
            self.processes[slot] = self._started(slot)

    def restart_all(self) -> None:
        """Each slot's new process serves before its old one is stopped (uvicorn's rolling restart, on SIGHUP)."""
        for slot, old in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new = self._started(slot)
            if not new.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new.kill()
                new.join()
                if not self.should_exit.is_set():
                    log.error("new API process [%s] not ready in time: [%s] kept, the restart stops", new.pid, old.pid)
                return
            old.terminate()
            old.join()
            self.processes[slot] = new

    def handle_ttin(self) -> None:
        log.info("SIGTTIN: one more API process")
        self.processes_num += 1
        self.processes.append(self._started(self._new_slot()))

    def handle_ttou(self) -> None:
        if self.processes_num <= 1:
            log.info("SIGTTOU: one API process left, it stays")
            return
        log.info("SIGTTOU: one API process fewer")
        self.processes_num -= 1
        with self.channels_lock:  # no connection goes to the last slot from now on
            ours, theirs = self.channels.pop()
        process = self.processes.pop()
        process.terminate()
        process.join()
        theirs.setblocking(False)
        for turn, fd in enumerate(received(theirs)):  # what its process had not taken yet goes to the others
            with socket.socket(fileno=fd) as conn:
                self.hand(conn, turn)
        ours.close()
        theirs.close()

    def terminate_all(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the dispatch thread's accept
        self.listener.close()
        super().terminate_all()


def received(channel: socket.socket) -> Iterator[int]:
    """The connections' descriptors waiting in a (non-blocking) channel, until none is; EOFError when the other
    end has closed."""
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(channel, 1, 1)
        except BlockingIOError:
            return
        if not data:
            raise EOFError
        yield from fds


class HandedProcess(Process):
    """An API process that serves the connections handed over its channel (`HandedServer`)."""

    @property
    def server(self) -> uvicorn.Server:
        if self._server is None:
            self._server = HandedServer(config=self.config)
        return self._server


class HandedServer(uvicorn.Server):
    """uvicorn's server without a listening socket: it serves each connection the supervisor sends over the channel
    (`sockets`: the channel alone) as asyncio serves an accepted one."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        assert sockets is not None and len(sockets) == 1, "an API process is given its channel alone"
        self.channel = sockets[0]
        await super().startup(sockets=[])  # the app's lifespan; no listener
        loop = asyncio.get_running_loop()
        protocol_class: Callable[..., asyncio.Protocol] = self.config.http_protocol_class
        protocol = partial(protocol_class, config=self.config, server_state=self.server_state,
                           app_state=self.lifespan.state)
        self.connecting: set[asyncio.Task[object]] = set()
        self.channel.setblocking(False)
        loop.add_reader(self.channel.fileno(), self._take, loop, protocol)

    def _take(self, loop: asyncio.AbstractEventLoop, protocol: Callable[[], asyncio.Protocol]) -> None:
        try:
            for fd in received(self.channel):
                task = loop.create_task(loop.connect_accepted_socket(protocol, socket.socket(fileno=fd),
                                                                     ssl=self.config.ssl))
                self.connecting.add(task)
                task.add_done_callback(self._connected)
        except EOFError:  # the supervisor is gone
            loop.remove_reader(self.channel.fileno())

    def _connected(self, task: asyncio.Task[object]) -> None:
        self.connecting.discard(task)
        if not task.cancelled() and task.exception() is not None:  # the PC went away before it was served
            log.info("a handed connection could not be served: %r", task.exception())

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().remove_reader(self.channel.fileno())  # the slot's next process takes the rest
        await super().shutdown(sockets=sockets)


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
