"""Load on the backend: 60 counter PCs pushing and pulling at once, on PostgreSQL, with N API processes and M SMS
worker processes (the scale-out deployment of backend/README «Deployment»).

The backend runs as `--api-procs` uvicorn processes sharing one port, each serving `--threads` requests at once
(backend/processes.py, as `pickup-desk-backend serve --workers N --threads T`; 1: one process, as `serve`) and
`--sms-workers` SMS worker processes
(as `pickup-desk-backend sms-worker`) over the throwaway PostgreSQL the tests start (tests/backend/conftest.py:
initdb in a temporary folder, fsync off, max_connections 60: the per-process pools are sized to fit). The SMS
workers send through the SMSC adapter to a loopback fake of SMSC (tests/sms/fake_gateways.py) that records every
send request. Ten points with a hundred one-box orders each are imported; 60 PCs (six a point) enrol through the
API, and every point's pickup-code pool is filled, as the SMS workers keep it (`--no-pool`: left empty, the batches
hash their codes). Then, all released at once, each PC (a thread with its own HTTP session; its batches' JSON
encoded before the start, as a PC would on its own CPU) pushes 1,000 events in batches of 500 and after each batch
pulls the changes since its cursor (pages of 500), as the app's sync does, with the app's read timeout (20 s); a
batch left unanswered is sent again (up to 5 times), as the next sync would, and what is still unanswered then goes
once more after the storm (one PC at a time) before the check. A PC's events:
its shift and receiving session, the point's 100 receiving scans (box.received + order.arrived + sms.requested
«ready»: the first PC to send wins, the others' meet the rules as a second PC's would), the rest surplus-box
scans, and the session closed (which releases the held «ready» SMS).

Printed: processes and pool sizes, how the storm's CPU fell on the API processes, PostgreSQL, the SMS workers and
the simulated PCs, events pushed, wall time, throughput, push and pull latency (p50/p99/max per request), client
timeouts, HTTP errors, the servers' answers by outcome, the check that every event is stored exactly once (by event
id, in the server's database), and that every queued SMS reached the gateway exactly once (send requests per message
id at the fake gateway, after the queue drained). A measurement, not a test.

    .venv/bin/python bench/load_60.py [--api-procs 4] [--threads 2] [--sms-workers 2] [--pcs 60] [--events 1000]
        [--batch 500] [--no-pool]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.config import API_THREADS  # noqa: E402  (serve --threads' default)
from desktop.sync.client import DEFAULT_TIMEOUT  # noqa: E402  (the counter's own read timeout)
from tests.backend.conftest import pg_cluster  # noqa: E402  (the tests' throwaway PostgreSQL)
from tests.integration.counter import feed  # noqa: E402
from tests.integration.live import ADMIN, CHEAP_N, free_port  # noqa: E402
from tests.integration.shapes import order_dict  # noqa: E402
from tests.sms.fake_gateways import FakeGatewayServer  # noqa: E402  (a loopback SMSC that records every send)

POINTS = 10
ORDERS_PER_POINT = 100
RETRIES = 5
SMS_POOL = (2, 2)  # an SMS worker uses one connection at a time
SENT_STATES = ("accepted", "delivered")


@dataclass
class PC:
    """One simulated counter PC and what it measured."""

    point: str
    token: str
    events: list[dict[str, Any]] = field(default_factory=list)
    push_s: list[float] = field(default_factory=list)
    pull_s: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    timeouts: int = 0
    errors: list[str] = field(default_factory=list)
    unanswered: list[bytes] = field(default_factory=list)  # batches to send again at the next sync


def settings_of(db_url: str, workdir: str, gateway_url: str, pool: tuple[int, int], threads: int = API_THREADS) -> Any:
    """The bench's server settings: the tests' cheap code cost, SMS through the fake SMSC, external SMS workers."""
    from backend.config import Settings
    from backend.db import PoolSizes

    return Settings(database_url=db_url, admin_token=ADMIN, code_hash_n=CHEAP_N, sms_gateway="smsc",
                    sms_options={"login": "demo", "password": "secret", "base_url": f"{gateway_url}/sys"},
                    sms_dispatch_external=True, sms_interval_seconds=1.0, sms_log_path=Path(workdir) / "sms.log",
                    db_pool=PoolSizes(*pool), enrol_attempts_per_minute=1_000,  # 60 PCs enrol from one address
                    api_threads=threads)


def serve(db_url: str, port: int, workdir: str, procs: int, gateway_url: str, threads: int) -> None:
    """The backend (`--serve`): migrate once, then `procs` API processes on the port, as `serve --workers N` does."""
    import uvicorn

    from backend.app import create_app
    from backend.processes import serve_processes, settle_gc

    settings = settings_of(db_url, workdir, gateway_url, api_pool(procs), threads)
    app = create_app(settings)
    if procs == 1:
        settle_gc()
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
        return
    app.state.db.dispose()
    serve_processes(settings, "127.0.0.1", port, procs, "warning")


def sms_worker(db_url: str, workdir: str, gateway_url: str) -> int:
    """One SMS worker process (`--sms-worker`), as `pickup-desk-backend sms-worker` runs it."""
    import logging

    from backend.processes import run_sms_worker

    logging.basicConfig(level="WARNING")
    return run_sms_worker(settings_of(db_url, workdir, gateway_url, SMS_POOL))


def api_pool(procs: int) -> tuple[int, int]:
    """Pool size and overflow per API process: the processes together stay under the cluster's 60 connections."""
    return min(10, 32 // procs), min(10, 16 // procs)


def spawn(args: list[str], log: Path, script: str = __file__) -> subprocess.Popen[bytes]:
    """`script` (this bench by default) in a process of its own, its output in `log`."""
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, script, *args], cwd=ROOT, stdout=out, stderr=out,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})


