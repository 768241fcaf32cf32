"""CertificateService: look a gift certificate up, and sell one at the counter (receipt first, then the sale).

A sale made here is `pending` until the server confirms it (`certificate.upsert` active + its `certificate.entry`):
the certificate cannot be spent before. The sale's receipt (an advance, money tenders only) is issued before the
sale is recorded, idempotent by `certificate:{number}`, so a crash in between prints nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from desktop.db.engine import Database
from desktop.db.models import BonusStatus, Payment
from desktop.db.money_models import Certificate, CertificateEntry
from desktop.fiscal.drafts import certificate_sale_draft
from desktop.fiscal.service import FiscalService
from desktop.services.base import Action, Actor, Clock, Role, Service, new_uid, require_role, utc_now
from desktop.services.money.certificates import certificate_number, certificate_view, find_certificate, status_text
from desktop.services.money.model import CertificateSale, CertificateView, TenderInput
from desktop.services.money.register import fiscal_service
from desktop.services.money.tenders import tender_lines
from desktop.translatable import QT_TRANSLATE_NOOP
from protocol.errors import DomainError
from protocol.events import CertificateSold
from protocol.money import rub
from protocol.money_rules import (
    CERTIFICATE_FACES,
    CERTIFICATE_VALID_DAYS,
    MONEY_TENDERS,
    CertificateStatus,
    TenderLine,
)

SELL = QT_TRANSLATE_NOOP("Actions", "продажа подарочного сертификата")
LOOK_UP = QT_TRANSLATE_NOOP("Actions", "проверка подарочного сертификата")
SALE = "sale"


class CertificateService(Service):
    """Gift certificates at the counter."""

    def __init__(self, db: Database, clock: Clock = utc_now, fiscal: FiscalService | None = None) -> None:
        super().__init__(db, clock)
        self.fiscal = fiscal_service(db, clock, fiscal)

    def lookup(self, actor: Actor | None, number: str) -> CertificateView:
        """The certificate's state, balance and what may be spent of it on this PC."""
        require_role(actor, Role.CLERK, LOOK_UP)
        number = certificate_number(number)
        with self.reading() as s:
            return certificate_view(s, find_certificate(s, number), self.clock())

    def sell(self, actor: Actor | None, number: str, face_kopecks: int,
             tenders: Sequence[TenderInput]) -> CertificateSale:
        """Sell a stock certificate for its face value (cash and/or card): receipt, then the pending sale."""
        actor = require_role(actor, Role.CLERK, SELL)
        number = certificate_number(number)
        with self.reading() as s:
            _require_for_sale(find_certificate(s, number), face_kopecks)
        lines = _sale_tenders(face_kopecks, tenders)
        draft = certificate_sale_draft(number, face_kopecks, lines, actor.full_name)
        receipt = self.fiscal.issue(actor, draft, f"certificate:{number}")
        with self.action(actor) as act:
            certificate = find_certificate(act.session, number)
            _require_for_sale(certificate, face_kopecks)
            sale = _record_sale(act, certificate, face_kopecks, lines, receipt.uuid)
            view = certificate_view(act.session, certificate, act.now)
        return CertificateSale(view, sale, receipt)


def _require_for_sale(certificate: Certificate, face: int) -> None:
    if certificate.status != CertificateStatus.STOCK:
        raise DomainError("money.certificate_not_for_sale", number=certificate.number,
                          status=status_text(certificate.status))
    if certificate.face_kopecks is not None and certificate.face_kopecks != face:
        raise DomainError("money.face_mismatch", number=certificate.number, face=rub(certificate.face_kopecks))
    if face not in CERTIFICATE_FACES:
        raise DomainError("money.bad_face", face=rub(face) if isinstance(face, int) else str(face),
                          allowed=", ".join(rub(f) for f in CERTIFICATE_FACES))


def _sale_tenders(face: int, given: Sequence[TenderInput]) -> list[TenderLine]:
    if any(t.kind not in MONEY_TENDERS for t in given):
        raise DomainError("money.sale_money_only")
    return tender_lines(face, given, 0)


def _record_sale(act: Action, certificate: Certificate, face: int, lines: Sequence[TenderLine], receipt: str) -> str:
    sale = new_uid()
    tenders = [{"kind": t.kind.value, "amount": t.amount} | ({"tendered": t.tendered, "change": t.change}
                                                           if t.kind.value == "cash" else {}) for t in lines]
    event_id = act.emit(CertificateSold(sale=sale, certificate=certificate.number, amount=face,
                                        payment={"due": face, "tenders": tenders, "receipt": receipt}))
    certificate.status, certificate.face_kopecks = CertificateStatus.PENDING, face
    certificate.expires_at, certificate.updated_at = act.now + timedelta(days=CERTIFICATE_VALID_DAYS), act.now
    act.session.add(CertificateEntry(certificate=certificate.number, reason=SALE, amount_kopecks=face,
                                     status=BonusStatus.PENDING, event_id=event_id, created_at=act.now))
    assert act.actor is not None  # require_role guarantees it
    for t in lines:  # the shift's cash report counts the sale's money
        act.session.add(Payment(order_id=None, handover_id=None, method=t.kind.value, due_kopecks=t.amount,
                                tendered_kopecks=t.tendered or t.amount, change_kopecks=t.change,
                                staff_id=act.actor.staff_id, paid_at=act.now))
    act.audit("certificate.sold", certificate.number, sale=sale, face=face, receipt=receipt,
              tenders=[t["kind"] for t in tenders])
    return sale
