"""Console command `pickup-desk-backend`: run the reference central backend with uvicorn, or an admin command.

`pickup-desk-backend [serve] --db URL …` serves (no sub-command: serve, as always; `--workers N`: N API
processes); `sms-worker` runs the SMS queue in its own process (backend/processes.py); `enrolment-code`,
`rollout` and `point-channel` are the installer's and administrator's commands (backend/admin_cli.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from backend import admin_cli
from backend.app import create_app
from backend.config import ADMIN_TOKEN_ENV, API_THREADS, LogGatewayRefused, Settings, utc_now
from backend.db import Database, PoolSizes

log = logging.getLogger("backend.server")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pickup-desk-backend", description="Pickup Desk central backend")
    admin_cli.database_option(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--admin-token", default=None, help=f"admin API token (default: ${ADMIN_TOKEN_ENV})")
    parser.add_argument("--seed-demo", action="store_true", help="import the demo pickup point if missing")
    parser.add_argument("--sms-gateway", choices=["log", "smsc", "smsru", "none"], default="log")
    parser.add_argument("--sms-log", type=Path, default=Path("sms-demo.log"), help="file of the log gateway")
    parser.add_argument("--allow-log-sms", action="store_true",
                        default=os.environ.get("PICKUP_ALLOW_LOG_SMS", "") in ("1", "true", "yes"),
                        help="let a server that is not a demo (no --seed-demo) use the log gateway (masked texts)")
    parser.add_argument("--qr-key", type=Path, default=None,
                        help="the QR signing key file, 0600 (default: next to a SQLite database, else "
                             "./qr-signing.key); PICKUP_QR_SIGNING_KEY (base64) takes precedence")
    parser.add_argument("--update-repo", type=Path, default=_env_path("PICKUP_UPDATE_REPO_DIR"),
                        help="serve this TUF update repository under /updates/ (env PICKUP_UPDATE_REPO_DIR)")
    parser.add_argument("--public-url", default=os.environ.get("PICKUP_PUBLIC_URL") or None,
                        help="this server's address as counter PCs reach it (names /updates/ in the update policy)")
    parser.add_argument("--log-level", default="info")
    scale_out_options(parser)
    return parser.parse_args(argv)


def scale_out_options(parser: argparse.ArgumentParser) -> None:
    """Processes and pools (backend/README «Deployment»); each also read from the environment."""
    parser.add_argument("--workers", type=int, default=_env_int("PICKUP_API_WORKERS", 1),
                        help="API processes sharing the port (env PICKUP_API_WORKERS; default 1)")
    parser.add_argument("--sms-dispatch", choices=["thread", "external"],
                        default=os.environ.get("PICKUP_SMS_DISPATCH") or "thread",
                        help="thread: each API process runs an SMS dispatcher; external: `sms-worker` processes do "
                             "(env PICKUP_SMS_DISPATCH)")
    parser.add_argument("--sms-interval", type=float, default=2.0, help="seconds between SMS dispatcher passes")
    parser.add_argument("--threads", type=int, default=_env_int("PICKUP_API_THREADS", API_THREADS),
                        help="requests each API process serves at once, the rest queue (env PICKUP_API_THREADS)")
    parser.add_argument("--db-pool-size", type=int, default=_env_int("PICKUP_DB_POOL_SIZE", 10),
                        help="PostgreSQL connections each process keeps (env PICKUP_DB_POOL_SIZE)")
    parser.add_argument("--db-max-overflow", type=int, default=_env_int("PICKUP_DB_MAX_OVERFLOW", 10),
                        help="more connections a process may open at a peak (env PICKUP_DB_MAX_OVERFLOW)")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise SystemExit(f"pickup-desk-backend: {name} must be a whole number, not {value!r}")
    return int(value)


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value) if value else None


def main(argv: Sequence[str] | None = None) -> None:
    """`pickup-desk-backend [serve] …` serves; an admin sub-command runs and exits with its code."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words and words[0] in admin_cli.COMMANDS:
        raise SystemExit(admin_cli.run(words))
    claim_command(words)  # exits when it is a claim sub-command
    money_command(words)
    if words[:1] == ["sms-worker"]:
        raise SystemExit(sms_worker(parse_args(words[1:])))
    serve(parse_args(words[1:] if words[:1] == ["serve"] else words))


