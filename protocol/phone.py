"""Phone numbers shown or logged masked: only the last four digits stay readable (personal data)."""

from __future__ import annotations

import re


def mask_for_screen(phone: str) -> str:
    """'+79161234567' → '+7 ••• ••• 45 67' (order cards, handover: enough to ask the customer)."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 4:
        return "•••"
    return f"+7 ••• ••• {digits[-4:-2]} {digits[-2:]}"


def mask_for_log(phone: str) -> str:
    """'+79161234567' → '+7916***4567' (journals, logs, gateway messages: operator code kept for support)."""
    return f"{phone[:5]}***{phone[-4:]}" if len(phone) >= 9 else "***"
