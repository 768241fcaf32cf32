"""The counter process the kill -9 soak kills: one workflow through the real services over PC-1's cache.

    python -m tests.soak.worker        (reads one JSON spec a line on stdin; forks one child per spec)

Starting a Python process with the counter's imports takes seconds on a busy PC, so this process imports
everything once and forks a fresh child per trial. It prints `pid <n>` before the child starts, then the
child's lines, then, once the parent says `reap` (after its kill; till then the child's pid cannot be
reused), `exit <status>` (a killed child: `exit -9`).

A spec names the workflow ("receiving", "handover", "club", "apply"), the cache folder, the clock, the
clerk and the items to work through. The child prints `ready`, then after every committed step one line
`step <event ids>` with the outbox events that step committed (so the parent knows what was durable before
its SIGKILL), and `done` at the end. It syncs every `SYNC_EVERY` steps, as the app's sync timer does, so a
kill also lands mid-push. Applying changes is `tests.integration.crash_worker.apply`, reused as it is.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop import device_credentials
from desktop.db.engine import Database
from desktop.db.models import OutboxEvent, Staff
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine
from tests.integration import crash_worker
from tests.support.clock import FakeClock
from tests.support.factories import actor_for
from tests.system.clerk import Clerk
from tests.system.harness import Counter

SYNC_EVERY = 3


def reopened(data_dir: Path, now: datetime) -> Counter:
    """PC-1 as the restarted app sees it: its cache file and enrolled credentials (no new enrolment)."""
    counter = Counter.__new__(Counter)
    counter.name, counter.clock, counter.data_dir = "PC-1", FakeClock(now), data_dir
    counter.path = data_dir / "cache.sqlite3"
    counter.db = Database(counter.path)
    creds = device_credentials.load(data_dir)
    assert creds is not None
    counter.device_id = creds.device_id
    counter.client = SyncClient(creds.backend_url, creds.token, timeout=(0.5, 20.0), backoff_factor=0.01,
                                retry_total=1)
    counter.engine = SyncEngine(counter.db, counter.client, counter.clock)
    return counter


def _steps(clerk: Clerk, spec: dict[str, Any]) -> list[Callable[[], object]]:
    """One callable per clerk action of the workflow."""
    workflow = spec["workflow"]
    if workflow == "receiving":
        return [lambda box=box: clerk.scan(spec["session"], box) for box in spec["items"]]
    if workflow == "handover":
        return [lambda o=order, c=code: clerk.hand_over(o, c) for order, code in spec["items"]]
    if workflow == "club":
        return [lambda card=card, code=code, phone=phone: clerk.activate_card(card, code, phone)
                for card, code, phone in spec["items"]]
    raise ValueError(workflow)


def _events_after(counter: Counter, last_id: int) -> tuple[int, list[str]]:
    with counter.db.read() as s:
        rows = s.execute(select(OutboxEvent.id, OutboxEvent.event_id).where(OutboxEvent.id > last_id)
                         .order_by(OutboxEvent.id)).all()
    return (rows[-1][0] if rows else last_id), [event_id for _, event_id in rows]


def run(spec: dict[str, Any]) -> None:
    counter = reopened(Path(spec["data_dir"]), datetime.fromisoformat(spec["now"]))
    with counter.db.read() as s:
        actor = actor_for(s.scalars(select(Staff).where(Staff.login == spec["login"])).one(), spec["shift"])
    clerk = Clerk(counter, actor)
    last_id, _ = _events_after(counter, 0)
    print("ready", flush=True)
    for n, step in enumerate(_steps(clerk, spec), 1):
        step()
        last_id, events = _events_after(counter, last_id)
        print("step", *events, flush=True)
        if n % SYNC_EVERY == 0:
            counter.sync()


def _child(spec: dict[str, Any]) -> None:
    if spec["workflow"] == "apply":
        crash_worker.apply(Path(spec["data_dir"]), spec["page_limit"])
    else:
        run(spec)


def fork_one(spec: dict[str, Any]) -> None:
    """Fork a child for the spec; announce its pid before it starts; reap it and announce how it ended."""
    go_read, go_write = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:  # the child: wait until the parent knows its pid, work, leave without cleanup
        os.close(go_write)
        os.read(go_read, 1)
        status = 0
        try:
            _child(spec)
            print("done", flush=True)
        except BaseException as exc:  # reported to the parent as the child's exit status
            print("error", repr(exc), flush=True)
            status = 1
        sys.stdout.flush()
        os._exit(status)
    os.close(go_read)
    print("pid", pid, flush=True)
    os.write(go_write, b"g")
    os.close(go_write)
    sys.stdin.readline()  # "reap": the parent has killed the child or seen it finish (till then its pid is ours)
    _, status = os.waitpid(pid, 0)
    print("\nexit", os.waitstatus_to_exitcode(status), flush=True)  # after a partial line of a killed child


if __name__ == "__main__":
    for spec_line in sys.stdin:
        fork_one(json.loads(spec_line))
