"""Document HTML without Qt: escaping, the no-discrepancy act, payment wording, Moscow time."""

from __future__ import annotations

from dataclasses import replace

from desktop.documents import samples
from desktop.documents.builders import discrepancy_act, handover_receipt, shift_report
from desktop.documents.model import DocumentKind


def test_names_are_escaped():
    data = replace(samples.receipt(), customer_name="ООО <Ромашка> & Ко", legal_entity_name="<b>ООО</b>")
    html = handover_receipt(data).html
    assert "ООО &lt;Ромашка&gt; &amp; Ко" in html and "<b>ООО</b>" not in html


def test_an_act_without_discrepancies_says_so():
    data = replace(samples.discrepancy(), missing=(), surplus=(), foreign=(), cancelled=(), damaged=())
    doc = discrepancy_act(data)
    assert "Расхождений нет" in doc.html and "Недостача —" not in doc.html
    assert doc.kind is DocumentKind.DISCREPANCY_ACT


def test_prepaid_receipt_and_refund_wording():
    data = replace(
        samples.receipt(), prepaid=True, payment_method=None, paid_kopecks=0, refund_by_centre_kopecks=348_000
    )
    html = handover_receipt(data).html.replace("\u202f", " ")
    assert "заказ оплачен заранее" in html and "Вернёт интернет-магазин за отказ" in html and "3 480,00 ₽" in html


def test_times_are_in_the_point_zone():
    from zoneinfo import ZoneInfo

    html = shift_report(samples.shift(), ZoneInfo("Asia/Yekaterinburg")).html
    assert "24.11.2026 11:02 — 24.11.2026 20:05" in html


def test_the_act_names_the_session_as_people_do_and_the_foreign_boxs_order():
    """No internal session uid on paper (the waybill, times and clerks say which session it is); the foreign
    box's row shows the order its label names, as the receiving page does."""
    html = discrepancy_act(samples.discrepancy()).html
    assert "rs-7f3a" not in html and "Сессия приёмки" not in html
    assert "SH-2026-1124-01" in html and "Иванова Анна" in html
    assert "<td align=\"left\">B001150000003301</td><td align=\"left\">500000033</td>" in html
