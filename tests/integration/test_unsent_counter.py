"""«Не отправлено» on the status bar against the REAL backend: it follows each acknowledged batch, never lies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.sync.runner import SyncRunner
from tests.integration.counter import CounterPC
from tests.integration.live import FaultProxy, LiveBackend
from ui.status_bar import CounterStatusBar


def test_unsent_counter_is_zero_once_the_push_is_acknowledged_and_true_at_every_emission(
        live: LiveBackend, proxy: FaultProxy, tmp_path: Path, qtbot: QtBot) -> None:
    pc = CounterPC(live, proxy, tmp_path / "pc1")
    pc.engine.batch_size = 2  # several batches: the counter must follow each acknowledged one
    pc.receive(1, 2, 3)
    unsent = pc.pending()
    assert unsent >= 4  # the session opened and three boxes
    runner = SyncRunner(pc.engine)
    bar = CounterStatusBar(runner)
    qtbot.addWidget(bar)
    emitted: list[tuple[int, int]] = []  # (shown, really not acknowledged) at each status emission
    update = runner._update

    def emit(**changes: Any) -> None:
        update(**changes)
        emitted.append((runner.status().pending_events, pc.pending()))

    runner._update = emit  # type: ignore[method-assign]
    seen_at_pull: list[str] = []
    changes = pc.client.changes

    def pull_page(cursor: int, limit: int) -> Any:  # the push is over and acknowledged; the pull is under way
        bar.refresh()
        seen_at_pull.append(bar.pending.text())
        return changes(cursor, limit)

    pc.client.changes = pull_page  # type: ignore[method-assign]
    runner.run_once()
    bar.refresh()
    assert pc.pending() == 0 and runner.status().online
    assert seen_at_pull and set(seen_at_pull) == {"Не отправлено: 0"}
    assert bar.pending.text() == "Не отправлено: 0"
    assert emitted and all(shown == real for shown, real in emitted), emitted
    assert emitted[0][0] == unsent and emitted[-1] == (0, 0)
