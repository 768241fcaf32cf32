"""The store manager's console (manager role): a period picker over tabs of reports from the local cache."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QProgressBar, QTabWidget

from desktop.services.base import Role
from desktop.services.manager import export
from desktop.services.manager.report import Period
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.manager import TAB_CLASSES
from ui.pages.manager.period_picker import PeriodPicker
from ui.pages.manager.tab import ManagerTab
from ui.workers import Failure


class ManagerPage(Page):
    """Tabs from `ui.pages.manager.TAB_CLASSES`; the current tab reloads when shown or the period changes."""

    title = QT_TRANSLATE_NOOP("PageTitles", "Менеджер")
    shortcut = "Ctrl+F9"
    min_role = Role.MANAGER

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.picker = PeriodPicker(ctx.zone, self)
        self.tabs = QTabWidget(self)
        self.tab_pages: list[ManagerTab] = [cls(self) for cls in TAB_CLASSES]
        for tab in self.tab_pages:
            self.tabs.addTab(tab, tab.display_title())
        self._layout.addWidget(self.picker)
        self._layout.addWidget(self.tabs, 1)
        self.export_progress = QProgressBar(self)
        self.export_progress.setVisible(False)
        self._layout.addWidget(self.export_progress)
        self.picker.changed.connect(lambda _period: self.reload())
        self.tabs.currentChanged.connect(lambda _index: self.reload())
        self.add_action(self.tr("Обновить"), "F5", self.reload)
        self.add_action(self.tr("Экспорт"), "F6", lambda: self.export_current())
        self.finish_layout()

    @property
    def period(self) -> Period:
        return self.picker.period()

    def current_tab(self) -> ManagerTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ManagerTab) else None

    def on_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load the current tab for the chosen period (as the logged-in manager)."""
        tab, actor = self.current_tab(), self.actor
        if tab is not None and actor is not None:
            tab.load(actor, self.period)

    def show_tab(self, cls: type[ManagerTab]) -> ManagerTab:
        """Make the tab of class `cls` current (and load it); returns it."""
        tab = next(t for t in self.tab_pages if isinstance(t, cls))
        self.tabs.setCurrentWidget(tab)
        return tab

    # --- export (F6): the current tab's tables to XLSX or CSV ----------------------------------------

    def default_export_name(self, tab: ManagerTab, suffix: str) -> str:
        """«Журнал 2026-11-18—2026-11-24.xlsx» in the documents folder."""
        period = self.period
        name = f"{tab.display_title()} {period.first:%Y-%m-%d}—{period.last:%Y-%m-%d}{suffix}"
        return str(export_folder() / name)

    def export_current(self, csv_only: bool = False) -> None:
        """Ask for a file and write what the current tab shows (XLSX or CSV by the chosen type)."""
        tab = self.current_tab()
        if tab is None or not tab.shown_reports:
            self.feedback.show_warning(self.tr("Нечего выгружать"), self.tr("Дождитесь, пока таблица загрузится."))
            return
        xlsx, csv = self.tr("Книга Excel (*.xlsx)"), self.tr("CSV для Excel (*.csv)")
        filters = csv if csv_only else f"{xlsx};;{csv}"
        default = self.default_export_name(tab, ".csv" if csv_only else ".xlsx")
        chosen, selected = QFileDialog.getSaveFileName(self, self.tr("Экспорт"), default, filters)
        if not chosen:
            return
        path = _with_suffix(Path(chosen), ".csv" if csv_only or selected == csv else ".xlsx")
        reports, zone = list(tab.shown_reports), self.ctx.zone()
        self.export_progress.setRange(0, max(1, export.total_rows(reports)))
        self.export_progress.setValue(0)
        self.export_progress.setVisible(True)
        self.run(lambda progress: export.write(reports, path, zone, progress), lambda rows: self._exported(path, rows),
                 on_error=self._export_failed,
                 on_progress=lambda done, _total, _text: self.export_progress.setValue(done))

    def _exported(self, path: Path, rows: int) -> None:
        self.export_progress.setVisible(False)
        self.feedback.show_ok(self.tr("Выгружено строк: %n", "", rows), str(path))

    def _export_failed(self, failure: Failure) -> None:
        self.export_progress.setVisible(False)
        self.show_failure(failure)


def export_folder() -> Path:
    """The user's Documents folder, made when it does not exist yet (a file dialog given a missing folder opens
    in the working directory instead); the home folder when there is none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(folder) if folder else Path.home()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return path


def _with_suffix(path: Path, suffix: str) -> Path:
    """The chosen name with the format's suffix (kept when it already has one of ours)."""
    return path if path.suffix.lower() in (".xlsx", ".csv") else path.with_name(path.name + suffix)
