"""How often an accepted SMS is asked about: fast polling, or a slow safety net when callbacks bring statuses.

SMS.ru's documentation (https://sms.ru/api/status) strongly recommends its free callback over polling the
status; SMSC.ru documents a status handler too (https://smsc.ru/api/http/miscellaneous/callback/). With a
callback configured, a status request is only a safety net for a callback that never came: the first
`CALLBACK_FIRST_CHECK` after the gateway accepted the SMS, then every `SLOWEST_POLL` up to its lifetime.
"""

from __future__ import annotations

from datetime import timedelta

SLOWEST_POLL = timedelta(hours=1)  # after the fast polls, an accepted SMS is still checked at least hourly
CALLBACK_FIRST_CHECK = timedelta(minutes=15)  # with callbacks: the first safety-net check after acceptance


def first_check(poll_interval: timedelta, callbacks: bool) -> timedelta:
    """When an SMS the gateway just accepted is first asked about."""
    return CALLBACK_FIRST_CHECK if callbacks else poll_interval


def next_check(poll_interval: timedelta, checks: int, max_fast_checks: int, callbacks: bool) -> timedelta:
    """The wait before the next status request for an accepted SMS checked `checks` times so far.

    Without callbacks: every `poll_interval` for `max_fast_checks` checks, then doubling up to hourly.
    With callbacks: hourly (the callback brings the status; this only catches a lost one).
    """
    if callbacks:
        return SLOWEST_POLL
    if checks < max_fast_checks:
        return poll_interval
    return min(poll_interval * 2 ** min(checks - max_fast_checks + 1, 10), SLOWEST_POLL)
