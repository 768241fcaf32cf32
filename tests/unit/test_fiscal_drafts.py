"""Receipt drafts from tenders (54-FZ reading of each way of paying) and the ATOL task JSON built from them."""

from __future__ import annotations

import pytest

from desktop.fiscal.drafts import (
    certificate_sale_draft,
    credit_note,
    discount_lines,
    return_draft,
    sell_draft,
    settlement_draft,
)
from desktop.fiscal.model import ReceiptLine, goods_line
from desktop.fiscal.tasks import receipt_task, task_lines, task_payments, task_total
from protocol.money_rules import Tender, TenderLine

PHONE = goods_line("Смартфон Galaxy A55 8/256", 3_499_000)
CASE = goods_line("Чехол", 99_900, 2)


def _cash(amount: int, tendered: int | None = None) -> TenderLine:
    tendered = tendered or amount
    return TenderLine(Tender.CASH, amount, tendered, tendered - amount)


def test_cash_and_card_are_cash_and_electronically_at_full_price():
    draft = sell_draft([PHONE, CASE], [_cash(1_000_000, 1_000_500), TenderLine(Tender.CARD, 2_698_800)], "Смирнова А.")
    assert draft.kind == "sell"
    assert draft.payments == (("cash", 1_000_500), ("electronically", 2_698_800))  # cash as handed over
    assert [(line.amount, line.method, line.object) for line in draft.lines] == [
        (3_499_000, "fullPayment", "commodity"), (199_800, "fullPayment", "commodity")]
    assert draft.total == 3_698_800
    assert task_payments(receipt_task(draft))[0] == ("cash", 1_000_500)


def test_certificates_are_prepaid_and_several_add_up_to_one_payment():
    tenders = [TenderLine(Tender.CERTIFICATE, 300_000, certificate="GC000000000017"),
               TenderLine(Tender.CERTIFICATE, 100_000, certificate="GC000000000024"), _cash(3_099_000)]
    draft = sell_draft([PHONE], tenders, "Смирнова А.")
    assert draft.payments == (("cash", 3_099_000), ("prepaid", 400_000))


def test_points_are_a_discount_shared_over_the_lines_never_a_payment():
    tenders = [TenderLine(Tender.POINTS, 50_000), _cash(3_648_800)]
    draft = sell_draft([PHONE, CASE], tenders, "Смирнова А.")
    assert [payment for payment, _ in draft.payments] == ["cash"]
    assert sum(line.discount for line in draft.lines) == 50_000
    assert draft.total == 3_648_800
    # In proportion to the lines' amounts: the phone carries almost all of it.
    assert [line.discount for line in draft.lines] == [47_299, 2_701]


def test_a_discount_is_shared_to_the_kopeck_by_largest_remainders():
    lines = [goods_line("A", 100), goods_line("B", 100), goods_line("C", 100)]
    assert [line.amount for line in discount_lines(lines, 100)] == [66, 67, 67]
    with pytest.raises(ValueError):
        discount_lines(lines, 301)


def test_tenders_that_do_not_pay_the_lines_are_a_bug_not_a_receipt():
    with pytest.raises(ValueError, match="tenders pay"):
        sell_draft([PHONE], [_cash(100)], "Смирнова А.")


def test_a_return_gives_back_the_tenders_of_the_refused_lines():
    draft = return_draft([CASE], [TenderLine(Tender.POINTS, 10_000), TenderLine(Tender.CARD, 189_800)], "Смирнова А.",
                         customer_phone="+79161110013")
    assert draft.kind == "sellReturn"
    assert draft.payments == (("electronically", 189_800),)
    assert draft.total == 189_800 and draft.customer_phone == "+79161110013"


def test_settlement_of_a_prepaid_or_credit_order_is_full_payment_against_the_advance():
    discounted = ReceiptLine("Смартфон", 3_499_000, 1, 3_000_000, "advance")
    draft = settlement_draft([discounted, CASE], "Смирнова А.", credit_note("КД-2026/000123"))
    assert draft.payments == (("prepaid", 3_698_800),)
    assert {line.method for line in draft.lines} == {"fullPayment"}
    assert draft.note == "Кредитный договор № КД-2026/000123"


def test_a_certificate_sale_is_an_advance_received_for_money_only():
    draft = certificate_sale_draft("GC000000000031", 500_000, [TenderLine(Tender.CARD, 500_000)], "Смирнова А.")
    (line,) = draft.lines
    assert (line.method, line.object, line.vat, line.amount) == ("advance", "payment", "vat120", 500_000)
    assert "GC000000000031" in line.name
    assert draft.payments == (("electronically", 500_000),)
    with pytest.raises(ValueError):
        certificate_sale_draft("GC000000000031", 500_000, [TenderLine(Tender.POINTS, 500_000)], "Смирнова А.")


def test_the_task_is_the_documented_sell_json_in_roubles():
    tenders = [TenderLine(Tender.POINTS, 50_000), _cash(3_648_800)]
    draft = sell_draft([PHONE, CASE], tenders, "Смирнова А.", customer_phone="+79161110013", note="Заказ 500000001")
    task = receipt_task(draft)
    assert task["type"] == "sell" and task["operator"] == {"name": "Смирнова А."}
    assert task["clientInfo"] == {"emailOrPhone": "+79161110013"}
    first = task["items"][0]
    assert first == {"type": "position", "name": PHONE.name, "price": 34990.0, "quantity": 1, "amount": 34517.01,
                     "tax": {"type": "vat20"}, "paymentMethod": "fullPayment", "paymentObject": "commodity",
                     "infoDiscountAmount": 472.99}
    assert task["items"][-1] == {"type": "text", "text": "Заказ 500000001"}
    assert task["payments"] == [{"type": "cash", "sum": 36488.0}] and task["total"] == 36488.0
    # …and reads back in kopecks for the slip.
    assert task_total(task) == 3_648_800 and task_payments(task) == [("cash", 3_648_800)]
    assert [line.amount for line in task_lines(task)] == [line.amount for line in draft.lines]
