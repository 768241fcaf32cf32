"""What the client makes of the server's answers (DESIGN «Sync protocol»): a typed result, or an error class the sync
acts on — offline/overloaded (try later, honouring Retry-After), revoked device (re-enrol), too old (upgrade),
expired cursor (snapshot), any other 4xx refused for good — each with the clerk's text, never a raw server code."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
import requests

from desktop import messages
from desktop.sync.client import (
    AuthRejected,
    BackendUnavailable,
    ChangesPage,
    CursorExpired,
    EventResult,
    NotPickupDesk,
    RequestRefused,
    SyncClient,
    SyncError,
    TlsProblem,
    UpgradeRequired,
    server_reason,
)

URL = "https://pvz.example.ru"


def answer(status: int = 200, body: Any = None, raw: bytes | None = None, **headers: str) -> requests.Response:
    reply = requests.Response()
    reply.status_code = status
    reply._content = raw if raw is not None else json.dumps(body).encode()
    reply.headers.update({k.replace("_", "-"): v for k, v in headers.items()})
    return reply


class FakeSession:
    """Records each request and answers the next scripted reply (or raises the scripted exception)."""

    def __init__(self, *replies: requests.Response | Exception) -> None:
        self.replies = list(replies)
        self.requests: list[tuple[str, str, dict[str, Any]]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self.requests.append((method, url, kwargs))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def close(self) -> None:
        pass


def client_with(*replies: requests.Response | Exception, token: str | None = "tok",
                **kwargs: Any) -> tuple[SyncClient, FakeSession]:
    """A client whose GET and POST sessions are one fake (the order of calls is the script's)."""
    client = SyncClient(URL + "/", token, **kwargs)
    session = FakeSession(*replies)
    client._get = client._post = session  # type: ignore[assignment]
    return client, session


def test_gets_go_through_the_retrying_session_and_posts_through_the_other() -> None:
    client = SyncClient(URL, "tok")
    gets, posts = FakeSession(answer(200, {"status": "ok", "schema_v": 1}), answer(200, {})), FakeSession(
        answer(200, {}), answer(200, {"results": []}))
    client._get, client._post = gets, posts  # type: ignore[assignment]
    client.health()
    client.snapshot()
    client.enrol("AB12", "Counter 1")
    client.push_events([])
    assert [r[:2] for r in gets.requests] == [("GET", URL + "/v1/health"), ("GET", URL + "/v1/snapshot")]
    assert [r[:2] for r in posts.requests] == [("POST", URL + "/v1/enrol"), ("POST", URL + "/v1/events")]


def error_of(reply: requests.Response) -> SyncError:
    client, _ = client_with(reply)
    with pytest.raises(SyncError) as err:
        client.snapshot()
    return err.value


def test_a_request_carries_the_token_timeouts_and_tls_verification() -> None:
    client, session = client_with(answer(200, {"cursor": 1}), timeout=(1.5, 9.0), ca_bundle="/etc/org-ca.pem")
    assert client.snapshot() == {"cursor": 1}
    method, url, kwargs = session.requests[0]
    assert (method, url) == ("GET", URL + "/v1/snapshot")
    assert kwargs == {"headers": {"Authorization": "Bearer tok"}, "timeout": (1.5, 9.0), "verify": "/etc/org-ca.pem"}


def test_verification_is_on_without_a_ca_bundle_and_the_default_timeouts_are_explicit() -> None:
    client, session = client_with(answer(200, {}))
    client.snapshot()
    assert session.requests[0][2]["verify"] is True and session.requests[0][2]["timeout"] == (3.05, 20.0)


def test_health_and_enrolment_go_without_the_token() -> None:
    health = {"status": "ok", "schema_v": 1}
    client, session = client_with(answer(200, health), answer(200, {"device_id": "d"}))
    assert client.health() == health
    assert client.enrol("AB12", "Counter 1") == {"device_id": "d"}
    assert [r[2]["headers"] for r in session.requests] == [{}, {}]
    assert session.requests[1][:2] == ("POST", URL + "/v1/enrol")
    assert session.requests[1][2]["json"] == {"code": "AB12", "device_name": "Counter 1"}


def test_only_trailing_slashes_are_dropped_from_the_address() -> None:
    assert SyncClient("https://pvz.example.ru/deskX//").base_url == "https://pvz.example.ru/deskX"


def test_no_token_no_authorization_header() -> None:
    client, session = client_with(answer(200, {}), token=None)
    client.snapshot()
    assert session.requests[0][2]["headers"] == {}


@pytest.mark.parametrize("body", [{"status": "ok"}, {"status": "degraded", "schema_v": 1}, ["ok"], "ok"])
def test_a_health_answer_not_like_pickup_desks_is_refused(body: Any) -> None:
    client, _ = client_with(answer(200, body))
    with pytest.raises(NotPickupDesk) as err:
        client.health()
    assert err.value.key == "sync.link.not_pickup_desk"


def test_pushed_events_come_back_as_results() -> None:
    body = {"results": [{"event_id": "e1", "status": "applied", "reason": None, "server_seq": 4},
                        {"event_id": "e2", "status": "rejected", "reason": "unknown_order:1"}]}
    client, session = client_with(answer(200, body))
    events = [{"event_id": "e1"}, {"event_id": "e2"}]
    assert client.push_events(events) == [EventResult("e1", "applied", None, 4),
                                          EventResult("e2", "rejected", "unknown_order:1", None)]
    assert session.requests[0][:2] == ("POST", URL + "/v1/events")
    assert session.requests[0][2]["json"] == {"events": events}
    assert session.requests[0][2]["headers"] == {"Authorization": "Bearer tok"}


def test_an_answer_without_results_is_no_results() -> None:
    client, _ = client_with(answer(200, {}))
    assert client.push_events([{"event_id": "e1"}]) == []


def test_the_journal_head_is_posted() -> None:
    client, session = client_with(answer(200, {"status": "anchored", "held": {}}))
    assert client.anchor_journal({"sequence": 1}) == {"status": "anchored", "held": {}}
    assert session.requests[0][:2] == ("POST", URL + "/v1/journal/head")
    assert session.requests[0][2]["json"] == {"sequence": 1}


def test_a_change_page_is_asked_by_cursor_and_read_with_its_next_cursor() -> None:
    body = {"changes": [{"seq": 8}], "next_cursor": "8", "has_more": 1, "code_tag_key": "a2V5"}
    client, session = client_with(answer(200, body), answer(200, {"changes": [], "next_cursor": 8, "has_more": False}))
    assert client.changes(7, limit=100) == ChangesPage([{"seq": 8}], 8, True, "a2V5")
    assert session.requests[0][:2] == ("GET", URL + "/v1/changes")
    assert session.requests[0][2]["params"] == {"cursor": 7, "limit": 100}
    assert client.changes(8) == ChangesPage([], 8, False, None)
    assert session.requests[1][2]["params"] == {"cursor": 8, "limit": 500}


def test_the_update_policy_is_asked_and_an_old_server_without_it_answers_none() -> None:
    client, session = client_with(answer(200, {"channel": "stable"}), answer(404, {"code": "not_found"}))
    assert client.update_policy() == {"channel": "stable"}
    assert session.requests[0][:2] == ("GET", URL + "/v1/update/policy")
    assert client.update_policy() is None


def test_another_update_policy_failure_is_raised() -> None:
    client, _ = client_with(answer(503, {}))
    with pytest.raises(BackendUnavailable):
        client.update_policy()


def test_a_204_is_an_empty_answer() -> None:
    client, _ = client_with(answer(204, raw=b""))
    assert client.snapshot() == {}


def test_a_200_that_is_not_json_is_not_pickup_desk() -> None:
    err = error_of(answer(200, raw=b"<html>portal</html>"))
    assert type(err) is NotPickupDesk and err.key == "sync.link.bad_answer"


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504, 599])
def test_overload_and_server_faults_mean_try_later_with_the_servers_wait(status: int) -> None:
    err = error_of(answer(status, {"code": "busy"}, Retry_After="17"))
    assert type(err) is BackendUnavailable and err.key == "sync.link.server_unavailable"
    assert (err.status, err.code, err.retry_after) == (status, "busy", 17.0)
    assert err.message == messages.describe("sync.link.server_unavailable", {"status": status})