def start_backend(db_url: str, workdir: Path, procs: int, gateway_url: str, threads: int = API_THREADS
                  ) -> tuple[subprocess.Popen[bytes], str]:
    """The backend's API processes; their log (tracebacks of server errors) goes to workdir/backend.log."""
    port = free_port()
    proc = spawn(["--serve", db_url, str(port), str(workdir), str(procs), gateway_url, str(threads)],
                 workdir / "backend.log")
    return proc, await_backend(proc, f"http://127.0.0.1:{port}")


def await_backend(proc: subprocess.Popen[bytes], url: str, seconds: float = 90) -> str:
    """`url` once the backend process answers /v1/health; killed, and RuntimeError, if it exits or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(requests.RequestException):
            if requests.get(url + "/v1/health", timeout=1).status_code == 200:
                return url
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the backend did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(30)


def admin(url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = requests.post(url + path, json=body, headers={"X-Admin-Token": ADMIN}, timeout=120)
    reply.raise_for_status()
    return dict(reply.json())


def enrol_pcs(url: str, pcs: int) -> list[PC]:
    """Import the points and enrol the PCs, six (pcs / POINTS) a point."""
    points = [f"{n:04d}" for n in range(101, 101 + POINTS)]
    for code in points:
        admin(url, "/v1/admin/import", point_feed(code))
    enrolled = []
    for n in range(pcs):
        point = points[n % POINTS]
        code = admin(url, "/v1/admin/enrolment-codes", {"point_code": point})["code"]
        answer = requests.post(url + "/v1/enrol", json={"code": code, "device_name": f"LOAD-{n:02d}"}, timeout=60)
        answer.raise_for_status()
        enrolled.append(PC(point, answer.json()["token"]))
    return enrolled


def order_of(point: str, n: int) -> str:
    """The point's n-th order: numbers differ between points (an order belongs to one point)."""
    return f"7{int(point) % 100:02d}{n:06d}"


