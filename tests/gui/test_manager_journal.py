"""The console's «Журнал» tab and F6 export, driven as the manager does: tampering shows the first broken entry
plainly; F6 writes the shown table to the chosen XLSX; the journal's CSV button writes CSV for the CCTV check."""

from __future__ import annotations

import csv
from datetime import UTC
from pathlib import Path

import openpyxl
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from sqlalchemy import text

from desktop import translatable
from desktop.journal import ChainReport
from desktop.services.base import Service
from desktop.services.manager import export
from tests.gui.fixtures import log_in
from tests.gui.table_fit import assert_fits_whole, counter_style
from tests.support.factories import actor_for
from ui import translations_build
from ui.i18n import install_translations
from ui.pages.manager.journal_tab import JournalTab, chain_verdict


def _seed_journal(shell) -> None:
    service = Service(shell.ctx.db)
    clerk = actor_for(shell.clerk)
    for i, action in enumerate(("receiving.scan", "cell.place", "handover.completed")):
        with service.action(clerk) as act:
            act.audit(action, f"10000000{i}", n=i)


def _journal_tab(qtbot, shell) -> JournalTab:
    _seed_journal(shell)
    log_in(qtbot, shell, login="manager", password="secret-2222", open_shift=False)
    page = shell.window.page_named("ManagerPage")
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        shell.window.show_page(page)
    tab = page.show_tab(JournalTab)
    qtbot.waitUntil(lambda: bool(tab.shown_reports) and tab.view.model().rowCount() > 0, timeout=10000)
    return tab


def _entry_id(shell, action: str) -> int:
    with shell.ctx.db.read() as s:
        return int(s.execute(text("SELECT id FROM audit_journal WHERE action = :a"), {"a": action}).scalar_one())


def test_the_tab_lists_entries_in_words_and_a_changed_entry_is_named(qtbot, shell):
    tab = _journal_tab(qtbot, shell)
    model = tab.view.model()
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    placed = next(row for row in shown if row[3] == "коробка размещена")
    assert placed[2] == "Смирнова Анна Сергеевна" and placed[4] == "100000001"
    with qtbot.waitSignal(tab.page.became_idle, timeout=10000):
        tab.check_button.click()
    assert tab.verdict.text().startswith("Журнал цел")
    broken = _entry_id(shell, "cell.place")
    with shell.ctx.db.write() as s:
        s.execute(text("UPDATE audit_journal SET subject = '100000099' WHERE id = :i"), {"i": broken})
    with qtbot.waitSignal(tab.page.became_idle, timeout=10000):
        tab.check_button.click()
    verdict = tab.verdict.text()
    assert verdict.startswith("Журнал повреждён")
    assert f"Запись №{broken} изменена" in verdict
    assert "Смирнова Анна Сергеевна" in verdict and "«коробка размещена»" in verdict
    assert any(row.tone == "error" and row.values[0] == broken for row in tab.shown_reports[0].rows)


def test_f6_writes_the_shown_table_to_the_chosen_xlsx(qtbot, shell, tmp_path, monkeypatch):
    tab = _journal_tab(qtbot, shell)
    page = tab.page
    asked: list[str] = []

    def choose(_parent, _title, default, filters):
        asked.append(default)
        return str(tmp_path / "журнал"), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    assert "F6" in [a.shortcut().toString() for a in page.actions()]
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        next(a for a in page.actions() if a.shortcut().toString() == "F6").trigger()
    period = page.period
    assert Path(asked[0]).name == f"Журнал {period.first:%Y-%m-%d}—{period.last:%Y-%m-%d}.xlsx"
    sheet = openpyxl.load_workbook(tmp_path / "журнал.xlsx").worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in tab.shown_reports[0].columns]
    assert sheet.max_row == 1 + len(tab.shown_reports[0].rows)
    assert sheet["B2"].is_date and sheet["B2"].number_format == export.MOMENT_FORMAT
    assert not page.export_progress.isVisible()


