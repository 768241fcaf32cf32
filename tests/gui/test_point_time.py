"""Every time shown or printed is on the pickup point's clock, whatever the PC's zone (issue 9).

The PC runs in UTC, the point is in Yekaterinburg (UTC+5): one moment, 15:15 UTC, must read 20:15 on the
Orders page, the Returns page, the Sync page, the status bar, a printed document and the demo SMS dialog.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from desktop.db.models import ManagerAlert, PickupPoint
from desktop.documents.builders import return_act
from desktop.documents.model import ReturnAct, SessionHeader
from desktop.point_time import point_time, zone_named
from desktop.services.point_info import point_info
from desktop.sync.runner import SyncStatus
from tests.gui.fixtures import build_shell, log_in, seed_point
from tests.support.factories import make_order
from ui.demo_sms_dialog import read_sms
from ui.status_bar import CounterStatusBar

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
MOMENT = datetime(2026, 12, 1, 15, 15, tzinfo=UTC)  # 20:15 in Yekaterinburg, 15:15 on the PC's UTC clock
POINT_HOUR, PC_HOUR = "20:15", "15:15"


@pytest.fixture
def ekb_shell(qtbot, db, pc_in_utc):
    seeded = seed_point(db)  # the point's zone is set before the shell reads it (the context keeps it)
    with db.write() as s:
        s.execute(update(PickupPoint).where(PickupPoint.id == seeded[0].id).values(timezone="Asia/Yekaterinburg"))
    shell = build_shell(qtbot, db, clock=lambda: NOW, seeded=seeded)
    with db.write() as s:
        order = make_order(s, shell.point, status="ready", boxes=1)
        order.storage_until = MOMENT
        s.add(ManagerAlert(kind="order_locked", order_id=order.id, message="locked", created_at=MOMENT))
        number = order.number
    yield shell, number
    shell.close()


def _show(qtbot, shell, name):
    page = shell.window.page_named(name)
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    return page


def _cells(model):
    return [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())]


def test_the_pc_really_is_on_utc(pc_in_utc):
    assert MOMENT.astimezone().strftime("%H:%M") == PC_HOUR  # the fixture bites: the PC's zone is not the point's


def test_orders_and_returns_pages_show_the_same_point_hour(qtbot, ekb_shell):
    shell, number = ekb_shell
    log_in(qtbot, shell)
    orders = _show(qtbot, shell, "OrdersPage")
    orders.query.setText(number)
    with qtbot.waitSignal(orders.became_idle, timeout=5000):
        orders._on_search()
    assert any(POINT_HOUR in cell for cell in _cells(orders.results))
    assert not any(PC_HOUR in cell for cell in _cells(orders.results))
    returns = _show(qtbot, shell, "ReturnsPage")
    qtbot.waitUntil(lambda: returns.today.rowCount() == 1, timeout=5000)
    assert any(POINT_HOUR in cell for cell in _cells(returns.today))


def test_sync_page_and_status_bar_show_the_point_hour(qtbot, ekb_shell):
    shell, _number = ekb_shell
    log_in(qtbot, shell, login="manager", password="secret-2222")
    page = _show(qtbot, shell, "SyncPage")
    qtbot.waitUntil(lambda: page.problems.rowCount() == 1, timeout=5000)
    assert POINT_HOUR in str(page.problems.index(0, 0).data())

    class Runner:
        def status(self) -> SyncStatus:
            return SyncStatus(online=True, last_success_at=MOMENT)

    bar = CounterStatusBar(Runner(), "ПВЗ", None, shell.ctx.zone)  # type: ignore[arg-type]
    qtbot.addWidget(bar)
    assert POINT_HOUR in bar.last_sync.text() and PC_HOUR not in bar.last_sync.text()
    shell.window.status.refresh()  # the window's own bar reads the same zone


def test_a_printed_document_shows_the_point_hour(ekb_shell):
    shell, _number = ekb_shell
    with shell.ctx.db.read() as s:
        header = SessionHeader("RET-1", point_info(s), MOMENT, MOMENT, "Смирнова", "Смирнова")
    html = return_act(ReturnAct(header, (), 0)).html
    assert f"01.12.2026 {POINT_HOUR}" in html and PC_HOUR not in html


def test_demo_sms_times_are_on_the_point_clock(tmp_path, pc_in_utc):
    log = tmp_path / "sms.jsonl"
    log.write_text(json.dumps({"at": MOMENT.isoformat(), "phone": "+79161234567", "text": "t"}) + "\n", "utf-8")
    (sms,) = read_sms(log, zone_named("Asia/Yekaterinburg"))
    assert sms.at.startswith(f"01.12 {POINT_HOUR}")


def test_one_function_formats_every_time_on_the_point_clock(pc_in_utc):
    assert point_time(MOMENT, zone_named("Europe/Moscow"), "%H:%M") == "18:15"
    assert point_time(MOMENT.replace(tzinfo=None), zone_named("Asia/Yekaterinburg"), "%H:%M") == POINT_HOUR
    assert point_time(None, zone_named(None)) == "—"
    assert zone_named("No/Such_Zone") == zone_named(None)


def test_a_printer_test_page_is_stamped_on_the_point_clock(tmp_path, pc_in_utc, monkeypatch, qtbot):
    from desktop.documents.jobs import PrintJournal
    from ui.hardware.printing import Printing

    printing = Printing(PrintJournal(tmp_path / "printed"), printer_info=lambda name: None, printer_names=list)
    printing.zone = lambda: zone_named("Asia/Yekaterinburg")
    printed = []
    monkeypatch.setattr(printing, "print_document", lambda document, name=None: printed.append(document.html))
    printing.test_page("Office")
    before = datetime.now(UTC)
    point_hour = point_time(before, zone_named("Asia/Yekaterinburg"), "%d.%m.%Y %H:")
    assert point_hour in printed[0]
    assert point_time(before, zone_named("UTC"), "%d.%m.%Y %H:") not in printed[0]
