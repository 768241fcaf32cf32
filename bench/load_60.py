"""Load on the backend: 60 counter PCs pushing and pulling at once, on PostgreSQL.

The backend runs under uvicorn (its own process, one worker) on 127.0.0.1 over the throwaway PostgreSQL
the tests start (tests/backend/conftest.py: initdb in a temporary folder, fsync off). Ten points with a
hundred one-box orders each are imported; 60 PCs (six a point) enrol through the API. Then, all released
at once, each PC (a thread with its own HTTP session) pushes 1,000 events in batches of 500 and after each
batch pulls the changes since its cursor (pages of 500), as the app's sync does, with the app's read
timeout (20 s); a batch left unanswered is sent again (up to 5 times), as the next sync would, and what
is still unanswered then goes once more after the storm (one PC at a time) before the check. A PC's events: its
shift and receiving session, the point's 100 boxes received (the first PC to send a box wins, the
others' receipts meet the rules as a second PC's would), and 898 surplus-box scans.

Printed: events pushed, wall time, throughput, push and pull latency (p50/p99/max per request), client
timeouts, HTTP errors, the servers' answers by outcome, and the check that every event is stored exactly
once (by event id, in the server's database). A baseline, not a pass/fail test.

    .venv/bin/python bench/load_60.py [--pcs 60] [--events 1000] [--batch 500] [--timeout 20]
"""

from __future__ import annotations

import argparse
import contextlib
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

from desktop.sync.client import DEFAULT_TIMEOUT  # noqa: E402  (the counter's own read timeout)
from tests.backend.conftest import pg_cluster  # noqa: E402  (the tests' throwaway PostgreSQL)
from tests.integration.counter import feed  # noqa: E402
from tests.integration.live import ADMIN, CHEAP_N, free_port  # noqa: E402

POINTS = 10
ORDERS_PER_POINT = 100
RETRIES = 5


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
    unanswered: list[dict[str, Any]] = field(default_factory=list)  # batches to send again at the next sync


def serve(db_url: str, port: int, workdir: str) -> None:
    """The backend process: `create_app` under uvicorn (`--serve`)."""
    import uvicorn

    from backend.app import create_app
    from backend.config import Settings

    settings = Settings(database_url=db_url, admin_token=ADMIN, code_hash_n=CHEAP_N, run_sms_dispatcher=False,
                        sms_log_path=Path(workdir) / "sms-demo.log",
                        enrol_attempts_per_minute=1_000)  # 60 PCs enrol from one address in seconds
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


