"""kill -9 of a counter process at a random moment of receiving, handover, club activation or change apply;
restart; sync; check that nothing committed was lost or stored twice and that the cache equals the server.

    python -m tests.soak.kill9 --trials 1000 [--seed 1] [--workdir DIR]     (or: ./dev.sh soak)

The point is the system tests' (tests/system/harness.py: the demo's default point, the real backend under
uvicorn on 127.0.0.1 over SQLite, the SMSC fake, two counter cores). PC-1's work runs in a real child process
(tests/soak/worker.py; change apply is tests/integration/crash_worker.py) that is SIGKILLed after a seeded
random number of committed steps plus a seeded random delay (so also inside a transaction or a push). PC-2
makes the changes PC-1 applies. After each kill: PC-1 reopens its cache (integrity check), syncs, and

- every event the child announced as committed is in PC-1's outbox (else: lost);
- every event of PC-1's outbox is on the server, and every event the server holds from PC-1 is in the outbox
  (else: lost); no event id is stored twice (else: duplicated); nothing is left pending;
- orders (status, pickup-code hash, total), boxes and club cards of the cache equal the server's.

A fresh point is built whenever the boxes, codes or cards of the current one run short. The run prints
the counts and exits 1 on any loss, duplicate or mismatch (each with its trial number and seed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from backend import models as srv
from desktop.db.models import ClubCard
from protocol.order_states import OrderStatus
from tests.integration.counter import CounterPC, server_boxes, server_orders_as_cached
from tests.sms.fake_gateways import FakeGatewayServer
from tests.system.clerk import Clerk, orders_with, shipment_boxes
from tests.system.harness import Counter, System, build_system

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = ("receiving", "handover", "club", "apply")
MAX_DELAY_S = 0.04  # after the chosen step: the kill lands anywhere in the next step or push


@dataclass
class Epoch:
    """One fresh point and what is left of it to work through."""

    system: System
    clerk: Clerk  # PC-1's (the killed one)
    other: Clerk  # PC-2's (makes the changes PC-1 applies)
    boxes: list[tuple[str, str]]  # (session uid, barcode) still in transit
    handovers: list[tuple[str, str]]  # (order, pickup code) ready, prepaid
    cards: list[tuple[str, str, str]]  # (card, activation code, eligible phone)

    @property
    def pc1(self) -> Counter:
        return self.system.counters[0]


@dataclass
class Totals:
    trials: int = 0
    kills: Tally[str] = field(default_factory=Tally)
    runs: Tally[str] = field(default_factory=Tally)
    events: int = 0  # distinct events checked (each is checked again after every later trial of its point)
    lost: int = 0
    duplicated: int = 0
    mismatched: int = 0
    epochs: int = 0
    failures: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


def new_epoch(workdir: Path, gateway: FakeGatewayServer) -> Epoch:
    workdir.mkdir(parents=True)
    url = f"sqlite:///{workdir / 'backend.sqlite3'}"
    system = build_system(workdir, url, gateway, orders=300)  # the demo's size: a dozen trials' worth of work
    pc1, pc2 = system.counters
    assert pc1.sync() and pc2.sync()
    clerk, other = Clerk.sign_in(pc1), Clerk.sign_in(pc2)
    boxes = []
    for suffix in ("01", "02"):
        shipment, barcodes = shipment_boxes(pc1, suffix)
        session = clerk.open_receiving(shipment)
        boxes += [(session, b) for b in barcodes]
    ready = [o for o in orders_with(pc1, OrderStatus.READY, prepaid=True) if o.number in system.secrets.pickup_codes]
    handovers = [(o.number, system.secrets.pickup_codes[o.number]) for o in ready]
    club = pc1.club()
    phones = sorted({o.customer.phone for o in orders_with(pc1, OrderStatus.READY)
                     if o.total_kopecks >= 500_000 and o.number not in dict(handovers)})
    phones = [p for p in phones if club.check_eligibility(p).eligible]
    cards = [(card, code, phone) for (card, code), phone in zip(system.card_codes.items(), phones, strict=False)]
    return Epoch(system, clerk, other, boxes, handovers, cards)


def take(pool: list[Any], rng: random.Random, low: int, high: int) -> list[Any] | None:
    """`low`…`high` items off the front of the pool; None when fewer than `low` are left."""
    if len(pool) < low:
        return None
    n = min(len(pool), rng.randint(low, high))
    items, pool[:] = pool[:n], pool[n:]
    return items


def child_spec(epoch: Epoch, workflow: str, rng: random.Random) -> tuple[dict[str, Any], int] | None:
    """The child's spec and its number of steps; None when this point has run short for it."""
    pc1, clerk = epoch.pc1, epoch.clerk
    spec: dict[str, Any] = {"workflow": workflow, "data_dir": str(pc1.data_dir), "now": pc1.clock().isoformat(),
                            "login": clerk.actor.login, "shift": clerk.actor.shift_id}
    if workflow == "receiving":
        items = take(epoch.boxes, rng, 2, 8)
        if items is None or len({s for s, _ in items}) > 1:
            return None
        spec.update(session=items[0][0], items=[b for _, b in items])
    elif workflow == "handover":
        spec["items"] = take(epoch.handovers, rng, 1, 4)
    elif workflow == "club":
        spec["items"] = take(epoch.cards, rng, 1, 3)
    else:  # apply: PC-2 hands orders over and syncs; PC-1 applies the changes one per page
        made = take(epoch.handovers, rng, 2, 5)
        if made is None:
            return None
        for order, code in made:
            epoch.other.hand_over(order, code)
        assert epoch.system.counters[1].sync(), "PC-2 could not sync"
        return {"workflow": "apply", "data_dir": str(pc1.data_dir), "page_limit": 1}, 2 * len(made)
    if spec.get("items") is None:
        return None
    return spec, len(spec["items"])


