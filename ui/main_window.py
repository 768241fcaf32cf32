"""The shell: login screen or workspace (navigation + feedback banner + pages), status bar and menus.

The window is made in two steps. `MainWindow()` is the login screen alone: ui.app shows it as the first paint,
before the core is loaded, and the clerk can type while the start-up runs (its progress shows on the login
screen). `attach(ctx)` adds the rest once the start-up work is done: the workspace, menus, status bar, scans.
This module imports no SQLAlchemy, service or page module at import time: `attach` imports them.
`MainWindow(ctx, …)` does both steps at once (tests, tools).

Pages are built when first needed (opened, or routed a scan), not at start: the login screen shows without
building the nine workflow screens. `pages` builds them all (tests, the help's list); the shell's own paths
touch only the pages already built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.login_screen import LoginScreen
from ui.workers import TaskRunner

if TYPE_CHECKING:
    from desktop.scan_routing import ScanKind
    from desktop.services.base import Actor
    from desktop.services.staff import StaffService
    from ui.context import AppContext
    from ui.pages import PageKind
    from ui.pages.base import Page


class MainWindow(QMainWindow):
    """Holds navigation and status only; every workflow lives in its own page module."""

    page_changed = Signal(str)

    def __init__(
        self,
        ctx: AppContext | None = None,
        point_name: str = "",
        login_hint: str = "",
        idle_minutes: float = 10,
        page_classes: Sequence[PageKind] | None = None,
        status_point: str = "",
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self._set_title(point_name)
        self.login = LoginScreen(self._staff, point_name, login_hint, tasks=ctx.tasks if ctx else tasks)
        self._root = QStackedWidget(self)
        self._root.addWidget(self.login)
        self.setCentralWidget(self._root)
        if ctx is not None:
            self.attach(ctx, point_name, login_hint, idle_minutes, page_classes, status_point)
            self.login.reset()

    def _set_title(self, point_name: str) -> None:
        self.setWindowTitle(self.tr("Пункт выдачи — {0}").format(point_name) if point_name else self.tr("Пункт выдачи"))

    def _staff(self) -> StaffService:
        return self.ctx.services.staff  # the login runs only once attached (LoginScreen.ready)

    def attach(
        self,
        ctx: AppContext,
        point_name: str = "",
        login_hint: str = "",
        idle_minutes: float = 10,
        page_classes: Sequence[PageKind] | None = None,
        status_point: str = "",
    ) -> None:
        """The start-up is done: build the workspace, status bar, menus and scan handling around the login screen."""
        from desktop.config import user_config_file
        from ui.fiscal_actions import FiscalActions
        from ui.idle import IdleWatcher
        from ui.pages import PAGE_CLASSES
        from ui.shift_actions import ShiftActions
        from ui.status_bar import CounterStatusBar, update_notice

        self.ctx = ctx
        self._landing = False  # looking up the work left open at login (scans wait)
        self._set_title(point_name)
        self.page_classes: list[PageKind] = list(page_classes or PAGE_CLASSES)
        self._built: list[Page | None] = [None] * len(self.page_classes)  # by navigation row
        self._root.addWidget(self._build_workspace())
        self.status = CounterStatusBar(ctx.sync, status_point or point_name, self, ctx.zone, update_notice(ctx))
        self.setStatusBar(self.status)
        self.status.synced.connect(self._after_sync)
        self.shifts = ShiftActions(ctx, self)
        self.fiscal = FiscalActions(ctx, self, user_config_file)  # X report here, its settings in «Оборудование»
        self.idle = IdleWatcher(idle_minutes, self)
        self.idle.idle_timed_out.connect(self._on_idle_timed_out)
        self._build_scan_handling()
        self._build_menus()
        from ui.hardware.wiring import install_hardware  # «Оборудование» menu + page documents (needs ctx.config)

        self.hardware = install_hardware(self)  # camera codes go to self.scans like the wedge scanner
        self._connect()
        self._show_login(clear=False)  # what the clerk typed during the start-up stays
        self.login.set_ready(point_name, login_hint)

    def _build_scan_handling(self) -> None:
        """Scans to the login screen or the pages, one at a time; the scan focus back after every dialog."""
        from ui.scan_dispatch import ScanDispatcher
        from ui.scanner import ScanQueue
        from ui.widgets.focus_return import FocusReturn

        self.dispatcher = ScanDispatcher(self.ctx.scanner, self.ctx.feedback, self.login, self._is_logged_in,
                                         self.current_page, self.pages_taking, self.show_page, self)
        self.scans = ScanQueue(self.dispatcher.dispatch, self._is_busy, self)
        self.focus_return = FocusReturn(self, self.restore_scan_focus)  # after every dialog, one mechanism
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.focus_return)

    # --- layout -----------------------------------------------------------------------------------

    def _build_workspace(self) -> QWidget:
        from ui.widgets.nav_list import NavList

        workspace = QWidget(self)
        self.nav = NavList(workspace)
        self.stack = QStackedWidget(workspace)
        for cls in self.page_classes:
            self.stack.addWidget(QWidget(self.stack))  # a placeholder until the page is first needed
            self.nav.addItem(QListWidgetItem(f"{cls.display_title()}\n{cls.shortcut}"))
        self.nav.fit_width()  # as wide as its longest title, not a page's room more
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        right = QVBoxLayout()
        right.addWidget(self.ctx.feedback)
        right.addWidget(self.stack, 1)
        layout = QHBoxLayout(workspace)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addLayout(right, 1)
        return workspace

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Файл"))
        self._menu_action(file_menu, self.tr("Заблокировать (выйти)"), "Ctrl+L", self._on_lock_requested)
        self._menu_action(file_menu, self.tr("Выход из программы"), "Ctrl+Q", self.close)
        shift_menu = bar.addMenu(self.tr("&Смена"))
        self.open_shift_action = self._menu_action(
            shift_menu, self.tr("Открыть смену"), "Ctrl+O", self.shifts.open_shift
        )
        self.close_shift_action = self._menu_action(
            shift_menu, self.tr("Закрыть смену"), "Ctrl+Shift+O", self._on_close_shift_requested
        )
        shift_menu.addSeparator()
        self._menu_action(shift_menu, self.tr("X-отчёт кассы (состояние кассы)"), "", self.fiscal.x_report)
        self._menu_action(shift_menu, self.tr("Открыть смену на кассе"), "", self.fiscal.open_register_shift)
        self._menu_action(shift_menu, self.tr("Z-отчёт на кассе"), "", self.fiscal.z_report)
        nav_menu = bar.addMenu(self.tr("&Переход"))
        for row, cls in enumerate(self.page_classes):
            self._menu_action(
                nav_menu, cls.display_title(), cls.shortcut, lambda _checked=False, r=row: self._show_row(r)
            )
        help_menu = bar.addMenu(self.tr("&Справка"))
        self._menu_action(help_menu, self.tr("Горячие клавиши"), "F1", self._on_help_requested)
        self._menu_action(help_menu, self.tr("О программе"), "", self._on_about_requested)
        config = self.ctx.config
        if config is not None and config.uses_embedded_backend:  # the demo "phone"
            from ui.demo_sms_dialog import show_demo_sms

            self._menu_action(help_menu, self.tr("Демо: SMS и коды получения"), "Ctrl+Shift+S",
                              lambda _checked=False: show_demo_sms(
                                  self, config.data_dir, self.ctx.tasks, self.ctx.zone()))

    def _menu_action(self, menu, text: str, key: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.login.login_succeeded.connect(self._on_login_succeeded)
        self.ctx.session.actor_changed.connect(self._on_actor_changed)

    # --- pages ------------------------------------------------------------------------------------

    @property
    def pages(self) -> list[Page]:
        """Every page, built now if not yet (in navigation order)."""
        return [self.page_at(row) for row in range(len(self.page_classes))]

    def built_pages(self) -> list[Page]:
        return [page for page in self._built if page is not None]

    def page_at(self, row: int) -> Page:
        """The page of navigation row `row`, built (in place of its placeholder) the first time it is needed."""
        page = self._built[row]
        if page is None:
            page = self.page_classes[row](self.ctx)
            page.set_active(False)  # its F-keys work once it is the current page
            placeholder = self.stack.widget(row)
            assert placeholder is not None
            current = self.stack.currentIndex()
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            page.became_idle.connect(self.scans.poke)
            self._built[row] = page
        return page

    def pages_taking(self, kind: ScanKind) -> list[Page]:
        """The pages the clerk may open that take scans of `kind` (built for the scan)."""
        return [self.page_at(row) for row, cls in enumerate(self.page_classes)
                if kind in cls.scan_kinds and self.ctx.session.has_role(cls.min_role)]

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        built = next((page for page in self._built if page is widget), None)  # not a placeholder
        return built if self._is_logged_in() else None

    def visible_pages(self) -> list[Page]:
        return [self.page_at(row) for row in self._visible_rows()]

    def _visible_rows(self) -> list[int]:
        return [row for row, cls in enumerate(self.page_classes) if self.ctx.session.has_role(cls.min_role)]

    def _after_sync(self) -> None:
        """A sync finished: each page re-reads what shows sync states (the open order card's timeline); a page
        not built yet reads them when it is."""
        for page in self.built_pages():
            page.after_sync()

    def page_named(self, name: str) -> Page:
        return self.page_at(next(row for row, cls in enumerate(self.page_classes) if cls.__name__ == name))

    def show_page(self, page: Page) -> None:
        self._show_row(self._built.index(page))

    def _show_row(self, row: int) -> None:
        if not self.ctx.session.has_role(self.page_classes[row].min_role):
            self.ctx.feedback.show_error(self.tr("Нет доступа"), self.tr("Этот раздел доступен руководителю."))
            return
        self.nav.setCurrentRow(row)

    def restore_scan_focus(self) -> None:
        """A dialog closed: keep a focus still inside the window, else give it to the page (or the login)."""
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self and focus.isVisible() and focus.isEnabled():
            return
        page = self.current_page()
        if page is not None:
            page.focus_default()
        elif self._root.currentWidget() is self.login:
            self.login.identifier.setFocus()
        self.scans.poke()

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page_at(row)
        for other in self.built_pages():
            other.set_active(other is page)
        self.stack.setCurrentWidget(page)
        self.ctx.feedback.show_info(page.display_title(), "")  # no stale verdict from the previous page
        page.focus_default()
        page.on_shown()
        self.page_changed.emit(type(page).__name__)

    # --- session ----------------------------------------------------------------------------------

    def _is_logged_in(self) -> bool:
        return self.ctx.session.actor is not None

    def _is_busy(self) -> bool:
        return self.login.busy or self._landing or any(p.busy for p in self.built_pages())

    def _show_login(self, message: str = "", clear: bool = True) -> None:
        for page in self.built_pages():
            page.set_active(False)
        self._root.setCurrentWidget(self.login)
        self.menuBar().setEnabled(False)
        if clear:
            self.login.reset(message)
        self.idle.disarm()

    def _on_login_succeeded(self, actor: Actor) -> None:
        self.ctx.session.log_in(actor)
        self.menuBar().setEnabled(True)
        self._root.setCurrentIndex(1)
        self._apply_roles()
        rows = self._visible_rows()
        first = self.page_at(rows[0]) if rows else None
        if first is not None:
            self.show_page(first)
            first.set_active(True)
            first.focus_default()
            self._land_on_interrupted_work(actor, first)
        self.ctx.feedback.show_ok(self.tr("Здравствуйте, {0}").format(actor.full_name), "")
        self.idle.arm()
        if actor.shift_id is None:
            self.shifts.offer_to_open()
        self.scans.poke()

    def _land_on_interrupted_work(self, actor: Actor, first: Page) -> None:
        """After a restart the clerk lands on the receiving (return, service dispatch) session left open.

        The look-up runs off the GUI thread; scans wait meanwhile (the window counts as busy), and the clerk who
        already went elsewhere stays there."""
        services = self.ctx.services
        receiving, returns, warranty = services.receiving, services.returns, services.warranty

        def interrupted() -> str | None:
            if receiving.resumable(actor) is not None:
                return "ReceivingPage"
            if returns.pending_at_shift_close(actor):
                return "ReturnsPage"
            return "WarrantyPage" if warranty.current_dispatch(actor) is not None else None  # a service dispatch

        def land(name: str | None) -> None:
            rows = [row for row in self._visible_rows() if self.page_classes[row].__name__ == name]
            page = self.page_at(rows[0]) if rows else None
            now = self.ctx.session.actor
            if page is not None and self.current_page() is first and now is not None and now.staff_id == actor.staff_id:
                self.show_page(page)

        self._landing = True
        self.ctx.tasks.run(interrupted, land, lambda _failure: None, on_finished=self._on_landed)

    def _on_landed(self) -> None:
        self._landing = False
        self.scans.poke()

    def _apply_roles(self) -> None:
        for row, cls in enumerate(self.page_classes):
            self.nav.item(row).setHidden(not self.ctx.session.has_role(cls.min_role))
        self.nav.fit_height()

    def _on_actor_changed(self, actor: Actor | None) -> None:
        self.status.set_actor(actor)
        has_shift = bool(actor and actor.shift_id)
        self.open_shift_action.setEnabled(actor is not None and not has_shift)
        self.close_shift_action.setEnabled(has_shift)

    def _on_lock_requested(self) -> None:
        self.ctx.session.log_out()
        self._show_login(self.tr("Экран заблокирован. Войдите снова."))

    def _on_idle_timed_out(self) -> None:
        if self._is_logged_in():
            self.ctx.session.log_out()
            self._show_login(self.tr("Экран заблокирован после простоя. Войдите снова."))

    def _on_close_shift_requested(self) -> None:
        answer = QMessageBox.question(self, self.tr("Смена"), self.tr("Закрыть смену и получить отчёт?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.shifts.close_shift()

    # --- help -------------------------------------------------------------------------------------

    def _on_help_requested(self) -> None:
        lines = [f"{cls.shortcut}\t{cls.display_title()}" for row, cls in enumerate(self.page_classes)
                 if row in self._visible_rows()]
        current = self.current_page()
        if current is not None:
            lines.append("")
            lines += [f"{a.shortcut().toString()}\t{a.text()}" for a in current.actions()]
        QMessageBox.information(self, self.tr("Горячие клавиши"), "\n".join(lines))

    def _on_about_requested(self) -> None:
        from ui.version_info import about_text

        QMessageBox.about(self, self.tr("О программе"), about_text(self.ctx.config))
