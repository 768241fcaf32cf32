"""No text is cut at the counter screens: every page, the login screen, the status bar and the common dialogs,
in Russian and English, at 1366×768, 1280×1024 and 1920×1080, each at 100 %, 125 % and 150 % scaling.

Scaling is computed, not set: Qt 6 keeps fonts in logical pixels (a point is 96/72 logical px at any scale;
the scale only changes the device-pixel ratio, see `test_scaling_keeps_fonts_in_logical_pixels`), so a
screen at 150 % is the same app on a screen of physical/1.5 logical pixels. The window gets the screen's
available geometry minus the taskbar and the title bar (below): the room a maximized window really has.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QDialog

from desktop.services.base import Actor, Role
from desktop.services.money.model import BonusBalance, PaymentOptions
from desktop.sync.runner import SyncStatus
from tests.gui.clipping import clipped_texts
from tests.gui.fixtures import build_shell, log_in
from ui import dialogs, translations_build
from ui.app import apply_style
from ui.pages.certificate_sale import ask_certificate_sale
from ui.pages.credit_dialog import ask_credit_agreement
from ui.pages.payment_dialog import ask_tenders
from ui.status_bar import CounterStatusBar

SCREENS = [(1366, 768), (1280, 1024), (1920, 1080)]
SCALES = [1.0, 1.25, 1.5]
TASKBAR = 48  # Windows 11's taskbar, logical px (Windows 10: 40)
TITLE_BAR = 32  # a maximized window's caption, logical px
SIZES = {f"{w}x{h}@{round(s * 100)}%": (int(w / s), int(h / s) - TASKBAR - TITLE_BAR)
         for w, h in SCREENS for s in SCALES}


@pytest.fixture
def styled():
    app = QApplication.instance()
    font, sheet = app.font(), app.styleSheet()
    apply_style(app)
    yield app
    app.setStyleSheet(sheet)
    app.setFont(font)


@pytest.fixture(params=["ru", "en"])
def language(request):
    if request.param == "ru":
        yield "ru"
        return
    (qm,) = translations_build.release()
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    yield "en"
    app.removeTranslator(translator)


def _fit(qtbot, window, size: tuple[int, int]) -> list[str]:
    window.resize(*size)
    qtbot.wait(1)  # let the layouts give the widgets their sizes
    got = (window.width(), window.height())
    return [] if got == size else [f"the window cannot shrink to {size}: it stays {got} (cut by the screen)"]


def _every_screen(qtbot, shell) -> list[str]:
    window, cut = shell.window, []
    for name, size in SIZES.items():
        found = _fit(qtbot, window, size)
        for page in window.visible_pages():
            window.show_page(page)
            qtbot.waitUntil(lambda p=page: not p.busy)
            qtbot.wait(1)
            found += [f"{type(page).__name__}: {c}" for c in clipped_texts(page)]
        found += [f"navigation: {c}" for c in clipped_texts(window.nav.parentWidget())
                  if "QListWidget#navigation" in c]
        found += [f"status bar: {c}" for c in clipped_texts(window.statusBar())]
        found += [f"banner: {c}" for c in clipped_texts(shell.ctx.feedback)]
        cut += [f"{name} {size}: {c}" for c in found]
    return cut


def test_login_screen_reads_in_full_at_every_screen(qtbot, db, styled, language):
    shell = build_shell(qtbot, db)
    try:
        window, cut = shell.window, []
        for name, size in SIZES.items():
            found = _fit(qtbot, window, size) + clipped_texts(window.login) + clipped_texts(window.statusBar())
            cut += [f"{name} {size}: {c}" for c in found]
        assert not cut, "\n".join(dict.fromkeys(cut))
    finally:
        shell.close()


def test_every_page_reads_in_full_at_every_screen(qtbot, db, styled, language):
    shell = build_shell(qtbot, db)  # built under the translator: the pages carry the language's texts
    try:
        log_in(qtbot, shell, login="manager", password="secret-2222")  # a manager sees every page
        cut = _every_screen(qtbot, shell)
        assert not cut, "\n".join(dict.fromkeys(cut))
    finally:
        shell.close()


def _dialog_problems(qtbot, parent, open_dialog) -> list[str]:
    found: list[str] = []

    def measure() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            qtbot.wait(5)
            return measure()
        qtbot.wait(1)
        found.extend(clipped_texts(dialog))
        screen = min(SIZES.values())
        if dialog.width() > screen[0] or dialog.height() > screen[1]:
            found.append(f"{dialog.windowTitle()}: {dialog.width()}×{dialog.height()} is larger than {screen}")
        assert isinstance(dialog, QDialog)
        dialog.reject()
        return None

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, measure)
    open_dialog(parent)
    return found


def test_common_dialogs_read_in_full(qtbot, shell, styled, language):
    log_in(qtbot, shell)
    page = shell.window.current_page()
    opened = {
        "id document": lambda p: dialogs.ask_id_document(p, {"passport": p.tr("Паспорт")}),
        "power of attorney": lambda p: dialogs.ask_text(p, p.tr("Доверенность"), p.tr("Номер доверенности:")),
        "refusal": lambda p: dialogs.ask_refusal(p, "Смартфон Galaxy A55 8/256", 2, {"changed_mind": "—"}),
        "payment": lambda p: ask_tenders(p, _options(), lambda n, pin: None, p.ctx.tasks.run, p.ctx.zone()),
        "credit agreement": lambda p: ask_credit_agreement(p, "100200300"),
        "certificate sale": lambda p: ask_certificate_sale(p, lambda n: None, p.ctx.tasks.run),
        "close shift": lambda p: shell.window.shifts.ask_about_open_sessions([], []),
    }
    cut = [f"{name}: {c}" for name, show in opened.items() for c in _dialog_problems(qtbot, page, show)]
    assert not cut, "\n".join(cut)


def _options() -> PaymentOptions:
    """A club customer's payment: a balance with a reservation (the longest texts the dialog shows)."""
    balance = BonusBalance(confirmed=2_190, pending=350, reserved=200, available=1_990, entries=())
    return PaymentOptions(3_499_000, False, balance, 17_495, 1_990)


