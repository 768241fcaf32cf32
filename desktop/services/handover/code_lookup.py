"""Which orders a typed pickup code belongs to, when each code hash has a salt of its own.

With a salt per order the code cannot be hashed once and looked up: it is hashed under each candidate order's
salt (one scrypt per order whose code is still current at this point; older per-point hashes share one
computation), on several threads (scrypt releases the GIL), outside any transaction.
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

# Orders whose code can no longer open a handover: not worth a slow hash each.
SPENT = (OrderStatus.HANDED_OVER, OrderStatus.PARTIALLY_HANDED_OVER, OrderStatus.REFUSED, OrderStatus.RETURNED,
         OrderStatus.CANCELLED)


def code_candidates(s: Session) -> list[str]:
    """The stored code hashes of this point's orders whose code is still current."""
    rows = s.scalars(
        select(Order.pickup_code_hash)
        .join(PickupPoint, PickupPoint.id == Order.point_id)
        .where(PickupPoint.is_local.is_(True), Order.pickup_code_hash.is_not(None), Order.status.not_in(SPENT))
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
