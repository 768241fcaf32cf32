"""Retries only where the request is idempotent (DESIGN «Sync protocol»): GET and HEAD retry 3 times with back-off on
429/5xx and honour the server's Retry-After (capped at 30 s); POST is never retried by the transport (the engine
resends a batch; event ids make that safe); a closed client ends its back-off at once."""

from __future__ import annotations

import threading

import pytest
from urllib3 import HTTPResponse
from urllib3.exceptions import MaxRetryError, ProtocolError
from urllib3.util.retry import Retry

from desktop.sync.client import RETRY_STATUSES, CappedRetry, SyncClient, _session, idempotent_retry
from protocol.version import VERSION


def response(status: int = 503, retry_after: str | None = None) -> HTTPResponse:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return HTTPResponse(body=b"", headers=headers, status=status)


def test_gets_retry_three_times_on_overload_and_server_faults_with_back_off() -> None:
    retry = idempotent_retry()
    assert isinstance(retry, CappedRetry)
    assert (retry.total, retry.connect, retry.read, retry.status) == (3, 3, 3, 3)
    assert (retry.backoff_factor, retry.backoff_max) == (0.5, 30)
    assert set(retry.status_forcelist) == set(RETRY_STATUSES) == {429, 500, 502, 503, 504}
    assert retry.allowed_methods == frozenset({"GET", "HEAD"})
    assert retry.respect_retry_after_header is True and retry.raise_on_status is False


def test_only_idempotent_methods_are_retried_on_a_status() -> None:
    retry = idempotent_retry()
    assert retry.is_retry("GET", 503, has_retry_after=False) and retry.is_retry("HEAD", 429, has_retry_after=False)
    assert not retry.is_retry("POST", 503, has_retry_after=False)
    assert not any(retry.is_retry("GET", status, has_retry_after=False) for status in (400, 403, 409, 422))


def test_the_retry_count_and_back_off_are_configurable() -> None:
    retry = idempotent_retry(total=1, backoff_factor=0.01)
    assert (retry.total, retry.connect, retry.read, retry.status, retry.backoff_factor) == (1, 1, 1, 1, 0.01)


def test_a_servers_retry_after_is_honoured_up_to_30_seconds() -> None:
    retry = idempotent_retry()
    assert retry.get_retry_after(response(retry_after="12")) == 12
    assert retry.get_retry_after(response(retry_after="3600")) == 30.0 == CappedRetry.MAX_RETRY_AFTER
    assert retry.get_retry_after(response()) is None


def test_without_retry_after_the_transport_uses_its_back_off() -> None:
    cancelled = threading.Event()
    retry = idempotent_retry(cancelled=cancelled)
    assert retry.sleep_for_retry(response()) is False
    assert retry.sleep_for_retry(response(retry_after="0")) is False


def test_a_retry_after_wait_ends_when_the_client_is_closed() -> None:
    cancelled = threading.Event()
    cancelled.set()
    retry = idempotent_retry(cancelled=cancelled)
    with pytest.raises(MaxRetryError) as err:
        retry.sleep_for_retry(response(retry_after="20"))
    assert isinstance(err.value.reason, ProtocolError) and str(err.value.reason) == "the client was closed"
    assert err.value.url == "" and err.value.pool is None


def test_a_client_closed_just_as_the_wait_ended_still_ends_the_call() -> None:
    class ClosedAtTheEnd(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            self.set()
            return False

    with pytest.raises(MaxRetryError):
        idempotent_retry(cancelled=ClosedAtTheEnd()).sleep_for_retry(response(retry_after="5"))


def test_a_retry_takes_urllib3s_arguments_positionally_too() -> None:
    assert CappedRetry(2).total == 2


def test_the_client_retries_gets_3_times_from_half_a_second_by_default() -> None:
    gets = SyncClient("https://pvz.example.ru")._get.get_adapter("https://pvz").max_retries  # type: ignore[attr-defined]
    assert (gets.total, gets.backoff_factor) == (3, 0.5)


def test_a_back_off_sleep_ends_when_the_client_is_closed() -> None:
    cancelled = threading.Event()
    cancelled.set()
    retry = idempotent_retry(cancelled=cancelled).increment("GET", "/v1/changes").increment("GET", "/v1/changes")
    assert retry.get_backoff_time() > 0
    with pytest.raises(MaxRetryError):
        retry.sleep()


def test_a_retry_after_wait_runs_its_course_while_the_client_is_open() -> None:
    waits: list[float] = []

    class Watch(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            waits.append(timeout or 0.0)
            return False

    retry = idempotent_retry(cancelled=Watch())
    assert retry.sleep_for_retry(response(retry_after="7")) is True
    retry.increment("GET", "/x").increment("GET", "/x")._sleep_backoff()  # type: ignore[attr-defined]
    assert waits == [7.0, 1.0]  # the Retry-After, then 0.5 * 2 ** 1


def test_each_attempts_retry_keeps_the_clients_switch() -> None:
    cancelled = threading.Event()
    retry = idempotent_retry(cancelled=cancelled)
    later = retry.increment("GET", "/v1/changes")
    assert isinstance(later, CappedRetry) and later.cancelled is cancelled and later.total == 2


def test_a_retry_without_a_switch_gets_its_own() -> None:
    retry = CappedRetry(total=1)
    assert isinstance(retry.cancelled, threading.Event) and not retry.cancelled.is_set()


def test_the_session_mounts_the_retry_for_http_and_https_and_names_the_app() -> None:
    retry = idempotent_retry()
    session = _session(retry, None)
    assert session.get_adapter("https://pvz").max_retries is retry  # type: ignore[attr-defined]
    assert session.get_adapter("http://pvz").max_retries is retry  # type: ignore[attr-defined]
    assert session.verify is True and session.headers["User-Agent"] == f"PickupDesk/{VERSION}"
    assert _session(retry, "/etc/org-ca.pem").verify == "/etc/org-ca.pem"


def test_the_clients_gets_retry_and_its_posts_never_do() -> None:
    client = SyncClient("https://pvz.example.ru///", "tok", ca_bundle="/ca.pem", retry_total=2, backoff_factor=0.1)
    gets = client._get.get_adapter("https://pvz").max_retries  # type: ignore[attr-defined]
    posts = client._post.get_adapter("https://pvz").max_retries  # type: ignore[attr-defined]
    assert isinstance(gets, CappedRetry) and (gets.total, gets.backoff_factor) == (2, 0.1)
    assert gets.cancelled is client._closed
    assert isinstance(posts, Retry) and (posts.total, posts.connect, posts.read, posts.status) == (0, 0, 0, 0)
    assert posts.raise_on_status is False
    assert client._get.verify == client._post.verify == "/ca.pem"
    assert client.base_url == "https://pvz.example.ru" and repr(client) == "SyncClient('https://pvz.example.ru')"


def test_closing_the_client_ends_its_back_offs() -> None:
    client = SyncClient("https://pvz.example.ru")
    assert not client._closed.is_set()
    client.close()
    assert client._closed.is_set()
