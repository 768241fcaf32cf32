"""A year of a busy point for the manager console benchmark, on top of bench.scan_path.build_cache's orders.

The orders (oldest id first) arrive over the year in 729 closed receiving sessions (two a day, 08:00 and 14:00 on
the point's clock, each with its shipment) and one still open this morning; each box has its receiving scan, its
placement in a cell and its fate: collected (a completed handover, some paid at the counter), returned after its
storage ran out, or still on the shelf when it arrived in the last week. Every day 3–5 of 5 clerks work a shift;
each order that became ready got its «ready» SMS (some failed, some unknown, some stuck); a few orders are locked;
the outbox holds a year of applied events and a few the server refused; return sessions weekly, one left open.
Everything is written with plain sqlite3 executemany (a year is built in about a minute). The planner's statistics
(sqlite_stat1) are dropped: a counter PC's cache is never ANALYZEd, so the queries are planned as in the field.
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.scan_path import NOW, _sqlts

CLERKS = [("anna", "Петрова Анна"), ("oleg", "Соколов Олег"), ("irina", "Новикова Ирина"),
          ("pavel", "Фёдоров Павел"), ("maria", "Михайлова Мария")]
SIZES = {"S": 300, "M": 450, "L": 220, "XL": 30}
TODAY_UTC = NOW.replace(hour=0, minute=0, second=0, microsecond=0)


def ts(moment: datetime) -> str:
    return _sqlts(moment)


@dataclass
class Year:
    """What the benchmark needs to know about the year it built."""

    manager_id: int
    point_id: int
    clerks: list[int]
    session_uids: list[str] = field(default_factory=list)  # oldest first
    shift_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def build_year(path: str, rng: random.Random) -> Year:
    """Fill the cache at `path` (built by build_cache) with a year of the point's life."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    point_id = raw.execute("SELECT id FROM pickup_points").fetchone()[0]
    clerks = [raw.execute("SELECT id FROM staff WHERE login = 'clerk'").fetchone()[0]]
    for login, name in CLERKS[1:]:
        clerks.append(raw.execute("INSERT INTO staff (point_id, login, full_name, role, failed_attempts, active) "
                                  "VALUES (?, ?, ?, 'clerk', 0, 1)", (point_id, login, name)).lastrowid)
    manager = raw.execute("INSERT INTO staff (point_id, login, full_name, role, failed_attempts, active) "
                          "VALUES (?, 'boss', 'Кузнецова Ольга', 'manager', 0, 1)", (point_id,)).lastrowid
    year = Year(manager, point_id, clerks)
    cells = _cells(raw, point_id)
    rosters = _shifts(raw, point_id, clerks, rng, year)
    _sessions(raw, point_id, rosters, cells, rng, year)
    _sms(raw, rng, year)
    _outbox_and_returns(raw, point_id, clerks, rng, year)
    raw.execute("COMMIT")
    raw.execute("DELETE FROM sqlite_stat1")  # a counter's cache is never ANALYZEd: plan as the field does
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    return year


