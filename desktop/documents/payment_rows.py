"""The «Оплата» rows of a handover receipt: paid at pickup (each tender of a mixed payment), credit, prepaid."""

from __future__ import annotations

from desktop.documents.model import HandoverReceiptData
from desktop.translatable import QT_TRANSLATE_NOOP, translate
from protocol.money import rub

METHOD_TEXT = {"cash": QT_TRANSLATE_NOOP("Documents", "наличными"), "card": QT_TRANSLATE_NOOP("Documents", "картой")}
TENDER_TEXT = {  # a tender of a mixed payment, one row each
    "cash": QT_TRANSLATE_NOOP("Documents", "Наличными"),
    "card": QT_TRANSLATE_NOOP("Documents", "Картой"),
    "points": QT_TRANSLATE_NOOP("Documents", "Баллами"),
    "certificate": QT_TRANSLATE_NOOP("Documents", "Подарочным сертификатом {0}"),
}


def payment_fields(data: HandoverReceiptData) -> list[tuple[str, str]]:
    if data.payment_method and data.paid_kopecks:
        rows = _paid_rows(data)
    elif data.credit_agreement:
        rows = [(translate("Documents", "Оплата"), translate("Documents", "кредит банка, договор № {0} подписан "
                                                                         "клиентом").format(data.credit_agreement))]
    elif data.prepaid:
        rows = [(translate("Documents", "Оплата"), translate("Documents", "заказ оплачен заранее"))]
    else:
        rows = [(translate("Documents", "Оплата"), translate("Documents", "не требуется"))]
    if data.refund_by_centre_kopecks:
        rows.append((translate("Documents", "Вернёт интернет-магазин за отказ"), rub(data.refund_by_centre_kopecks)))
    if data.bonus_points:
        rows.append((translate("Documents", "Начислено баллов"), str(data.bonus_points)))
    if data.fiscal_document is not None:
        rows.append((translate("Documents", "Кассовый чек"), translate("Documents", "ФД № {0}").format(
            data.fiscal_document)))
    return rows


def _paid_rows(data: HandoverReceiptData) -> list[tuple[str, str]]:
    """The amount paid at pickup, then each tender of a mixed payment (points, certificates, card, cash)."""
    how = translate("Documents", METHOD_TEXT[data.payment_method]) if data.payment_method in METHOD_TEXT else ""
    rows = [(translate("Documents", "Оплачено при получении"), f"{rub(data.paid_kopecks)} {how}".rstrip())]
    if len(data.tenders) > 1:
        rows += [(translate("Documents", TENDER_TEXT.get(kind, kind)).format(certificate or ""), rub(amount))
                 for kind, amount, certificate in data.tenders]
    if any(kind == "cash" for kind, _, _ in data.tenders) or (not data.tenders and data.payment_method == "cash"):
        rows += [
            (translate("Documents", "Получено наличными"), rub(data.tendered_kopecks)),
            (translate("Documents", "Сдача"), rub(data.change_kopecks)),
        ]
    return rows
