"""The committed OpenAPI document equals the one the app generates (regenerate: python -m backend.openapi)."""

from __future__ import annotations

from backend.openapi import DOC, render


def test_committed_openapi_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "docs/openapi.json is stale: run python -m backend.openapi"


def test_openapi_lists_every_endpoint() -> None:
    import json

    paths = set(json.loads(DOC.read_text(encoding="utf-8"))["paths"])
    assert {"/v1/health", "/v1/enrol", "/v1/events", "/v1/changes", "/v1/snapshot", "/v1/admin/import",
            "/v1/admin/enrolment-codes", "/v1/admin/devices/{device_id}/revoke",
            "/v1/admin/orders/{number}/cancel", "/v1/journal/head"} <= paths