@pytest.mark.parametrize(("header", "wait"), [(None, None), ("Wed, 21 Oct 2026 07:28:00 GMT", None), ("0", 0.0),
                                              ("2.5", 2.5)])
def test_a_retry_after_that_is_not_seconds_is_no_wait(header: str | None, wait: float | None) -> None:
    headers = {"Retry_After": header} if header is not None else {}
    assert error_of(answer(503, {}, **headers)).retry_after == wait


def test_a_404_without_a_server_code_means_no_pickup_desk_server_here() -> None:
    err = error_of(answer(404, raw=b"Not Found"))
    assert type(err) is NotPickupDesk and err.key == "sync.link.no_server_here" and err.status == 404


@pytest.mark.parametrize(("status", "kind", "key"), [(401, AuthRejected, "sync.link.auth_rejected"),
                                                     (426, UpgradeRequired, "sync.link.upgrade_required"),
                                                     (410, CursorExpired, "sync.link.cursor_expired")])
def test_revoked_too_old_and_expired_cursor_each_have_their_class(status: int, kind: type, key: str) -> None:
    err = error_of(answer(status, {"code": "x_code"}))
    assert type(err) is kind and err.key == key and (err.status, err.code) == (status, "x_code")


@pytest.mark.parametrize("status", [400, 403, 404, 409, 413, 422])
def test_any_other_refusal_is_final_and_says_the_servers_reason_in_words(status: int) -> None:
    err = error_of(answer(status, {"code": "batch_too_large", "message": "too many"}))
    assert type(err) is RequestRefused and (err.status, err.code) == (status, "batch_too_large")
    assert err.message == messages.describe("sync.link.refused", {"status": status,
                                                                  "reason": server_reason("batch_too_large")})
    assert err.retry_after is None