_PROBE = """
import json, sys
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
app = QGuiApplication(sys.argv)
font = QFont(app.font()); font.setPointSize(13)
print(json.dumps([QFontMetrics(font).horizontalAdvance("F12 Прервать"), app.primaryScreen().logicalDotsPerInch()]))
"""


def test_scaling_keeps_fonts_in_logical_pixels():
    """Why the scaled screens are computed in one process: at 150 % a 13 pt text has the same logical width."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="1.5")
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=60,
                         check=True)
    width, dpi = json.loads(out.stdout.strip().splitlines()[-1])
    font = QFont(QApplication.instance().font())
    font.setPointSize(13)
    assert dpi == QApplication.primaryScreen().logicalDotsPerInch()
    assert abs(width - QFontMetrics(font).horizontalAdvance("F12 Прервать")) <= 1


class _Sync:
    def __init__(self, status) -> None:
        self._status = status

    def status(self):
        return self._status


@pytest.mark.parametrize("status", [
    SyncStatus(online=True, syncing=True, pending_events=1234, to_review=12, last_success_at=datetime.now(UTC)),
    SyncStatus(online=False, pending_events=56, upgrade_required=True),
    SyncStatus(online=False, pending_events=56, reenrol_needed=True),
], ids=["syncing", "upgrade", "re-enrol"])
def test_status_bar_reads_in_full_at_every_width(qtbot, styled, language, status):
    bar = CounterStatusBar(_Sync(status), "0042")
    qtbot.addWidget(bar)
    bar.set_actor(Actor(1, "manager", "Константинопольская Александра Владимировна", Role.MANAGER, 1, 7))
    bar.show()
    cut = []
    for name, (width, _height) in SIZES.items():
        bar.resize(width, bar.sizeHint().height())
        bar.refresh()
        qtbot.wait(1)
        cut += [f"{name}: {c}" for c in clipped_texts(bar)]
    assert not cut, "\n".join(cut)


def test_the_warranty_intake_and_its_photo_dialog_read_in_full(qtbot, db, styled, language):
    """Гарантия with a claim open and its serial checked (the longest texts: the item, the warranty line, the
    checklist) at every screen, the photo dialog without a camera and «Разрешение менеджера»."""
    from protocol.errors import DomainError
    from tests.gui.warranty_support import CLAIM, SERIAL, prefiled_claim, purchase, settle
    from ui.hardware.photo_dialog import PhotoDialog
    from ui.pages.warranty_override import OverrideDialog

    shell = build_shell(qtbot, db)
    try:
        log_in(qtbot, shell)
        purchase(db, shell.point, days_ago=400)  # an ended warranty: the consent box shows too
        prefiled_claim(db, shell.point)
        page = shell.window.page_named("WarrantyPage")
        shell.window.show_page(page)
        page.flow.open_claim(CLAIM)
        qtbot.waitUntil(lambda: page.flow.draft is not None and not page.busy, timeout=5000)
        page.form.serial.setText(SERIAL)
        page.form.serial.returnPressed.emit()
        qtbot.waitUntil(lambda: page.flow.draft.serial_settled and not page.busy, timeout=5000)
        cut = []
        for name, size in SIZES.items():
            found = _fit(qtbot, shell.window, size) + clipped_texts(page)
            cut += [f"{name} {size}: {c}" for c in found]
        cut += _dialog_problems(qtbot, page, lambda p: PhotoDialog(p).exec())
        reason = str(DomainError("claim.serial_mismatch", serial="R58N12ABCDE0001", order="500000777",
                                 expected=" (R58N12ABCDE)"))
        cut += _dialog_problems(qtbot, page, lambda p: OverrideDialog(p, reason).exec())
        assert not cut, "\n".join(dict.fromkeys(cut))
    finally:
        settle(qtbot, shell)
        shell.close()