def point_feed(point: str) -> dict[str, Any]:
    """The retailer's feed of one point: a hundred one-box orders of its own, a customer each."""
    imported = feed(orders=0, point_code=point, cards=0)
    imported["orders"] = [order_dict(order_of(point, n), point_code=point, total=600_000,
                                     phone=f"+79{int(point):04d}{n:05d}") for n in range(1, ORDERS_PER_POINT + 1)]
    return imported


def events_of(pc: PC, count: int) -> list[dict[str, Any]]:
    """A PC's day: shift, receiving session, the point's 100 receiving scans, surplus scans, the session closed."""
    session, shift = str(uuid.uuid4()), str(uuid.uuid4())
    payloads: list[tuple[str, dict[str, Any]]] = [("shift.opened", {"shift": shift, "staff": "kassir"}),
                                                  ("receiving.opened", {"session": session, "shipment": None})]
    for n in range(1, ORDERS_PER_POINT + 1):
        order = order_of(pc.point, n)
        payloads += [("box.received", {"session": session, "box": f"B{pc.point}{order}01", "order": order}),
                     ("order.arrived", {"order": order, "arrived_at": "2026-11-24T09:00:00+00:00"}),
                     ("sms.requested", {"sms": str(uuid.uuid4()), "order": order, "purpose": "ready", "attempt": 1})]
    surplus = count - len(payloads) - 1
    payloads += [("receiving.unexpected_box", {"session": session, "kind": "surplus",
                                               "box": f"B{pc.point}9{uuid.uuid4().int % 10**8:08d}01"})
                 for _ in range(surplus)]
    payloads = [*payloads[:count - 1], ("receiving.closed", {"session": session, "summary": {}})]
    return [{"event_id": str(uuid.uuid4()), "device_seq": seq, "type": type_, "schema_v": 1, "payload": payload,
             "occurred_at": "2026-11-24T09:00:00+00:00"} for seq, (type_, payload) in enumerate(payloads, 1)]


def timed(pc: PC, into: list[float], call: Any) -> requests.Response | None:
    started = time.perf_counter()
    try:
        reply: requests.Response = call()
    except requests.Timeout:
        pc.timeouts += 1
        return None
    except requests.RequestException as exc:
        pc.errors.append(type(exc).__name__)
        return None
    into.append(time.perf_counter() - started)
    if reply.status_code != 200:
        pc.errors.append(f"HTTP {reply.status_code}")
        return None
    return reply


def answer_of(result: dict[str, Any]) -> str:
    """`applied`, `duplicate`, or `rejected`/`conflict` with the reason's code (what the rules said)."""
    status = str(result["status"])
    reason = str(result.get("reason") or "").split(":")[0]
    return f"{status} {reason}" if status in ("rejected", "conflict") and reason else status


def run_pc(pc: PC, url: str, batch: int, timeout: float, start: threading.Barrier) -> None:
    """Push the PC's events batch by batch; after each, pull the changes since its cursor."""
    http = requests.Session()
    http.headers.update({"Authorization": f"Bearer {pc.token}", "Content-Type": "application/json"})
    # the bodies serialised before the start, as each PC would on its own CPU: the 60 PCs share the server's cores
    # here, and their JSON encoding is not the server's work
    bodies = [json.dumps({"events": pc.events[first:first + batch]}).encode()
              for first in range(0, len(pc.events), batch)]
    cursor = 0
    start.wait()
    for body in bodies:
        for _ in range(RETRIES):  # an unanswered batch goes again, as the next sync would send it
            reply = timed(pc, pc.push_s, lambda b=body: http.post(url + "/v1/events", data=b, timeout=timeout))
            if reply is not None:
                pc.outcomes.update(answer_of(r) for r in reply.json()["results"])
                break
        else:
            pc.unanswered.append(body)
        more = True
        while more:
            params = {"cursor": cursor, "limit": 500}
            page = timed(pc, pc.pull_s, lambda p=params: http.get(url + "/v1/changes", params=p, timeout=timeout))
            if page is None:
                break
            body = page.json()
            cursor, more = body["next_cursor"], body["has_more"]