def _ended(lines: list[str]) -> bool:
    """The child finished (or failed) on its own."""
    return bool(lines) and lines[-1].split()[0] in ("done", "error")


class Zygote:
    """The forking worker process (tests/soak/worker.py): one per run, a fresh child per trial."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.soak.worker"], cwd=REPO, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env={**os.environ, "PYTHONPATH": str(REPO)})

    def line(self) -> str:
        """The next non-empty line (a child killed mid-line leaves a partial one, ended by the next)."""
        assert self.proc.stdout is not None
        line = ""
        while not line:
            raw = self.proc.stdout.readline()
            assert raw, "the worker process died"
            line = raw.strip()
        return line

    def run_and_kill(self, spec: dict[str, Any], steps: int, rng: random.Random) -> tuple[list[str], bool]:
        """Run one child; SIGKILL it after a random number of progress lines and a random delay.
        Every line it printed, and whether the kill hit it while it was still working."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(spec) + "\n")
        self.proc.stdin.flush()
        first = self.line()
        assert first.startswith("pid "), first
        pid = int(first.split()[1])
        kill_after, delay = rng.randint(0, max(0, steps - 1)), rng.uniform(0.0, MAX_DELAY_S)
        lines: list[str] = []
        while sum(1 for x in lines if x.startswith(("step", "page"))) < kill_after and not _ended(lines):
            lines.append(self.line())
        if not _ended(lines):
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)  # the zygote has not reaped it: the pid is still this child's
        self.proc.stdin.write("reap\n")
        self.proc.stdin.flush()
        while not lines[-1:] or not lines[-1].startswith("exit"):
            lines.append(self.line())
        code = int(lines[-1].split()[1])
        assert code in (0, -signal.SIGKILL), lines
        return lines[:-1], code == -signal.SIGKILL

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(30)


def server_events_of(epoch: Epoch) -> tuple[dict[str, int], set[str]]:
    """How many times the server stores each event id, and the ids it holds from PC-1."""
    with epoch.system.backend.db.read() as s:
        counts = dict(s.execute(select(srv.EventRecord.event_id, func.count())
                                .group_by(srv.EventRecord.event_id)).all())
        mine = set(s.scalars(select(srv.EventRecord.event_id)
                             .where(srv.EventRecord.device_id == epoch.pc1.device_id)))
    return counts, mine


def cards_of(db: Any, model: Any) -> dict[str, str]:
    with db.read() as s:
        return dict(s.execute(select(model.number, model.status)).all())


def mismatches(epoch: Epoch) -> list[str]:
    """What the cache says differently from the server (orders, boxes the cache knows, club cards)."""
    pc1, backend = epoch.pc1, epoch.system.backend
    found: list[str] = []
    mine, theirs = CounterPC.orders(pc1), server_orders_as_cached(backend, pc1)  # type: ignore[arg-type]
    found += [f"order {n}: cache {mine.get(n)} server {theirs.get(n)}"
              for n in sorted(set(mine) | set(theirs)) if mine.get(n) != theirs.get(n)]
    boxes, server_side = CounterPC.boxes(pc1), server_boxes(backend)  # type: ignore[arg-type]
    found += [f"box {b}: cache {boxes[b]} server {server_side.get(b)}"
              for b in sorted(boxes) if boxes[b] != server_side.get(b)]
    local_cards, server_cards = cards_of(pc1.db, ClubCard), cards_of(backend.db, srv.ClubCard)
    found += [f"card {c}: cache {local_cards[c]} server {server_cards.get(c)}"
              for c in sorted(local_cards) if local_cards[c] != server_cards.get(c)]
    return found


