"""What must hold at the end of every scenario, on both sides: each check returns a list of violations.

`check_all(system)` runs them all after a full sync and the SMS worker's pass; an empty list means the point,
its two counter PCs, the backend and the SMS gateway agree.
"""

from __future__ import annotations

import json
from collections import Counter as Tally
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select

from backend import models as srv
from backend.sms.models import SmsOutbox
from desktop import journal
from desktop.db import models as pc
from desktop.db.models import SessionStatus
from protocol.club_rules import points_for
from protocol.money_rules import money_paid, tenders_of
from protocol.order_states import OrderStatus
from protocol.states import CardStatus, EventOutcome, OutboxStatus, SmsPurpose, SmsStatus
from tests.system.harness import Counter, System

S = OrderStatus
BEFORE_READY = frozenset({S.CREATED, S.IN_TRANSIT, S.PARTIALLY_ARRIVED, S.ARRIVED})
SENT = frozenset({SmsStatus.SENDING, SmsStatus.ACCEPTED, SmsStatus.DELIVERED, SmsStatus.UNKNOWN})
NOT_CORRECTIONS = frozenset({SmsPurpose.READY, SmsPurpose.REMINDER, SmsPurpose.RECEIPT, SmsPurpose.CLUB})
OrderView = dict[str, tuple[str, frozenset[tuple[str, str, str | None]]]]


# --- orders, boxes and cells: each PC's cache equals the server --------------------------------------


def server_orders(system: System) -> OrderView:
    with system.backend.db.read() as s:
        status = dict(s.execute(select(srv.Order.number, srv.Order.status)).all())
        rows = s.execute(select(srv.Order.number, srv.Box.barcode, srv.Box.status, srv.Box.cell_code)
                         .join(srv.Box, srv.Box.order_id == srv.Order.id)).all()
    return _order_view(status, rows)


def counter_orders(counter: Counter) -> OrderView:
    with counter.db.read() as s:
        status = dict(s.execute(select(pc.Order.number, pc.Order.status)).all())
        rows = s.execute(select(pc.Order.number, pc.Box.barcode, pc.Box.status, pc.StorageCell.code)
                         .join(pc.Box, pc.Box.order_id == pc.Order.id)
                         .outerjoin(pc.StorageCell, pc.StorageCell.id == pc.Box.cell_id)).all()
    return _order_view(status, rows)


def _order_view(status: dict[str, str], rows: Iterable[tuple[str, str, str, str | None]]) -> OrderView:
    boxes: dict[str, set[tuple[str, str, str | None]]] = {number: set() for number in status}
    for number, barcode, box_status, cell in rows:
        boxes[number].add((barcode, box_status, cell))
    return {number: (status[number], frozenset(boxes[number])) for number in status}


def caches_equal_server(system: System) -> list[str]:
    theirs = server_orders(system)
    problems = []
    for counter in system.counters:
        mine = counter_orders(counter)
        for number in sorted(set(mine) | set(theirs)):
            if mine.get(number) != theirs.get(number):
                problems.append(f"{counter.name}: order {number} cache {mine.get(number)} != server "
                                f"{theirs.get(number)}")
    return problems


def shipments_equal_server(system: System) -> list[str]:
    """Each truck's status on every PC is the server's (received once its receiving is closed or every box is in;
    receiving again after an undone scan)."""
    with system.backend.db.read() as s:
        theirs = dict(s.execute(select(srv.Shipment.number, srv.Shipment.status)).all())
    problems = []
    for counter in system.counters:
        with counter.db.read() as s:
            mine = dict(s.execute(select(pc.Shipment.number, pc.Shipment.status)).all())
        problems += [f"{counter.name}: shipment {n} cache {mine.get(n)} != server {theirs.get(n)}"
                     for n in sorted(set(mine) | set(theirs)) if mine.get(n) != theirs.get(n)]
    return problems


# --- outbox drained, every event held exactly once -----------------------------------------------------


def _held(system: System) -> list[tuple[str, str]]:
    with system.backend.db.read() as s:
        return [(d, e) for d, e in s.execute(select(srv.EventRecord.device_id, srv.EventRecord.event_id))]


def _outbox(counter: Counter) -> dict[str, str]:
    with counter.db.read() as s:
        return dict(s.execute(select(pc.OutboxEvent.event_id, pc.OutboxEvent.status)).all())


def events_held_once(system: System) -> list[str]:
    """The server holds each event once, and every event a PC counts as answered is held there."""
    held = _held(system)
    ids = Tally(event_id for _, event_id in held)
    problems = [f"server holds event {e} {n} times" for e, n in ids.items() if n != 1]
    for counter in system.counters:
        answered = [e for e, st in _outbox(counter).items() if st != OutboxStatus.PENDING]
        lost = [e for e in answered if e not in ids]
        if lost:
            problems.append(f"{counter.name}: {len(lost)} answered events the server does not hold")
    return problems


