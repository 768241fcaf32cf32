"""Every documented SMSC.ru and SMS.ru code with the documentation's wording and our handling.

Send outcomes: `failed` (message-level, final), `retry_later` (transient), `account_error` (account-level:
the dispatcher pauses the whole gateway; `reason` is a short machine word), `duplicate`/`unknown` (the
gateway may hold the message: reconcile, never resend blindly). backend/README.md carries the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Handling = Literal["failed", "retry_later", "account_error", "duplicate", "unknown"]
State = Literal["accepted", "delivered", "failed", "not_found", "unknown"]


@dataclass(frozen=True)
class Code:
    """A documented error code: the wording (English here; backend/README.md quotes the Russian), our handling."""

    wording: str
    handling: Handling
    reason: str | None = None  # machine reason for account_error
    retry_after: float | None = None  # seconds, for retry_later / account_error


# SMSC.ru sys/send.php error_code (https://smsc.ru/api/http/send/ «Ошибки»).
SMSC_SEND: dict[int, Code] = {
    1: Code("invalid request parameters", "failed"),
    2: Code("wrong login or password, or the IP address is not "
            "in the client's allowed list", "account_error", "auth", 1800),
    3: Code("insufficient funds on the account", "account_error", "funds", 600),
    4: Code("IP address temporarily blocked after frequent errors", "account_error", "ip_blocked", 1800),
    5: Code("invalid date format", "failed"),
    6: Code("message forbidden (by text or sender name)", "failed"),
    7: Code("invalid phone number format", "failed"),
    8: Code("a message to this number cannot be delivered", "failed"),
    9: Code("the same send request repeated (or the same cost request more than five times) within a minute",
            "duplicate"),
}
# SMSC.ru sys/status.php "status" (https://smsc.ru/api/http/status_messages/statuses/).
SMSC_STATUS: dict[int, tuple[str, State]] = {
    -3: ("message not found", "not_found"),
    -2: ("stopped", "failed"),
    -1: ("waiting to be sent", "accepted"),
    0: ("handed to the operator", "accepted"),
    1: ("delivered", "delivered"),
    2: ("read", "delivered"),
    3: ("expired", "failed"),
    4: ("link followed", "delivered"),
    20: ("impossible to deliver", "failed"),
    22: ("wrong number", "failed"),
    23: ("prohibited", "failed"),
    24: ("insufficient funds", "failed"),
    25: ("unavailable number", "failed"),
}

# SMS.ru codes for sms/send (https://sms.ru/api/send, «Коды ответов»; checked rows: backend/README.md).
SMSRU_SEND: dict[int, Code] = {
    200: Code("wrong api_id", "account_error", "auth", 1800),
    201: Code("not enough money on the account", "account_error", "funds", 600),
    202: Code("wrong recipient number or no route to it", "failed"),
    203: Code("no message text", "failed"),
    204: Code("this operator is not enabled for the account (older wording: sender name not approved)", "failed"),
    205: Code("message too long (over 8 SMS)", "failed"),
    206: Code("the daily sending limit is or would be exceeded", "account_error",
              "daily_limit", 3600),
    207: Code("no delivery route to this number", "failed"),
    208: Code("invalid time parameter", "failed"),
    209: Code("the number is in your stop list", "failed"),
    210: Code("GET used where POST is required", "account_error", "config", 1800),
    211: Code("method not found", "account_error", "config", 1800),
    212: Code("the text must be sent in UTF-8", "account_error", "config", 1800),
    213: Code("more than 5000 recipients", "failed"),
    214: Code("foreign number (setting 'send only to Russian numbers' on)", "failed"),
    215: Code("the number is on SMS.RU's stop list (the recipient complained of spam)", "failed"),
    216: Code("the text contains a forbidden word", "failed"),
    220: Code("service temporarily unavailable, try a bit later", "retry_later", None, 300),
    230: Code("total daily limit of messages to this number exceeded", "retry_later", None, 3600),
    231: Code("limit of identical messages to this number per minute exceeded", "retry_later", None, 120),
    232: Code("limit of identical messages to this number per day exceeded", "retry_later", None, 3600),
    233: Code("limit of repeated messages with a code to this number "
              "within a short time exceeded", "retry_later", None, 900),
    300: Code("wrong token (expired or your IP changed)", "account_error",
              "auth", 1800),
    301: Code("wrong api_id or login/password", "account_error", "auth", 1800),
    302: Code("user authorised but the account is not confirmed", "account_error", "auth", 1800),
    500: Code("server error, repeat the request", "retry_later", None, 60),
    # 501-507: limits on the end user's IP (the `ip` parameter, never sent by us); taken as transient, 507 as setup
    501: Code("limit: the user's IP is a TOR exit", "retry_later", None, 3600),
    502: Code("limit: the user's IP does not match their country", "retry_later", None, 3600),
    503: Code("limit: too many messages to this country in a short time", "retry_later", None, 900),
    504: Code("limit: too many authorisation codes abroad in a short time", "retry_later", None, 900),
    505: Code("limit: too many messages for one IP address", "retry_later", None, 3600),
    506: Code("limit: too many messages from a hosting company's IP address", "retry_later", None, 3600),
    507: Code("the user's IP is wrong or from a private network", "account_error", "config", 1800),
}
# SMS.ru sms/status status_code (https://sms.ru/api/status).
SMSRU_STATUS: dict[int, tuple[str, State]] = {
    -1: ("message not found", "not_found"),
    100: ("request done / queued", "accepted"),
    101: ("being handed to the operator", "accepted"),
    102: ("sent (on its way)", "accepted"),
    103: ("delivered", "delivered"),
    104: ("cannot be delivered: lifetime expired", "failed"),
    105: ("cannot be delivered: deleted by the operator", "failed"),
    106: ("cannot be delivered: phone failure", "failed"),
    107: ("cannot be delivered: unknown reason", "failed"),
    108: ("cannot be delivered: rejected", "failed"),
    110: ("read (Viber)", "delivered"),
    130: ("cannot be delivered: daily messages to this number exceeded", "failed"),
    131: ("cannot be delivered: identical messages per minute exceeded",
          "failed"),
    132: ("cannot be delivered: identical messages per day exceeded", "failed"),
    150: ("cannot be delivered: no route to the number", "failed"),
}