def _cells(raw: sqlite3.Connection, point_id: int) -> dict[str, list[int]]:
    rows = [(point_id, f"C{size}{i:04d}", f"{size}-{i // 40:02d}-{i % 40:02d}", size, 4, 1, 0)
            for size, n in SIZES.items() for i in range(n)]
    rows.append((point_id, "CZ0000", "Z-00-00", "XL", 200, 1, 1))
    raw.executemany("INSERT INTO storage_cells (point_id, code, label, size_class, capacity, active, overflow) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    cells: dict[str, list[int]] = {size: [] for size in SIZES}
    for cell_id, size in raw.execute("SELECT id, size_class FROM storage_cells WHERE overflow = 0"):
        cells[size].append(cell_id)
    return cells


def _shifts(raw: sqlite3.Connection, point_id: int, clerks: list[int], rng: random.Random,
            year: Year) -> dict[int, list[int]]:
    """Per day back from today (0 = today): 3–5 clerks on a 10:00–21:00 shift (07:00–18:00 UTC, give or take)."""
    rosters, rows = {}, []
    for day in range(365, -1, -1):
        base = TODAY_UTC - timedelta(days=day)
        rosters[day] = rng.sample(clerks, rng.randint(3, 5))
        for clerk in rosters[day]:
            opened = base + timedelta(hours=6, minutes=rng.randrange(45, 75))
            closed = None if day == 0 else base + timedelta(hours=18, minutes=rng.randrange(0, 15))
            rows.append((point_id, clerk, ts(opened), ts(closed) if closed else None, clerk if closed else None))
    raw.executemany("INSERT INTO shifts (point_id, staff_id, opened_at, closed_at, closed_by) VALUES (?, ?, ?, ?, ?)",
                    rows)
    year.shift_ids = [r[0] for r in raw.execute("SELECT id FROM shifts ORDER BY id")]
    year.counts["shifts"] = len(rows)
    return rosters


def _session_times() -> list[tuple[int, datetime]]:
    """(day back, opened) of every session, oldest first: 05:00 and 11:00 UTC, today's morning one still open."""
    times = []
    for day in range(364, -1, -1):
        for hour in (5, 11):
            opened = TODAY_UTC - timedelta(days=day) + timedelta(hours=hour)
            if opened < NOW:
                times.append((day, opened))
    return times


def _sessions(raw: sqlite3.Connection, point_id: int, rosters: dict[int, list[int]], cells: dict[str, list[int]],
              rng: random.Random, year: Year) -> None:
    """Sessions, shipments, scans, the orders' and boxes' fates, handovers and payments."""
    orders = raw.execute("SELECT id, number FROM orders WHERE status != 'in_transit' ORDER BY id").fetchall()
    boxes: dict[int, list[tuple[int, str, str]]] = {}
    for box_id, order_id, barcode, size in raw.execute(
            "SELECT b.id, b.order_id, b.barcode, b.size_class FROM boxes b JOIN orders o ON o.id = b.order_id "
            "WHERE o.status != 'in_transit' ORDER BY b.id"):
        boxes.setdefault(order_id, []).append((box_id, barcode, size))
    times = _session_times()
    per = len(orders) / len(times)
    out = _Out()
    for k, (day, opened) in enumerate(times):
        chunk = orders[round(k * per):round((k + 1) * per)]
        _one_session(raw, point_id, k, day, opened, chunk, boxes, rosters, cells, rng, out, year)
    out.flush(raw)
    year.counts.update(sessions=len(times), scans=out.n_scans, handovers=out.n_handovers)


@dataclass
class _Out:
    scans: list[tuple[Any, ...]] = field(default_factory=list)
    boxes: list[tuple[Any, ...]] = field(default_factory=list)
    orders: list[tuple[Any, ...]] = field(default_factory=list)
    handovers: list[tuple[Any, ...]] = field(default_factory=list)
    fates: list[tuple[str, int]] = field(default_factory=list)  # (box status, box id) of boxes gone from here
    n_scans: int = 0
    n_handovers: int = 0

    def flush(self, raw: sqlite3.Connection) -> None:
        raw.executemany("INSERT INTO receiving_scans (session_id, barcode, box_id, outcome, staff_id, scanned_at, "
                        "undone) VALUES (?, ?, ?, ?, ?, ?, ?)", self.scans)
        raw.executemany("UPDATE boxes SET shipment_id = ?, status = ?, received_at = ?, placed_at = ?, cell_id = ?, "
                        "damaged = ?, damage_note = ? WHERE id = ?", self.boxes)
        raw.executemany("UPDATE boxes SET status = ?, cell_id = NULL WHERE id = ?", self.fates)  # as handover does
        raw.executemany("UPDATE orders SET status = ?, created_at = ?, arrived_at = ?, ready_at = ?, "
                        "storage_until = ?, handed_over_at = ?, returned_at = ? WHERE id = ?", self.orders)
        for handover in self.handovers:
            cur = raw.execute("INSERT INTO handovers (uid, order_id, staff_id, status, started_at, verified_by, "
                              "scanned_boxes, completed_at) VALUES (?, ?, ?, 'completed', ?, 'code', '[]', ?)",
                              handover[:5])
            if handover[5]:
                raw.execute("INSERT INTO payments (order_id, handover_id, method, due_kopecks, tendered_kopecks, "
                            "change_kopecks, staff_id, paid_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                            (handover[1], cur.lastrowid, handover[5], handover[6], handover[6], handover[2],
                             handover[4]))
        self.n_scans += len(self.scans)
        self.n_handovers += len(self.handovers)
        self.scans, self.boxes, self.orders, self.handovers, self.fates = [], [], [], [], []


