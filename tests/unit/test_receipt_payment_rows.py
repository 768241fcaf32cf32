"""The handover receipt's «Оплата» rows: each tender of a mixed payment, the credit agreement, the register's ФД."""

from __future__ import annotations

import dataclasses

from desktop.documents import samples
from desktop.documents.payment_rows import payment_fields


def _rows(**changes) -> dict[str, str]:
    data = dataclasses.replace(samples.receipt(), **changes)
    return {k: v.replace("\u202f", " ") for k, v in payment_fields(data)}


def test_a_mixed_payment_names_each_tender_and_the_cash_handed_over():
    rows = _rows(payment_method="mixed", paid_kopecks=300_000, tendered_kopecks=200_000, change_kopecks=50_000,
                 tenders=(("points", 50_000, None), ("certificate", 100_000, "GC004200000001"),
                          ("cash", 150_000, None)), fiscal_document=17)
    assert rows["Оплачено при получении"] == "3 000,00 ₽"
    assert rows["Баллами"] == "500,00 ₽"
    assert rows["Подарочным сертификатом GC004200000001"] == "1 000,00 ₽"
    assert rows["Наличными"] == "1 500,00 ₽"
    assert rows["Получено наличными"] == "2 000,00 ₽" and rows["Сдача"] == "500,00 ₽"
    assert rows["Кассовый чек"] == "ФД № 17"


def test_a_card_only_payment_has_no_cash_rows():
    rows = _rows(payment_method="card", paid_kopecks=100_000, tenders=(("card", 100_000, None),))
    assert rows["Оплачено при получении"] == "1 000,00 ₽ картой"
    assert "Получено наличными" not in rows and "Картой" not in rows


def test_a_credit_order_shows_its_signed_agreement_and_no_money():
    rows = _rows(payment_method=None, paid_kopecks=0, prepaid=False, credit_agreement="КД-2026/000123")
    assert rows["Оплата"] == "кредит банка, договор № КД-2026/000123 подписан клиентом"
