"""`./dev.sh demo` walks a handover paid with points + a gift certificate + cash and prints its receipt."""

from __future__ import annotations

import io

from desktop.demo.headless import run_demo


def test_the_demo_pays_with_points_a_certificate_and_cash_and_prints_the_receipt(tmp_path):
    out = io.StringIO()
    money = run_demo(out, tmp_path)["money"]
    assert money["result"] == "handed_over" and money["tenders"] == ["points", "certificate", "cash"]
    assert money["events"][:4] == ["handover.completed", "bonus.redeemed", "certificate.redeemed", "bonus.accrual"]
    assert "ЗАЧЁТ АВАНСА" in money["receipt"] and "НАЛИЧНЫМИ" in money["receipt"]
    text = out.getvalue()
    assert "истёк" in text and "PIN верный" in text and "--- чек ---" in text
