"""Orders, Returns and Sync pages: main flow and main error of each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QTranslator
from sqlalchemy import func, select, update

import desktop.sync.client  # noqa: F401  (registers the sync.link.* texts the sync page test shows)
from desktop import messages, translatable
from desktop.db.engine import Database
from desktop.db.models import AuditEntry, ManagerAlert, Order, OutboxEvent, ReturnSession, SmsMessage
from desktop.sync.apply import record_problem
from desktop.sync.reasons import describe_flag, describe_problem, describe_reason
from desktop.sync.runner import SyncStatus
from tests.gui.fixtures import log_in
from tests.gui.typing import scan_keys
from tests.support.factories import box_barcode, make_order
from ui import translations_build
from ui.context import AppContext, Services, SessionState
from ui.feedback import FeedbackBanner, SoundPlayer
from ui.pages.returns_page import ReturnsPage


def _scan(qtbot, shell, page, code):
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, code)


def _show(qtbot, shell, name):
    page = shell.window.page_named(name)
    shell.window.show_page(page)
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)  # pages that load on show finish loading
    return page


def test_orders_page_finds_an_order_by_box_scan_and_shows_its_card(qtbot, shell):
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready", boxes=2, code="123456")
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        scan_keys(shell.window, box_barcode(shell.point.code, order.number, 2))
    qtbot.waitUntil(lambda: page.detail is not None, timeout=5000)
    assert order.number in page.header.text()
    assert page.boxes.rowCount() == 2
    assert page.lines.rowCount() == 1


def test_the_open_order_card_is_read_again_when_a_sync_finishes(qtbot, shell, monkeypatch):
    """Заказы: the timeline said «ждёт отправки» while the status bar said «Не отправлено: 0» — the open card is
    re-read when the status bar sees a sync finish (and only then)."""
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready", boxes=1)
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    page.open_number(order.number)
    qtbot.waitUntil(lambda: page.detail is not None and not page.busy, timeout=5000)
    reads: list[str] = []
    detail = shell.ctx.services.orders.detail
    monkeypatch.setattr(shell.ctx.services.orders, "detail", lambda number: reads.append(number) or detail(number))
    moments = iter([datetime(2026, 12, 1, 9, 0, tzinfo=UTC)] * 2 + [datetime(2026, 12, 1, 9, 5, tzinfo=UTC)])

    class Runner:
        def status(self) -> SyncStatus:
            return SyncStatus(online=True, last_success_at=next(moments))

    bar = shell.window.status
    monkeypatch.setattr(bar, "_sync", Runner())
    for _ in range(3):  # a sync, the same one seen again, a newer one
        bar.refresh()
        qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert reads == [order.number, order.number]


def test_orders_page_sms_tab_names_held_cancelled_and_correction_sms(qtbot, shell):
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="partially_arrived", boxes=2)
        now = datetime.now(UTC)
        for n, (purpose, attempt, status) in enumerate(
            [("ready", 1, "accepted"), ("correction", 1, "delivered"), ("ready", 2, "cancelled"), ("ready", 3, "held")]
        ):
            s.add(SmsMessage(uid=f"sms-{n}", order_id=order.id, purpose=purpose, attempt=attempt, status=status,
                             requested_at=now, updated_at=now, timeline=[]))
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    _scan(qtbot, shell, page, order.number)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=5000)
    rows = {page.sms.row(i)[:3] for i in range(page.sms.rowCount())}
    assert rows == {("код получения", "1", "отправлено"), ("поправка: заказ не готов", "1", "доставлено"),
                    ("код получения", "2", "отменено: заказ не готов"), ("код получения", "3", "ждёт закрытия приёмки")}


def test_orders_page_resend_is_rate_limited_with_a_clear_message(qtbot, shell):
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready")
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    _scan(qtbot, shell, page, order.number)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=5000)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_resend()
    assert shell.ctx.feedback.kind.value == "ok"
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_resend()
    assert shell.ctx.feedback.kind.value == "error"


def test_orders_page_unknown_order_is_a_warning(qtbot, shell):
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "OrdersPage")
    page.query.setText("999999999")
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_search()
    assert shell.ctx.feedback.kind.value in ("warning", "error")
    assert page.results.rowCount() == 0


def _expired_order(db, point):
    with db.write() as s:
        order = make_order(s, point, status="ready", boxes=1)
        order.storage_until = order.ready_at - timedelta(days=1)
    return order


def test_returns_page_session_scans_an_expired_order_out(qtbot, shell):
    order = _expired_order(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "ReturnsPage")
    qtbot.waitUntil(lambda: page.to_return.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_open_session()
    _scan(qtbot, shell, page, box_barcode(shell.point.code, order.number, 1))
    assert shell.ctx.feedback.kind.value == "ok"
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_close_session()
    assert page.session_uid is None
    with shell.ctx.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == order.number)) == "returned"


def test_returns_page_counts_drop_as_soon_as_a_box_is_returned_in_the_session(qtbot, shell):
    """The order's only box scanned into the open session: «К возврату (1)» becomes «(0)» at once, not after the
    session is closed or the page shown again."""
    order = _expired_order(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "ReturnsPage")
    qtbot.waitUntil(lambda: page.to_return.rowCount() == 1, timeout=5000)
    assert page.tabs.tabText(2) == "К возврату (1)"
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_open_session()
    _scan(qtbot, shell, page, box_barcode(shell.point.code, order.number, 1))
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.tabs.tabText(2) == "К возврату (0)" and page.to_return.rowCount() == 0
    assert page.session_uid is not None  # still in the session


def test_returns_page_resumes_an_open_session_with_its_scans_after_a_restart(qtbot, shell):
    first = _expired_order(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "ReturnsPage")
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_open_session()
    _scan(qtbot, shell, page, box_barcode(shell.point.code, first.number, 1))
    uid = page.session_uid
    # The PC restarts: a new database handle, services, context and page over the same database file.
    database = Database(shell.ctx.db.path)
    ctx = AppContext(database, Services.create(database), SessionState(), FeedbackBanner(SoundPlayer(muted=True)),
                     shell.ctx.scanner)
    restarted = ReturnsPage(ctx)
    qtbot.addWidget(restarted)
    with qtbot.waitSignal(restarted.became_idle, timeout=5000):
        restarted.on_shown()
    assert restarted.session_uid == uid
    assert [restarted.scanned.row(i)[:2] for i in range(restarted.scanned.rowCount())] == [
        (box_barcode(shell.point.code, first.number, 1), first.number)]
    assert ctx.feedback.kind.value == "warning" and "коробок: 1" in ctx.feedback.text
    with database.read() as s:
        assert s.scalar(select(func.count()).select_from(ReturnSession)) == 1
    assert ctx.tasks.wait_for_idle()  # no task of the restarted page still on this database when it is disposed
    database.dispose()


def test_returns_page_scan_without_session_is_refused(qtbot, shell):
    order = _expired_order(shell.ctx.db, shell.point)
    log_in(qtbot, shell)
    page = _show(qtbot, shell, "ReturnsPage")
    scan_keys(shell.window, box_barcode(shell.point.code, order.number, 1))
    qtbot.waitUntil(lambda: shell.ctx.feedback.kind.value == "warning", timeout=5000)
    assert page.session_uid is None


def test_sync_page_is_for_managers_and_closes_alerts(qtbot, shell):
    log_in(qtbot, shell)
    assert "SyncPage" not in [type(p).__name__ for p in shell.window.visible_pages()]
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready")
        s.add(ManagerAlert(kind="order_locked", order_id=order.id, message="5 неверных кодов",
                           created_at=order.ready_at))
    shell.ctx.session.log_out()
    log_in(qtbot, shell, login="manager", password="secret-2222")
    assert "SyncPage" in [type(p).__name__ for p in shell.window.visible_pages()]
    page = _show(qtbot, shell, "SyncPage")
    qtbot.waitUntil(lambda: page.problems.rowCount() == 1, timeout=5000)
    page.problems_view.selectRow(0)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_reviewed()
    qtbot.waitUntil(lambda: page.problems.rowCount() == 0, timeout=5000)


def _locked_order(shell):
    with shell.ctx.db.write() as s:
        order = make_order(s, shell.point, status="ready")
        order.locked_at, order.code_failed_attempts = order.ready_at, 5
        s.add(ManagerAlert(kind="order_locked", order_id=order.id, message="5 неверных кодов",
                           created_at=order.ready_at))
    return order


def _open_card(qtbot, shell, number):
    page = _show(qtbot, shell, "OrdersPage")
    _scan(qtbot, shell, page, number)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.number == number, timeout=5000)
    return page


def test_a_manager_unlocks_a_locked_order_from_its_card(qtbot, shell):
    order = _locked_order(shell)
    log_in(qtbot, shell, login="manager", password="secret-2222")
    page = _open_card(qtbot, shell, order.number)
    assert page.unlock_button.isVisible() and "Заблокирован" in page.header.text()
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page.unlock_button.click()
    qtbot.waitUntil(lambda: not page.unlock_button.isVisible(), timeout=5000)
    assert shell.ctx.feedback.kind.value == "ok" and "разблокирован" in shell.ctx.feedback.title
    with shell.ctx.db.read() as s:
        unlocked = s.scalars(select(Order).where(Order.number == order.number)).one()
        alert = s.scalars(select(ManagerAlert).where(ManagerAlert.order_id == unlocked.id)).one()
        assert unlocked.locked_at is None and unlocked.code_failed_attempts == 0 and alert.resolved_at is not None


def test_a_clerk_sees_the_lock_but_no_unlock_button_and_the_service_refuses_a_clerk(qtbot, shell):
    order = _locked_order(shell)
    log_in(qtbot, shell)
    page = _open_card(qtbot, shell, order.number)
    assert "Заблокирован" in page.header.text() and not page.unlock_button.isVisible()
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page._on_unlock()  # as if the button were reachable: the service checks the role
    assert shell.ctx.feedback.kind.value == "error"
    with shell.ctx.db.read() as s:
        assert s.scalar(select(Order.locked_at).where(Order.number == order.number)) is not None


def test_the_unlock_button_goes_when_the_manager_logs_out(qtbot, shell):
    order = _locked_order(shell)
    log_in(qtbot, shell, login="manager", password="secret-2222")
    page = _open_card(qtbot, shell, order.number)
    assert not page.unlock_button.isHidden()
    shell.ctx.session.log_out()
    assert page.unlock_button.isHidden()


def _check_journal(qtbot, page):
    action = next(a for a in page.actions() if a.text() == "Проверить журнал")
    assert action.shortcut().toString() == "F9"
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        action.trigger()


def test_a_manager_checks_the_journal_and_sees_the_first_changed_entry(qtbot, shell):
    log_in(qtbot, shell, login="manager", password="secret-2222")
    page = _show(qtbot, shell, "SyncPage")
    _check_journal(qtbot, page)
    feedback = shell.ctx.feedback
    assert feedback.kind.value == "ok" and feedback.title.startswith("Журнал цел: ")
    with shell.ctx.db.write() as s:
        first = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id).limit(1))
        s.execute(update(AuditEntry).where(AuditEntry.id == first).values(subject="подмена"))
    _check_journal(qtbot, page)
    assert feedback.kind.value == "error" and feedback.title == "Журнал повреждён"
    assert f"Запись №{first} изменена" in feedback.text and "проверено: 0" in feedback.text


def test_sync_page_counts_the_unsent_events_and_says_since_when(qtbot, shell):
    log_in(qtbot, shell, login="manager", password="secret-2222")  # opening the shift queues one event
    page = _show(qtbot, shell, "SyncPage")
    qtbot.waitUntil(lambda: page.tiles["pending"].value.text() == "1", timeout=5000)
    assert page.tiles["applied"].value.text() == "0"
    assert page.oldest_pending.text().startswith("Самое старое неотправленное событие: ")


def _refused_event(s, seq, event_type, status, reason, at):
    event = OutboxEvent(event_id=f"00000000-0000-4000-8000-00000000000{seq}", device_seq=1000 + seq, type=event_type,
                        schema_v=1, payload='{"order": "700000001"}', occurred_at=at, status=status, reason=reason)
    s.add(event)
    s.flush()
    record_problem(s, event, at)


def test_sync_page_shows_the_servers_rejected_and_conflict_reasons_in_words(qtbot, shell):
    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with shell.ctx.db.write() as s:
        _refused_event(s, 1, "box.received", "rejected", "unknown_box:B-77", at)
        _refused_event(s, 2, "club.card_activated", "conflict", "card_already_active", at + timedelta(minutes=1))
        _refused_event(s, 3, "order.arrived", "rejected", "rule_from_the_future:x", at + timedelta(minutes=2))
    log_in(qtbot, shell, login="manager", password="secret-2222")
    page = _show(qtbot, shell, "SyncPage")
    qtbot.waitUntil(lambda: page.problems.rowCount() == 6, timeout=5000)  # 3 events + their 3 alerts
    reasons = [page.problems.index(row, 3).data() for row in range(6)]
    assert sum("коробка B-77 неизвестна серверу" in r for r in reasons) == 2
    assert sum("карта уже активирована" in r for r in reasons) == 2
    assert "активация клубной карты (конфликт): карта уже активирована. Проверьте и решите вручную." in reasons
    what = [page.problems.index(row, 1).data() for row in range(6)]
    assert "коробка принята — отклонено сервером" in what and "активация клубной карты — конфликт" in what
    assert what.count("отклонено сервером") == 2 and what.count("конфликт") == 1  # the alerts, in words
    assert not any("." in w or "_" in w for w in what)  # no event type or alert kind as a code
    assert sum("причина не распознана этой версией программы" in r for r in reasons) == 2
    assert not any(code in r for r in reasons for code in ("unknown_box", "card_already_active", "rule_from"))


def test_sync_page_says_when_the_next_attempt_is_after_an_error(qtbot, shell):
    class Runner:
        def status(self):
            return SyncStatus(online=False, last_error=messages.describe("sync.link.offline", {}), next_delay_s=40.2)

    shell.ctx.sync = Runner()
    log_in(qtbot, shell, login="manager", password="secret-2222")
    page = _show(qtbot, shell, "SyncPage")
    assert "Ошибка: Нет связи с сервером." in page.state.text()
    assert "Следующая попытка через 40 с." in page.state.text()


def test_the_servers_reasons_read_in_english_when_the_ui_is_english(qtbot):
    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    translatable.use_translator(QCoreApplication.translate)
    try:
        assert describe_problem("box.placed", "conflict", "box_not_in_storage:returned") == (
            "box placed (conflict): the box is no longer in storage (state: returned). "
            "Check and resolve it manually.")
        assert describe_reason("a_future_rule") == (
            "a reason this version of the program does not recognise (details in the program log)")
        assert describe_flag("handed_over_after_cancel", "700000001").startswith("Order 700000001 was cancelled")
    finally:
        app.removeTranslator(translator)
        translatable.use_translator(None)
