"""Console sub-commands of money, on the server's database directly (the same functions as the admin routes):

    pickup-desk-backend certificates-import FILE.csv      (columns number,pin,face_rub,expires_at; header row)
    pickup-desk-backend certificate-block GC000000000017
    pickup-desk-backend customer-return 100000001 --reference RET-1 --line SKU-1:1 [--line SKU-2:2]

`face_rub` is the face value in roubles (empty: chosen at the sale), `expires_at` ISO 8601 (empty: a year from
the sale). PINs are hashed at once and never printed or logged. Exit 0 done, 2 refused (the reason code and why).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

from backend import changes
from backend.admin_cli import Refused, database_option, open_database
from backend.config import utc_now
from backend.money_admin import CertificateItem, MoneyProblem, block_certificate, customer_return, import_certificates
from backend.serialize import parse_iso
from protocol.limits import INT_MAX
from protocol.money import parse_rub
from protocol.money_rules import CERTIFICATE_PATTERN, CERTIFICATE_PIN_LENGTH

COMMANDS = ("certificates-import", "certificate-block", "customer-return")
COLUMNS = ("number", "pin", "face_rub", "expires_at")


def _number(value: str) -> str:
    if not re.fullmatch(CERTIFICATE_PATTERN, value):
        raise argparse.ArgumentTypeError("a certificate number is GC and 12 digits")
    return value


def _line(value: str) -> tuple[str, int]:
    sku, _, quantity = value.rpartition(":")
    if not sku or len(sku) > 32 or not quantity.isdigit() or not 1 <= int(quantity) <= INT_MAX:
        raise argparse.ArgumentTypeError(f"SKU:QUANTITY, not {value!r}")
    return sku, int(quantity)


def _reference(value: str) -> str:
    if not value.strip() or len(value) > 64 or "\x00" in value:
        raise argparse.ArgumentTypeError("1 to 64 characters")
    return value


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pickup-desk-backend", description="Money on the server")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("certificates-import", help="printed gift certificates into stock (CSV)")
    database_option(load)
    load.add_argument("file", type=Path, help=f"CSV with the header {','.join(COLUMNS)}")
    block = sub.add_parser("certificate-block", help="block a gift certificate (lost, stolen, disputed)")
    database_option(block)
    block.add_argument("number", type=_number)
    back = sub.add_parser("customer-return", help="goods returned after the handover: reverse their points")
    database_option(back)
    back.add_argument("order")
    back.add_argument("--reference", required=True, type=_reference, help="the centre's return document")
    back.add_argument("--line", required=True, action="append", type=_line, dest="lines", help="SKU:QUANTITY")
    return parser.parse_args(argv)



def run(argv: list[str]) -> int:
    """Run one money sub-command; the exit code."""
    args = parse_args(argv)
    try:
        items = read_certificates(args.file) if args.command == "certificates-import" else []
        db = open_database(args.db)
        try:
            out = changes.transaction(db, lambda session: _run(session, args, items), args.command)
        finally:
            db.dispose()
    except MoneyProblem as problem:
        print(f"pickup-desk-backend {args.command}: refused: {problem.code}: {problem.detail}", file=sys.stderr)
        return 2
    except Refused as refused:
        print(f"pickup-desk-backend {args.command}: {refused}", file=sys.stderr)
        return 2
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def _run(session: Any, args: argparse.Namespace, items: list[CertificateItem]) -> Any:
    if args.command == "certificates-import":
        return {"imported": import_certificates(session, items, utc_now())}
    if args.command == "certificate-block":
        return block_certificate(session, args.number, utc_now())
    return customer_return(session, args.order, args.reference, args.lines, utc_now())


def read_certificates(path: Path) -> list[CertificateItem]:
    """The CSV's rows, each checked; MoneyProblem (422) names the first bad row (never its PIN)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise MoneyProblem(422, "unreadable_file", f"cannot read {path}: {type(exc).__name__}") from None
    if not rows:
        raise MoneyProblem(422, "no_certificates", f"{path}: no rows (header {','.join(COLUMNS)})")
    return [_row(n, row) for n, row in enumerate(rows, 2)]


def _row(n: int, row: dict[str, Any]) -> CertificateItem:
    number, pin = (row.get("number") or "").strip(), (row.get("pin") or "").strip()
    if not re.fullmatch(CERTIFICATE_PATTERN, number):
        raise MoneyProblem(422, "bad_certificate_row", f"row {n}: the number is not GC and 12 digits")
    if not (pin.isdigit() and len(pin) == CERTIFICATE_PIN_LENGTH):
        raise MoneyProblem(422, "bad_certificate_row", f"row {n} ({number}): the PIN is not {CERTIFICATE_PIN_LENGTH} "
                                                       "digits")
    face_text = (row.get("face_rub") or "").strip()
    face = parse_rub(face_text) if face_text else None
    if face_text and (face is None or not 0 < face <= INT_MAX):
        raise MoneyProblem(422, "bad_certificate_row", f"row {n} ({number}): face_rub is not an amount in roubles")
    try:
        expires = parse_iso((row.get("expires_at") or "").strip())
    except ValueError:
        raise MoneyProblem(422, "bad_certificate_row", f"row {n} ({number}): expires_at is not ISO 8601") from None
    return CertificateItem(number, pin, face, expires)
