"""Console sub-commands of warranty claims: `pickup-desk-backend claim-result …` and `… prefile-claim …`.

They work on the server's database directly (the same functions as the admin routes, backend/claims.py) and print
the claim as JSON. A refused step exits 2 with its reason code; a malformed argument exits 2 through argparse.

    pickup-desk-backend claim-result W123456789 --outcome repaired --conclusion "заменена плата" [--repair-rub 3500]
    pickup-desk-backend prefile-claim 100000001 SKU-1 --fault "не включается" [--serial SN1]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from backend import changes
from backend.admin_cli import database_option
from backend.claims import ClaimProblem, prefile_claim, record_service_result
from backend.config import utc_now
from backend.db import Database
from backend.models import Point
from backend.serialize import claim_dict
from protocol.claims import ClaimOutcome
from protocol.limits import CONCLUSION_MAX, FAULT_MAX, INT_MAX, SERIAL_MAX
from protocol.money import parse_rub

COMMANDS = ("claim-result", "prefile-claim")


def _text(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.strip() or len(value) > limit or "\x00" in value:
            raise argparse.ArgumentTypeError(f"1 to {limit} characters")
        return value

    return check


def _kopecks(value: str) -> int:
    kopecks = parse_rub(value)
    if kopecks is None or kopecks > INT_MAX:
        raise argparse.ArgumentTypeError(f"not an amount in roubles: {value!r}")
    return kopecks


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pickup-desk-backend", description="Warranty claims on the server")
    sub = parser.add_subparsers(dest="command", required=True)
    result = sub.add_parser("claim-result", help="record the service centre's result: the item comes back")
    database_option(result)
    result.add_argument("number", help="the claim number (W…)")
    result.add_argument("--outcome", required=True, choices=[str(o) for o in ClaimOutcome])
    result.add_argument("--conclusion", required=True, type=_text(CONCLUSION_MAX))
    result.add_argument("--repair-rub", type=_kopecks, default=0, dest="repair_kopecks",
                        help="a paid repair's price in roubles (the return order is then unpaid); default 0")
    prefile = sub.add_parser("prefile-claim", help="file a claim for a handed-over order's item")
    database_option(prefile)
    prefile.add_argument("order")
    prefile.add_argument("sku")
    prefile.add_argument("--fault", required=True, type=_text(FAULT_MAX))
    prefile.add_argument("--serial", type=_text(SERIAL_MAX), default=None)
    return parser.parse_args(argv)



def run(argv: list[str]) -> int:
    """Run one claim sub-command; the exit code."""
    args = parse_args(argv)
    db = Database(args.db)
    try:
        out: dict[str, Any] = changes.transaction(db, lambda session: _claim_out(session, _run(session, args)),
                                                  args.command)
    except ClaimProblem as problem:
        print(f"pickup-desk-backend: refused: {problem.reason}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def _claim_out(session: Any, claim: Any) -> dict[str, Any]:
    point = session.get(Point, claim.point_id)
    assert point is not None
    return claim_dict(claim, point.code)


def _run(session: Any, args: argparse.Namespace) -> Any:
    if args.command == "claim-result":
        return record_service_result(session, utc_now(), args.number, args.outcome, args.conclusion,
                                     args.repair_kopecks)
    return prefile_claim(session, utc_now(), args.order, args.sku, args.serial, args.fault)