def test_the_journal_csv_button_writes_csv_with_staff_and_point_times(qtbot, shell, tmp_path, monkeypatch):
    tab = _journal_tab(qtbot, shell)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, default, filters: (str(tmp_path / Path(default).name), filters)))
    with qtbot.waitSignal(tab.page.became_idle, timeout=10000):
        tab.export_button.click()
    written = next(tmp_path.glob("*.csv"))
    rows = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["№", "Когда", "Сотрудник", "Действие", "Предмет", "Подробности"]
    entry = tab.shown_reports[0].rows[0].values
    zone = shell.ctx.zone()
    assert rows[1][:4] == [str(entry[0]), entry[1].astimezone(zone).strftime("%d.%m.%Y %H:%M:%S"),
                           "Смирнова Анна Сергеевна", "коробка принята"]


def test_f6_with_nothing_shown_says_so(qtbot, shell, monkeypatch):
    log_in(qtbot, shell, login="manager", password="secret-2222", open_shift=False)
    page = shell.window.page_named("ManagerPage")
    called: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: called.append(a) or ("", "")))
    page.current_tab().shown_reports = []
    page.export_current()
    assert not called and shell.ctx.feedback.title == "Нечего выгружать"


def test_the_sync_pages_f9_says_the_newest_entries_were_deleted(qtbot, shell):
    from datetime import UTC, datetime

    from desktop import journal
    from desktop.journal import JournalHead

    _seed_journal(shell)
    with shell.ctx.db.write() as s:  # the server answered it holds an entry this PC no longer has
        journal.store_anchor(s, JournalHead(99, 99, "e" * 64, datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
                                            datetime(2026, 11, 24, 8, 1, tzinfo=UTC)))
    log_in(qtbot, shell, login="manager", password="secret-2222", open_shift=False)
    page = shell.window.page_named("SyncPage")
    shell.window.show_page(page)
    action = next(a for a in page.actions() if a.shortcut().toString() == "F9")
    with qtbot.waitSignal(page.became_idle, timeout=10000):
        action.trigger()
    feedback = shell.ctx.feedback
    assert feedback.kind.value == "error" and feedback.title == "Журнал повреждён"
    assert "Удалены последние записи журнала" in feedback.text and "№99 от 24.11.2026 11:00:00" in feedback.text


def test_the_journal_table_keeps_every_header_word_whole_and_fits(qtbot, shell):
    """«Предмет» was cut to «Пред…»: the shared fitting gives each column its header's longest word at least."""
    tab = _journal_tab(qtbot, shell)
    with counter_style():
        tab.view.fit_columns()
        assert_fits_whole(tab.view)


def test_the_intact_verdict_agrees_with_every_count_in_russian(qapp):
    """«Проверена 71 запись: она не изменена…» read wrong: each count gets its own form, the rest of the sentence
    does not depend on it."""
    translations_build.release((*translations_build.LANGUAGES, translations_build.SOURCE_LANGUAGE))
    installed = install_translations(qapp, "ru")
    try:
        texts = {n: chain_verdict(ChainReport(n, None), None, UTC)[2] for n in (1, 2, 5, 21, 71, 74)}
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        translatable.use_translator(None)
    tail = " — изменений и удалений нет."
    assert texts == {1: "Проверена 1 запись" + tail, 2: "Проверены 2 записи" + tail, 5: "Проверено 5 записей" + tail,
                     21: "Проверена 21 запись" + tail, 71: "Проверена 71 запись" + tail,
                     74: "Проверены 74 записи" + tail}


def test_the_export_dialog_is_russian_and_opens_in_the_documents_folder(qtbot, shell, monkeypatch, tmp_path):
    """29-manager-export: «Look in:», «Files of type:», «Folder» were English (Qt's qtbase_ru lacks them) and the
    dialog opened in the working directory (the Documents folder did not exist)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    tab = _journal_tab(qtbot, shell)
    name = Path(tab.page.default_export_name(tab, ".xlsx"))
    assert name.parent == tmp_path / "Documents" and name.parent.is_dir()
    translations_build.release_qt_widgets()
    installed = install_translations(QApplication.instance(), "ru")
    try:
        dialog = QFileDialog(None, "Экспорт", str(name.parent))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"&Папка:", "&Тип файлов:"} <= labels and not {"&Look in:", "Files of &type:"} & labels
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "Папка"
        dialog.deleteLater()
    finally:
        for translator in installed:
            QApplication.instance().removeTranslator(translator)
        translatable.use_translator(None)
