"""Register errors for the clerk: each ATOL driver error code that matters → a Russian message and whether a
retry helps.

Codes are libfptr10's (ATOL driver v10, `LIBFPTR_ERROR_*`); the web server reports them per task as
`errorCode` / `errorDescription`. Anything not listed is `fiscal.register_error` with the driver's own text.
"""

from __future__ import annotations

from typing import Any

from desktop import messages
from protocol.errors import DomainError

messages.register(
    {
        "fiscal.server_offline": "Нет связи с кассой: веб-сервер драйвера ККТ ({url}) не отвечает. Проверьте, что "
        "драйвер АТОЛ запущен и касса включена, и повторите.",
        "fiscal.device_offline": "Касса не подключена к компьютеру или выключена ({detail}). Включите кассу, "
        "проверьте кабель и повторите.",
        "fiscal.no_paper": "В кассе закончилась чековая лента. Вставьте новый рулон и повторите.",
        "fiscal.cover_open": "Открыта крышка кассы. Закройте крышку и повторите.",
        "fiscal.busy": "Касса занята другой операцией. Подождите несколько секунд и повторите.",
        "fiscal.shift_expired": "Смена на кассе длится больше 24 часов. Закройте смену с Z-отчётом "
        "(Смена → Закрыть смену), откройте новую и повторите.",
        "fiscal.shift_closed": "Смена на кассе не открыта. Откройте смену и повторите.",
        "fiscal.fn_problem": "Проблема с фискальным накопителем кассы ({detail}). Позвоните в сервис кассы; "
        "чек сейчас пробить нельзя.",
        "fiscal.timeout": "Касса не ответила вовремя: чек, возможно, ещё печатается. Нажмите «Повторить» — "
        "программа сначала спросит кассу, что она напечатала, и не пробьёт чек второй раз.",
        "fiscal.register_error": "Касса отказала: {detail} (код {number}). Повторите; если не помогло, "
        "позовите менеджера.",
        "fiscal.bad_reply": "Касса ответила непонятно ({detail}). Повторите; если не помогло, перезапустите "
        "драйвер АТОЛ.",
        "fiscal.unknown_receipt": "Чек {uuid} не найден.",
    }
)

# libfptr10 error codes (ATOL driver v10).
NO_CONNECTION_CODES = {1: "connection disabled", 2: "no connection", 4: "port not available", 107: "device not found"}
BUSY_CODES = frozenset({3, 55, 72, 221})  # port busy, busy, journal busy, interface busy
NO_PAPER = 44
COVER_OPENED = 45
SHIFT_EXPIRED_CODES = frozenset({68, 141})  # shift over 24 h (register, fiscal drive)
DENIED_IN_CLOSED_SHIFT = 73
DENIED_IN_OPENED_SHIFT = 83  # openShift while a shift is open
FN_CODES = frozenset({115, 118, 119, 120, 121, 136, 137, 166})  # fiscal drive exchange/fault/expired/full/not found


class FiscalError(DomainError):
    """The register could not do it; `retryable` says whether the clerk's «Повторить» can help."""

    def __init__(self, code: str, *, retryable: bool, register_code: int | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.retryable = retryable
        self.register_code = register_code


def register_error(code: int, description: str) -> FiscalError:
    """The clerk's error for a task the register finished with an error."""
    detail = description or str(code)
    if code in NO_CONNECTION_CODES:
        return FiscalError("fiscal.device_offline", retryable=True, register_code=code, detail=detail)
    simple = {NO_PAPER: "fiscal.no_paper", COVER_OPENED: "fiscal.cover_open", DENIED_IN_CLOSED_SHIFT:
              "fiscal.shift_closed"}
    if code in simple:
        return FiscalError(simple[code], retryable=True, register_code=code)
    if code in BUSY_CODES:
        return FiscalError("fiscal.busy", retryable=True, register_code=code)
    if code in SHIFT_EXPIRED_CODES:
        return FiscalError("fiscal.shift_expired", retryable=True, register_code=code)
    if code in FN_CODES:
        return FiscalError("fiscal.fn_problem", retryable=False, register_code=code, detail=detail)
    return FiscalError("fiscal.register_error", retryable=True, register_code=code, detail=detail, number=code)


messages.register(
    {
        "fiscal.shift_open_failed": "Смена в программе открыта, но касса смену не открыла: {reason} "
        "Исправьте и нажмите «Открыть смену на кассе».",
        "fiscal.z_report_failed": "Смена в программе закрыта, но Z-отчёт на кассе не напечатан: {reason} "
        "Исправьте и нажмите «Z-отчёт на кассе» — смену закрывать заново не нужно.",
    }
)


class ShiftRegisterError(FiscalError):
    """The app's shift was opened or closed (committed) but the register did not follow: `result` is what the
    app's own action returned (the actor with its shift, or the shift report), so nothing of it is lost."""

    def __init__(self, code: str, cause: FiscalError, result: Any) -> None:
        super().__init__(code, retryable=cause.retryable, register_code=cause.register_code,
                         reason=messages.Text(cause.code, **cause.params))
        self.result = result
