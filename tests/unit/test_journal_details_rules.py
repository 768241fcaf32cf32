"""A journal entry's details in words (desktop.services.manager.journal_details): which catalogue each word comes
from, a value worded only under the key it belongs to, and values shown as stored when nothing names them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from desktop.services.manager.journal_details import details_text

MOSCOW = ZoneInfo("Europe/Moscow")  # UTC+3


def test_keys_yes_no_and_worded_values_go_through_their_catalogues(tagging_translator):
    data = {"attempts": 2, "fresh": True, "kept_box": False, "method": "cash", "doc_type": "passport_rf",
            "reason": "defect"}
    assert details_text(data, "") == (
        "[JournalDetails] попыток: 2; fresh: [JournalDetails] да; [JournalDetails] оставлена коробка: "
        "[JournalDetails] нет; [JournalDetails] способ: [JournalDetails] наличные; [JournalDetails] документ: "
        "[HandoverChoices] Паспорт гражданина РФ; [JournalDetails] причина: [HandoverChoices] Брак или неисправность")


def test_a_false_flag_reads_no():
    assert details_text({"fresh": False, "kept_box": True}, "") == "fresh: нет; оставлена коробка: да"


def test_each_item_of_a_worded_list_reads_as_it_would_alone():
    data = {"which": ["cash", "2026-12-09T20:59:00+00:00", "mystery"]}
    assert details_text(data, "", MOSCOW) == "что неверно: наличные, 09.12.2026 23:59, mystery"


def test_a_nested_object_is_shown_as_json_with_its_letters_readable():
    assert details_text({"note": {"текст": "брак"}, "extra": ["д", 1]}, "") == (
        'примечание: {"текст": "брак"}; extra: ["д", 1]')


def test_a_code_is_worded_only_under_the_key_it_belongs_to():
    """A document type, a refusal reason, a payment method or an order status read in words under their own key;
    the same text under another key (a note, a number) is someone's input and stays as written."""
    data = {"note": "passport_rf", "number": "defect", "sku": "cash", "city": "refused", "phone": "handed_over"}
    assert details_text(data, "") == (
        "примечание: passport_rf; номер: defect; артикул: cash; город: refused; телефон: handed_over")


def test_an_unknown_code_under_its_key_stays_as_written():
    data = {"doc_type": "library_card", "reason": "weather", "method": "barter", "result": "lost", "outcome": "gone"}
    assert details_text(data, "") == (
        "документ: library_card; причина: weather; способ: barter; итог: lost; итог: gone")


def test_an_order_status_as_result_or_outcome_reads_in_the_clerks_words(tagging_translator):
    data = {"result": "refused", "outcome": "handed_over"}
    assert details_text(data, "") == (
        "[JournalDetails] итог: [Terms] отказ; [JournalDetails] итог: [Terms] выдан")


def test_a_sign_in_reads_how_staff_signed_in_and_why_it_was_refused():
    """The staff sign-in entries (desktop/services/staff.py): by badge and PIN or by login and password; refused
    because the sign-in is locked, the staff member is switched off, or no one has that badge or login."""
    assert details_text({"method": "badge", "attempts": 3}, "") == "способ: бейдж и PIN; попыток: 3"
    assert [details_text({"method": "password", "reason": r}, "") for r in ("locked", "inactive", "unknown")] == [
        "способ: логин и пароль; причина: вход заблокирован", "способ: логин и пароль; причина: сотрудник отключён",
        "способ: логин и пароль; причина: нет такого сотрудника"]
