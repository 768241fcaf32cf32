"""The next change page downloads on its own daemon thread while this one is stored: its result or its error is
handed to whoever waits for it, and a request still in flight never holds up quitting the app."""

from __future__ import annotations

import threading

import pytest

from desktop.sync.client import BackendUnavailable
from desktop.sync.prefetch import Ahead


def test_the_result_is_what_the_call_returned() -> None:
    assert Ahead(lambda: {"next_cursor": 7}).result() == {"next_cursor": 7}


def test_a_call_that_returns_nothing_gives_nothing() -> None:
    assert Ahead(lambda: None).result() is None


def test_the_calls_error_is_raised_to_the_one_waiting_for_it() -> None:
    def offline() -> int:
        raise BackendUnavailable("sync.link.offline")

    ahead = Ahead(offline)
    with pytest.raises(BackendUnavailable) as err:
        ahead.result()
    assert err.value.key == "sync.link.offline"


def test_the_call_runs_on_a_named_daemon_thread_that_never_holds_up_a_quit() -> None:
    seen: list[threading.Thread] = []
    ahead = Ahead(lambda: seen.append(threading.current_thread()))
    ahead.result()
    assert seen[0] is not threading.current_thread()
    assert seen[0].daemon is True and seen[0].name == "sync-prefetch"


def test_the_call_starts_at_once_not_when_the_result_is_asked_for() -> None:
    started = threading.Event()
    ahead = Ahead(started.set)
    assert started.wait(5)
    ahead.result()


def test_result_waits_for_a_call_still_running() -> None:
    release = threading.Event()

    def slow() -> str:
        release.wait(5)
        return "page"

    ahead = Ahead(slow)
    threading.Timer(0.01, release.set).start()
    assert ahead.result() == "page"