def restart_and_sync(epoch: Epoch, workflow: str) -> None:
    pc1 = epoch.pc1
    pc1.restart()
    with pc1.db.read() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok", "the cache is damaged"
    for _ in range(2):
        assert pc1.sync(), "PC-1 could not sync after the restart"
        if workflow == "apply":
            assert epoch.system.counters[1].sync()


def check(epoch: Epoch, announced: set[str], totals: Totals, label: str) -> None:
    """After restart and sync: lost, duplicated and mismatched, added to the totals."""
    local = set(CounterPC.outbox(epoch.pc1))  # type: ignore[arg-type]
    counts, held = server_events_of(epoch)
    lost = (announced - local) | {e for e in local if counts.get(e, 0) == 0} | (held - local)
    duplicated = {e for e in local if counts.get(e, 0) > 1}
    pending = epoch.pc1.engine.counts()[0]
    wrong = mismatches(epoch)
    totals.events += len(local - totals.seen)
    totals.seen |= local
    totals.lost, totals.duplicated = totals.lost + len(lost), totals.duplicated + len(duplicated)
    totals.mismatched += len(wrong) + (1 if pending else 0)
    if lost or duplicated or wrong or pending:
        totals.failures.append(f"{label}: lost {sorted(lost)} duplicated {sorted(duplicated)} pending {pending} "
                               f"mismatches {wrong[:5]}")


def trial(epoch: Epoch, zygote: Zygote, rng: random.Random, totals: Totals, label: str) -> bool:
    """One seeded trial; False when the point ran short for the drawn workflow (build a new one)."""
    workflow = rng.choice(WORKFLOWS)
    planned = child_spec(epoch, workflow, rng)
    if planned is None:
        return False
    lines, killed = zygote.run_and_kill(*planned, rng)
    assert not any(line.startswith("error") for line in lines), lines
    announced = {e for line in lines if line.startswith("step") for e in line.split()[1:] if len(e) == 36}
    restart_and_sync(epoch, workflow)
    check(epoch, announced, totals, f"{label} {workflow}")
    totals.trials += 1
    totals.runs[workflow] += 1
    totals.kills[workflow] += int(killed)
    return True


def run(trials: int, seed: int, workdir: Path, deadline: float | None = None, progress: bool = False) -> Totals:
    """`trials` seeded trials (fewer if `deadline`, a time.monotonic() value, passes first)."""
    rng, totals = random.Random(seed), Totals()
    zygote = Zygote()
    with FakeGatewayServer("smsc") as gateway:
        epoch: Epoch | None = None
        while totals.trials < trials and (deadline is None or time.monotonic() < deadline):
            if epoch is None:
                totals.epochs += 1
                epoch = new_epoch(workdir / f"point{totals.epochs}", gateway)
            label = f"trial {totals.trials + 1} (seed {seed})"
            try:
                fresh_point_needed = not trial(epoch, zygote, rng, totals, label)
            except AssertionError as exc:  # a trial that could not even be checked: a failure, on a new point
                totals.trials += 1
                totals.failures.append(f"{label}: {exc!r}")
                fresh_point_needed = True
            if fresh_point_needed:
                close(epoch)
                epoch = None
            if totals.trials % 50 == 0 and progress and not fresh_point_needed:
                print(f"... {totals.trials} trials, lost {totals.lost}, duplicated {totals.duplicated}, "
                      f"failures {len(totals.failures)}", file=sys.stderr, flush=True)
        if epoch is not None:
            close(epoch)
    zygote.close()
    return totals


def close(epoch: Epoch) -> None:
    for counter in epoch.system.counters:
        counter.db.dispose()
    epoch.system.backend.stop()


def report(totals: Totals, seconds: float) -> str:
    kills = ", ".join(f"{w} {totals.kills[w]}/{totals.runs[w]}" for w in WORKFLOWS)
    lines = [f"trials: {totals.trials} in {seconds:.0f} s on {totals.epochs} fresh points",
             f"kills (killed mid-work / trials) per workflow: {kills}",
             f"events checked: {totals.events}", f"lost: {totals.lost}", f"duplicated: {totals.duplicated}",
             f"cache ≠ server: {totals.mismatched}"]
    return "\n".join(lines + totals.failures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long (fewer trials)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    started = time.monotonic()
    deadline = started + args.minutes * 60 if args.minutes else None
    with tempfile.TemporaryDirectory(prefix="soak-kill9-") as tmp:
        totals = run(args.trials, args.seed, args.workdir or Path(tmp), deadline, progress=True)
    print(report(totals, time.monotonic() - started), flush=True)
    return 1 if totals.failures else 0


if __name__ == "__main__":
    sys.exit(main())
