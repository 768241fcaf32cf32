"""Pickup Desk core: domain rules, local cache, services and sync; never imports Qt."""

from desktop import messages as _messages
from protocol.errors import set_describer as _set_describer

# Domain errors raised anywhere on the counter read as the clerk's text from the message catalogue.
_set_describer(_messages.describe)
