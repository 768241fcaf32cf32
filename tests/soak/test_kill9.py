"""The kill -9 soak, short: a dozen seeded trials over the four workflows (the full run: ./dev.sh soak)."""

from __future__ import annotations

import random
import time
import uuid
from pathlib import Path

import pytest

from tests.sms.fake_gateways import FakeGatewayServer
from tests.soak.kill9 import WORKFLOWS, Totals, Zygote, check, close, new_epoch, report, trial

pytestmark = pytest.mark.slow
TRIALS = 12
SEED = 17


def test_kill_9_at_random_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    rng, totals, zygote, started = random.Random(SEED), Totals(epochs=1), Zygote(), time.monotonic()
    try:
        with FakeGatewayServer("smsc") as gateway:
            epoch = new_epoch(tmp_path / "point", gateway)
            try:
                while totals.trials < TRIALS:
                    assert trial(epoch, zygote, rng, totals, f"trial {totals.trials + 1} (seed {SEED})")
                print(report(totals, time.monotonic() - started))
                assert (totals.lost, totals.duplicated, totals.mismatched, totals.failures) == (0, 0, 0, [])
                assert set(totals.runs) == set(WORKFLOWS) and sum(totals.kills.values()) >= TRIALS // 2
                assert totals.events > 0
                # the check itself: an event the child announced but the cache does not hold counts as lost
                check(epoch, {str(uuid.uuid4())}, totals, "planted")
                assert totals.lost == 1 and totals.failures[0].startswith("planted")
            finally:
                close(epoch)
    finally:
        zygote.close()
