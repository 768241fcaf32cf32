"""The journal's subjects in words (desktop.services.manager.journal_subjects): every kind of internal key, each
text through the «Terms» catalogue, and many session keys looked up a few at a time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from desktop.db.claim_models import ServiceDispatch
from desktop.db.models import ReceivingSession, ReturnSession, Shift
from desktop.services.base import Role
from desktop.services.manager import journal_subjects
from desktop.services.manager.journal_subjects import subject_words
from desktop.services.staff import shift_key
from tests.support.factories import make_point, make_shipment, make_staff

MOSCOW = ZoneInfo("Europe/Moscow")  # UTC+3
OPENED = datetime(2026, 3, 4, 21, 5, tzinfo=UTC)  # 5 March 00:05 on the point's clock
UIDS = [f"{n:08x}-0000-4000-8000-000000000000" for n in range(6)]


@pytest.fixture
def keys(db):
    """One key of each kind, saved in the cache: receiving with and without a waybill, a return, a dispatch to the
    service centre, a shift, a login."""
    with db.write() as s:
        point = make_point(s, timezone="Europe/Moscow")
        clerk = make_staff(s, point, Role.CLERK, login="kassir", full_name="Смирнова Анна")
        waybill = make_shipment(s, point, "WB-7731")
        s.add_all([
            ReceivingSession(uid=UIDS[0], point_id=point.id, shipment_id=waybill.id, opened_by=clerk.id,
                             opened_at=OPENED),
            ReceivingSession(uid=UIDS[1], point_id=point.id, opened_by=clerk.id, opened_at=OPENED),
            ReturnSession(uid=UIDS[2], point_id=point.id, opened_by=clerk.id, opened_at=OPENED),
            ServiceDispatch(uid=UIDS[3], point_id=point.id, opened_by=clerk.id, opened_at=OPENED),
            Shift(point_id=point.id, staff_id=clerk.id, opened_at=OPENED),
        ])
        s.flush()
        shift_id = s.query(Shift.id).scalar()
    return {"shift": shift_key("kassir", OPENED), "shift_id": shift_id}


def test_every_internal_key_reads_through_the_terms_catalogue(db, keys, tagging_translator):
    subjects = {*UIDS[:4], keys["shift"], "kassir", "journal", "code-lookup", "100000009"}
    with db.read() as s:
        words = subject_words(s, subjects, MOSCOW)
    assert words == {
        UIDS[0]: "[Terms] приёмка по накладной WB-7731",
        UIDS[1]: "[Terms] приёмка без накладной от 05.03 00:05",
        UIDS[2]: "[Terms] возврат от 05.03 00:05",
        UIDS[3]: "[Terms] отправка в сервис от 05.03 00:05",
        keys["shift"]: f"[Terms] смена №{keys['shift_id']}",
        "kassir": "Смирнова Анна",
        "journal": "[Terms] журнал действий",
        "code-lookup": "[Terms] поиск заказа по коду получения",
    }  # an order number is no internal key: it is absent and shown as written


def test_a_dispatch_reads_by_its_opening_on_the_points_clock(db, keys):
    with db.read() as s:
        assert subject_words(s, {UIDS[3]}, ZoneInfo("Asia/Yekaterinburg")) == {
            UIDS[3]: "отправка в сервис от 05.03 02:05"}


def test_many_session_keys_are_looked_up_a_few_at_a_time(db, keys, monkeypatch):
    """Every key gets its words however many there are, and each query names at most CHUNK of them (SQLite limits
    the parameters of one statement), so a month of sessions takes a handful of queries."""
    monkeypatch.setattr(journal_subjects, "CHUNK", 2)
    receiving_queries: list[int] = []

    def count(_conn, _cursor, statement, parameters, _context, _many):
        if "FROM receiving_sessions" in statement:
            receiving_queries.append(len(parameters))

    with db.read() as s:
        event.listen(s.get_bind(), "before_cursor_execute", count)
        try:
            words = subject_words(s, set(UIDS), MOSCOW)
        finally:
            event.remove(s.get_bind(), "before_cursor_execute", count)
    assert set(words) == set(UIDS[:4])  # the two unknown uids are absent
    assert receiving_queries == [2, 2, 2]  # six keys, two per query
