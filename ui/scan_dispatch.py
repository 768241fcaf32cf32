"""Where a scan goes: classified once by the core's scan routing, then to the current page or the page that takes it.

The dispatcher classifies with the live `ScannerConfiguration` (a wizard change applies to the next
scan) and hands the typed `Scan` on; nothing after it classifies the raw text again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.scan_routing import Scan, ScanKind, clean, route_scan
from desktop.scanner_settings import ScannerConfiguration
from protocol.errors import DomainError
from ui.feedback import FeedbackBanner
from ui.login_screen import LoginScreen
from ui.pages.base import Page

log = logging.getLogger(__name__)


class ScanDispatcher(QObject):
    """Routes one raw scan at a time (the ScanQueue guarantees the one-at-a-time part)."""

    scan_routed = Signal(str, str)  # kind, page object name ("" when refused)

    def __init__(
        self,
        scanner: ScannerConfiguration,
        feedback: FeedbackBanner,
        login: LoginScreen,
        logged_in: Callable[[], bool],
        current_page: Callable[[], Page | None],
        pages_taking: Callable[[ScanKind], Sequence[Page]],
        show_page: Callable[[Page], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._scanner = scanner
        self._feedback = feedback
        self._login = login
        self._logged_in = logged_in
        self._current = current_page
        self._pages = pages_taking  # the pages the clerk may open that take a kind of scan
        self._show = show_page

    def dispatch(self, raw: str) -> None:
        modal = QApplication.activeModalWidget()
        take = getattr(modal, "take_scan", None)  # a dialog that takes scans (a certificate, an agreement number)
        if callable(take):
            taken = take(clean(raw, self._scanner.settings))
            self.scan_routed.emit("", "dialog" if taken else "")
            return
        try:
            scan = route_scan(raw, self._scanner.settings)
        except DomainError as err:
            if err.code == "scan.unknown" and self._into_text_field(raw):
                self.scan_routed.emit("", "text_field")
                return
            self._feedback.show_error(self.tr("Код не распознан"), str(err))
            self.scan_routed.emit("", "")
            return
        log.info("scan %s", scan.kind.value)
        if not self._logged_in():
            self._login.handle_scan(scan)
            self.scan_routed.emit(scan.kind.value, self._login.objectName())
            return
        self._to_page(scan)

    def _into_text_field(self, raw: str) -> bool:
        """A code the core does not know (a document or tracking number) typed into the focused field."""
        focus = QApplication.focusWidget()
        if not isinstance(focus, QLineEdit) or focus.isReadOnly() or not focus.isVisible():
            return False
        focus.insert(clean(raw, self._scanner.settings))
        focus.returnPressed.emit()
        return True

    def _to_page(self, scan: Scan) -> None:
        current = self._current()
        if current is not None and scan.kind in current.scan_kinds and current.handle_scan(scan):
            self.scan_routed.emit(scan.kind.value, current.objectName())
            return
        for page in self._pages(scan.kind):
            if page is not current:
                self._show(page)
                if page.handle_scan(scan):
                    self.scan_routed.emit(scan.kind.value, page.objectName())
                    return
        self._feedback.show_warning(
            self.tr("Этот код здесь не нужен"),
            self.tr("Отсканирован код вида «{0}», но на этом экране он не используется.").format(
                kind_name(scan)
            ),
        )
        self.scan_routed.emit(scan.kind.value, "")


def kind_name(scan: Scan) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "order_number": QCoreApplication.translate("ScanKinds", "номер заказа"),
        "box": QCoreApplication.translate("ScanKinds", "коробка"),
        "cell": QCoreApplication.translate("ScanKinds", "ячейка хранения"),
        "club_card": QCoreApplication.translate("ScanKinds", "клубная карта"),
        "staff_badge": QCoreApplication.translate("ScanKinds", "пропуск сотрудника"),
        "pickup_token": QCoreApplication.translate("ScanKinds", "QR-код получения"),
        "pickup_code": QCoreApplication.translate("ScanKinds", "код получения"),
        "waybill": QCoreApplication.translate("ScanKinds", "накладная поставки"),
        "claim": QCoreApplication.translate("ScanKinds", "номер гарантийной заявки"),
        "service_label": QCoreApplication.translate("ScanKinds", "этикетка изделия для сервиса"),
        "certificate": QCoreApplication.translate("ScanKinds", "подарочный сертификат"),
    }
    return names.get(scan.kind.value, scan.kind.value)
