"""Schema fuzzing of the backend (issue 15): schemathesis cases from docs/openapi.json, valid and invalid, sent
to the app on SQLite and PostgreSQL; no answer may be a 5xx or stray from the documented response schemas.

The test command runs a bounded fuzz (`PICKUP_FUZZ_EXAMPLES`, default 6 examples per operation and mode). The full
run, which prints how many requests it made and every failure found:

    PICKUP_FUZZ_EXAMPLES=300 python -m pytest -p no:randomly -s tests/backend/test_fuzz.py
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from backend.openapi import DOC
from tests.backend.conftest import ADMIN, BOTH_DBS, Server, point_feed

EXAMPLES = int(os.environ.get("PICKUP_FUZZ_EXAMPLES", "6"))
SCHEMA = schemathesis.openapi.from_path(str(DOC))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@BOTH_DBS
def test_fuzzing_finds_no_server_error_and_no_schema_violation(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    headers = {**device.headers, "X-Admin-Token": ADMIN}  # past authentication: the bodies reach the rules
    sent = [0]
    failures: list[str] = []
    for result in SCHEMA.get_all_operations():
        _fuzz(result.ok(), server, headers, sent, failures)
    print(f"\nschema fuzzing: {sent[0]} requests, {len(failures)} failures")
    for kind, count in Counter(failure.split(" | ")[0].split(" → ")[0] + " → " + failure.split(" → ")[1][:3]
                               for failure in failures).most_common():
        print(f"  {count:5d}  {kind}")
    assert sent[0] >= EXAMPLES * 10
    assert failures == [], "\n".join(failures[:20])


def _fuzz(operation: Any, server: Server, headers: dict[str, str], sent: list[int], failures: list[str]) -> None:
    client = TestClient(server.app, raise_server_exceptions=False)  # a 500 is an answer to count, not a crash
    cases = st.one_of(operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                      operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

    @settings(max_examples=EXAMPLES * 2, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def run(case: Any) -> None:
        kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
        response = client.request(**_httpx(kwargs))
        sent[0] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except BaseExceptionGroup as group:  # schemathesis' FailureGroup: one per distinct failed check
            for failure in group.exceptions:
                failures.append(f"{operation.label}: {_first_line(failure)} → {response.status_code} "
                                f"{response.text[:200]} | {_request(kwargs)}")
        except AssertionError as exc:  # a single failed check
            failures.append(f"{operation.label}: {_first_line(exc)} → {response.status_code} | {_request(kwargs)}")

    run()


def _httpx(kwargs: dict[str, Any]) -> dict[str, Any]:
    """requests-style keyword arguments → the test client's (httpx) ones."""
    out = {key: kwargs[key] for key in ("method", "url", "headers", "params", "json") if key in kwargs}
    if "data" in kwargs:
        data = kwargs["data"]
        out["content" if isinstance(data, bytes | str) else "data"] = data
    return out


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _request(kwargs: dict[str, Any]) -> str:
    return repr({key: kwargs.get(key) for key in ("url", "params", "json", "data")})[:400]
