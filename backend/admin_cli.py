"""Installer and administrator sub-commands of `pickup-desk-backend`, run on the server's database directly.

    pickup-desk-backend enrolment-code --point 0042 [--valid-hours 24]
    pickup-desk-backend enrolment-code --points-file points.txt --csv codes.csv   (or --point repeated)
    pickup-desk-backend rollout --channel pilot --version 1.5.0 | rollout --channel everyone --stop | rollout
    pickup-desk-backend point-channel --point 0042 --channel pilot

They take the same `--db` URL (or PICKUP_BACKEND_DB) as the server. Exit 0 done, 2 refused (unknown point,
bad version or channel, unreadable file): the message says why and nothing is changed.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import make_url

from backend import rollout
from backend.auth import issue_enrolment_code
from backend.config import utc_now
from backend.db import Database
from backend.serialize import iso
from protocol.private_files import create_private

EXIT_OK, EXIT_REFUSED = 0, 2
MAX_VALID_HOURS = 24 * 30
COMMANDS = ("enrolment-code", "rollout", "point-channel")


class Refused(Exception):
    """What the command cannot do, in one line for the installer."""


def database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=os.environ.get("PICKUP_BACKEND_DB", "sqlite:///pickup-backend.sqlite3"),
                        help="SQLAlchemy URL: sqlite:///file.sqlite3 or postgresql+psycopg://user@host/db")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pickup-desk-backend", description="Pickup Desk server administration")
    commands = parser.add_subparsers(dest="command", required=True)
    codes = commands.add_parser("enrolment-code", help="one-use codes that enrol counter PCs (PickupDesk --enrol)")
    database_option(codes)
    codes.add_argument("--point", action="append", default=[], help="pickup point code (repeat for several)")
    codes.add_argument("--points-file", type=Path, help="a file of point codes, one a line (# comments)")
    codes.add_argument("--valid-hours", type=int, default=24, help=f"1…{MAX_VALID_HOURS} (default 24)")
    codes.add_argument("--csv", type=Path, help="write point,code,expires_at to this file (0600)")
    plan = commands.add_parser("rollout", help="set, stop or show the update rollout of a channel")
    database_option(plan)
    plan.add_argument("--channel", help=" | ".join(rollout.Channel))
    target = plan.add_mutually_exclusive_group()
    target.add_argument("--version", help="the newest version the channel's points may install (PEP 440)")
    target.add_argument("--stop", action="store_true", help="stop the channel's rollout")
    channel = commands.add_parser("point-channel", help="move a pickup point to a rollout channel")
    database_option(channel)
    channel.add_argument("--point", required=True)
    channel.add_argument("--channel", required=True, help=" | ".join(rollout.Channel))
    return parser


def run(argv: Sequence[str], out: TextIO | None = None) -> int:
    """Run one sub-command; the exit code."""
    stream = out or sys.stdout
    args = build_parser().parse_args(list(argv))
    try:
        handler = {"enrolment-code": enrolment_codes, "rollout": set_rollout, "point-channel": point_channel}
        handler[args.command](args, stream)
    except (Refused, rollout.RolloutInputError) as exc:
        sys.stderr.write(f"pickup-desk-backend {args.command}: {exc}\n")
        return EXIT_REFUSED
    return EXIT_OK


def open_database(url: str) -> Database:
    """The server's database at the current schema (migrated as the server's start would); never a new file."""
    database = make_url(url).database if url.startswith("sqlite") else None
    if database and database != ":memory:" and not Path(database).exists():
        raise Refused(f"no database at {database}: give the server's --db URL (or PICKUP_BACKEND_DB)")
    db = Database(url)
    db.upgrade()
    return db


def enrolment_codes(args: argparse.Namespace, out: TextIO) -> None:
    points = requested_points(args.point, args.points_file)
    if not 1 <= args.valid_hours <= MAX_VALID_HOURS:
        raise Refused(f"--valid-hours must be 1…{MAX_VALID_HOURS}")
    db = open_database(args.db)
    try:
        rows = issue_codes(db, points, timedelta(hours=args.valid_hours))
    finally:
        db.dispose()
    if args.csv is not None:
        write_csv(args.csv, rows)
        out.write(f"{len(rows)} enrolment codes written to {args.csv}\n")
    elif len(rows) == 1:
        out.write(f"{rows[0][1]}\n")
        sys.stderr.write(f"point {rows[0][0]}, valid until {rows[0][2]}: PickupDesk --enrol SERVER-URL CODE\n")
    else:
        csv.writer(out, lineterminator="\n").writerows([("point", "code", "expires_at"), *rows])


def requested_points(given: list[str], points_file: Path | None) -> list[str]:
    points = [code.strip() for code in given if code.strip()]
    if points_file is not None:
        try:
            lines = points_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise Refused(f"cannot read {points_file}: {exc}") from None
        points += [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]
    if not points:
        raise Refused("name the pickup points: --point 0042 (repeatable) or --points-file FILE")
    return list(dict.fromkeys(points))


def issue_codes(db: Database, points: list[str], ttl: timedelta) -> list[tuple[str, str, str]]:
    """One code per point in one transaction: an unknown point refuses them all."""
    now = utc_now()
    rows = []
    with db.write() as session:
        for point in points:
            try:
                code, expires_at = issue_enrolment_code(session, point, now, ttl)
            except LookupError:
                raise Refused(f"unknown pickup point {point!r}: no code was issued") from None
            rows.append((point, code, iso(expires_at) or ""))
    return rows


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """The codes are secrets until used: the file is created owner-only."""
    try:
        handle = os.fdopen(create_private(path), "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise Refused(f"cannot write {path}: {exc}") from None
    with handle:
        csv.writer(handle, lineterminator="\n").writerows([("point", "code", "expires_at"), *rows])


def set_rollout(args: argparse.Namespace, out: TextIO) -> None:
    db = open_database(args.db)
    try:
        with db.write() as session:
            if args.version is not None or args.stop:
                if args.channel is None:
                    raise Refused("name the channel: --channel pilot|everyone")
                channel = rollout.parse_channel(args.channel)
                if args.stop:
                    rollout.stop(session, channel, utc_now())
                else:
                    rollout.set_target(session, channel, args.version, utc_now())
            states = rollout.states(session)
    finally:
        db.dispose()
    for state in states:
        shown = state.target_version or "-"
        out.write(f"{state.channel}: {shown}{' (stopped)' if state.stopped else ''}\n")


def point_channel(args: argparse.Namespace, out: TextIO) -> None:
    channel = rollout.parse_channel(args.channel)
    db = open_database(args.db)
    try:
        with db.write() as session:
            rollout.set_point_channel(session, args.point, channel, utc_now())
    except rollout.PointNotFound:
        raise Refused(f"unknown pickup point {args.point!r}") from None
    finally:
        db.dispose()
    out.write(f"point {args.point}: channel {channel}\n")
