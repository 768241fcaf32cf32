"""The demo is a test: `python -m desktop.demo.headless` (what `./dev.sh demo` runs), at its default size, through
its real entry point in a child process, walks the whole scripted shift and exits 0."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from desktop.demo.headless import DEMO_ORDERS

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("Вход кассира", "Приёмка поставки", "Размещение коробок по ячейкам", "Выдача заказа",
         "Выдача заказа",  # issue 12: the demo customer's order paid with points + a certificate + cash
         "Активация клубной карты", "Закрытие смены")


def test_headless_demo_walks_the_whole_shift_at_its_default_size(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "desktop.demo.headless"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    out = run.stdout
    assert f": {DEMO_ORDERS} заказов" in out.splitlines()[0]
    headings = [line[4:] for line in out.splitlines() if line.startswith("=== ")]
    assert [next((s for s in STEPS if h.startswith(s)), h) for h in headings] == list(STEPS)
    received = int(re.search(r"принято коробок (\d+)", out).group(1))  # type: ignore[union-attr]
    placed = re.findall(r"^  B\d+ → ячейка ", out, flags=re.MULTILINE)
    assert received > 0 and len(placed) == received  # every box the truck brought found a cell
    final = re.search(r"Итог: смена пройдена — не пришло (\d+), чужих (\d+), размещено (\d+), "
                      r"выдача (\w+), карта (\w+), событий (\d+)\.", out)
    assert final is not None, out[-2000:]
    assert final.group(1, 2, 4, 5) == ("1", "1", "partially_handed_over", "pending")
    assert int(final.group(3)) == received and int(final.group(6)) > received
    assert list(tmp_path.glob("pickup-demo-*")) == []  # its temporary data directory is cleaned up
