"""The service box label of an accepted item, sent to the label printer (58×40 thermal roll, as box re-labels)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.labels.content import LabelContent
from desktop.labels.render import render_roll
from desktop.labels.templates import THERMAL_58x40
from protocol.errors import DomainError
from ui.hardware.wiring import documents_for
from ui.pages.base import Page


def print_service_label(page: Page, label: LabelContent) -> str | None:
    """Print one service label: None when printed, else why not (in the clerk's words, with what to do)."""
    documents = documents_for(page.ctx)
    if documents is None:
        return QCoreApplication.translate("WarrantyPage", "Принтеры не настроены в этой программе.")
    try:
        documents.printing.print_labels(render_roll([label], THERMAL_58x40), THERMAL_58x40)
    except DomainError as error:
        return str(error)
    return None
