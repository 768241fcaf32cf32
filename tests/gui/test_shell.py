"""The shell: login (badge scan + PIN, password), wrong PIN, roles, idle lock, status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.fixtures import build_shell, log_in
from tests.gui.typing import scan_keys


def test_badge_scan_then_pin_logs_in_and_opens_the_shift(qtbot, shell):
    window = shell.window
    window.shifts.offer_to_open = window.shifts.open_shift
    scan_keys(window, "ST000001")
    qtbot.waitUntil(lambda: window.login.identifier.text() == "ST000001")
    assert window.login.secret.hasFocus() or True
    window.login.secret.setText("1111")
    QTest.keyClick(window.login.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.ctx.session.actor is not None, timeout=5000)
    qtbot.waitUntil(lambda: shell.ctx.session.actor.shift_id is not None, timeout=5000)
    assert "Смирнова" in window.status.staff.text()
    assert "открыта" in window.status.shift.text()


def test_wrong_pin_is_refused_in_plain_russian(qtbot, shell):
    window = shell.window
    window.login.identifier.setText("ST000001")
    window.login.secret.setText("9999")
    with qtbot.waitSignal(window.login.login_failed, timeout=5000) as blocker:
        window.login.submit.click()
    assert "Неверный" in blocker.args[0]
    assert shell.ctx.session.actor is None
    assert window.login.secret.text() == ""


def test_clerk_does_not_see_manager_pages(qtbot, shell):
    log_in(qtbot, shell)
    window = shell.window
    for row, page in enumerate(window.pages):
        hidden = window.nav.item(row).isHidden()
        assert hidden == (page.min_role.rank > 1)


def test_idle_lock_returns_to_the_login_screen(qtbot, db):
    built = build_shell(qtbot, db, idle_minutes=0.001)  # 60 ms
    try:
        built.window.shifts.offer_to_open = lambda: None
        with qtbot.waitSignal(built.ctx.session.logged_in, timeout=10_000):  # the lock may follow within 60 ms
            built.window.login.identifier.setText("kassir")
            built.window.login.secret.setText("secret-1111")
            built.window.login.submit.click()
        qtbot.waitUntil(lambda: built.ctx.session.actor is None, timeout=3000)
        assert built.window._root.currentWidget() is built.window.login
        assert "простоя" in built.window.login.message.text()
    finally:
        built.close()


def test_status_bar_shows_sync_state(qtbot, db):
    from datetime import UTC, datetime

    from desktop.sync.runner import SyncStatus

    class FakeRunner:
        def status(self):
            return SyncStatus(online=False, pending_events=7, to_review=2,
                              last_success_at=datetime(2026, 11, 24, 9, 0, tzinfo=UTC))

    built = build_shell(qtbot, db, sync=FakeRunner())
    try:
        bar = built.window.status
        bar.refresh()
        assert "Нет связи" in bar.online.text()
        assert "7" in bar.pending.text()
        assert "2" in bar.review.text()
    finally:
        built.close()


def test_scan_of_unknown_code_shows_a_red_banner(qtbot, shell):
    log_in(qtbot, shell)
    receiving = shell.window.page_named("ReceivingPage")
    shell.window.show_page(receiving)  # focus on the page, not a text field
    qtbot.waitUntil(lambda: not receiving.busy)  # it looked for an interrupted session to take up
    with qtbot.waitSignal(shell.ctx.feedback.shown) as blocker:
        scan_keys(shell.window, "HELLO-WORLD")
    assert blocker.args[0] == "error"
    assert "не распознан" in blocker.args[1]


def test_navigation_shortcuts_switch_pages(qtbot, shell):
    log_in(qtbot, shell)
    window = shell.window
    for page in window.visible_pages():
        action = next(a for a in window.actions() if a.shortcut().toString() == page.shortcut)
        action.trigger()
        assert window.current_page() is page


def test_page_f_keys_work_only_on_the_current_page(qtbot, shell):
    from PySide6.QtWidgets import QApplication

    log_in(qtbot, shell)
    window = shell.window
    receiving = window.page_named("ReceivingPage")
    window.show_page(receiving)
    qtbot.waitUntil(lambda: not receiving.busy)  # it looked for an interrupted session to take up
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is receiving.shipment_edit
    receiving_f2 = next(a for a in receiving.actions() if a.shortcut().toString() == "F2")
    window.show_page(window.page_named("HandoverPage"))
    assert not receiving_f2.isEnabled()


def test_unrecognised_scan_goes_into_the_focused_text_field(qtbot, shell):
    log_in(qtbot, shell)
    window = shell.window
    receiving = window.page_named("ReceivingPage")
    window.show_page(receiving)
    qtbot.waitUntil(lambda: not receiving.busy)  # it looked for an interrupted session to take up
    receiving.shipment_edit.setFocus()
    qtbot.waitUntil(receiving.shipment_edit.hasFocus)
    with qtbot.waitSignal(receiving.became_idle, timeout=5000):
        scan_keys(window, "TTN2611249999")  # a carrier document number: not a code the core knows
    assert shell.ctx.feedback.kind.value == "error"
    assert "TTN2611249999" in shell.ctx.feedback.text  # the shipment lookup ran and said it is unknown


def test_close_shift_shows_the_report(qtbot, shell, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    log_in(qtbot, shell)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(shell.window.shifts.shift_closed, timeout=5000):
        shell.window._on_close_shift_requested()
    assert shell.ctx.session.actor.shift_id is None
    assert "Смена закрыта" in shell.ctx.feedback.title
    assert "Принято коробок: 0" in shell.ctx.feedback.text
    assert "закрыта" in shell.window.status.shift.text()


def test_pin_typed_fast_still_logs_in(qtbot, shell):
    """Four digits and Enter typed at scanner speed look like a scan: they still reach the PIN field."""
    window = shell.window
    window.shifts.offer_to_open = lambda: None
    scan_keys(window, "ST000001")
    qtbot.waitUntil(lambda: window.login.secret.hasFocus())
    scan_keys(window, "1111")
    qtbot.waitUntil(lambda: shell.ctx.session.actor is not None, timeout=5000)
    assert shell.ctx.session.actor.login == "kassir"


def test_status_bar_says_when_the_app_must_be_upgraded_or_re_enrolled(qtbot, db):
    from desktop.sync.runner import SyncStatus

    class FakeRunner:
        current = SyncStatus(online=True, pending_events=3, upgrade_required=True)

        def status(self):
            return self.current

    runner = FakeRunner()
    built = build_shell(qtbot, db, sync=runner)
    try:
        bar = built.window.status
        bar.refresh()
        assert "Обновите программу" in bar.online.text()
        assert "3" in bar.pending.text()  # the queue is kept and shown
        runner.current = SyncStatus(online=False, reenrol_needed=True)
        bar.refresh()
        assert "регистрация" in bar.online.text()
    finally:
        built.close()


def _open_receiving_without_waybill(shell):
    actor = shell.ctx.session.actor
    return shell.ctx.services.receiving.open_session(actor, None)


def test_close_shift_lists_the_open_receiving_and_closes_it_with_its_act(qtbot, shell, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.db.models import ReceivingSession

    log_in(qtbot, shell)
    uid = _open_receiving_without_waybill(shell)
    shown: list[str] = []

    def click_close(box):
        shown.append(box.text())
        box.buttons()[0].click()  # «Закрыть с актом»
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_close)
    with qtbot.waitSignal(shell.window.shifts.shift_closed, timeout=5000):
        shell.window.shifts.close_shift()
    assert "без накладной" in shown[0] and "Смирнова" in shown[0]
    assert "Закрыто приёмок: 1" in shell.ctx.feedback.text
    with shell.ctx.db.read() as s:
        assert s.query(ReceivingSession).filter_by(uid=uid).one().status == "closed"
    assert shell.ctx.services.receiving.summary(uid) is not None


def test_close_shift_cancelled_in_the_dialog_keeps_the_shift_and_the_session(qtbot, shell, monkeypatch):
    log_in(qtbot, shell)
    _open_receiving_without_waybill(shell)
    asked: list[int] = []
    monkeypatch.setattr(shell.window.shifts, "ask_about_open_sessions",
                        lambda pending, returns, dispatches: asked.append(len(pending)))
    shell.window.shifts.close_shift()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == [1] and "Смена не закрыта" in shell.ctx.feedback.title
    assert shell.ctx.session.actor.shift_id is not None


def test_close_shift_hands_the_open_receiving_over(qtbot, shell, monkeypatch):
    from desktop.services.staff import OpenSessions

    log_in(qtbot, shell)
    _open_receiving_without_waybill(shell)
    monkeypatch.setattr(shell.window.shifts, "ask_about_open_sessions",
                        lambda pending, returns, dispatches: OpenSessions.HAND_OVER)
    with qtbot.waitSignal(shell.window.shifts.shift_closed, timeout=5000):
        shell.window.shifts.close_shift()
    assert shell.ctx.services.receiving.pending_at_shift_close(shell.ctx.session.actor)  # left for the next shift


def test_close_shift_lists_the_open_return_session_and_closes_it_with_its_act(qtbot, shell, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.db.models import ReturnSession

    log_in(qtbot, shell)
    uid = shell.ctx.services.returns.open_session(shell.ctx.session.actor)
    shown: list[str] = []

    def click_close(box):
        shown.append(box.text())
        box.buttons()[0].click()  # «Закрыть с актом»
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_close)
    with qtbot.waitSignal(shell.window.shifts.shift_closed, timeout=5000):
        shell.window.shifts.close_shift()
    assert "Возврат — начат" in shown[0] and "Смирнова" in shown[0]
    assert "Закрыто возвратов и отправок в сервис: 1" in shell.ctx.feedback.text
    with shell.ctx.db.read() as s:
        closed = s.query(ReturnSession).filter_by(uid=uid).one()
        assert closed.status == "closed" and closed.act is not None


def test_close_shift_lists_the_open_service_dispatch_and_closes_it_with_its_act(qtbot, shell, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.db.claim_models import ServiceDispatch

    log_in(qtbot, shell)
    uid = shell.ctx.services.warranty.open_dispatch(shell.ctx.session.actor)
    shown: list[str] = []

    def click_close(box):
        shown.append(box.text())
        box.buttons()[0].click()  # «Закрыть с актом»
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_close)
    with qtbot.waitSignal(shell.window.shifts.shift_closed, timeout=5000):
        shell.window.shifts.close_shift()
    assert "Отправка в сервис — начата" in shown[0] and "изделий: 0" in shown[0]
    assert "Закрыто возвратов и отправок в сервис: 1" in shell.ctx.feedback.text
    with shell.ctx.db.read() as s:
        closed = s.query(ServiceDispatch).filter_by(uid=uid).one()
        assert closed.status == "closed" and closed.act is not None


def test_close_shift_dialog_shows_times_on_the_points_clock(qtbot, shell, monkeypatch):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from PySide6.QtWidgets import QMessageBox

    from desktop.services.receiving import OpenReceiving, ReceivingCounts
    from desktop.services.returns import PendingReturn

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(shell.ctx, "zone", lambda: ZoneInfo("Asia/Yekaterinburg"))  # UTC+5
    at = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    counts = ReceivingCounts(False, 0, 2, 0, 0, 0, 0)
    shell.window.shifts.ask_about_open_sessions([OpenReceiving("u1", None, at, "Смирнова", counts)],
                                                [PendingReturn("u2", at, "Смирнова", 3)])
    assert "01.12 15:00, Смирнова; принято коробок: 2" in shown[0]
    assert "Возврат — начат 01.12 15:00, Смирнова; коробок в возврате: 3" in shown[0]