def _one_session(raw: sqlite3.Connection, point_id: int, k: int, day: int, opened: datetime, chunk: list[Any],
                 boxes: dict[int, list[tuple[int, str, str]]], rosters: dict[int, list[int]],
                 cells: dict[str, list[int]], rng: random.Random, out: _Out, year: Year) -> None:
    clerk = rng.choice(rosters[day])
    is_open = day == 0 and opened.hour == 5
    ship = raw.execute("INSERT INTO shipments (number, point_id, status, carrier) VALUES (?, ?, ?, 'Деловые линии')",
                       (f"W{k:05d}", point_id, "receiving" if is_open else "received")).lastrowid
    uid = str(uuid.uuid4())
    year.session_uids.append(uid)
    session_id = raw.execute("INSERT INTO receiving_sessions (uid, point_id, shipment_id, opened_by, opened_at, "
                             "status) VALUES (?, ?, ?, ?, ?, ?)",
                             (uid, point_id, ship, clerk, ts(opened), "open" if is_open else "closed")).lastrowid
    at = opened + timedelta(minutes=2)
    received = 0
    unplaced_orders: set[int] = set()
    all_boxes = [(o, b) for o in chunk for b in boxes[o[0]]]
    missing = rng.choice((0, 0, 0, 1, 2)) if not is_open else 0
    for i, ((order_id, _number), (box_id, barcode, size)) in enumerate(all_boxes):
        at += timedelta(seconds=rng.randrange(6, 16))
        if i < missing:  # never came: the box stays expected
            out.boxes.append((ship, "expected", None, None, None, 0, None, box_id))
            continue
        out.scans.append((session_id, barcode, box_id, "received", clerk, ts(at), 0))
        if rng.random() < 0.01:
            out.scans.append((session_id, barcode, box_id, "repeat", clerk, ts(at), 1))
        received += 1
        broken = rng.random() < 0.003
        unplaced = (is_open and i >= len(all_boxes) - 40) or (day == 3 and opened.hour == 11 and i < 6)
        if unplaced:
            unplaced_orders.add(order_id)
        placed = None if unplaced else at + timedelta(minutes=rng.randrange(10, 120))
        out.boxes.append((ship, "received" if unplaced else "placed", ts(at), ts(placed) if placed else None,
                          None if unplaced else rng.choice(cells[size]), int(broken), "вмятина" if broken else None,
                          box_id))
    surplus = [f"B9999{k:05d}{j:02d}" for j in range(rng.choice((0, 0, 0, 1)))]
    for barcode in surplus:
        out.scans.append((session_id, barcode, None, "surplus", clerk, ts(at), 0))
    _fates(chunk, boxes, opened, day, rosters, rng, out, unplaced_orders)
    closed = at + timedelta(minutes=rng.randrange(3, 20))
    summary = None if is_open else json.dumps(_summary(uid, f"W{k:05d}", opened, closed, len(all_boxes),
                                                       received, all_boxes[:missing], surplus), ensure_ascii=False)
    raw.execute("UPDATE receiving_sessions SET closed_by = ?, closed_at = ?, summary = ?, n_expected = ?, "
                "n_received = ?, n_missing = ?, n_surplus = ? WHERE id = ?",
                (None if is_open else clerk, None if is_open else ts(closed), summary, len(all_boxes), received,
                 missing, len(surplus), session_id))
    if len(out.scans) > 50_000:
        out.flush(raw)


def _summary(uid: str, shipment: str, opened: datetime, closed: datetime, expected: int, received: int,
             missing: list[Any], surplus: list[str]) -> dict[str, Any]:
    return {"session": uid, "shipment": shipment, "point": "0042", "opened_at": opened.isoformat(),
            "closed_at": closed.isoformat(), "opened_by": CLERKS[0][1], "closed_by": CLERKS[0][1],
            "staff": [CLERKS[0][1]],
            "counts": {"expected": expected, "received": received, "missing": len(missing), "surplus": len(surplus),
                       "foreign": 0, "cancelled": 0, "other_shipment": 0, "elsewhere": 0},
            "missing": [{"box": b[1], "order": o[1], "box_no": "1 из 1"} for o, b in missing],
            "surplus": surplus, "foreign": [], "cancelled": [], "damaged": [], "other_shipment": [], "elsewhere": []}


def _fates(chunk: list[Any], boxes: dict[int, list[tuple[int, str, str]]], arrived: datetime, day: int,
           rosters: dict[int, list[int]], rng: random.Random, out: _Out, unplaced: set[int]) -> None:
    """Each order of the session: still on the shelf (recent), collected, or returned after its storage ran out."""
    ready_at = arrived + timedelta(hours=1)
    until = ready_at + timedelta(days=7)
    for order_id, _number in chunk:
        stays = order_id in unplaced or rng.random() < (0.85 - 0.11 * day if day < 7 else 0.03 if day < 10 else 0)
        fate = "ready" if stays else "returned" if rng.random() < 0.05 else "handed_over"
        handed = returned = None
        if fate == "handed_over":
            after = rng.randrange(0, min(7, max(day, 1)))
            handed = (TODAY_UTC - timedelta(days=day - after)) + timedelta(hours=7, minutes=rng.randrange(660))
            handed = min(max(handed, ready_at + timedelta(minutes=30)), NOW - timedelta(minutes=5))
            staff = rng.choice(rosters[max(0, (TODAY_UTC - handed.replace(hour=0, minute=0, second=0,
                                                                           microsecond=0)).days)])
            method = rng.choices((None, "cash", "card"), weights=(85, 8, 7))[0]
            out.handovers.append((str(uuid.uuid4()), order_id, staff, ts(handed - timedelta(minutes=2)), ts(handed),
                                  method, rng.randrange(50_000, 9_000_000)))
        elif fate == "returned":
            returned = until + timedelta(days=1)
        out.orders.append((fate, ts(arrived - timedelta(days=3)), ts(arrived), ts(ready_at), ts(until),
                           ts(handed) if handed else None, ts(returned) if returned else None, order_id))
        if fate != "ready":
            status = "handed_over" if fate == "handed_over" else "returned"
            out.fates.extend((status, box_id) for box_id, _barcode, _size in boxes[order_id])


