"""Lengths of the text fields that cross the wire; both sides' columns and truncations use them."""

from __future__ import annotations

OUTCOME_REASON_MAX = 500  # the server's reason for a pushed event's outcome
DAMAGE_NOTE_MAX = 500  # a damaged box's note
REFUSAL_REASON_MAX = 300  # why the customer refused an order line
SMS_ERROR_MAX = 300  # the gateway's last error of an SMS
FAULT_MAX = 1000  # a warranty claim: the customer's description of the fault
CONDITION_MAX = 500  # a warranty claim: the clerk's note on the visible condition
CONCLUSION_MAX = 1000  # a warranty claim: the service centre's conclusion
SERIAL_MAX = 64  # an item's serial number or IMEI

# --- what the server's columns can store: every event payload is checked against these before it is applied ---
INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # a 32-bit INTEGER column (PostgreSQL)
TEXT_MAX = 2000  # any other text field of an event (ids, keys, names)
CITY_MAX = 100  # a club member's city
PHONE_MAX = 20  # a customer's phone
FIELD_TEXT_MAX = {  # an event field name → the length of the column it lands in
    "city": CITY_MAX,
    "phone": PHONE_MAX,
    "card": 13,
    "certificate": 14,
    "credit_agreement": 30,
    "order": 16,
    "box": 32,
    "shipment": 32,
    "cell": 16,
    "kind": 16,
    "note": DAMAGE_NOTE_MAX,
    "claim": 16,
    "label": 32,
    "sku": 32,
    "serial": SERIAL_MAX,
    "fault": FAULT_MAX,
    "condition": CONDITION_MAX,
}
