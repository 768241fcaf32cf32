"""The journal's subjects in words for the manager: what a person reads instead of an internal key.

Entries keep the keys they were written with (the hash chain covers them); only the view names them: a receiving
session by its waybill, a return session by its opening time, a shift by its number, a staff member by the name
(the one name used for a staff member everywhere in the console), the journal and the code-lookup guard in words.
Order numbers, box barcodes and card numbers are what people read already and stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.claim_models import ServiceDispatch
from desktop.db.models import ReceivingSession, ReturnSession, Shift, Shipment, Staff
from desktop.point_time import DAY_TIME, point_time
from desktop.services.staff import shift_key
from desktop.translatable import QT_TRANSLATE_NOOP, translate

SESSION_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHIFT_KEY = re.compile(r"^(?P<login>[^@\s]+)@\d{8}T\d{6}Z$")
FIXED = {
    "journal": QT_TRANSLATE_NOOP("Terms", "журнал действий"),
    "code-lookup": QT_TRANSLATE_NOOP("Terms", "поиск заказа по коду получения"),
}
RECEIVING = QT_TRANSLATE_NOOP("Terms", "приёмка по накладной {0}")
RECEIVING_NO_WAYBILL = QT_TRANSLATE_NOOP("Terms", "приёмка без накладной от {0}")
RETURN = QT_TRANSLATE_NOOP("Terms", "возврат от {0}")
DISPATCH = QT_TRANSLATE_NOOP("Terms", "отправка в сервис от {0}")
SHIFT = QT_TRANSLATE_NOOP("Terms", "смена №{0}")
CHUNK = 500  # keys per IN (…) query


def subject_words(session: Session, subjects: Collection[str], zone: tzinfo) -> dict[str, str]:
    """Words for every subject that is an internal key (sessions, shifts, logins, fixed keys); others are absent."""
    words = {key: translate("Terms", text) for key, text in FIXED.items() if key in subjects}
    uids = sorted(s for s in subjects if SESSION_UID.match(s))
    for start in range(0, len(uids), CHUNK):
        words |= _sessions(session, uids[start:start + CHUNK], zone)
    names: dict[str, str] = {login: name for login, name in session.execute(select(Staff.login, Staff.full_name))}
    words |= {s: names[s] for s in subjects if s in names}
    words |= _shifts(session, [s for s in subjects if SHIFT_KEY.match(s)])
    return words


def _sessions(session: Session, uids: list[str], zone: tzinfo) -> dict[str, str]:
    found = {}
    receiving = (select(ReceivingSession.uid, Shipment.number, ReceivingSession.opened_at)
                 .outerjoin(Shipment, Shipment.id == ReceivingSession.shipment_id)
                 .where(ReceivingSession.uid.in_(uids)))
    for uid, waybill, opened_at in session.execute(receiving):
        text = (translate("Terms", RECEIVING).format(waybill) if waybill
                else translate("Terms", RECEIVING_NO_WAYBILL).format(point_time(opened_at, zone, DAY_TIME)))
        found[uid] = text
    returns = select(ReturnSession.uid, ReturnSession.opened_at).where(ReturnSession.uid.in_(uids))
    for uid, opened_at in session.execute(returns):
        found[uid] = translate("Terms", RETURN).format(point_time(opened_at, zone, DAY_TIME))
    dispatches = select(ServiceDispatch.uid, ServiceDispatch.opened_at).where(ServiceDispatch.uid.in_(uids))
    for uid, opened_at in session.execute(dispatches):
        found[uid] = translate("Terms", DISPATCH).format(point_time(opened_at, zone, DAY_TIME))
    return found


def _shifts(session: Session, keys: list[str]) -> dict[str, str]:
    if not keys:
        return {}
    logins = {match.group("login") for key in keys if (match := SHIFT_KEY.match(key))}
    wanted = set(keys)
    rows = session.execute(select(Shift.id, Staff.login, Shift.opened_at).join(Staff, Staff.id == Shift.staff_id)
                           .where(Staff.login.in_(logins)))
    return {key: translate("Terms", SHIFT).format(shift_id) for shift_id, login, opened_at in rows
            if (key := shift_key(login, opened_at)) in wanted}
