"""Service dispatch session: open (or resume), scan service box labels out, undo the last scan, close into the act.

Like the return session, one session is open per point at a time and survives a restart (the rows are the
state). The claims leave the point when the act is signed: closing emits `claim.dispatched` for every label
still in the session, then `service.closed`, in one transaction; a scan or its undo before that is only this
counter's (journalled), so an undone scan never reaches the server.
"""

from __future__ import annotations

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from desktop import messages
from desktop.db.claim_models import Claim, ServiceDispatch, ServiceDispatchItem
from desktop.db.models import PickupPoint, SessionStatus, Shift, Staff
from desktop.documents.claims import DispatchActLine, ServiceDispatchAct
from desktop.documents.model import PointInfo, SessionHeader
from desktop.labels.content import SERVICE_LABEL
from desktop.services.base import Action, Actor, new_uid
from desktop.services.warranty.model import DispatchScan, OpenDispatch, PendingDispatch
from protocol.claims import ClaimStep, next_claim_status
from protocol.errors import DomainError
from protocol.events import ClaimDispatched, ServiceDispatchClosed, ServiceDispatchOpened

messages.register(
    {
        "service.bad_label": "«{label}» — это не этикетка изделия для сервиса (SL и номер заявки). "
        "Отсканируйте этикетку на коробке изделия.",
        "service.unknown_label": "Этикетка {label} не найдена: в этом пункте нет принятого изделия с такой "
        "этикеткой. Проверьте коробку.",
        "service.in_other_session": "Изделие по заявке {claim} уже отсканировано в другой отправке в сервис.",
        "service.session_not_found": "Отправка в сервис {session} не найдена. Начните отправку заново.",
        "service.session_closed": "Отправка в сервис {session} уже закрыта. Начните новую отправку.",
        "service.nothing_to_undo": "В этой отправке нечего отменять: ни одно изделие ещё не отсканировано.",
    }
)


def current_dispatch(s: Session, point: PickupPoint) -> OpenDispatch | None:
    """The point's open dispatch session with its scans (after a restart too); None when none is open."""
    found = s.scalars(
        select(ServiceDispatch)
        .where(ServiceDispatch.point_id == point.id, ServiceDispatch.status == SessionStatus.OPEN)
        .order_by(ServiceDispatch.id)
    ).first()
    if found is None:
        return None
    opener = s.get(Staff, found.opened_by)
    scans = tuple(_scan_of(s, item) for item in _items(s, found.id))
    return OpenDispatch(found.uid, found.opened_at, opener.full_name if opener else "", scans)


def pending_dispatches(s: Session, actor: Actor) -> list[PendingDispatch]:
    """The open dispatch session this clerk's shift close must settle: their own, or one whose opener has no
    open shift (the rule of receiving and return sessions)."""
    opener_on_shift = exists().where(Shift.staff_id == ServiceDispatch.opened_by, Shift.closed_at.is_(None))
    items = (select(func.count()).select_from(ServiceDispatchItem)
             .where(ServiceDispatchItem.session_id == ServiceDispatch.id, ServiceDispatchItem.undone.is_(False))
             .correlate(ServiceDispatch).scalar_subquery())
    rows = s.execute(
        select(ServiceDispatch.uid, ServiceDispatch.opened_at, Staff.full_name, items.label("items"))
        .join(Staff, Staff.id == ServiceDispatch.opened_by)
        .where(ServiceDispatch.status == SessionStatus.OPEN, ServiceDispatch.point_id == actor.point_id,
               or_(ServiceDispatch.opened_by == actor.staff_id, ~opener_on_shift))
        .order_by(ServiceDispatch.id)
    ).all()
    return [PendingDispatch(r.uid, r.opened_at, r.full_name, int(r.items or 0)) for r in rows]


def _items(s: Session, session_id: int) -> list[ServiceDispatchItem]:
    return list(s.scalars(
        select(ServiceDispatchItem)
        .where(ServiceDispatchItem.session_id == session_id, ServiceDispatchItem.undone.is_(False))
        .order_by(ServiceDispatchItem.seq)
    ))


def _scan_of(s: Session, item: ServiceDispatchItem, undone: bool = False, repeat: bool = False) -> DispatchScan:
    claim = s.get(Claim, item.claim_id)
    assert claim is not None  # a foreign key
    return DispatchScan(claim.number, item.label, claim.product, claim.order_number, undone, repeat)


