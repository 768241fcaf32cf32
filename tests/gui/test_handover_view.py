"""The handover page's view model: what each state shows, and the banners of each clerk action (no widgets)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from desktop.documents.model import DocumentKind, PointInfo
from desktop.services.handover import (
    BoxCheck,
    BoxScanResult,
    HandoverLookup,
    HandoverResult,
    HandoverState,
    PaymentIntent,
)
from desktop.services.order_card import LineInfo
from desktop.services.order_summary import OrderSummary
from protocol.money import rub
from ui.pages import handover_view as view

PHONE = LineInfo(1, "SKU-1", "Смартфон", 1, 3_499_000, None, 0, None)
CASE = LineInfo(2, "SKU-2", "Чехол", 2, 99_000, None, 1, "changed_mind")


def _state(**changes: object) -> HandoverState:
    state = HandoverState(
        uid="ho-1",
        order_number="500000012",
        status="in_progress",
        kind="retail",
        prepaid=False,
        customer_name="Смирнов Алексей",
        masked_phone="+7 9** ***-**-17",
        legal_entity_name=None,
        verified_by=None,
        needs_id_document=False,
        id_document_type=None,
        id_document_last4=None,
        needs_power_of_attorney=False,
        power_of_attorney=None,
        boxes=(BoxCheck("B1", 1, "A-01", True), BoxCheck("B2", 2, "C-07", False)),
        lines=(PHONE, CASE),
        due_kopecks=3_598_000,
        payment=None,
        attempts_left=5,
        locked=False,
    )
    return replace(state, **changes)  # type: ignore[arg-type]


def _summary(number: str, status: str = "ready") -> OrderSummary:
    return OrderSummary(number, status, "retail", True, "Петров Пётр", "+7 9** ***-**-34", 1, 100, None, False)


def test_no_handover_shows_the_invitation_only() -> None:
    shown = view.handover_view(None)
    assert "QR" in shown.headline
    assert (shown.customer, shown.steps, shown.attempts, shown.due, shown.cell) == ("", "", "", "", "—")
    assert shown.boxes == () and shown.lines == () and view.next_step_text(None) == ""


def test_an_unverified_handover() -> None:
    state = _state(legal_entity_name="ООО Ромашка")
    shown = view.handover_view(state)
    assert "500000012" in shown.headline
    assert shown.customer == "Смирнов Алексей, +7 9** ***-**-17\nЮрлицо: ООО Ромашка"
    assert shown.steps == "Осталось: код / QR, коробки, оплата (F9)"
    assert shown.attempts == "Попыток ввода кода: 5" and shown.attempts_style == ""
    assert shown.cell == "A-01, C-07"
    assert shown.due == "К оплате: " + rub(3_598_000)
    assert shown.boxes == (("B1", "1 из 2", "A-01", "✔"), ("B2", "2 из 2", "C-07", ""))
    assert shown.box_styles == ("ok", "")
    assert shown.lines[1] == ("Чехол", 2, rub(99_000), "1 — Передумал(а)")  # the reason by its label
    assert shown.line_styles == ("", "warning")
    assert view.next_step_text(state) == "Проверьте код из SMS или QR-код."


def test_few_attempts_left_and_locked_are_alarming() -> None:
    assert view.handover_view(_state(attempts_left=2)).attempts_style == view.ALARM_STYLE
    locked = view.handover_view(_state(locked=True, attempts_left=0))
    assert "менеджера" in locked.attempts and locked.attempts_style == view.ALARM_STYLE
    assert locked.steps.startswith("Выдача невозможна: заказ заблокирован") and "Осталось" not in locked.steps


def test_everything_done_points_at_f10() -> None:
    boxes = (BoxCheck("B1", 1, None, True),)
    paid = PaymentIntent("cash", 3_598_000, 3_600_000, 2_000)
    state = _state(verified_by="code", boxes=boxes, payment=paid)
    shown = view.handover_view(state)
    assert shown.steps == "✔ Всё проверено — F10 выдать" and shown.attempts == ""
    assert shown.cell == "—" and shown.boxes[0][2] == "—"
    assert shown.due == "Оплачено: " + rub(3_598_000)
    assert view.next_step_text(state) == "Всё готово: нажмите F10 — выдать."
    assert view.handover_view(_state(prepaid=True, due_kopecks=0)).due == "Оплачено"


def test_a_wrong_code_updates_the_attempts_from_the_error() -> None:
    state = _state()
    assert view.after_code_failure(state, "handover.wrong_code", {"attempts_left": 3}).attempts_left == 3
    locked = view.after_code_failure(state, "handover.order_locked", {"attempts": 5})
    assert locked.locked and locked.attempts_left == 0
    assert view.after_code_failure(state, "qr.bad_signature", {}) is state
    assert view.code_failure_title("handover.wrong_code", {"attempts_left": 0}) == "ЗАКАЗ ЗАБЛОКИРОВАН"
    assert view.code_failure_title("handover.order_locked", {}) == "ЗАКАЗ ЗАБЛОКИРОВАН"
    assert view.code_failure_title("handover.wrong_code", {"attempts_left": 2}) == "Неверный код"
    assert view.code_failure_title("handover.not_ready", {}) is None


def test_banners_of_the_clerk_actions() -> None:
    assert view.started_banner(_state()).kind == "info"
    resumed = view.started_banner(_state(verified_by="qr"))
    assert resumed == view.Banner("info", "Следующий шаг", "Отсканируйте каждую коробку заказа.")
    verified = view.verified_banner(_state(verified_by="qr"))
    assert verified.kind == "ok" and "по QR-коду" in verified.detail and "коробку" in verified.detail
    assert view.box_banner(BoxScanResult(_state(), "B1", True)) == view.Banner(
        "warning", "Повтор", "Коробка B1 уже отсканирована."
    )
    assert view.box_banner(BoxScanResult(_state(), "B2", False)).kind == "ok"
    change = view.paid_banner(_state(payment=PaymentIntent("cash", 3_598_000, 3_600_000, 2_000)))
    assert change.title == "СДАЧА " + rub(2_000)
    assert view.paid_banner(_state(payment=PaymentIntent("card", 1, 1, 0))).title == "Оплата принята"
    resumed = view.resumed_banner([_state(), _state(order_number="500000013")])
    assert "500000012" in resumed.title and resumed.detail.endswith("Ещё незавершённых выдач: 1.")
    assert "500000012" in view.aborted_banner("500000012").detail


def test_lookup_banners() -> None:
    assert view.candidates_banner(HandoverLookup(None)).kind == "error"
    several = view.candidates_banner(HandoverLookup(None, tuple(_summary(f"50000000{n}") for n in range(7))))
    assert several.kind == "warning" and "500000004" in several.detail and "500000005" not in several.detail
    assert "готов к выдаче" in several.detail  # the status in words, not the code


def test_completion_texts_and_receipt() -> None:
    before = _state(verified_by="code")
    result = HandoverResult(
        "ho-1",
        "500000012",
        "partially_handed_over",
        3_499_000,
        99_000,
        None,
        3_499,
        0,
        (),
        before=before,
        completed_at=datetime(2026, 12, 1, 12, tzinfo=UTC),
        point=PointInfo("0042", "ПВЗ", "ул. 1"),
    )
    title, detail = view.completion_texts(result)
    assert title == "Заказ 500000012 выдан частично"
    assert detail == f"Выдано на {rub(3_499_000)}. Отказ на {rub(99_000)}. Начислено баллов: 3499."
    receipt = view.receipt_document(result, "Иванова Анна")
    assert receipt is not None and receipt.kind is DocumentKind.HANDOVER_RECEIPT
    assert view.receipt_document(replace(result, before=None), "Иванова Анна") is None
