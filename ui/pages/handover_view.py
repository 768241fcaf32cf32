"""What the handover page shows for a handover state: texts, table rows and hints, computed without widgets."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.documents.adapters import receipt_from_handover
from desktop.documents.builders import handover_receipt, stays_at_point
from desktop.documents.model import Document
from desktop.fiscal.model import FiscalReceiptView
from desktop.services.handover import BoxScanResult, HandoverLookup, HandoverResult, HandoverState, refusal_text
from desktop.services.warranty.model import ClaimView
from desktop.state_names import claim_outcome_name
from protocol.money import rub
from ui.pages.terms import box_of, order_status

STEP_NAMES = {
    "verify": QT_TRANSLATE_NOOP("HandoverPage", "код / QR"),
    "id_document": QT_TRANSLATE_NOOP("HandoverPage", "документ (F6)"),
    "power_of_attorney": QT_TRANSLATE_NOOP("HandoverPage", "доверенность (F7)"),
    "boxes": QT_TRANSLATE_NOOP("HandoverPage", "коробки"),
    "payment": QT_TRANSLATE_NOOP("HandoverPage", "оплата (F9)"),
    "credit_agreement": QT_TRANSLATE_NOOP("HandoverPage", "кредитный договор (F9)"),
}
STEP_HINTS = {
    "verify": QT_TRANSLATE_NOOP("HandoverPage", "Проверьте код из SMS или QR-код."),
    "id_document": QT_TRANSLATE_NOOP("HandoverPage", "Проверьте документ клиента: F6."),
    "power_of_attorney": QT_TRANSLATE_NOOP("HandoverPage", "Внесите номер доверенности: F7."),
    "boxes": QT_TRANSLATE_NOOP("HandoverPage", "Отсканируйте каждую коробку заказа."),
    "payment": QT_TRANSLATE_NOOP("HandoverPage", "Примите оплату: F9."),
    "credit_agreement": QT_TRANSLATE_NOOP(
        "HandoverPage", "Кредит банка: деньги не принимаются. Внесите номер подписанного договора: F9."),
}
RESULT_TITLES = {
    "handed_over": QT_TRANSLATE_NOOP("HandoverPage", "Заказ {0} выдан"),
    "partially_handed_over": QT_TRANSLATE_NOOP("HandoverPage", "Заказ {0} выдан частично"),
    "refused": QT_TRANSLATE_NOOP("HandoverPage", "Отказ от заказа {0}"),
}
ALARM_STYLE = "color: #b00020; font-weight: bold;"


def _tr(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP above, in the current language."""
    return QCoreApplication.translate("HandoverPage", str(text))


@dataclass(frozen=True)
class HandoverView:
    """Everything the page's widgets show; an empty page when no handover is open."""

    headline: str
    customer: str = ""
    steps: str = ""
    attempts: str = ""
    attempts_style: str = ""
    cell: str = "—"
    due: str = ""
    boxes: tuple[tuple[str, str, str, str], ...] = ()
    box_styles: tuple[str, ...] = ()
    lines: tuple[tuple[str, int, str, str], ...] = ()
    line_styles: tuple[str, ...] = ()


def handover_view(state: HandoverState | None) -> HandoverView:
    """The page for `state` (None: waiting for the next customer)."""
    if state is None:
        return HandoverView(
            QCoreApplication.translate(
                "HandoverPage", "Отсканируйте QR-код клиента или номер заказа, или введите код из SMS."
            )
        )
    return HandoverView(
        headline=QCoreApplication.translate("HandoverPage", "Заказ {0}").format(state.order_number),
        customer=_customer_text(state),
        steps=_steps_text(state),
        attempts=_attempts_text(state),
        attempts_style=ALARM_STYLE if state.locked or state.attempts_left < 3 else "",
        cell=", ".join(sorted({b.cell_label for b in state.boxes if b.cell_label})) or "—",
        due=_due_text(state),
        boxes=tuple(_box_row(b.barcode, b.seq_no, len(state.boxes), b.cell_label, b.scanned) for b in state.boxes),
        box_styles=tuple("ok" if b.scanned else "" for b in state.boxes),
        lines=tuple(
            (
                x.name,
                x.quantity,
                rub(x.price_kopecks),
                f"{x.refused_quantity} — {refusal_text(x.refusal_reason or '')}" if x.refused_quantity else "",
            )
            for x in state.lines
        ),
        line_styles=tuple("warning" if x.refused_quantity else "" for x in state.lines),
    )


def next_step_text(state: HandoverState | None) -> str:
    """What the clerk does next (empty without a handover)."""
    if state is None:
        return ""
    steps = state.missing_steps
    if not steps:
        return QCoreApplication.translate("HandoverPage", "Всё готово: нажмите F10 — выдать.")
    return _tr(STEP_HINTS[steps[0]])


