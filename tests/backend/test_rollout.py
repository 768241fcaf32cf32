"""Staged rollout: channels per point, a target version per channel, stop, and the device's update policy."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.app import create_app
from backend.config import Settings
from tests.backend.conftest import ADMIN, BOTH_DBS, Server, point_feed

POLICY = "/v1/update/policy"


def policy(server: Server, point: str = "0042") -> dict[str, Any]:
    device = server.enrol(point)
    reply = server.client.get(POLICY, headers=device.headers)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def set_target(server: Server, channel: str, version: str) -> Any:
    return server.admin("PUT", f"/v1/admin/rollouts/{channel}", json={"target_version": version})


def set_channel(server: Server, point: str, channel: str) -> Any:
    return server.admin("PUT", f"/v1/admin/points/{point}/channel", json={"channel": channel})


@pytest.fixture
def points(server: Server) -> Server:
    server.import_feed(point_feed("0042"))
    server.import_feed(point_feed("0043"))
    return server


@BOTH_DBS
def test_nothing_to_install_until_a_rollout_is_set(points: Server) -> None:
    assert policy(points) == {"channel": "everyone", "target_version": None, "repository_url": None}


@BOTH_DBS
def test_pilot_gets_its_version_first_then_everyone(points: Server) -> None:
    assert set_channel(points, "0042", "pilot").json() == {"point_code": "0042", "channel": "pilot"}
    assert set_target(points, "everyone", "1.4.0").status_code == 200
    assert set_target(points, "pilot", "1.5.0").json()["target_version"] == "1.5.0"
    assert policy(points, "0042")["target_version"] == "1.5.0"
    assert policy(points, "0043") == {"channel": "everyone", "target_version": "1.4.0", "repository_url": None}
    set_target(points, "everyone", "1.6.0")  # a pilot point is never behind everyone
    assert policy(points, "0042") == {"channel": "pilot", "target_version": "1.6.0", "repository_url": None}


@BOTH_DBS
def test_stopping_a_rollout_offers_nothing_of_it(points: Server) -> None:
    set_channel(points, "0042", "pilot")
    set_target(points, "everyone", "1.4.0")
    set_target(points, "pilot", "1.5.0")
    stopped = points.admin("POST", "/v1/admin/rollouts/pilot/stop").json()
    assert stopped["stopped"] is True and stopped["target_version"] == "1.5.0"
    assert policy(points, "0042")["target_version"] == "1.4.0"  # the counter never downgrades: it stays on 1.5.0
    points.admin("POST", "/v1/admin/rollouts/everyone/stop")
    assert policy(points, "0042")["target_version"] is None and policy(points, "0043")["target_version"] is None
    set_target(points, "everyone", "1.4.1")  # setting a target again resumes the channel
    assert policy(points, "0043")["target_version"] == "1.4.1"
    listed = points.admin("GET", "/v1/admin/rollouts").json()["rollouts"]
    assert [(r["channel"], r["target_version"], r["stopped"]) for r in listed] == [
        ("pilot", "1.5.0", True), ("everyone", "1.4.1", False)]


def test_versions_are_stored_in_their_pep440_form(points: Server) -> None:
    assert set_target(points, "everyone", "v1.5").json()["target_version"] == "1.5"
    assert set_target(points, "everyone", "1.5.0rc1").json()["target_version"] == "1.5.0rc1"


@BOTH_DBS
@pytest.mark.parametrize("body", [{"target_version": "banana"}, {"target_version": ""}, {"target_version": 15},
                                  {"target_version": "1" * 65}, {"target_version": None}, {}, {"version": "1.0"}])
def test_bad_target_version_is_a_422(points: Server, body: dict[str, Any]) -> None:
    reply = points.admin("PUT", "/v1/admin/rollouts/everyone", json=body)
    assert reply.status_code == 422 and reply.json()["code"] == "invalid_request"


@BOTH_DBS
def test_bad_channel_and_unknown_point_are_refused(points: Server) -> None:
    assert set_target(points, "beta", "1.0").status_code == 422
    assert points.admin("POST", "/v1/admin/rollouts/beta/stop").status_code == 422
    assert set_channel(points, "0042", "beta").status_code == 422
    assert set_channel(points, "0042", None).status_code == 422  # type: ignore[arg-type]
    reply = set_channel(points, "9999", "pilot")
    assert reply.status_code == 404 and reply.json()["code"] == "point_not_found"


def test_admin_routes_need_the_admin_token(points: Server) -> None:
    assert points.client.put("/v1/admin/rollouts/everyone", json={"target_version": "1.0"}).status_code == 403
    assert points.client.post("/v1/admin/rollouts/everyone/stop",
                              headers={"X-Admin-Token": "wrong"}).status_code == 403
    assert points.client.put("/v1/admin/points/0042/channel", json={"channel": "pilot"}).status_code == 403


def test_policy_needs_a_device_token(points: Server) -> None:
    assert points.client.get(POLICY).status_code == 401
    assert points.client.get(POLICY, headers={"Authorization": "Bearer nope"}).status_code == 401


def serving(settings: Settings, **changes: Any) -> TestClient:
    for name, value in changes.items():
        setattr(settings, name, value)
    return TestClient(create_app(settings))


def test_update_repository_is_served_and_named_in_the_policy(settings: Settings, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "metadata").mkdir(parents=True)
    (repo / "metadata" / "root.json").write_text('{"signed": {}}')
    (tmp_path / "secret.txt").write_text("outside")
    with serving(settings, update_repo_dir=repo) as client:
        server = Server(client, client.app)
        server.import_feed(point_feed("0042"))
        assert policy(server)["repository_url"] == "http://testserver/updates/"
        assert client.get("/updates/metadata/root.json").json() == {"signed": {}}
        assert client.get("/updates/%2e%2e/secret.txt").status_code == 404
        assert client.get("/updates/metadata/missing.json").status_code == 404


def test_public_url_names_the_repository_behind_a_proxy(settings: Settings, tmp_path: Path) -> None:
    with serving(settings, update_repo_dir=tmp_path, public_url="https://pvz.example.ru/") as client:
        server = Server(client, client.app)
        server.import_feed(point_feed("0042"))
        assert policy(server)["repository_url"] == "https://pvz.example.ru/updates/"
        assert client.get("/v1/health", headers={"X-Admin-Token": ADMIN}).status_code == 200


@BOTH_DBS
def test_administrators_at_the_same_time_never_collide(points: Server) -> None:
    """Both channels' rows exist from the migration and the point's row is locked: no duplicate-key 500."""
    from concurrent.futures import ThreadPoolExecutor
    from datetime import UTC, datetime

    from backend import rollout
    from backend.rollout import Channel

    barrier = threading.Barrier(8)

    def administer(n: int) -> None:
        barrier.wait()
        with points.db.write() as session:
            rollout.set_target(session, Channel.PILOT, f"1.{n}", datetime.now(UTC))
            rollout.set_point_channel(session, "0043", Channel.PILOT, datetime.now(UTC))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(administer, range(8)))
    assert policy(points, "0043")["channel"] == "pilot"
    assert policy(points, "0043")["target_version"] in {f"1.{n}" for n in range(8)}
