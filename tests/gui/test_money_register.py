"""The manager's X report: the register's own state (shift, paper, cover) read before the report and shown with it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from desktop.fiscal.fake_atol import FakeAtolServer, FakeRegister
from desktop.fiscal.model import FiscalMode
from desktop.fiscal.service import FiscalService
from tests.gui.fixtures import log_in
from ui.pages.receipt_dialog import SlipDialog


def _slip(qtbot) -> SlipDialog:
    found: list[SlipDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, SlipDialog) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=15000)
    return found[0]


def test_the_x_report_says_the_registers_shift_paper_and_cover(qtbot, shell):
    register = FakeRegister()
    with FakeAtolServer(register) as server:
        shell.ctx.services.fiscal = FiscalService(shell.ctx.db, mode=FiscalMode.ATOL, url=server.url)
        log_in(qtbot, shell, login="manager", password="secret-2222", open_shift=False)
        shell.window.fiscal.x_report()
        slip = _slip(qtbot)
    notes = " ".join(label.text() for label in slip.findChildren(QLabel))
    assert "Касса: АТОЛ, смена на кассе" in notes
    assert "Чековая лента есть." in notes and "Крышка закрыта." in notes
    assert register.printed("reportX")  # the report itself came from the register
    slip.close()
