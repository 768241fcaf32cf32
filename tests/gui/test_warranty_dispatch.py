"""Гарантия → «Отправка в сервис» (issue 13): a dispatch session scans service labels out, undo, repeat, close with
the act printed; a session left open is taken up after a restart; the handover of a warranty return order names
its claim, the service's outcome and conclusion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.db.claim_models import Claim
from desktop.db.models import OutboxEvent
from protocol.claims import WARRANTY_ORDER_KIND, ClaimOutcome, ClaimStatus
from tests.gui.fixtures import build_shell, log_in
from tests.gui.test_plural_forms import ui_language  # noqa: F401  (the fixture: catalogues of a UI language)
from tests.gui.typing import scan_keys
from tests.gui.warranty_support import (
    CLAIM,
    ORDER,
    prefiled_claim,
    printed_shell,
    purchase,
    settle,
    show_warranty,
    wait_idle,
)
from tests.support.factories import make_order
from ui.hardware.preview import close_previews
from ui.pages.warranty_page import DISPATCH_TAB

LABEL = f"SL{CLAIM}"
SECOND, SECOND_ORDER = "W000000778", "500000778"


@pytest.fixture
def printed(qtbot, db, tmp_path):
    shell = printed_shell(qtbot, db, tmp_path)
    yield shell
    settle(qtbot, shell)
    close_previews()
    shell.close()


def _accepted(db, point, number: str = CLAIM, order: str = ORDER, serial: str = "R58N12ABCDE") -> None:
    """An item taken in at this counter (its service label printed) and waiting to go to service."""
    purchase(db, point, number=order, serial=serial)
    prefiled_claim(db, point, number=number, order=order, status=ClaimStatus.ACCEPTED)
    with db.write() as s:
        claim = s.scalars(select(Claim).where(Claim.number == number)).one()
        claim.label, claim.accepted_at, claim.cover = f"SL{number}", datetime.now(UTC), "in_warranty"


def _key(qtbot, shell, page, key: Qt.Key) -> None:
    from PySide6.QtTest import QTest

    from tests.gui.typing import focus_target

    qtbot.waitUntil(lambda: (QApplication.focusWidget() or page).window() is shell.window, timeout=2000)
    wait_idle(qtbot, page, lambda: QTest.keyClick(focus_target(shell.window), key))


def _scan(qtbot, shell, page, code: str) -> None:
    wait_idle(qtbot, page, lambda: scan_keys(shell.window, code))
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)


def test_a_dispatch_session_scans_labels_out_undoes_and_closes_with_the_act(qtbot, printed, tmp_path):
    shell = printed
    _accepted(shell.ctx.db, shell.point)
    _accepted(shell.ctx.db, shell.point, SECOND, SECOND_ORDER, serial="R58N12ZZZZZ")
    page = show_warranty(qtbot, shell)
    _key(qtbot, shell, page, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.dispatch.session_uid is not None and not page.busy, timeout=5000)
    assert page.tabs.currentIndex() == DISPATCH_TAB
    assert page.dispatch.waiting.rowCount() == 2 and page.dispatch.tables.tabText(0) == "Ждут отправки (2)"
    _scan(qtbot, shell, page, LABEL)
    assert shell.ctx.feedback.kind == "ok" and page.dispatch.scanned.rowCount() == 1
    _scan(qtbot, shell, page, LABEL)
    assert shell.ctx.feedback.kind == "warning" and page.dispatch.scanned.rowCount() == 1  # a repeat changes nothing
    _scan(qtbot, shell, page, f"SL{SECOND}")
    assert page.dispatch.scanned.row(0)[1] == SECOND
    _key(qtbot, shell, page, Qt.Key.Key_F7)  # the second goes back on the shelf
    qtbot.waitUntil(lambda: page.dispatch.scanned.rowCount() == 1, timeout=5000)
    assert shell.ctx.feedback.kind == "warning" and SECOND in shell.ctx.feedback.title
    _key(qtbot, shell, page, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: page.dispatch.session_uid is None and not page.busy, timeout=5000)
    with shell.ctx.db.read() as s:
        statuses = {number: status for number, status in s.execute(select(Claim.number, Claim.status))}
        events = s.scalars(select(OutboxEvent.type)).all()
    assert statuses == {CLAIM: ClaimStatus.SENT, SECOND: ClaimStatus.ACCEPTED}
    assert events.count("claim.dispatched") == 1 and "service.closed" in events
    assert (tmp_path / "document.pdf").exists()  # the dispatch act for the carrier
    assert "1 издели" in shell.ctx.feedback.title  # the plural form: see the catalogue test below
    assert page.dispatch.waiting.rowCount() == 1


def test_a_label_scanned_before_the_session_is_opened_says_how_to_open_it(qtbot, printed):
    shell = printed
    _accepted(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    scan_keys(shell.window, LABEL)
    qtbot.waitUntil(lambda: shell.ctx.feedback.kind == "warning", timeout=5000)
    assert "F5" in shell.ctx.feedback.text and page.tabs.currentIndex() == DISPATCH_TAB


def test_an_unknown_label_is_a_red_banner_and_changes_nothing(qtbot, printed):
    shell = printed
    _accepted(shell.ctx.db, shell.point)
    page = show_warranty(qtbot, shell)
    _key(qtbot, shell, page, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.dispatch.session_uid is not None and not page.busy, timeout=5000)
    _scan(qtbot, shell, page, "SLW000000999")
    assert shell.ctx.feedback.kind == "error" and "SLW000000999" in shell.ctx.feedback.text
    assert page.dispatch.scanned.rowCount() == 0


def test_a_dispatch_left_open_is_taken_up_after_a_restart(qtbot, db, tmp_path):
    first = printed_shell(qtbot, db, tmp_path)
    _accepted(db, first.point)
    page = show_warranty(qtbot, first)
    _key(qtbot, first, page, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.dispatch.session_uid is not None and not page.busy, timeout=5000)
    _scan(qtbot, first, page, LABEL)
    settle(qtbot, first)
    first.close()
    first.window.close()
    again = build_shell(qtbot, db, seeded=(first.point, first.clerk, first.manager))  # a restart over the same file
    try:
        log_in(qtbot, again)
        page = again.window.page_named("WarrantyPage")
        qtbot.waitUntil(lambda: again.window.current_page() is page, timeout=5000)  # landed on the open dispatch
        qtbot.waitUntil(lambda: page.dispatch.session_uid is not None and not page.busy, timeout=5000)
        assert page.tabs.currentIndex() == DISPATCH_TAB and page.dispatch.scanned.row(0)[1] == CLAIM
        assert again.ctx.feedback.kind == "warning" and "1 издели" in again.ctx.feedback.text
    finally:
        settle(qtbot, again)
        again.close()


def test_the_handover_of_a_warranty_return_order_names_the_claim_outcome_and_conclusion(qtbot, printed):
    shell = printed
    purchase(shell.ctx.db, shell.point)
    prefiled_claim(shell.ctx.db, shell.point, status=ClaimStatus.AWAITING_PICKUP)
    with shell.ctx.db.write() as s:
        back = make_order(s, shell.point, status="ready", kind=WARRANTY_ORDER_KIND, code="123456")
        claim = s.scalars(select(Claim).where(Claim.number == CLAIM)).one()
        claim.return_order, claim.outcome = back.number, ClaimOutcome.REPAIRED
        claim.conclusion = "Заменена плата питания, изделие исправно"
        number, plain = back.number, make_order(s, shell.point, status="ready", code="654321").number
    page = shell.window.page_named("HandoverPage")
    shell.window.show_page(page)
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page.start(number)
    qtbot.waitUntil(lambda: page.panel.claim.isVisible(), timeout=5000)
    text = page.panel.claim.text()
    assert CLAIM in text and "отремонтировано" in text and "Заменена плата питания" in text
    with qtbot.waitSignal(page.became_idle, timeout=5000):
        page.start(plain)  # an ordinary order: no claim line
    qtbot.waitUntil(lambda: not page.panel.claim.isVisible(), timeout=5000)


def test_the_dispatch_counts_agree_with_their_numbers_in_russian_and_english(qtbot, printed, ui_language):  # noqa: F811
    """«1 изделие», «2 изделия», «5 изделий» (and «1 item», «5 items»): the catalogues hold every plural form."""
    tab = show_warranty(qtbot, printed).dispatch
    closed = "Отправка закрыта: %n изделий"
    ui_language("ru")
    assert [tab.tr(closed, "", n) for n in (1, 2, 5, 21)] == [
        "Отправка закрыта: 1 изделие", "Отправка закрыта: 2 изделия", "Отправка закрыта: 5 изделий",
        "Отправка закрыта: 21 изделие"]
    ui_language("en")
    assert [tab.tr(closed, "", n) for n in (1, 5)] == ["Dispatch closed: 1 item", "Dispatch closed: 5 items"]
