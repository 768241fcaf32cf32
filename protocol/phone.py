"""Phone numbers: one canonical form (E.164, '+7XXXXXXXXXX') wherever a phone enters, masked when shown or logged.

`canonical_phone` is the single gate (server import, counter input, cache import): it parses with the
`phonenumbers` library (Google's libphonenumber data) and accepts only valid Russian numbers, so SMS gateways
always get the «+» form and never auto-correct a number behind our back.
"""

from __future__ import annotations

import re

import phonenumbers

_ALLOWED = re.compile(r"\+?[\d\s()\-.]+")


class BadPhoneError(ValueError):
    """The text is not a valid Russian phone number (the message never carries the full number)."""


def canonical_phone(text: str) -> str:
    """'8 (916) 123-45-67', '+7 916 1234567', '9161234567' → '+79161234567'; BadPhoneError otherwise."""
    raw = (text or "").strip()
    if not _ALLOWED.fullmatch(raw):
        raise BadPhoneError("not a phone number")
    digits = re.sub(r"\D", "", raw)
    if not raw.startswith("+") and len(digits) == 11 and digits[0] == "8":
        raw = "+7" + digits[1:]
    elif not raw.startswith("+") and len(digits) == 11 and digits[0] == "7":
        raw = "+" + digits
    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException:
        raise BadPhoneError("not a phone number") from None
    if number.country_code != 7 or not phonenumbers.is_valid_number_for_region(number, "RU"):
        raise BadPhoneError("not a valid Russian phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_for_screen(phone: str) -> str:
    """'+79161234567' → '+7 ••• ••• 45 67' (order cards, handover: enough to ask the customer)."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 4:
        return "•••"
    return f"+7 ••• ••• {digits[-4:-2]} {digits[-2:]}"


def mask_for_log(phone: str) -> str:
    """'+79161234567' → '+7916***4567' (journals, logs, gateway messages: operator code kept for support)."""
    return f"{phone[:5]}***{phone[-4:]}" if len(phone) >= 9 else "***"
