"""Anchor the audit journal's head on the server with each sync, so deleting the newest entries is detected.

The counter sends its head (newest entry number, entry count, hash, time) with the head the server answered last
time as proof, if its chain still holds it. The server keeps the older head when the proof is missing or wrong and
answers it back; it is stored in sync_state, where the journal check (`desktop.journal.verify`) compares it with
the chain. The head is sent with every sync, moved or not, so a local copy forged to match a cut journal is
overwritten by the server's answer before the next check.
"""

from __future__ import annotations

import logging
from typing import Any

from desktop import journal
from desktop.db.engine import Database
from desktop.journal import JournalHead
from desktop.sync.client import SyncClient, SyncError

log = logging.getLogger(__name__)


def head_body(current: JournalHead, proof: JournalHead | None) -> dict[str, Any]:
    """The request body: the head now and, when the chain still holds it, the head the server holds."""
    body: dict[str, Any] = {"sequence": current.sequence, "count": current.count, "hash": current.hash,
                            "last_at": current.last_at.isoformat() if current.last_at else None}
    if proof is not None and proof.sequence > 0:
        body["proof"] = {"sequence": proof.sequence, "hash": proof.hash}
    return body


def anchor_journal(db: Database, client: SyncClient) -> str | None:
    """Send the head (every sync, even unchanged: a forged local anchor is replaced by the server's); store the head
    the server answers it holds. Returns the server's status, None when the anchoring failed.

    A failed anchoring (an older server without it, a timeout, a 5xx) is logged and skipped: the pull goes on and
    the next sync sends the head again.
    """
    with db.read() as s:
        current = journal.head(s)
        stored = journal.stored_anchor(s)
        proof = stored if stored is not None and journal.holds(s, stored, current) else None
    try:
        answer = client.anchor_journal(head_body(current, proof))
        held = JournalHead.from_dict(answer["held"])
    except SyncError as err:
        log.warning("journal head not anchored: HTTP %s %s", err.status, err.code)
        return None
    except (KeyError, TypeError, ValueError):
        log.warning("journal head not anchored: the server's answer is malformed")
        return None
    if held != stored:  # the same head as kept: no write (the clerk's next action does not wait on one)
        with db.write() as s:
            journal.store_anchor(s, held)
    status = str(answer.get("status"))
    if status == "mismatch":
        log.warning("the server holds journal entry %s that this PC's journal no longer matches", held.sequence)
    return status
