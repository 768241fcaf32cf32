"""Lengths of the text fields that cross the wire; both sides' columns and truncations use them."""

from __future__ import annotations

OUTCOME_REASON_MAX = 500  # the server's reason for a pushed event's outcome
DAMAGE_NOTE_MAX = 500  # a damaged box's note
REFUSAL_REASON_MAX = 300  # why the customer refused an order line
SMS_ERROR_MAX = 300  # the gateway's last error of an SMS