@pytest.mark.parametrize("raw", [b"oops", b"[1, 2]", b"null"])
def test_a_refusal_without_a_readable_body_still_refuses(raw: bytes) -> None:
    err = error_of(answer(400, raw=raw))
    assert type(err) is RequestRefused and err.code is None
    assert err.params["reason"] == messages.template("server.unknown")


def test_the_servers_code_and_message_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.sync.client"):
        error_of(answer(409, {"code": "batch_not_ordered", "message": "seq 3 before 2"}))
        error_of(answer(409, {"code": "batch_not_ordered"}))
        error_of(answer(409, {}))
    assert [r.getMessage() for r in caplog.records] == ["server answered HTTP 409 batch_not_ordered: seq 3 before 2",
                                                        "server answered HTTP 409 batch_not_ordered: "]


def test_server_codes_read_in_words_and_an_unknown_one_as_the_fallback() -> None:
    assert server_reason("enrolment_code_expired") == messages.template("server.enrolment_code_expired")
    assert server_reason("brand_new") == messages.template("server.unknown")
    assert server_reason(None) == messages.template("server.unknown")


@pytest.mark.parametrize(("failure", "kind", "key"), [
    (requests.exceptions.SSLError("bad cert"), TlsProblem, "sync.link.tls_failed"),
    (requests.exceptions.InvalidURL("x"), NotPickupDesk, "sync.link.bad_address"),
    (requests.exceptions.MissingSchema("x"), NotPickupDesk, "sync.link.bad_address"),
    (requests.exceptions.InvalidSchema("x"), NotPickupDesk, "sync.link.bad_address"),
    (requests.exceptions.ConnectTimeout("x"), BackendUnavailable, "sync.link.timeout"),
    (requests.exceptions.ReadTimeout("x"), BackendUnavailable, "sync.link.timeout"),
    (requests.exceptions.ConnectionError("x"), BackendUnavailable, "sync.link.offline"),
])
def test_transport_failures_become_the_clerks_words(failure: Exception, kind: type, key: str) -> None:
    client, _ = client_with(failure)
    with pytest.raises(SyncError) as err:
        client.snapshot()
    assert type(err.value) is kind and err.value.key == key and err.value.__cause__ is failure


def test_a_tls_problem_counts_as_unreachable() -> None:
    assert issubclass(TlsProblem, BackendUnavailable)


def test_a_closed_client_starts_no_request_and_fails_as_offline() -> None:
    client, session = client_with(answer(200, {}))
    client.close()
    with pytest.raises(BackendUnavailable) as err:
        client.snapshot()
    assert err.value.key == "sync.link.offline" and session.requests == []


def test_the_error_carries_the_message_code_and_renders_it() -> None:
    err = SyncError("sync.link.server_unavailable", status=503, code="busy", retry_after=4.0)
    assert (err.key, err.status, err.code, err.retry_after) == ("sync.link.server_unavailable", 503, "busy", 4.0)
    assert err.params == {"status": 503} and str(err) == "sync.link.server_unavailable"
    assert err.message == messages.describe("sync.link.server_unavailable", {"status": 503})
    plain = SyncError("sync.link.offline")
    assert (plain.status, plain.code, plain.retry_after, plain.params) == (None, None, None, {"status": None})
