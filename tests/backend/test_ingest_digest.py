"""An event's digest is the one every server version stored: sha256 of the canonical JSON of its type and payload,
though a batch now serialises each payload once and builds the digest around that text. A re-sent event is told
from a reused id by this digest, so it must not change across versions."""

from __future__ import annotations

import hashlib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from backend.ingest import payload_hash
from protocol.events import canonical_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def stored_digest(event_type: str, payload: dict[str, Any]) -> str:
    """The digest as the server stored it before: the whole envelope serialised at once."""
    return hashlib.sha256(canonical_json({"type": event_type, "payload": payload}).encode()).hexdigest()


def test_the_digest_of_a_receiving_scan_is_the_stored_one() -> None:
    payload = {"session": "s-1", "box": "B004210000000101", "order": "500000001", "note": "ёлка \"Ж\" \\ /"}
    assert payload_hash("box.received", canonical_json(payload)) == stored_digest("box.received", payload)


@given(st.text(max_size=20), st.dictionaries(st.text(max_size=8), JSON, max_size=6))
def test_the_digest_of_any_payload_is_the_stored_one(event_type: str, payload: dict[str, Any]) -> None:
    try:
        expected = stored_digest(event_type, payload)
    except UnicodeEncodeError:  # a lone surrogate: neither form can be hashed
        return
    assert payload_hash(event_type, canonical_json(payload)) == expected
