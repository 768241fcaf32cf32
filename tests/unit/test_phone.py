"""protocol.phone.canonical_phone: the one gate every phone passes (E.164 or BadPhoneError)."""

from __future__ import annotations

import pytest

from protocol.phone import BadPhoneError, canonical_phone


@pytest.mark.parametrize("text", ["+79161234567", "89161234567", "79161234567", "9161234567",
                                  "+7 (916) 123-45-67", " 8 916 123 45 67 ", "8-916-123-45-67"])
def test_russian_phones_become_e164(text: str) -> None:
    assert canonical_phone(text) == "+79161234567"


@pytest.mark.parametrize("text", ["", "12345", "+1 212 555 0100", "+7 000 123 45 67", "8916123456",
                                  "+7916123456789", "телефон", "8916123456a"])
def test_malformed_or_foreign_phones_are_refused(text: str) -> None:
    with pytest.raises(BadPhoneError):
        canonical_phone(text)
