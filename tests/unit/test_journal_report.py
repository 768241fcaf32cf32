"""The manager's journal report: the period's entries in words, the check naming the first broken entry, the
anchor kept on the server catching deleted newest entries, and the clerk refused inside the service."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from sqlalchemy import delete, func, select, text

from desktop import journal
from desktop.db.models import AuditEntry, PickupPoint, ReceivingSession, ReturnSession, Shift, SyncState
from desktop.errors import AccessDenied
from desktop.journal import ANCHOR_KEY, JournalHead
from desktop.services.base import Role, Service
from desktop.services.manager.journal_report import JournalReportService, details_text
from desktop.services.manager.report import ColumnKind, Period
from desktop.services.staff import shift_key
from desktop.sync.anchor import anchor_journal
from tests.integration.fakes import FakeBackend, FakeClient
from tests.integration.shapes import point_dict
from tests.support.clock import FakeClock
from tests.support.factories import actor_for, make_point, make_shipment, make_staff

# The point is in Moscow (UTC+3): 22:30 UTC on 1 March is already 2 March on the point's clock.
MOMENTS = [datetime(2026, 3, 1, 20, 0, tzinfo=UTC), datetime(2026, 3, 1, 22, 30, tzinfo=UTC),
           datetime(2026, 3, 2, 10, 0, tzinfo=UTC), datetime(2026, 3, 2, 21, 5, tzinfo=UTC)]
ACTIONS = ["receiving.scan", "cell.place", "handover.completed", "order.unlocked"]


@pytest.fixture
def world(db):
    with db.write() as s:
        point = make_point(s, timezone="Europe/Moscow")
        clerk = actor_for(make_staff(s, point, Role.CLERK, login="kassir", full_name="Смирнова Анна"))
        manager = actor_for(make_staff(s, point, Role.MANAGER, login="boss", full_name="Кузнецова Ольга"))
    clock = FakeClock()
    for i, (moment, action) in enumerate(zip(MOMENTS, ACTIONS, strict=True)):
        clock.now = moment
        with Service(db, clock).action(clerk if i < 3 else None) as act:
            act.audit(action, f"10000000{i}", box="B1", n=i)
    clock.now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    return {"clerk": clerk, "manager": manager, "service": JournalReportService(db, clock)}


def test_the_periods_entries_in_words_on_the_points_days(world):
    report = world["service"].entries(world["manager"], Period(date(2026, 3, 2), date(2026, 3, 2)))
    assert [c.kind for c in report.columns] == [ColumnKind.COUNT, ColumnKind.MOMENT] + [ColumnKind.TEXT] * 4
    assert [c.header for c in report.columns] == ["№", "Когда", "Сотрудник", "Действие", "Предмет", "Подробности"]
    assert [row.values for row in report.rows] == [
        (2, datetime(2026, 3, 1, 22, 30, tzinfo=UTC), "Смирнова Анна", "коробка размещена", "100000001",
         "коробка: B1; n: 1"),
        (3, datetime(2026, 3, 2, 10, 0, tzinfo=UTC), "Смирнова Анна", "заказ выдан", "100000002",
         "коробка: B1; n: 2"),
    ]
    whole = world["service"].entries(world["manager"], Period(date(2026, 3, 1), date(2026, 3, 3)))
    assert [row.values[0] for row in whole.rows] == [1, 2, 3, 4]
    assert whole.rows[3].values[2:4] == ("", "заказ разблокирован")  # no staff member: the system


def test_internal_keys_in_the_subject_read_as_what_they_name(db, world):
    """A session uid, a shift key, a login and the journal itself are shown as a person names them."""
    with db.write() as s:
        point = s.scalars(select(PickupPoint)).one()
        clerk_id = world["clerk"].staff_id
        waybill = make_shipment(s, point, "WB-7731")
        opened = datetime(2026, 3, 4, 7, 5, tzinfo=UTC)
        s.add_all([ReceivingSession(uid=str(uuid4()), point_id=point.id, shipment_id=waybill.id, opened_by=clerk_id,
                                    opened_at=opened),
                   ReceivingSession(uid=str(uuid4()), point_id=point.id, opened_by=clerk_id, opened_at=opened),
                   ReturnSession(uid=str(uuid4()), point_id=point.id, opened_by=clerk_id, opened_at=opened),
                   Shift(point_id=point.id, staff_id=clerk_id, opened_at=opened)])
        s.flush()
        uids = [r.uid for r in s.scalars(select(ReceivingSession).order_by(ReceivingSession.id))]
        uids.append(s.scalars(select(ReturnSession.uid)).one())
        shift = s.scalars(select(Shift)).one()
        keys = [*uids, shift_key("kassir", opened), "kassir", "journal", "100000009"]
        shift_id = shift.id
    for key in keys:
        with Service(db, FakeClock(datetime(2026, 3, 4, 8, 0, tzinfo=UTC))).action(world["clerk"]) as act:
            act.audit("receiving.open", key)
    report = world["service"].entries(world["manager"], Period(date(2026, 3, 4), date(2026, 3, 4)))
    assert [row.values[4] for row in report.rows] == [
        "приёмка по накладной WB-7731", "приёмка без накладной от 04.03 10:05", "возврат от 04.03 10:05",
        f"смена №{shift_id}", "Смирнова Анна", "журнал действий", "100000009"]


def test_details_read_in_words_keys_values_uids_and_money():
    details = ('{"handover":"3f2a9c1e-0b7d-4c55-9a0e-1d2c3b4a5f60","attempts":2,"method":"cash","due":150050,'
               '"kept_box":null,"by":"qr","doc_type":"passport_rf","reason":"defect","outcome":"surplus","fresh":true}')
    assert details_text(details) == (
        "выдача: 3f2a9c1e; попыток: 2; способ: наличные; к оплате: 1\u202f500,50 ₽; чем подтверждено: QR-код; "
        "документ: Паспорт гражданина РФ; причина: Брак или неисправность; итог: лишняя; fresh: да")


def test_moments_in_details_read_on_the_points_clock():
    from zoneinfo import ZoneInfo

    details = '{"days":3,"until":"2026-12-09T20:59:00+00:00"}'
    assert details_text(details, ZoneInfo("Europe/Moscow")) == "дней: 3; до: 09.12.2026 23:59"
    assert details_text(details, ZoneInfo("Asia/Yekaterinburg")) == "дней: 3; до: 10.12.2026 01:59"


def test_warranty_details_read_in_words():
    details = '{"claims":1,"cover":"paid_repair","label":"SLW0042123456","outcome":"repaired","serial":"SN-1"}'
    assert details_text(details) == (
        "изделий: 1; ремонт: платный ремонт; этикетка: SLW0042123456; итог: отремонтировано; серийный номер: SN-1")


def test_money_and_register_details_read_in_words():
    paid = ('{"method":"mixed","tenders":["points","certificate","cash"],"change":2000,'
            '"receipt":"3f2a9c1e-0b7d-4c55-9a0e-1d2c3b4a5f60"}')
    assert details_text(paid) == ("способ: несколькими способами; способы оплаты: баллы, подарочный сертификат, "
                                  "наличные; сдача: 20,00 ₽; чек: 3f2a9c1e")
    sold = '{"face":500000,"agreement":"KD-2026/000123","kind":"sellReturn","total":150000,"document":3}'
    assert details_text(sold).replace("\u202f", " ") == (
        "номинал: 5 000,00 ₽; кредитный договор: KD-2026/000123; вид: чек возврата прихода; сумма: 1 500,00 ₽; ФД: 3")


def test_details_that_are_not_an_object_stay_as_written():
    assert details_text('{"a": {"b": 1}, "c": "д"}') == 'a: {"b": 1}; c: д'
    assert details_text("[1, 2]") == "[1, 2]" and details_text("not json") == "not json"


def test_a_clerk_is_refused_by_the_service(world):
    with pytest.raises(AccessDenied):
        world["service"].entries(world["clerk"], Period(date(2026, 3, 1), date(2026, 3, 2)))
    with pytest.raises(AccessDenied):
        world["service"].check(world["clerk"])


def test_the_check_names_the_first_changed_entry_and_is_journaled(db, world):
    assert world["service"].check(world["manager"]).chain.ok
    with db.write() as s:
        s.execute(text("UPDATE audit_journal SET subject = 'подмена' WHERE id = 2"))
    check = world["service"].check(world["manager"])
    assert check.chain.first_broken_id == 2 and check.chain.reason == "content" and check.chain.checked == 1
    assert check.broken is not None
    assert (check.broken.number, check.broken.at, check.broken.staff, check.broken.action) == (
        2, datetime(2026, 3, 1, 22, 30, tzinfo=UTC), "Смирнова Анна", "коробка размещена")
    with db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.action == "journal.verified" and '"first_broken":2' in last.details


def _delete_newest(db, n):
    with db.write() as s:
        newest = s.scalars(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(n)).all()
        s.execute(delete(AuditEntry).where(AuditEntry.id.in_(newest)))


@pytest.fixture
def backend():
    return FakeBackend(point_dict())


def test_deleting_the_newest_entries_is_caught_by_the_anchor(db, world, backend):
    client = FakeClient(backend)
    assert anchor_journal(db, client) == "anchored"
    assert backend.journal_head["sequence"] == 4
    assert anchor_journal(db, client) == "unchanged"
    _delete_newest(db, 2)
    with db.write() as s:  # the tampering also removes the local copy of the anchor
        s.execute(delete(SyncState).where(SyncState.key == ANCHOR_KEY))
    period = Period(date(2026, 3, 1), date(2026, 3, 3))
    assert world["service"].entries(world["manager"], period).rows[-1].values[0] == 2
    with db.read() as s:
        assert journal.verify_chain(s).ok  # the chain alone cannot see it
    assert anchor_journal(db, client) == "mismatch"  # the server keeps entry 4 and gives it back
    assert backend.journal_head["sequence"] == 4
    check = world["service"].check(world["manager"])
    assert not check.chain.ok and check.chain.first_broken_id is None
    lost = check.chain.anchor_lost
    assert lost is not None and (lost.sequence, lost.count) == (4, 4)
    assert lost.last_at == datetime(2026, 3, 2, 21, 5, tzinfo=UTC)
    # new entries written over the deleted numbers do not hide it either
    assert anchor_journal(db, client) == "mismatch"
    assert world["service"].check(world["manager"]).chain.anchor_lost.sequence == 4


def test_a_growing_journal_moves_the_anchor_with_proof(db, world, backend):
    client = FakeClient(backend)
    anchor_journal(db, client)
    world["service"].check(world["manager"])  # writes entry 5
    assert anchor_journal(db, client) == "anchored"
    assert backend.journal_head["sequence"] == 5 and backend.journal_head["count"] == 5
    with db.read() as s:
        assert journal.stored_anchor(s) == JournalHead(5, 5, journal.head(s).hash, journal.head(s).last_at,
                                                       datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
        assert journal.verify(s).ok
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 5


def test_a_forged_local_anchor_is_replaced_by_the_servers(db, world, backend):
    client = FakeClient(backend)
    anchor_journal(db, client)
    _delete_newest(db, 1)
    with db.write() as s:  # the tampering also rewrites the local anchor to match the cut journal
        journal.store_anchor(s, journal.head(s))
    with db.read() as s:
        assert journal.verify(s).ok
    assert anchor_journal(db, client) == "mismatch"
    assert world["service"].check(world["manager"]).chain.anchor_lost.sequence == 4


def test_a_malformed_local_anchor_counts_as_none(db, world):
    with db.write() as s:
        s.merge(SyncState(key=ANCHOR_KEY, value="{broken"))
    with db.read() as s:
        assert journal.stored_anchor(s) is None and journal.verify(s).ok


def test_a_failed_anchoring_never_blocks_the_pull(db, world, backend, clock):
    from desktop.sync.client import BackendUnavailable
    from desktop.sync.engine import SyncEngine

    backend.fail_next = [BackendUnavailable("sync.link.server_unavailable", status=503)]
    backend.publish("order.cancelled", {"order": "100000001"})
    engine = SyncEngine(db, FakeClient(backend), clock)
    with db.write() as s:
        s.merge(SyncState(key="cursor", value="0"))
    report = engine.sync_once()  # nothing to push: the anchoring meets the 503, the pull still runs
    assert report.pulled == 1 and backend.journal_head is None
    engine.sync_once()
    assert backend.journal_head is not None and backend.journal_head["sequence"] == 4