def catch_up(pcs: list[PC], url: str) -> int:
    """After the storm: each PC sends its unanswered batches once more, one PC at a time, with a long timeout
    (the server answers them as duplicates or stores them): then every event must be there exactly once."""
    sent = 0
    for pc in pcs:
        for body in pc.unanswered:
            reply = requests.post(url + "/v1/events", data=body, timeout=600,
                                  headers={"Authorization": f"Bearer {pc.token}", "Content-Type": "application/json"})
            reply.raise_for_status()
            pc.outcomes.update("catch-up " + r["status"] for r in reply.json()["results"])
            sent += 1
    return sent


def stored_counts(db_url: str, ids: set[str]) -> Counter[int]:
    """How many times the server's database holds each pushed event id (a tally: times → events)."""
    from sqlalchemy import create_engine, func, select

    from backend.models import EventRecord

    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(EventRecord.event_id, func.count()).group_by(EventRecord.event_id)).all()
    engine.dispose()
    held = {event_id: n for event_id, n in rows}
    return Counter(held.get(event_id, 0) for event_id in ids)


def percentiles(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"p50 {statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms ({len(ordered)} requests)")


def storm(pcs: list[PC], url: str, args: argparse.Namespace) -> float:
    """Release every PC at once; the wall time until the last one finished."""
    start = threading.Barrier(len(pcs) + 1)
    threads = [threading.Thread(target=run_pc, args=(pc, url, args.batch, args.timeout, start)) for pc in pcs]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def load(db_url: str, workdir: Path, args: argparse.Namespace) -> bool:
    with FakeGatewayServer("smsc") as gateway:
        proc, url = start_backend(db_url, workdir, args.api_procs, gateway.url, args.threads)
        workers = [spawn(["--sms-worker", db_url, str(workdir), gateway.url], workdir / f"sms-{n}.log")
                   for n in range(args.sms_workers)]
        try:
            pcs = enrol_pcs(url, args.pcs)
            if args.pool:
                prefill(db_url)
            for pc in pcs:
                pc.events = events_of(pc, args.events)
            before = cpu_by_group(proc.pid, [worker.pid for worker in workers])
            wall = storm(pcs, url, args)
            print_cpu(before, cpu_by_group(proc.pid, [worker.pid for worker in workers]), wall)
            print(f"batches left unanswered after {RETRIES} tries, sent again afterwards: {catch_up(pcs, url)}")
            sms_ok = check_sms(db_url, gateway, args.sms_drain)
        finally:
            for each in [proc, *workers]:
                stop(each)
    for log in sorted(workdir.glob("*.log")):
        print_server_errors(log)
    floor = floor_seconds(db_url, pcs)
    pushed = sum(len(pc.events) for pc in pcs)
    print(f"floor: the same {pushed} events inserted with executemany, a transaction per 500: {floor:.1f} s "
          f"({pushed / floor:.0f} events/s); ours/floor {wall / floor:.0f}×")
    return report(pcs, wall, stored_counts(db_url, {e["event_id"] for pc in pcs for e in pc.events})) and sms_ok


def _cpu_of(pid: int) -> float | None:
    """CPU seconds (user + system) `pid` has spent (Linux /proc), None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_by_group(api: int, sms: list[int]) -> dict[str, dict[int, float]]:
    """CPU seconds so far by pid, in groups: the API processes (`serve` and its children), the SMS workers,
    PostgreSQL (every process named postgres: the bench's cluster) and this process (the simulated PCs and the fake
    SMSC)."""
    children: list[str] = []
    with contextlib.suppress(OSError):  # `serve` itself: the one API process, or the supervisor of N
        children = Path(f"/proc/{api}/task/{api}/children").read_text().split()
    postgres = [int(entry.name) for entry in Path("/proc").iterdir()
                if entry.name.isdigit() and _comm(entry) == "postgres"]
    members = {"api": [api, *map(int, children)], "sms": sms, "postgres": postgres, "pcs": [os.getpid()]}
    return {group: {pid: spent for pid in pids if (spent := _cpu_of(pid)) is not None}
            for group, pids in members.items()}


def _comm(proc: Path) -> str | None:
    """A /proc entry's process name, None once it is gone."""
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return None


