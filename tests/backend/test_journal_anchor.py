"""The journal anchor endpoint: it keeps each device's newest journal head, moves it only with proof, never 500s."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.conftest import BOTH_DBS, Server, point_feed

H1, H2, H3 = "a" * 64, "b" * 64, "c" * 64
AT = "2026-11-24T09:00:00+00:00"


def post(server: Server, device: Any, body: Any) -> Any:
    return server.client.post("/v1/journal/head", json=body, headers=device.headers)


def head(sequence: int, count: int, digest: str, proof: tuple[int, str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"sequence": sequence, "count": count, "hash": digest, "last_at": AT}
    if proof is not None:
        body["proof"] = {"sequence": proof[0], "hash": proof[1]}
    return body


@BOTH_DBS
def test_the_head_moves_forward_only_with_proof_of_the_held_one(server: Server) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    first = post(server, device, head(10, 10, H1))
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "anchored"
    assert first.json()["held"] | {"anchored_at": None} == {
        "sequence": 10, "count": 10, "hash": H1, "last_at": AT, "anchored_at": None}
    assert post(server, device, head(10, 10, H1)).json()["status"] == "unchanged"
    # the newest entries deleted: a shorter head without proof is refused, the server keeps №10
    behind = post(server, device, head(8, 8, H2)).json()
    assert behind["status"] == "mismatch" and behind["held"]["sequence"] == 10 and behind["held"]["hash"] == H1
    # entries deleted and new ones written over the same numbers: a wrong proof keeps №10 too
    assert post(server, device, head(12, 12, H3, proof=(10, H2))).json()["status"] == "mismatch"
    moved = post(server, device, head(12, 12, H3, proof=(10, H1))).json()
    assert moved["status"] == "anchored" and moved["held"]["sequence"] == 12
    other = server.enrol(name="COUNTER-2")
    assert post(server, other, head(0, 0, "0" * 64)).json()["status"] == "anchored"  # per device
    assert post(server, other, head(3, 3, H2)).json()["status"] == "anchored"  # an empty journal had nothing to lose
    assert post(server, device, head(12, 12, H3)).json()["held"]["sequence"] == 12


BAD_BODIES: list[Any] = [
    {},
    [1, 2],
    {"sequence": -1, "count": 0, "hash": H1},
    {"sequence": 2**31, "count": 1, "hash": H1},
    {"sequence": 1, "count": 1, "hash": "A" * 64},
    {"sequence": 1, "count": 1, "hash": "a" * 63},
    {"sequence": 1, "count": 1, "hash": 12},
    {"sequence": "x", "count": 1, "hash": H1},
    {"sequence": 1, "count": 2, "hash": H1},
    {"sequence": 5, "count": 0, "hash": H1},
    {"sequence": 1, "count": 1, "hash": H1, "last_at": "yesterday"},
    {"sequence": 1, "count": 1, "hash": H1, "last_at": "0001-01-01T00:00:00+14:00"},
    {"sequence": 1, "count": 1, "hash": H1, "last_at": "9999-12-31T23:59:59-14:00"},
    {"sequence": 1, "count": 1, "hash": H1, "proof": {"sequence": 0, "hash": H1}},
    {"sequence": 1, "count": 1, "hash": H1, "proof": {"sequence": 5, "hash": H1}},
    {"sequence": 1, "count": 1, "hash": H1, "proof": {"sequence": 1, "hash": "zz"}},
    {"sequence": 1, "count": 1, "hash": H1, "proof": "x"},
]


@BOTH_DBS
@pytest.mark.parametrize("body", BAD_BODIES, ids=[str(i) for i in range(len(BAD_BODIES))])
def test_bad_fields_are_422_never_500(server: Server, body: Any) -> None:
    server.import_feed(point_feed())
    device = server.enrol()
    reply = post(server, device, body)
    assert reply.status_code == 422, reply.text
    assert reply.json()["code"] == "invalid_request"


def test_the_anchor_needs_a_device_token(server: Server) -> None:
    reply = server.client.post("/v1/journal/head", json=head(1, 1, H1))
    assert reply.status_code == 401
    reply = server.client.post("/v1/journal/head", content=b"{not json",
                               headers={"Authorization": "Bearer nope"})
    assert reply.status_code in (401, 422)