def open_dispatch(act: Action, point: PickupPoint, actor: Actor) -> str:
    """A new dispatch session, or the one still open (never two at once); returns its uid."""
    still_open = current_dispatch(act.session, point)
    if still_open is not None:
        act.audit("service.resumed", still_open.uid)
        return still_open.uid
    uid = new_uid()
    act.session.add(ServiceDispatch(uid=uid, point_id=point.id, opened_by=actor.staff_id, opened_at=act.now))
    act.emit(ServiceDispatchOpened(session=uid))
    act.audit("service.opened", uid)
    return uid


def open_by_uid(s: Session, uid: str) -> ServiceDispatch:
    found = s.scalars(select(ServiceDispatch).where(ServiceDispatch.uid == uid)).first()
    if found is None:
        raise DomainError("service.session_not_found", session=uid)
    if found.status != SessionStatus.OPEN:
        raise DomainError("service.session_closed", session=uid)
    return found


def scan_out(act: Action, point: PickupPoint, uid: str, scanned: str) -> DispatchScan:
    """One service label into the session (a repeat scan in this session changes nothing)."""
    session = open_by_uid(act.session, uid)
    claim = _claim_of_label(act.session, point, scanned)
    held = act.session.scalars(select(ServiceDispatchItem).where(
        ServiceDispatchItem.claim_id == claim.id, ServiceDispatchItem.undone.is_(False))).first()
    if held is not None and held.session_id == session.id:
        return _scan_of(act.session, held, repeat=True)
    if held is not None and _is_open(act.session, held.session_id):
        raise DomainError("service.in_other_session", claim=claim.number)
    next_claim_status(claim.number, claim.status, ClaimStep.DISPATCH)  # only an accepted item goes
    seq = (act.session.scalar(select(func.max(ServiceDispatchItem.seq))
                              .where(ServiceDispatchItem.session_id == session.id)) or 0) + 1
    assert act.actor is not None and claim.label is not None
    item = ServiceDispatchItem(session_id=session.id, claim_id=claim.id, label=claim.label, seq=seq,
                               staff_id=act.actor.staff_id, scanned_at=act.now)
    act.session.add(item)
    act.audit("service.scanned", claim.number, session=uid, label=claim.label)
    return _scan_of(act.session, item)


def _is_open(s: Session, session_id: int) -> bool:
    return s.scalar(select(ServiceDispatch.status).where(ServiceDispatch.id == session_id)) == SessionStatus.OPEN


def _claim_of_label(s: Session, point: PickupPoint, scanned: str) -> Claim:
    label = (scanned or "").strip().upper()
    if SERVICE_LABEL.fullmatch(label) is None:
        raise DomainError("service.bad_label", label=label[:24])
    claim = s.scalars(select(Claim).where(Claim.label == label)).first()
    if claim is None or claim.point_id != point.id:
        raise DomainError("service.unknown_label", label=label)
    return claim


def undo_last(act: Action, uid: str) -> DispatchScan:
    """Take the last scanned label back out of the session (the item stays at the point, accepted)."""
    session = open_by_uid(act.session, uid)
    items = _items(act.session, session.id)
    if not items:
        raise DomainError("service.nothing_to_undo")
    last = items[-1]
    last.undone = True
    scan = _scan_of(act.session, last, undone=True)
    act.audit("service.undone", scan.claim, session=uid, label=last.label)
    return scan


def close_dispatch(act: Action, point: PickupPoint, uid: str, closer: Actor) -> ServiceDispatchAct:
    """The items leave: each claim is sent (event per claim), the session is closed with its act."""
    session = open_by_uid(act.session, uid)
    lines = []
    for item in _items(act.session, session.id):
        claim = act.session.get(Claim, item.claim_id)
        assert claim is not None
        claim.status = next_claim_status(claim.number, claim.status, ClaimStep.DISPATCH)
        claim.updated_at = act.now
        act.emit(ClaimDispatched(session=uid, claim=claim.number, label=item.label))
        act.audit("claim.dispatched", claim.number, session=uid, label=item.label)
        lines.append(DispatchActLine(claim.number, item.label, claim.order_number, claim.product, claim.serial or ""))
    opener = act.session.get(Staff, session.opened_by)
    header = SessionHeader(uid, PointInfo(point.code, point.name, point.address, point.timezone), session.opened_at,
                           act.now, opener.full_name if opener else "", closer.full_name)
    result = ServiceDispatchAct(header, tuple(lines))
    session.status, session.closed_at, session.act = SessionStatus.CLOSED, act.now, result.as_dict()
    act.emit(ServiceDispatchClosed(session=uid, act=result.event_act()))
    act.audit("service.closed", uid, claims=len(lines))
    return result
