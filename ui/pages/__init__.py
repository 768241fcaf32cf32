"""The registry of pages: a new page is one module plus one entry here (the order is the navigation order).

An entry names the page's module and class and repeats what the shell needs before the page exists (title,
shortcut, role, the scans it takes): the login screen and the navigation show without importing any page module;
the module is imported when the page is first built (tests/gui/test_startup_lazy.py checks each entry against
its class).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.scan_routing import ScanKind
from desktop.services.base import Role

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.pages.base import Page


class PageKind(Protocol):
    """What the shell reads of a page before building it: a `PageEntry`, or a `Page` class itself (tests)."""

    @property
    def __name__(self) -> str: ...
    @property
    def shortcut(self) -> str: ...
    @property
    def scan_kinds(self) -> frozenset[ScanKind]: ...
    @property
    def min_role(self) -> Role: ...
    def display_title(self) -> str: ...
    def __call__(self, ctx: AppContext) -> Page: ...


@dataclass(frozen=True)
class PageEntry:
    """A page by module path: the shell's view of a `Page` class before its module is imported."""

    module: str
    class_name: str
    title: object  # QT_TRANSLATE_NOOP marks the text (typed object in the Qt stubs)
    shortcut: str
    scan_kinds: frozenset[ScanKind] = frozenset()
    min_role: Role = Role.CLERK

    @property
    def __name__(self) -> str:  # the shell names pages by class name
        return self.class_name

    def display_title(self) -> str:
        return QCoreApplication.translate("PageTitles", str(self.title))

    def load(self) -> type[Page]:
        """The page class (its module imported now, the first time)."""
        cls: type[Page] = getattr(importlib.import_module(self.module), self.class_name)
        return cls

    def __call__(self, ctx: AppContext) -> Page:
        return self.load()(ctx)


PAGE_CLASSES: list[PageEntry] = [
    PageEntry("ui.pages.handover_page", "HandoverPage", QT_TRANSLATE_NOOP("PageTitles", "Выдача"), "Ctrl+F2",
              frozenset({ScanKind.ORDER_NUMBER, ScanKind.PICKUP_TOKEN, ScanKind.PICKUP_CODE, ScanKind.BOX,
                         ScanKind.CERTIFICATE})),
    PageEntry("ui.pages.receiving_page", "ReceivingPage", QT_TRANSLATE_NOOP("PageTitles", "Приёмка"), "Ctrl+F3",
              frozenset({ScanKind.BOX, ScanKind.WAYBILL})),
    PageEntry("ui.pages.placement_page", "PlacementPage", QT_TRANSLATE_NOOP("PageTitles", "Размещение"), "Ctrl+F4",
              frozenset({ScanKind.BOX, ScanKind.CELL})),
    PageEntry("ui.pages.club_page", "ClubPage", QT_TRANSLATE_NOOP("PageTitles", "Клубные карты"), "Ctrl+F5",
              frozenset({ScanKind.CLUB_CARD, ScanKind.CERTIFICATE})),
    PageEntry("ui.pages.orders_page", "OrdersPage", QT_TRANSLATE_NOOP("PageTitles", "Заказы"), "Ctrl+F6",
              frozenset({ScanKind.ORDER_NUMBER, ScanKind.BOX})),
    PageEntry("ui.pages.returns_page", "ReturnsPage", QT_TRANSLATE_NOOP("PageTitles", "Возвраты"), "Ctrl+F7",
              frozenset({ScanKind.BOX})),
    PageEntry("ui.pages.warranty_page", "WarrantyPage", QT_TRANSLATE_NOOP("PageTitles", "Гарантия"), "Ctrl+F10",
              frozenset({ScanKind.CLAIM, ScanKind.SERVICE_LABEL})),
    PageEntry("ui.pages.sync_page", "SyncPage", QT_TRANSLATE_NOOP("PageTitles", "Синхронизация"), "Ctrl+F8",
              min_role=Role.MANAGER),
    PageEntry("ui.pages.manager.console_page", "ManagerPage", QT_TRANSLATE_NOOP("PageTitles", "Менеджер"),
              "Ctrl+F9", min_role=Role.MANAGER),
]
