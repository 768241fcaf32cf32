"""The headless demo walks one whole shift through the real services and prints it."""

from __future__ import annotations

import io

from desktop.demo.headless import FOREIGN_BOX, main, run_demo


def test_scripted_shift_produces_the_expected_outcomes(tmp_path):
    out = io.StringIO()
    summary = run_demo(out, tmp_path, orders=60)
    discrepancies = summary["discrepancies"]
    assert len(discrepancies["missing"]) == 1
    assert [f["box"] for f in discrepancies["foreign"]] == [FOREIGN_BOX]
    handover = summary["handover"]
    assert handover["result"] == "partially_handed_over"
    assert handover["points"] > 0 and handover["change"] >= 0
    assert summary["club"] == {"card": summary["club"]["card"], "status": "pending", "points": 190}
    types = summary["outbox_types"]
    for expected in ("shift.opened", "receiving.opened", "box.received", "receiving.unexpected_box", "order.arrived",
                     "sms.requested", "receiving.closed", "box.placed", "handover.completed", "bonus.accrual",
                     "club.card_activated", "shift.closed"):
        assert expected in types, expected
    text = out.getvalue()
    assert "Неверный код получения" in text and "Закрытие смены" in text
    assert summary["placed"] and len(summary["placed"]) == summary["shift"]["boxes_received"]  # the whole truck
    assert "Итог: смена пройдена" in text


def test_main_runs_in_a_temporary_directory():
    calls = []
    assert main([], out=io.StringIO(), runner=lambda out, workdir: calls.append(workdir)) == 0
    assert len(calls) == 1