def print_cpu(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]], wall: float) -> None:
    """Where the storm's CPU went. A PC's keep-alive connection stays with the API process it was handed to (the
    supervisor of `serve --workers` hands them out in turn): the busiest process sets the p99."""
    spent = {group: {pid: seconds - before[group].get(pid, 0.0) for pid, seconds in pids.items()}
             for group, pids in after.items()}
    api = sorted((s for s in spent["api"].values() if s > 0.05), reverse=True)  # supervisor, resource tracker: ~0
    if len(api) > 1:
        print(f"API processes' CPU over the storm: {', '.join(f'{s:.2f}' for s in api)} s")
    total = {group: sum(pids.values()) for group, pids in spent.items()}
    cores = os.cpu_count() or 1
    print(f"CPU over the storm: API processes {total['api']:.2f} s, PostgreSQL {total['postgres']:.2f} s, SMS workers "
          f"{total['sms']:.2f} s, the simulated PCs and the fake SMSC {total['pcs']:.2f} s: "
          f"{sum(total.values()):.2f} of the {cores} cores' {cores * wall:.2f} CPU-seconds")


def prefill(db_url: str) -> None:
    """Every point's pickup-code pool filled before the storm, as the SMS workers keep it in a running deployment
    (backend/code_pool.py; bench/push.py does the same): not timed. Each point's first receiving batch then takes its
    hundred codes from the pool, and the workers top the pools up again meanwhile."""
    from datetime import UTC, datetime

    from backend import code_pool
    from backend.config import Settings
    from backend.db import Database

    db = Database(db_url)
    hashed = code_pool.fill(db, Settings.code_pool_size, datetime.now(UTC), limit=POINTS * Settings.code_pool_size)
    db.dispose()
    print(f"pickup-code pools filled before the storm: {hashed} codes hashed ({Settings.code_pool_size} a point)")


def floor_seconds(db_url: str, pcs: list[PC]) -> float:
    """The floor: the same events as rows (id, type, payload) inserted with executemany into a scratch table, one
    transaction per batch of 500 on one connection, on the same PostgreSQL."""
    import json

    import psycopg

    rows = [(e["event_id"], e["type"], json.dumps(e["payload"])) for pc in pcs for e in pc.events]
    with psycopg.connect(db_url.replace("postgresql+psycopg", "postgresql", 1)) as conn:
        conn.execute("CREATE TEMP TABLE floor_events (event_id text PRIMARY KEY, type text, payload jsonb)")
        conn.commit()
        began = time.perf_counter()
        with conn.cursor() as cur:
            for first in range(0, len(rows), 500):
                cur.executemany("INSERT INTO floor_events VALUES (%s, %s, %s)", rows[first:first + 500])
                conn.commit()
        return time.perf_counter() - began


def outbox_states(db_url: str) -> Counter[str]:
    from sqlalchemy import create_engine, func, select

    from backend.sms.models import SmsOutbox

    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(SmsOutbox.status, func.count()).group_by(SmsOutbox.status)).all()
    engine.dispose()
    return Counter({status: n for status, n in rows})


