"""Money at the counter: the bonus account, paying with points and gift certificates, selling certificates.

`model` holds the values the pages read; `bonus` the balance and the point's money settings; `certificates`
and `pin_guard` a certificate's state, balance and PIN; `tenders` the payment rules; `certificate_service` the
certificate sale. The handover's payment lives in desktop/services/handover/payment.py.
"""

from desktop.services.money.certificate_service import CertificateService
from desktop.services.money.model import (
    BonusBalance,
    CertificateSale,
    CertificateView,
    LedgerEntryView,
    PaymentOptions,
    TenderInput,
)

__all__ = [
    "BonusBalance",
    "CertificateSale",
    "CertificateService",
    "CertificateView",
    "LedgerEntryView",
    "PaymentOptions",
    "TenderInput",
]