def outbox_drained(system: System) -> list[str]:
    """After a sync: nothing pending on either PC, and the server holds exactly the events each PC wrote."""
    per_device = Tally(device for device, _ in _held(system))
    problems = []
    for counter in system.counters:
        outbox = _outbox(counter)
        pending = [e for e, st in outbox.items() if st == OutboxStatus.PENDING]
        if pending:
            problems.append(f"{counter.name}: {len(pending)} events still pending in the outbox")
        if per_device[counter.device_id] != len(outbox):
            problems.append(f"{counter.name}: server holds {per_device[counter.device_id]} events, "
                            f"the PC wrote {len(outbox)}")
    return problems


# --- SMS per order and purpose ---------------------------------------------------------------------------


def _sms_rows(system: System) -> list[SmsOutbox]:
    with system.backend.db.read() as s:
        return list(s.scalars(select(SmsOutbox).order_by(SmsOutbox.id)))


def sms_as_the_rules_say(system: System) -> list[str]:
    rows = _sms_rows(system)
    with system.backend.db.read() as s:
        status = dict(s.execute(select(srv.Order.number, srv.Order.status)).all())
        codes = Tally(n for (n,) in s.execute(select(srv.Order.number).join(
            srv.PickupCode, srv.PickupCode.order_id == srv.Order.id)))
        active = [c for (c,) in s.execute(select(srv.ClubCard.number).where(  # activated here (not imported)
            srv.ClubCard.status == CardStatus.ACTIVE, srv.ClubCard.activation_event_id.is_not(None)))]
    return (_ready_sms(rows, status, codes) + _club_sms(rows, active) + _reminders(rows)
            + _gateway_matches(system, rows))


def _ready_sms(rows: list[SmsOutbox], status: dict[str, str], codes: Tally[str]) -> list[str]:
    problems = []
    ready = Tally(r.order_number for r in rows if r.purpose == SmsPurpose.READY)
    for order, n in ready.items():
        if n != codes[order]:
            problems.append(f"order {order}: {n} «ready» SMS for {codes[order]} pickup codes issued")
    for row in rows:
        if row.purpose != SmsPurpose.READY or status.get(row.order_number) not in BEFORE_READY:
            continue
        corrected = any(r.order_number == row.order_number and r.purpose not in NOT_CORRECTIONS and r.id > row.id
                        for r in rows)
        if row.status in SENT and not corrected:
            problems.append(f"order {row.order_number} is {status[row.order_number]} but its pickup code went "
                            f"out by SMS ({row.status}) and no correction followed")
        if row.status == SmsStatus.PENDING:
            problems.append(f"order {row.order_number} is {status[row.order_number]} with a «ready» SMS pending")
    return problems


def _club_sms(rows: list[SmsOutbox], active: list[str]) -> list[str]:
    club = [r for r in rows if r.purpose == SmsPurpose.CLUB]
    problems = []
    for card in active:
        n = sum(1 for r in club if card in (r.order_number, *r.text.split()) or card in r.text)
        if n != 1:
            problems.append(f"club card {card} is active with {n} welcome SMS (one expected)")
    if len(club) != len(active):
        problems.append(f"{len(club)} club welcome SMS for {len(active)} active cards")
    return problems


def _reminders(rows: list[SmsOutbox]) -> list[str]:
    counts = Tally(r.order_number for r in rows if r.purpose == SmsPurpose.REMINDER)
    return [f"order {o}: {n} reminders (one expected)" for o, n in counts.items() if n > 1]


def _gateway_matches(system: System, rows: list[SmsOutbox]) -> list[str]:
    """The gateway took each SMS once: its messages are exactly the rows that carry a gateway id."""
    ids = Tally(r.gateway_message_id for r in rows if r.gateway_message_id)
    problems = [f"gateway message {i} held by {n} SMS rows" for i, n in ids.items() if n > 1]
    taken = set(system.gateway.state.messages)
    if taken != set(ids):
        problems.append(f"gateway took {len(taken)} messages, the outbox knows {len(ids)}")
    return problems


def sms_all_dispatched(system: System) -> list[str]:
    """After the SMS worker's pass nothing waits to be sent."""
    stuck = [r.uid for r in _sms_rows(system) if r.status == SmsStatus.PENDING]
    return [f"{len(stuck)} SMS still pending after the worker's pass"] if stuck else []