def _customer_text(state: HandoverState) -> str:
    who = f"{state.customer_name}, {state.masked_phone}"
    if state.legal_entity_name:
        who += "\n" + QCoreApplication.translate("HandoverPage", "Юрлицо: {0}").format(state.legal_entity_name)
    return who


def _steps_text(state: HandoverState) -> str:
    if state.locked:  # no step can be taken: say so and who lifts the lock
        return QCoreApplication.translate(
            "HandoverPage", "Выдача невозможна: заказ заблокирован. Разблокирует менеджер (Менеджер → Исключения).")
    missing = state.missing_steps
    if not missing:
        return QCoreApplication.translate("HandoverPage", "✔ Всё проверено — F10 выдать")
    names = ", ".join(_tr(STEP_NAMES[s]) for s in missing)
    return QCoreApplication.translate("HandoverPage", "Осталось: {0}").format(names)


def _attempts_text(state: HandoverState) -> str:
    if state.locked:
        return QCoreApplication.translate(
            "HandoverPage", "Заказ заблокирован после неверных кодов. Позовите менеджера."
        )
    if state.verified_by is None:
        return QCoreApplication.translate("HandoverPage", "Попыток ввода кода: {0}").format(state.attempts_left)
    return ""


def _due_text(state: HandoverState) -> str:
    if state.credit:  # the bank paid: nothing is taken at the counter
        if state.credit_agreement:
            return QCoreApplication.translate("HandoverPage", "Кредит банка, договор {0}").format(
                state.credit_agreement)
        return QCoreApplication.translate("HandoverPage", "Кредит банка: оплата не нужна")
    paid = state.payment is not None and state.payment.due_kopecks == state.due_kopecks
    if state.due_kopecks and not paid:
        return QCoreApplication.translate("HandoverPage", "К оплате: {0}").format(rub(state.due_kopecks))
    if paid:
        return QCoreApplication.translate("HandoverPage", "Оплачено: {0}").format(rub(state.due_kopecks))
    return QCoreApplication.translate("HandoverPage", "Оплачено")


def _box_row(barcode: str, seq_no: int, total: int, cell: str | None, scanned: bool) -> tuple[str, str, str, str]:
    return barcode, box_of(seq_no, total), cell or "—", "✔" if scanned else ""


def after_code_failure(state: HandoverState, code: str, params: dict[str, Any]) -> HandoverState:
    """The state a wrong or locking code leaves behind, read from the error (no second call)."""
    if code == "handover.order_locked":
        return replace(state, locked=True, attempts_left=0)
    if code == "handover.wrong_code" and isinstance(params.get("attempts_left"), int):
        return replace(state, attempts_left=params["attempts_left"])
    return state


def code_failure_title(code: str, params: dict[str, Any]) -> str | None:
    """The banner title of a refused code (None: show the error as usual)."""
    if code == "handover.order_locked" or (code == "handover.wrong_code" and params.get("attempts_left") == 0):
        return QCoreApplication.translate("HandoverPage", "ЗАКАЗ ЗАБЛОКИРОВАН")
    if code == "handover.wrong_code":
        return QCoreApplication.translate("HandoverPage", "Неверный код")
    return None


@dataclass(frozen=True)
class Banner:
    """The feedback banner after a clerk action: kind (ok | info | warning | error), title, detail."""

    kind: str
    title: str
    detail: str = ""


def started_banner(state: HandoverState) -> Banner:
    """A handover just opened: ask for the code, or (resumed, already verified) name the next step."""
    if state.verified_by is not None:
        return Banner("info", QCoreApplication.translate("HandoverPage", "Следующий шаг"), next_step_text(state))
    return Banner(
        "info",
        QCoreApplication.translate("HandoverPage", "Заказ {0}").format(state.order_number),
        QCoreApplication.translate(
            "HandoverPage", "Попросите код из SMS (введите и нажмите Enter) или отсканируйте QR-код из приложения."
        ),
    )


def verified_banner(state: HandoverState) -> Banner:
    if state.verified_by == "qr":
        how = QCoreApplication.translate("HandoverPage", "по QR-коду")
    else:
        how = QCoreApplication.translate("HandoverPage", "по коду из SMS")
    detail = QCoreApplication.translate("HandoverPage", "Клиент подтверждён {0}. {1}")
    return Banner(
        "ok", QCoreApplication.translate("HandoverPage", "Код верный"), detail.format(how, next_step_text(state))
    )


