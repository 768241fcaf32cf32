"""Which orders a typed pickup code belongs to, when each code hash has a salt of its own — fast, by lookup tag.

With a salt per order a code cannot be hashed once and looked up: it is hashed under each candidate order's
salt (scrypt, ~27 ms per order per core at the production cost: ~27 s for 2,000 current orders on 2 cores). So
the server publishes with each code hash a lookup tag, `kid.tag` = a fingerprint of the point's tag key and the
first byte of HMAC-SHA256(tag key, code) (protocol/pickup_code.py). The counter computes the typed code's tag
once (cheap) and runs scrypt only for orders whose tag fits (~1/256 of them) plus orders with no usable tag
(older hashes, or a tag under a key this PC does not hold: the full scan of before, never a missed order).
Older per-point hashes share one computation; the work runs on several threads (scrypt releases the GIL),
outside any transaction.

Why the tag does not weaken a stolen cache: the tag key is per point (the server derives it from its QR
signing key and the point code; it is in no database table) and the counter keeps it only sealed with AES-GCM
under its pepper (desktop/db/pepper.py, like the staff PIN hashes), never in clear. With the cache file alone
the tags are opaque HMAC bytes and the peppered hashes cannot be checked at all. An attacker with the cache AND
the pepper (the OS credential store of this PC's user, or the fallback file) has the PC itself: for them the
tag cuts the sweep of one order 256-fold, but they could as well type codes at the counter.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from itertools import compress

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Order
from desktop.db.pepper import code_hash_matches
from desktop.services.base import local_point
from protocol.order_states import OrderStatus
from protocol.pickup_code import CodeHashParams, code_tag, hash_like, split_tag, tag_key_id

# Orders whose code can no longer open a handover are not worth a slow hash each; the rest, by the status index.
SPENT = (OrderStatus.HANDED_OVER, OrderStatus.PARTIALLY_HANDED_OVER, OrderStatus.REFUSED, OrderStatus.RETURNED,
         OrderStatus.CANCELLED)
CURRENT = tuple(status for status in OrderStatus if status not in SPENT)


def code_candidates(s: Session) -> list[str]:
    """The stored code hashes of this point's orders whose code is still current."""
    rows = s.scalars(select(Order.pickup_code_hash).where(Order.point_id == local_point(s).id,
                                                          Order.status.in_(CURRENT)))
    return [h for h in rows if h]


def worth_hashing(code: str, stored: list[str], tag_key: bytes | None) -> list[str]:
    """The stored hashes `code` may match: a fitting tag, or no tag this PC can read (then scrypt decides)."""
    if tag_key is None:
        return stored
    kid, wanted = tag_key_id(tag_key), code_tag(tag_key, code)

    def fits(one: str) -> bool:
        tag = split_tag(one)[1]
        return tag is None or not tag.startswith(f"{kid}.") or tag == wanted

    return [one for one in stored if fits(one)]


def matching_hashes(code: str, stored: list[str], point: CodeHashParams, pepper: bytes,
                    tag_key: bytes | None = None) -> list[str]:
    """The stored hashes `code` matches (slow for each hash left by the tags: call it with no transaction open)."""
    def matches(one: str) -> bool:
        return code_hash_matches(pepper, hash_like(code, one, point), one)

    stored = worth_hashing(code, stored, tag_key)
    if not stored:
        return []
    workers = min(len(stored), os.cpu_count() or 1)  # at least 1: `stored` is not empty
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="code-lookup") as pool:
        return list(compress(stored, pool.map(matches, stored)))