def check_sms(db_url: str, gateway: FakeGatewayServer, drain: float) -> bool:
    """Wait for the SMS workers to empty the queue; every outbox row reached the gateway exactly once?"""
    began, deadline = time.perf_counter(), time.monotonic() + drain
    states = outbox_states(db_url)
    while time.monotonic() < deadline and set(states) - set(SENT_STATES):
        time.sleep(0.5)
        states = outbox_states(db_url)
    sends = Counter(params.get("id") for _m, path, params in list(gateway.state.requests)
                    if path.startswith("/sys/send.php"))
    tally = Counter(sends.values())
    queued = sum(states.values())
    print(f"SMS: {queued} queued, outbox {dict(states)} after {time.perf_counter() - began:.1f} s of draining; "
          f"at the gateway: {len(sends)} messages sent exactly once {tally[1]}, "
          f"more than once {sum(n for times, n in tally.items() if times > 1)}, never {queued - len(sends)}")
    return queued == len(sends) == tally[1] and set(states) <= set(SENT_STATES)


def print_server_errors(log: Path) -> None:
    """The exceptions a server process logged (the last line of each traceback), counted."""
    kinds = Counter(line.split(" (Background")[0][:160] for line in log.read_text("utf-8", "replace").splitlines()
                    if line[:1].isalpha() and ("Error: " in line or "Exception: " in line))
    print(f"{log.name}: exceptions logged: {sum(kinds.values())}")
    for kind, n in kinds.most_common(5):
        print(f"  {n} × {kind}")


def report(pcs: list[PC], wall: float, stored: Counter[int]) -> bool:
    pushed = sum(len(pc.events) for pc in pcs)
    outcomes = sum((pc.outcomes for pc in pcs), Counter())
    errors = Counter(e for pc in pcs for e in pc.errors)
    timeouts = sum(pc.timeouts for pc in pcs)
    print(f"PCs: {len(pcs)}, events pushed: {pushed} in {wall:.1f} s: {pushed / wall:.0f} events/s")
    print(f"push (one batch): {percentiles([s for pc in pcs for s in pc.push_s])}")
    print(f"pull (one page): {percentiles([s for pc in pcs for s in pc.pull_s])}")
    print(f"client timeouts: {timeouts} (push and pull requests), HTTP errors: {dict(errors) or 0}")
    print(f"answers: {dict(outcomes)}")
    print(f"stored on the server: exactly once {stored[1]}, missing {stored[0]}, "
          f"more than once {sum(n for times, n in stored.items() if times > 1)}")
    print(f"events answered: {sum(outcomes.values())} of {pushed}")
    return stored[1] == pushed and not timeouts and not errors


def main() -> int:
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6], int(sys.argv[7]))
        return 0
    if sys.argv[1:2] == ["--sms-worker"]:
        return sms_worker(sys.argv[2], sys.argv[3], sys.argv[4])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api-procs", type=int, default=4, help="API processes sharing the port")
    parser.add_argument("--sms-workers", type=int, default=2, help="SMS worker processes")
    parser.add_argument("--threads", type=int, default=API_THREADS,
                        help="request threads per API process (serve --threads)")
    parser.add_argument("--pcs", type=int, default=60)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT[1], help="client read timeout, s")
    parser.add_argument("--no-pool", dest="pool", action="store_false",
                        help="the pickup-code pools left empty at the storm (the batches hash their codes)")
    parser.add_argument("--sms-drain", type=float, default=180, help="seconds to wait for the SMS queue to empty")
    args = parser.parse_args()
    size, overflow = api_pool(args.api_procs)
    print(f"API processes: {args.api_procs} (pool {size} + {overflow}, {args.threads} request threads each), "
          f"SMS workers: {args.sms_workers} "
          f"(pool {SMS_POOL[0]} + {SMS_POOL[1]} each); machine: {os.getloadavg()[0]:.2f} load, {os.cpu_count()} CPUs")
    with contextlib.contextmanager(pg_cluster.__wrapped__)() as cluster, \
            tempfile.TemporaryDirectory(prefix="load-60-") as tmp:
        ok = load(cluster.url(cluster.create_database()), Path(tmp), args)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