def candidates_banner(lookup: HandoverLookup) -> Banner:
    """A lookup that started nothing: no order found, or several to choose from by number."""
    if not lookup.candidates:
        return Banner(
            "error",
            QCoreApplication.translate("HandoverPage", "Заказ не найден"),
            QCoreApplication.translate(
                "HandoverPage", "Проверьте данные. Можно отсканировать QR-код из приложения или номер заказа."
            ),
        )
    listed = ", ".join(f"{o.number} ({o.customer_name}, {order_status(o.status)})" for o in lookup.candidates[:5])
    return Banner(
        "warning",
        QCoreApplication.translate("HandoverPage", "Найдено несколько заказов"),
        QCoreApplication.translate("HandoverPage", "Отсканируйте или введите номер нужного: {0}").format(listed),
    )


def box_banner(result: BoxScanResult) -> Banner:
    if result.repeat:
        detail = QCoreApplication.translate("HandoverPage", "Коробка {0} уже отсканирована.").format(result.barcode)
        return Banner("warning", QCoreApplication.translate("HandoverPage", "Повтор"), detail)
    return Banner("ok", QCoreApplication.translate("HandoverPage", "Коробка есть"), next_step_text(result.state))


def paid_banner(state: HandoverState, receipt: FiscalReceiptView | None = None) -> Banner:
    """Paid: the change in big letters; what the register did with the receipt."""
    change = state.payment.change_kopecks if state.payment else 0
    if change:
        title = QCoreApplication.translate("HandoverPage", "СДАЧА {0}").format(rub(change))
    else:
        title = QCoreApplication.translate("HandoverPage", "Оплата принята")
    detail = next_step_text(state)
    if receipt is not None and receipt.fiscal_document is not None:
        detail = QCoreApplication.translate("HandoverPage", "Чек напечатан кассой (ФД № {0}).").format(
            receipt.fiscal_document) + " " + detail
    return Banner("ok", title, detail)


def credit_banner(state: HandoverState) -> Banner:
    """The credit agreement recorded: nothing is paid at the counter."""
    return Banner("ok", QCoreApplication.translate("HandoverPage", "Договор записан"), next_step_text(state))


def step_banner(state: HandoverState) -> Banner:
    return Banner("ok", QCoreApplication.translate("HandoverPage", "Записано"), next_step_text(state))


def resumed_banner(unfinished: list[HandoverState]) -> Banner:
    """Unfinished handovers found after a restart: the first one is shown again."""
    detail = next_step_text(unfinished[0])
    if len(unfinished) > 1:
        more = QCoreApplication.translate("HandoverPage", "Ещё незавершённых выдач: {0}.")
        detail += " " + more.format(len(unfinished) - 1)
    title = QCoreApplication.translate("HandoverPage", "Продолжение выдачи заказа {0}")
    return Banner("warning", title.format(unfinished[0].order_number), detail)


def aborted_banner(order_number: str) -> Banner:
    return Banner(
        "warning",
        QCoreApplication.translate("HandoverPage", "Выдача прервана"),
        QCoreApplication.translate("HandoverPage", "Заказ {0} остаётся в ячейке.").format(order_number),
    )


def completion_texts(result: HandoverResult) -> tuple[str, str]:
    """Title and detail of the banner after a completed handover."""
    detail = QCoreApplication.translate("HandoverPage", "Выдано на {0}.").format(rub(result.handed_kopecks))
    if result.refused_kopecks:
        detail += " " + QCoreApplication.translate("HandoverPage", "Отказ на {0}.").format(rub(result.refused_kopecks))
    if result.bonus_points:
        detail += " " + QCoreApplication.translate("HandoverPage", "Начислено баллов: {0}.").format(result.bonus_points)
    if result.left_at_point and result.kept_box:
        goods = [(x.name, x.refused_quantity) for x in result.left_at_point]
        detail += " " + stays_at_point(goods, result.kept_box)
    title = _tr(RESULT_TITLES[result.result]) if result.result in RESULT_TITLES else "{0}"
    return title.format(result.order_number), detail


def receipt_document(result: HandoverResult, staff_name: str) -> Document | None:
    """The handover receipt, built from what the completion returned (no database read)."""
    if result.before is None or result.completed_at is None or result.point is None:
        return None
    data = receipt_from_handover(result.before, result, staff_name, result.completed_at, result.point)
    return handover_receipt(data)


def claim_text(claim: ClaimView | None) -> str:
    """A warranty return order: the claim, the service's outcome and conclusion, to tell the customer ('' if none)."""
    if claim is None:
        return ""
    text = QCoreApplication.translate("HandoverPage", "Возврат из сервиса по заявке {0}: {1}.").format(
        claim.number, claim_outcome_name(claim.outcome))
    if claim.conclusion:
        text += "\n" + QCoreApplication.translate("HandoverPage", "Заключение сервиса: {0}").format(claim.conclusion)
    return text