# --- club: +190 once per customer, accrual equal to what was paid ------------------------------------------


def bonus_once_and_paid(system: System) -> list[str]:
    with system.backend.db.read() as s:
        activations = s.execute(select(srv.Customer.phone).join(
            srv.BonusEntry, srv.BonusEntry.customer_id == srv.Customer.id).where(
            srv.BonusEntry.reason == "activation")).all()
    accruals = _server_accruals(system, handed_over_here=True)
    with system.backend.db.read() as s:
        kept = _kept_kopecks(s, list(accruals))
        paid = _money_paid(s, list(accruals), kept)
    per_phone = Tally(phone for (phone,) in activations)
    problems = [f"customer {p[:5]}…{p[-4:]} credited +190 {n} times" for p, n in per_phone.items() if n > 1]
    problems += [f"order {o}: accrual {pts} points, paid {paid[o] // 100} ₽ with money"
                 for o, pts in accruals.items() if o in paid and pts != points_for(paid[o])]
    return problems


def _money_paid(session: Any, numbers: list[str], kept: dict[str, int]) -> dict[str, int]:
    """Per order handed over in the scenario: what points accrue on — the money tenders of the recorded payment
    (issue 12: nothing on points or certificates), or the goods taken when nothing was paid at the counter."""
    rows = session.execute(select(srv.Order.number, srv.Handover.payment).join(
        srv.Handover, srv.Handover.order_id == srv.Order.id).where(srv.Order.number.in_(numbers)))
    return {number: money_paid(tenders_of(payment)) if payment and payment.get("tenders") else kept[number]
            for number, payment in rows}


def _server_accruals(system: System, *, handed_over_here: bool = False) -> dict[str, int]:
    """The server's accruals by order (`handed_over_here`: of orders handed over at a counter, not the demo's
    imported history)."""
    where = [srv.BonusEntry.reason == "accrual"]
    if handed_over_here:
        where.append(srv.Order.id.in_(select(srv.Handover.order_id)))
    with system.backend.db.read() as s:
        return dict(s.execute(select(srv.Order.number, srv.BonusEntry.points).join(
            srv.BonusEntry, srv.BonusEntry.order_id == srv.Order.id).where(*where)).all())


def ledgers_match_server(system: System) -> list[str]:
    """After a sync: each PC's accruals are the server's."""
    accruals = _server_accruals(system)
    problems = []
    for counter in system.counters:
        with counter.db.read() as s:
            mine = dict(s.execute(select(pc.Order.number, pc.BonusLedgerEntry.points).join(
                pc.BonusLedgerEntry, pc.BonusLedgerEntry.order_id == pc.Order.id).where(
                pc.BonusLedgerEntry.reason == "accrual")).all())
        problems += [f"{counter.name}: order {o} accrual {p} on the PC, {accruals.get(o)} on the server"
                     for o, p in mine.items() if accruals.get(o) != p]
    return problems


def _kept_kopecks(session: Any, numbers: list[str]) -> dict[str, int]:
    rows = session.execute(select(srv.Order.number, srv.OrderLine.price_kopecks, srv.OrderLine.quantity,
                                  srv.OrderLine.refused_quantity).join(
        srv.OrderLine, srv.OrderLine.order_id == srv.Order.id).where(srv.Order.number.in_(numbers)))
    kept: dict[str, int] = dict.fromkeys(numbers, 0)
    for number, price, quantity, refused in rows:
        kept[number] += price * (quantity - (refused or 0))
    return kept


# --- receiving acts ----------------------------------------------------------------------------------------