def serve(args: argparse.Namespace) -> None:
    if args.update_repo is not None and not args.update_repo.is_dir():
        raise SystemExit(f"pickup-desk-backend: --update-repo {args.update_repo} is not a directory")
    settings = _checked_settings(args)
    try:
        app = create_app(settings)  # migrates: the worker processes of `--workers N` then find the schema ready
    except LogGatewayRefused as refused:
        raise SystemExit(f"pickup-desk-backend: {refused}") from None
    if args.seed_demo:
        seed(app.state.db, settings, app.state.signing_key)
    if args.workers > 1:
        from backend.processes import serve_processes

        app.state.db.dispose()
        serve_processes(settings, args.host, args.port, args.workers, args.log_level)
        return
    from backend.processes import settle_gc

    settle_gc()
    log.info("listening on http://%s:%d", args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level.lower())


def sms_worker(args: argparse.Namespace) -> int:
    """`pickup-desk-backend sms-worker --db URL --sms-gateway …`: the SMS queue and housekeeping, in this process."""
    from backend.processes import run_sms_worker

    settings = _checked_settings(args)
    try:
        return run_sms_worker(settings)
    except LogGatewayRefused as refused:
        raise SystemExit(f"pickup-desk-backend: {refused}") from None


def _checked_settings(args: argparse.Namespace) -> Settings:
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(process)d %(levelname)s %(name)s: "
                                                             "%(message)s")
    if args.workers < 1 or args.threads < 1 or args.db_pool_size < 1 or args.db_max_overflow < 0:
        raise SystemExit("pickup-desk-backend: --workers, --threads and --db-pool-size must be at least 1, "
                         "--db-max-overflow at least 0")
    if args.workers > 1 and str(args.db).startswith("sqlite"):  # one writer file: more processes only wait
        raise SystemExit("pickup-desk-backend: SQLite is served by one process; --workers N needs PostgreSQL")
    try:
        return _settings(args)
    except ValueError as bad:  # a money setting out of range (PICKUP_POINTS_SHARE_PERCENT …)
        raise SystemExit(f"pickup-desk-backend: {bad}") from None


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        args.db,
        args.admin_token,
        sms_gateway=args.sms_gateway,
        sms_log_path=args.sms_log,
        demo_mode=args.seed_demo,
        allow_log_gateway=args.allow_log_sms,
        qr_key_path=args.qr_key,
        sms_options=sms_options_from_env(args.sms_gateway),
        sms_callback_secret=os.environ.get("PICKUP_SMS_CALLBACK_SECRET") or None,
        update_repo_dir=args.update_repo,
        public_url=args.public_url,
        sms_dispatch_external=args.sms_dispatch == "external",
        sms_interval_seconds=args.sms_interval,
        db_pool=PoolSizes(size=args.db_pool_size, overflow=args.db_max_overflow),
        api_threads=args.threads,
    )


def claim_command(argv: list[str]) -> None:
    """`claim-result …` / `prefile-claim …` (backend/claims_cli.py): run it and exit with its code."""
    from backend import claims_cli

    if argv and argv[0] in claims_cli.COMMANDS:
        raise SystemExit(claims_cli.run(argv))


def money_command(argv: list[str]) -> None:
    """`certificates-import …` / `certificate-block …` / `customer-return …` (backend/money_cli.py)."""
    from backend import money_cli

    if argv and argv[0] in money_cli.COMMANDS:
        raise SystemExit(money_cli.run(argv))


def sms_options_from_env(gateway: str) -> dict[str, str]:
    """Gateway credentials come from the environment only (never the command line or logs)."""
    env = os.environ
    sender = {"sender": env["PICKUP_SMS_SENDER"]} if env.get("PICKUP_SMS_SENDER") else {}
    if gateway == "smsc":
        base = {"base_url": env["PICKUP_SMSC_URL"]} if env.get("PICKUP_SMSC_URL") else {}  # e.g. a regional mirror
        return {"login": env.get("PICKUP_SMSC_LOGIN", ""), "password": env.get("PICKUP_SMSC_PASSWORD", ""),
                **sender, **base}
    if gateway == "smsru":
        base = {"base_url": env["PICKUP_SMSRU_URL"]} if env.get("PICKUP_SMSRU_URL") else {}
        return {"api_id": env.get("PICKUP_SMSRU_API_ID", ""), **sender, **base}
    return {}


def seed(db: Database, settings: Settings, signing_key: Ed25519PrivateKey) -> None:
    from backend.demo_seed import seed_demo
    from backend.keys import code_tag_key
    from protocol.demo_data import DEMO_POINT_CODE

    secrets = seed_demo(db, settings.code_hash_n, utc_now(), tag_key=code_tag_key(signing_key, DEMO_POINT_CODE))
    log.info("demo point %s", "seeded" if secrets is not None else "already present")


if __name__ == "__main__":
    main()
