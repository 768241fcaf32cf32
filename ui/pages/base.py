"""The page base class: a thin workflow screen that runs one service call per action off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.scan_routing import Scan, ScanKind
from desktop.services.base import Actor, Role
from ui.context import AppContext
from ui.feedback import FeedbackBanner
from ui.widgets.common import fit_placeholders, scroll_area
from ui.widgets.wrap_grid import WrapGrid
from ui.workers import Failure


class Page(QWidget):
    """One workflow. Subclasses set `title` (Russian source text), `shortcut`, `min_role`, `scan_kinds`.

    A new page is one module plus one entry in `ui.pages.PAGE_CLASSES` (its module path and these attributes).
    """

    title: ClassVar[object] = ""  # QT_TRANSLATE_NOOP(...) marks the text and is typed object in the Qt stubs
    shortcut: ClassVar[str] = ""
    min_role: ClassVar[Role] = Role.CLERK
    scan_kinds: ClassVar[frozenset[ScanKind]] = frozenset()

    busy_changed = Signal(bool)
    became_idle = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = 0
        self.setObjectName(type(self).__name__)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the page's F-keys work while focus is inside it
        self._content = QWidget(self)
        self._content.setObjectName("pageContent")
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(8, 12, 8, 6)
        self._layout.setSpacing(10)
        self._action_bar = WrapGrid(self, "actionBar")
        self.page_scroll = scroll_area(self._content, self)  # a small logical screen scrolls the page, never clips it
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 12)
        outer.setSpacing(6)
        outer.addWidget(self.page_scroll, 1)

    # --- what the shell calls --------------------------------------------------------------------

    @classmethod
    def display_title(cls) -> str:
        return QCoreApplication.translate("PageTitles", str(cls.title))

    def handle_scan(self, scan: Scan) -> bool:
        """Take a routed scan; return False when this page has no use for it."""
        return False

    def on_shown(self) -> None:
        """The page became the current one (refresh what it shows)."""

    def set_active(self, active: bool) -> None:
        """The shell enables the F-key actions of the current page only."""
        for action in self.actions():
            action.setEnabled(active)

    def focus_default(self) -> None:
        """Put the keyboard focus where the clerk starts on this page (the page itself by default)."""
        self.setFocus()

    def after_sync(self) -> None:
        """A sync just finished: re-read what shows sync states (nothing by default)."""

    @property
    def busy(self) -> bool:
        return self._busy > 0

    # --- what subclasses use ---------------------------------------------------------------------

    @property
    def actor(self) -> Actor | None:
        return self.ctx.session.actor

    @property
    def feedback(self) -> FeedbackBanner:
        return self.ctx.feedback

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Failure], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> None:
        """Run one service call in the background; the page counts as busy until it finishes."""
        self._busy += 1
        if self._busy == 1:
            self.busy_changed.emit(True)
        self.ctx.tasks.run(fn, on_done, on_error or self.show_failure, on_progress, self._on_task_finished, owner=self)

    def show_failure(self, failure: Failure) -> None:
        """An environment error: red banner with the plain-Russian reason."""
        self.feedback.show_error(self.tr("Не выполнено"), failure.message)

    def _on_task_finished(self) -> None:
        self._busy -= 1
        if self._busy == 0:
            self.busy_changed.emit(False)
            self.became_idle.emit()

    def add_action(self, text: str, key: str, slot: Callable[[], None]) -> QPushButton:
        """A main action: an F-key shortcut active on this page plus a button showing the key."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        # Window-wide, but only the current page's actions are enabled (see set_active): the F-keys
        # work wherever the focus is, and two pages' F2 never compete.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(False)
        action.triggered.connect(slot)
        self.addAction(action)
        button = QPushButton(f"{key} {text}", self)
        button.setObjectName("actionButton")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        button.setToolTip(f"{key}: {text}")
        self._action_bar.add(button)  # wraps to a second row rather than cutting a text
        return button

    def finish_layout(self) -> None:
        """Put the F-key action bar at the bottom, outside the scrolling part (call at the end of __init__)."""
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self._action_bar)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(bar)
        fit_placeholders(self)

    @staticmethod
    def headline(text: str = "") -> QLabel:
        """The page's instruction line at the top (large, wrapped)."""
        label = QLabel(text)
        label.setObjectName("pageHeadline")
        label.setWordWrap(True)
        return label

    @staticmethod
    def big_label(text: str = "", object_name: str = "bigValue") -> QLabel:
        label = QLabel(text)
        label.setObjectName(object_name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def require_actor(self) -> Actor | None:
        """The logged-in actor, or a red banner and None."""
        if self.actor is None:
            self.feedback.show_error(self.tr("Нужен вход"), self.tr("Войдите в систему, чтобы продолжить."))
        return self.actor


class SessionPage(Page):
    """A page that scans boxes into an open session (receiving, returns): a box scan needs a login and a session."""

    scan_kinds: ClassVar[frozenset[ScanKind]] = frozenset({ScanKind.BOX})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.session_uid: str | None = None

    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind is not ScanKind.BOX:
            return False
        actor = self.require_actor()
        if actor is not None and self.session_uid is None:
            self.tell_no_session()
        elif actor is not None and self.session_uid is not None:
            self.scan_into_session(actor, self.session_uid, scan)
        return True

    def tell_no_session(self) -> None:
        """The banner for a box scanned before the session was opened (how to open it)."""
        raise NotImplementedError

    def scan_into_session(self, actor: Actor, session_uid: str, scan: Scan) -> None:
        """One service call for the box (the scan is classified once, by the dispatcher)."""
        raise NotImplementedError
