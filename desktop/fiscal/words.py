"""The Russian words printed on a fiscal document (54-FZ: a receipt's requisites are in Russian, whatever the
counter's UI language), and the driver's own error descriptions the loopback fake answers with.

This module is data, not clerk-facing UI text: tests/test_no_untranslated_literals.py allows it by name.
"""

from __future__ import annotations

CERTIFICATE_LINE = "Подарочный сертификат {number}"
AGREEMENT_NOTE = "Кредитный договор № {agreement}"

TITLES = {
    "sell": "КАССОВЫЙ ЧЕК\nПРИХОД",
    "sellReturn": "КАССОВЫЙ ЧЕК\nВОЗВРАТ ПРИХОДА",
    "openShift": "ОТЧЁТ ОБ ОТКРЫТИИ СМЕНЫ",
    "closeShift": "ОТЧЁТ О ЗАКРЫТИИ СМЕНЫ (Z-ОТЧЁТ)",
    "reportX": "X-ОТЧЁТ (ОТЧЁТ БЕЗ ГАШЕНИЯ)",
}
TOTAL_NAMES = {"sell": "Приход", "sellReturn": "Возврат прихода"}
PAYMENT_NAMES = {
    "cash": "НАЛИЧНЫМИ",
    "electronically": "БЕЗНАЛИЧНЫМИ",
    "prepaid": "ЗАЧЁТ АВАНСА (ПРЕДОПЛАТЫ)",
    "credit": "ПОСЛЕДУЮЩАЯ ОПЛАТА (КРЕДИТ)",
    "other": "ВСТРЕЧНОЕ ПРЕДОСТАВЛЕНИЕ",
}
METHOD_NAMES = {"fullPayment": "ПОЛНЫЙ РАСЧЁТ", "fullPrepayment": "ПРЕДОПЛАТА 100%", "advance": "АВАНС"}
VAT_NAMES = {"vat20": "НДС 20%", "vat120": "НДС 20/120", "vat10": "НДС 10%", "vat0": "НДС 0%", "none": "БЕЗ НДС"}
LABELS = {
    "cashier": "Кассир",
    "shift": "Смена №",
    "total": "ИТОГ",
    "change": "СДАЧА",
    "discount": "скидка (оплата баллами)",
    "buyer": "Покупатель",
    "document": "ФД №",
    "sign": "ФП",
    "fn": "ФН №",
    "receipts": "Чеков за смену",
    "not_fiscal": "НЕ ФИСКАЛЬНЫЙ ДОКУМЕНТ",
    "pending": "ЧЕК НЕ ПОДТВЕРЖДЁН КАССОЙ",
    "failed": "ЧЕК НЕ ПРОБИТ",
    "site": "Сайт ФНС: www.nalog.gov.ru",
}
DRIVER_ERRORS = {  # libfptr10's descriptions of the codes the fake can answer
    0: "Ошибок нет",
    2: "Нет связи",
    44: "Нет бумаги",
    55: "Устройство занято",
    68: "Смена превысила 24 часа",
    73: "Не разрешено в закрытой смене",
    83: "Не разрешено в открытой смене",
    5: "Неверный формат или значение",
}