def _sms(raw: sqlite3.Connection, rng: random.Random, year: Year) -> None:
    """The «ready» SMS of every order that became ready (a retry after a failure), reminders after 3 days."""
    rows = []
    for order_id, ready_at, status in raw.execute("SELECT id, ready_at, status FROM orders "
                                                  "WHERE ready_at IS NOT NULL").fetchall():
        at = datetime.fromisoformat(ready_at).replace(tzinfo=UTC) + timedelta(minutes=1)
        outcome = rng.choices(("delivered", "accepted", "failed", "unknown"), weights=(92, 3, 2.5, 2.5))[0]
        if at > NOW - timedelta(minutes=30):
            outcome = "accepted"
        rows.append((str(uuid.uuid4()), order_id, "ready", 1, outcome, ts(at), ts(at + timedelta(minutes=2)),
                     "gateway timeout" if outcome == "failed" else None))
        if outcome == "failed" and rng.random() < 0.7:
            rows.append((str(uuid.uuid4()), order_id, "ready", 2, "delivered", ts(at + timedelta(minutes=15)),
                         ts(at + timedelta(minutes=16)), None))
        if status == "ready" and at < NOW - timedelta(days=3):
            later = at + timedelta(days=3)
            rows.append((str(uuid.uuid4()), order_id, "reminder", 1, "delivered", ts(later), ts(later), None))
    raw.executemany("INSERT INTO sms_messages (uid, order_id, purpose, attempt, status, requested_at, updated_at, "
                    "error, timeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]')", rows)
    year.counts["sms"] = len(rows)


def _outbox_and_returns(raw: sqlite3.Connection, point_id: int, clerks: list[int], rng: random.Random,
                        year: Year) -> None:
    """A year of applied events (20 a day), a few refused; weekly return sessions; five locked orders."""
    events = []
    for seq in range(1, 7301):
        at = NOW - timedelta(minutes=72 * (7301 - seq))
        status = "rejected" if seq % 400 == 0 else "conflict" if seq % 650 == 0 else "applied"
        payload = json.dumps({"order": f"{500_000_000 + seq:09d}"})
        events.append((str(uuid.uuid4()), seq, "order.handed_over", 1, payload, ts(at), status,
                       "order_not_ready" if status != "applied" else None))
    raw.executemany("INSERT INTO outbox (event_id, device_seq, type, schema_v, payload, occurred_at, status, reason) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)
    returned = raw.execute("SELECT b.id, b.order_id, o.returned_at FROM boxes b JOIN orders o ON o.id = b.order_id "
                           "WHERE b.status = 'returned' ORDER BY o.returned_at").fetchall()
    for week in range(53):
        opened = NOW - timedelta(days=7 * week, hours=2)
        uid = str(uuid.uuid4())
        still_open = week == 0
        session_id = raw.execute("INSERT INTO return_sessions (uid, point_id, opened_by, opened_at, closed_at, "
                                 "status) VALUES (?, ?, ?, ?, ?, ?)",
                                 (uid, point_id, rng.choice(clerks), ts(opened),
                                  None if still_open else ts(opened + timedelta(minutes=40)),
                                  "open" if still_open else "closed")).lastrowid
        batch = returned[week * 20:(week + 1) * 20]
        raw.executemany("INSERT INTO return_items (session_id, order_id, box_id, reason, scanned_at) "
                        "VALUES (?, ?, ?, 'expired', ?)", [(session_id, o, b, ts(opened)) for b, o, _ in batch])
    raw.execute("UPDATE orders SET locked_at = ready_at, code_failed_attempts = 5 WHERE id IN "
                "(SELECT id FROM orders WHERE status = 'ready' ORDER BY id LIMIT 5)")
    year.counts["outbox"] = len(events)
