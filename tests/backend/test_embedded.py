"""The embedded default and the console command: a real uvicorn on 127.0.0.1, the demo point, the SMS log."""

from __future__ import annotations

import base64
import json
import os
import time
import uuid
from pathlib import Path

import requests

from backend.embedded import DB_FILE, SECRETS_FILE, start_embedded
from backend.server import parse_args
from protocol.pickup_code import split_tag, tag_key_id
from tests.backend.conftest import BOTH_DBS


def _wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_embedded_backend_serves_the_demo_point_and_sends_the_sms(tmp_path: Path) -> None:
    backend = start_embedded(tmp_path, demo_orders=40, sms_interval_seconds=0.05)
    try:
        assert backend.url.startswith("http://127.0.0.1:")
        assert requests.get(f"{backend.url}/v1/health", timeout=5).json()["status"] == "ok"
        assert (tmp_path / DB_FILE).exists() and (tmp_path / SECRETS_FILE).stat().st_mode & 0o777 == 0o600
        assert backend.demo_secrets and backend.demo_secrets["pickup_codes"]
        code = backend.create_enrolment_code("0042")
        enrol = requests.post(f"{backend.url}/v1/enrol", json={"code": code, "device_name": "DEMO"}, timeout=5)
        headers = {"Authorization": f"Bearer {enrol.json()['token']}"}
        snapshot = requests.get(f"{backend.url}/v1/snapshot", headers=headers, timeout=10).json()
        # the seeded codes carry lookup tags under the key the counters get: a code typed alone hashes few orders
        kid = tag_key_id(base64.b64decode(snapshot["code_tag_key"]))
        seeded = [split_tag(o["pickup_code_hash"])[1] for o in snapshot["orders"] if o["pickup_code_hash"]]
        assert seeded and all(tag is not None and tag.startswith(kid + ".") for tag in seeded)
        order = next(o for o in snapshot["orders"] if o["status"] == "in_transit")
        events = [{"event_id": str(uuid.uuid4()), "device_seq": n, "type": "box.received", "schema_v": 1,
                   "payload": {"session": "s", "box": box["barcode"], "order": order["number"]},
                   "occurred_at": "2026-11-24T09:00:00+00:00"} for n, box in enumerate(order["boxes"], 1)]
        events.append({"event_id": str(uuid.uuid4()), "device_seq": len(events) + 1, "type": "order.arrived",
                       "schema_v": 1, "payload": {"order": order["number"], "arrived_at": "2026-11-24T09:00:00Z"},
                       "occurred_at": "2026-11-24T09:00:00+00:00"})
        events.append({"event_id": str(uuid.uuid4()), "device_seq": len(events) + 1, "type": "receiving.closed",
                       "schema_v": 1, "payload": {"session": "s", "summary": {}},  # the «ready» SMS waits for it
                       "occurred_at": "2026-11-24T09:00:00+00:00"})
        results = requests.post(f"{backend.url}/v1/events", json={"events": events}, headers=headers,
                                timeout=10).json()["results"]
        assert {r["status"] for r in results} == {"applied"}
        assert _wait_for(lambda: backend.sms_log.exists() and order["number"] in backend.sms_log.read_text())
        line = json.loads(backend.sms_log.read_text().splitlines()[-1])
        assert order["number"] in line["text"] and "Код получения" in line["text"]

        def accepted() -> bool:
            feed = requests.get(f"{backend.url}/v1/changes", params={"cursor": snapshot["cursor"]},
                                headers=headers, timeout=5).json()["changes"]
            return any(c["type"] == "sms.status" and c["payload"]["status"] == "accepted" for c in feed)

        assert _wait_for(accepted)
    finally:
        backend.stop()
    assert not backend.thread.is_alive()
    again = start_embedded(tmp_path, demo_orders=40)
    try:
        assert again.demo_secrets == backend.demo_secrets
        assert requests.get(f"{again.url}/v1/health", timeout=5).status_code == 200
    finally:
        again.stop()


def test_console_command_arguments(monkeypatch) -> None:
    monkeypatch.setenv("PICKUP_ADMIN_TOKEN", "from-env")
    args = parse_args(["--db", "postgresql+psycopg://u@h/db", "--host", "0.0.0.0", "--port", "9000", "--seed-demo"])
    assert (args.db, args.host, args.port, args.seed_demo, args.admin_token) == (
        "postgresql+psycopg://u@h/db", "0.0.0.0", 9000, True, None)


@BOTH_DBS
def test_console_command_runs_the_server(db_url: str, tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "backend.server", "--db", db_url, "--port", str(port), "--admin-token", "t",
           "--sms-gateway", "none", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    try:
        def healthy() -> bool:
            try:
                return requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200
            except requests.ConnectionError:
                return proc.poll() is not None

        assert _wait_for(healthy, timeout=60) and proc.poll() is None
        reply = requests.post(f"http://127.0.0.1:{port}/v1/admin/enrolment-codes", json={"point_code": "0042"},
                              headers={"X-Admin-Token": "t"}, timeout=5)
        assert reply.status_code == 404 and reply.json()["code"] == "point_not_found"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_gateway_credentials_come_from_the_environment(monkeypatch) -> None:
    from backend.server import sms_options_from_env

    monkeypatch.setenv("PICKUP_SMSRU_API_ID", "api-1")
    monkeypatch.setenv("PICKUP_SMSC_LOGIN", "shop")
    monkeypatch.setenv("PICKUP_SMSC_PASSWORD", "pw")
    assert sms_options_from_env("smsru") == {"api_id": "api-1"}
    assert sms_options_from_env("smsc") == {"login": "shop", "password": "pw"}
    assert sms_options_from_env("log") == {}


def test_smsru_callback_is_mounted_with_its_secret(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from backend.app import create_app
    from backend.config import Settings

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}", sms_gateway="smsru",
                        sms_options={"api_id": "x", "base_url": "http://127.0.0.1:9"}, sms_callback_secret="s3",
                        sms_interval_seconds=3600)
    with TestClient(create_app(settings)) as client:
        assert client.post("/v1/sms/smsru-callback/wrong", data={}).status_code == 403
        reply = client.post("/v1/sms/smsru-callback/s3", data={"data[0]": "sms_status\nnope\n103\n1"})
        assert reply.status_code == 200 and reply.text == "100"


def test_access_log_masks_the_callback_secret() -> None:
    import logging

    from backend.app import _ACCESS_FILTER

    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("1.2.3.4:5", "POST", "/v1/sms/smsru-callback/s3cret", "1.1", 200), None)
    assert _ACCESS_FILTER.filter(record)
    assert "s3cret" not in record.getMessage() and "/v1/sms/smsru-callback/***" in record.getMessage()
