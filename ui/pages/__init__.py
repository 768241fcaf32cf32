"""The registry of pages: a new page is one module plus one line here (the order is the navigation order)."""

from __future__ import annotations

from ui.pages.base import Page
from ui.pages.club_page import ClubPage
from ui.pages.handover_page import HandoverPage
from ui.pages.manager.console_page import ManagerPage
from ui.pages.orders_page import OrdersPage
from ui.pages.placement_page import PlacementPage
from ui.pages.receiving_page import ReceivingPage
from ui.pages.returns_page import ReturnsPage
from ui.pages.sync_page import SyncPage
from ui.pages.warranty_page import WarrantyPage

PAGE_CLASSES: list[type[Page]] = [
    HandoverPage,
    ReceivingPage,
    PlacementPage,
    ClubPage,
    OrdersPage,
    ReturnsPage,
    WarrantyPage,
    SyncPage,
    ManagerPage,
]
