"""System fixtures: the whole point on loopback, on SQLite and on a throwaway PostgreSQL (tests/backend's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend.conftest import (
    PgCluster,
    migrated_sqlite_url,
    pg_cluster,  # noqa: F401  (a session fixture, reused here)
)
from tests.sms.fake_gateways import FakeGatewayServer
from tests.system.harness import System, build_system

DB_KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=DB_KINDS)
def system_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        return cluster.url(cluster.create_database())
    return migrated_sqlite_url(tmp_path)


@pytest.fixture
def system(system_db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[System]:
    """The demo's point (seed 42, two trucks) with 80 orders — every kind of order the scenarios need, at a
    quarter of the set-up time; `@pytest.mark.system_orders(n)` asks for more. The demo's own size (300) runs
    in test_demo_entry_point.py. The backend, the SMSC fake and two counter PCs."""
    marker = request.node.get_closest_marker("system_orders")
    with FakeGatewayServer("smsc") as gateway:
        whole = build_system(tmp_path, system_db_url, gateway, orders=marker.args[0] if marker else 80)
        try:
            yield whole
        finally:
            for counter in whole.counters:
                counter.db.dispose()
            whole.backend.stop()
