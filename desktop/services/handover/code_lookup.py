"""Which orders a typed pickup code belongs to, when each code hash has a salt of its own.

With a salt per order the code cannot be hashed once and looked up: it is hashed under each candidate order's
salt (one scrypt per order whose code is still current at this point; older per-point hashes share one
computation), on several threads (scrypt releases the GIL), outside any transaction. The price of a code typed
with no order open: about 27 ms per current order per core at the production cost (36.7 hashes/s/core, issue 15),
some 3 s for 213 ready orders on 2 cores; typing the order number or scanning the QR costs one hash or none.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Order, PickupPoint
from desktop.db.pepper import code_hash_matches
from protocol.order_states import OrderStatus
from protocol.pickup_code import CodeHashParams, hash_like

# Orders whose code can no longer open a handover are not worth a slow hash each; the rest, by the status index.
SPENT = (OrderStatus.HANDED_OVER, OrderStatus.PARTIALLY_HANDED_OVER, OrderStatus.REFUSED, OrderStatus.RETURNED,
         OrderStatus.CANCELLED)
CURRENT = tuple(status for status in OrderStatus if status not in SPENT)


def code_candidates(s: Session) -> list[str]:
    """The stored code hashes of this point's orders whose code is still current."""
    rows = s.scalars(
        select(Order.pickup_code_hash)
        .join(PickupPoint, PickupPoint.id == Order.point_id)
        .where(PickupPoint.is_local.is_(True), Order.status.in_(CURRENT), Order.pickup_code_hash.is_not(None))
    )
    return [h for h in rows if h]


def matching_hashes(code: str, stored: list[str], point: CodeHashParams, pepper: bytes) -> list[str]:
    """The stored hashes `code` matches (slow: call it with no transaction open)."""
    def computed(one: str) -> str:
        return hash_like(code, one, point)

    workers = max(1, min(len(stored), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="code-lookup") as pool:
        fresh = list(pool.map(computed, stored))
    return [one for one, digest in zip(stored, fresh, strict=True) if code_hash_matches(pepper, digest, one)]