def _events(system: System, *types: str, applied_only: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """The events of these types the server holds, in its order; `applied_only` leaves out duplicates and refusals."""
    query = select(srv.EventRecord.type, srv.EventRecord.payload).where(srv.EventRecord.type.in_(types))
    if applied_only:
        query = query.where(srv.EventRecord.status == EventOutcome.APPLIED)
    with system.backend.db.read() as s:
        rows = s.execute(query.order_by(srv.EventRecord.server_seq)).all()
    return [(t, json.loads(p)) for t, p in rows]


def _received_per_session(system: System) -> dict[str, set[str]]:
    """Boxes received in each session, undone scans taken out (the events the server applied: the same box
    scanned on a second PC is answered `duplicate` and counts for the session that got it first)."""
    received: dict[str, set[str]] = {}
    for kind, payload in _events(system, "box.received", "receiving.scan_undone", applied_only=True):
        boxes = received.setdefault(payload["session"], set())
        (boxes.add if kind == "box.received" else boxes.discard)(payload["box"])
    return received


def every_box_in_one_act(system: System) -> list[str]:
    received = _received_per_session(system)
    with system.backend.db.read() as s:
        by_shipment: dict[str, set[str]] = {}
        for number, barcode in s.execute(select(srv.Shipment.number, srv.Box.barcode).join(
                srv.Box, srv.Box.shipment_id == srv.Shipment.id)):
            by_shipment.setdefault(number, set()).add(barcode)
    problems = []
    boxes = Tally(box for held in received.values() for box in held)
    problems += [f"box {b} received in {n} receiving sessions" for b, n in boxes.items() if n > 1]
    acts: dict[str, list[dict[str, Any]]] = {}
    for _, closed in _events(system, "receiving.closed"):
        summary = closed["summary"]
        summary["received"] = received.get(closed["session"], set())
        if summary.get("shipment"):
            acts.setdefault(summary["shipment"], []).append(summary)
    for shipment, held in acts.items():
        problems += _acts_problems(shipment, held, by_shipment.get(shipment, set()))
    return problems


def _acts_problems(shipment: str, acts: list[dict[str, Any]], ours: set[str]) -> list[str]:
    """The closed acts of one shipment: each of its boxes received or listed missing, strangers listed."""
    received = set().union(*(a["received"] for a in acts))
    missing = {m["box"] for a in acts for m in a.get("missing", [])}
    problems = [f"act {shipment}: box {b} neither received nor listed missing"
                for b in sorted(ours - received - missing)]
    for act in acts:
        listed = (set(act.get("surplus", [])) | {f["box"] for f in act.get("foreign", [])}
                  | {o["box"] for o in act.get("other_shipment", [])})
        problems += [f"act {shipment}: box {b} of another shipment received, not in the act's surplus"
                     for b in sorted(act["received"] - ours - listed)]
    if len(acts) == 1:
        counts, got, lost = acts[0].get("counts", {}), len(received & ours), len(missing)
        if counts.get("expected") != got + lost:
            problems.append(f"act {shipment}: expected {counts.get('expected')} != received {got} + missing {lost}")
    return problems


def counter_acts_match_server(system: System) -> list[str]:
    held = {act["session"]: act["summary"] for _, act in _events(system, "receiving.closed")}
    problems = []
    for counter in system.counters:
        with counter.db.read() as s:
            closed = s.execute(select(pc.ReceivingSession.uid, pc.ReceivingSession.summary).where(
                pc.ReceivingSession.status == SessionStatus.CLOSED)).all()
        problems += [f"{counter.name}: act {uid} differs from the server's" for uid, summary in closed
                     if uid in held and held[uid] != summary]
    return problems


# --- sessions left open after their shift closed; the journal ----------------------------------------------


def no_session_open_after_shift(system: System) -> list[str]:
    problems = []
    for counter in system.counters:
        with counter.db.read() as s:
            for model in (pc.ReceivingSession, pc.ReturnSession):
                rows = s.execute(select(model.uid, model.opened_at).join(
                    pc.Shift, pc.Shift.staff_id == model.opened_by).where(
                    model.status == SessionStatus.OPEN, pc.Shift.closed_at.is_not(None),
                    pc.Shift.opened_at <= model.opened_at, pc.Shift.closed_at >= model.opened_at)).all()
                problems += [f"{counter.name}: {model.__tablename__} {uid} still open after its shift closed"
                             for uid, _ in rows]
    return problems


def journals_verify(system: System) -> list[str]:
    problems = []
    for counter in system.counters:
        with counter.db.read() as s:
            report = journal.verify(s)
        if not report.ok:
            problems.append(f"{counter.name}: journal broken at entry {report.first_broken_id} ({report.reason})")
    return problems


ANYTIME: tuple[Callable[[System], list[str]], ...] = (
    events_held_once, sms_as_the_rules_say, bonus_once_and_paid, every_box_in_one_act, counter_acts_match_server,
    no_session_open_after_shift, journals_verify,
)
SETTLED: tuple[Callable[[System], list[str]], ...] = (
    caches_equal_server, shipments_equal_server, outbox_drained, sms_all_dispatched, ledgers_match_server,
)


def found(system: System, checks: Iterable[Callable[[System], list[str]]]) -> dict[str, list[str]]:
    results = {check.__name__: check(system) for check in checks}
    return {name: problems for name, problems in results.items() if problems}


def violations(system: System) -> dict[str, list[str]]:
    """Sync everything first (the backend must be up), then run every invariant."""
    system.sync_all()
    return found(system, (*SETTLED, *ANYTIME))


def describe(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}: {p}" for name, items in problems.items() for p in items[:10])


def assert_invariants(system: System) -> None:
    problems = violations(system)
    assert not problems, describe(problems)