def start_backend(db_url: str, workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The backend process; its log (tracebacks of server errors) goes to workdir/backend.log."""
    port = free_port()
    with (workdir / "backend.log").open("wb") as log:
        proc = subprocess.Popen([sys.executable, __file__, "--serve", db_url, str(port), str(workdir)], cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(requests.RequestException):
            if requests.get(url + "/v1/health", timeout=1).status_code == 200:
                return proc, url
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the backend did not start")


def admin(url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = requests.post(url + path, json=body, headers={"X-Admin-Token": ADMIN}, timeout=120)
    reply.raise_for_status()
    return dict(reply.json())


def enrol_pcs(url: str, pcs: int) -> list[PC]:
    """Import the points and enrol the PCs, six (pcs / POINTS) a point."""
    points = [f"{n:04d}" for n in range(101, 101 + POINTS)]
    for code in points:
        admin(url, "/v1/admin/import", feed(orders=ORDERS_PER_POINT, point_code=code, cards=0))
    enrolled = []
    for n in range(pcs):
        point = points[n % POINTS]
        code = admin(url, "/v1/admin/enrolment-codes", {"point_code": point})["code"]
        answer = requests.post(url + "/v1/enrol", json={"code": code, "device_name": f"LOAD-{n:02d}"}, timeout=60)
        answer.raise_for_status()
        enrolled.append(PC(point, answer.json()["token"]))
    return enrolled


def events_of(pc: PC, count: int) -> list[dict[str, Any]]:
    """A PC's day: shift, receiving session, the point's boxes, the rest surplus scans."""
    session, shift = str(uuid.uuid4()), str(uuid.uuid4())
    payloads: list[tuple[str, dict[str, Any]]] = [("shift.opened", {"shift": shift, "staff": "kassir"}),
                                                  ("receiving.opened", {"session": session, "shipment": None})]
    payloads += [("box.received", {"session": session, "box": f"B{pc.point}7{n:08d}01", "order": f"7{n:08d}"})
                 for n in range(1, ORDERS_PER_POINT + 1)]
    surplus = count - len(payloads)
    payloads += [("receiving.unexpected_box", {"session": session, "kind": "surplus",
                                               "box": f"B{pc.point}9{uuid.uuid4().int % 10**8:08d}01"})
                 for _ in range(surplus)]
    return [{"event_id": str(uuid.uuid4()), "device_seq": seq, "type": type_, "schema_v": 1, "payload": payload,
             "occurred_at": "2026-11-24T09:00:00+00:00"} for seq, (type_, payload) in enumerate(payloads[:count], 1)]


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


def run_pc(pc: PC, url: str, batch: int, timeout: float, start: threading.Barrier) -> None:
    """Push the PC's events batch by batch; after each, pull the changes since its cursor."""
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {pc.token}"
    cursor = 0
    start.wait()
    for first in range(0, len(pc.events), batch):
        body = {"events": pc.events[first:first + batch]}
        for _ in range(RETRIES):  # an unanswered batch goes again, as the next sync would send it
            reply = timed(pc, pc.push_s, lambda b=body: http.post(url + "/v1/events", json=b, timeout=timeout))
            if reply is not None:
                pc.outcomes.update(r["status"] for r in reply.json()["results"])
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
            reply = requests.post(url + "/v1/events", json=body, timeout=600,
                                  headers={"Authorization": f"Bearer {pc.token}"})
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


def load(db_url: str, workdir: Path, args: argparse.Namespace) -> bool:
    proc, url = start_backend(db_url, workdir)
    try:
        pcs = enrol_pcs(url, args.pcs)
        for pc in pcs:
            pc.events = events_of(pc, args.events)
        start = threading.Barrier(len(pcs) + 1)
        threads = [threading.Thread(target=run_pc, args=(pc, url, args.batch, args.timeout, start)) for pc in pcs]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        print(f"batches left unanswered after {RETRIES} tries, sent again afterwards: {catch_up(pcs, url)}")
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
    print_server_errors(workdir / "backend.log")
    return report(pcs, wall, stored_counts(db_url, {e["event_id"] for pc in pcs for e in pc.events}))


def print_server_errors(log: Path) -> None:
    """The exceptions the server logged (the last line of each traceback), counted."""
    kinds = Counter(line.split(" (Background")[0][:160] for line in log.read_text("utf-8", "replace").splitlines()
                    if line[:1].isalpha() and ("Error: " in line or "Exception: " in line))
    print(f"server exceptions logged: {sum(kinds.values())}")
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
    print(f"client timeouts: {timeouts}, HTTP errors: {dict(errors) or 0}")
    print(f"answers: {dict(outcomes)}")
    print(f"stored on the server: exactly once {stored[1]}, missing {stored[0]}, "
          f"more than once {sum(n for times, n in stored.items() if times > 1)}")
    print(f"events answered: {sum(outcomes.values())} of {pushed}")
    return stored[1] == pushed and not timeouts and not errors


def main() -> int:
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pcs", type=int, default=60)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT[1], help="client read timeout, s")
    args = parser.parse_args()
    with contextlib.contextmanager(pg_cluster.__wrapped__)() as cluster, \
            tempfile.TemporaryDirectory(prefix="load-60-") as tmp:
        return 0 if load(cluster.url(cluster.create_database()), Path(tmp), args) else 1


if __name__ == "__main__":
    sys.exit(main())
