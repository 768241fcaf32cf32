"""A pickup code typed alone at a busy point: lookup time without and with the lookup tags, production scrypt cost.

Run: .venv/bin/python bench/code_lookup.py [--orders=2000]
One real order (its code hashed and peppered as the counter keeps it) among `orders` current ones; the others
carry random digests under salts of their own (the lookup costs one scrypt per candidate either way) and tags of
random codes. "before": no tag key (today's full scan); "after": the counter holds the point's tag key.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.db.pepper import peppered  # noqa: E402
from desktop.services.handover.code_lookup import matching_hashes  # noqa: E402
from protocol.pickup_code import TAG_SEP, CodeHashParams, code_tag, salted_code_hash  # noqa: E402

PRODUCTION = CodeHashParams(salt=b"", n=2**14, r=8, p=1)


def stored_hashes(count: int, code: str, tag_key: bytes, pepper: bytes) -> list[str]:
    """What the counter's cache holds for `count` current orders; the first one is `code`'s."""
    out = [peppered(pepper, salted_code_hash(code, PRODUCTION, tag_key))]
    for _ in range(count - 1):
        salt = CodeHashParams(salt=secrets.token_bytes(16), n=PRODUCTION.n).encode()
        other = f"{secrets.randbelow(10**6):06d}"
        out.append(peppered(pepper, f"{salt}${secrets.token_hex(32)}{TAG_SEP}{code_tag(tag_key, other)}"))
    return out


def timed(code: str, stored: list[str], pepper: bytes, tag_key: bytes | None) -> tuple[float, int]:
    start = time.perf_counter()
    found = matching_hashes(code, stored, PRODUCTION, pepper, tag_key)
    return time.perf_counter() - start, len(found)


def main() -> None:
    orders = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--orders=")), 2000)
    code, tag_key, pepper = "314159", secrets.token_bytes(32), secrets.token_bytes(32)
    stored = stored_hashes(orders, code, tag_key, pepper)
    before, found_before = timed(code, stored, pepper, None)
    after, found_after = timed(code, stored, pepper, tag_key)
    print(f"{orders} current orders, scrypt n=2**14 r=8 p=1, {os.cpu_count()} CPUs")
    print(f"before (full scan, no tag key): {before:.2f} s, found {found_before}")
    print(f"after  (lookup tags):           {after * 1000:.0f} ms, found {found_after}")


if __name__ == "__main__":
    main()
