"""The intake on the warranty page: each step one warranty-service call off the GUI thread, its result shown.

find → start_intake (a claim, or an order with no claim) → check_serial (or the manager's override_serial) →
cover → accept (the act on screen and printed, the service box label printed). The draft lives here until
«Принять» stores it in one transaction; nothing is written before that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog

from desktop.labels.content import LabelContent
from desktop.services.base import Actor
from desktop.services.warranty import AcceptedClaim, ClaimSearch, CoverInfo, IntakeDraft, WarrantyService
from desktop.state_names import claim_status_name
from protocol.claims import ClaimStatus
from ui.hardware.frames import FrameSource
from ui.hardware.photo_dialog import PhotoDialog
from ui.hardware.wiring import documents_for
from ui.pages.warranty_labels import print_service_label
from ui.pages.warranty_override import ask_override
from ui.workers import Failure

if TYPE_CHECKING:
    from ui.pages.warranty_page import WarrantyPage

MISMATCH = frozenset({"claim.serial_mismatch", "claim.serial_unknown"})  # refusals a manager may override


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value)


class IntakeFlow(QObject):
    """The draft on the page and the calls that move it on; the page's F-keys land here."""

    def __init__(self, page: WarrantyPage) -> None:
        super().__init__(page)
        self.page = page
        self.draft: IntakeDraft | None = None
        self.cover: CoverInfo | None = None
        self.last_label: LabelContent | None = None  # F10 prints it again
        self.camera_source: FrameSource | None = None  # the photo dialog's frames (tests, screenshots); None: webcam
        self._override_reason = ""  # a refused serial the manager may allow: «Разрешение менеджера» comes up
        page.form.serial.returnPressed.connect(self._on_serial_entered)
        page.became_idle.connect(self._on_idle)

    @property
    def service(self) -> WarrantyService:
        return self.page.ctx.services.warranty

    def reset(self) -> None:
        self.draft, self.cover = None, None
        self.page.form.reset()
        self.page.instructions.setVisible(True)

    def focus_next(self) -> None:
        """The serial until it is settled, then the fault description."""
        form = self.page.form
        settled = self.draft is not None and self.draft.serial_settled
        (form.fault if settled else form.serial).setFocus()

    # --- finding and opening -------------------------------------------------------------------

    def find(self, query: str) -> None:
        actor, service = self.page.require_actor(), self.service
        if actor is not None:
            self.page.run(lambda: service.find(actor, query), self._on_found)

    def _on_found(self, search: ClaimSearch) -> None:
        page, found = self.page, search.claims
        rows = [(c.number, claim_status_name(c.status), c.order, c.product, c.customer_name) for c in found]
        page.show_results(list(found), rows)
        waiting = [c for c in found if c.status == ClaimStatus.FILED]  # filed online, the item not yet here
        if len(waiting) == 1:
            self.open_claim(waiting[0].number)
        elif not waiting and search.order is not None:  # a purchased order without a claim to take in: a new one
            self.open_order(search.order)
        elif not found:
            page.feedback.show_error(self.tr("Заявка не найдена"), self.tr(
                "Проверьте номер. Если у клиента нет заявки, откройте её по номеру заказа: F3."))
        elif len(found) == 1:
            self.open_claim(found[0].number)
        else:
            page.feedback.show_warning(self.tr("Найдено заявок: {0}").format(len(found)), self.tr(
                "Выберите нужную в списке (двойной щелчок) или отсканируйте её номер."))

    def open_claim(self, number: str) -> None:
        actor, service = self.page.require_actor(), self.service
        if actor is not None:
            self.page.run(lambda: self._started(actor, service.start_intake(actor, claim=number)), self._on_started)

    def ask_order(self) -> None:
        """F3: a claim opened here for an item bought from us (the customer has no claim number)."""
        number, ok = QInputDialog.getText(self.page, self.tr("Заявка по заказу"), self.tr(
            "Номер заказа, в котором куплен товар (отсканируйте чек или введите):"))
        if ok and number.strip():
            self.open_order(number.strip())

    def open_order(self, order: str) -> None:
        actor, service = self.page.require_actor(), self.service
        if actor is not None:
            self.page.run(lambda: self._started(actor, service.start_intake(actor, order=order)), self._on_started)

    def _started(self, actor: Actor, draft: IntakeDraft) -> tuple[IntakeDraft, CoverInfo | None]:
        """In the background: the draft and, when its line is known, its cover."""
        return draft, self.service.cover(actor, draft) if draft.sku is not None else None

    def _on_started(self, started: tuple[IntakeDraft, CoverInfo | None]) -> None:
        self.draft, self.cover = started
        form = self.page.form
        form.reset()
        form.setEnabled(True)
        self.page.instructions.setVisible(False)  # the claim's own lines say what is on the page now
        form.item.setText(self._item_text(self.draft))
        form.fault.setPlainText(self.draft.fault)
        self._show_cover()
        form.set_camera_note("")
        self.page.feedback.show_ok(self.tr("Заявка {0}").format(self.draft.number), self.tr(
            "Отсканируйте серийный номер (IMEI) с самого товара."))
        form.serial.setFocus()
        QTimer.singleShot(0, form.serial.setFocus)  # after the focus moves made by the finished task

    def _item_text(self, draft: IntakeDraft) -> str:
        line = draft.line()
        what = line.product if line is not None else ", ".join(x.product for x in draft.lines)
        kind = self.tr("предварительная заявка") if draft.prefiled else self.tr("новая заявка")
        return self.tr("Заявка {0} ({1}) · заказ {2}: {3}\nКлиент: {4}, {5}").format(
            draft.number, kind, draft.order, what, draft.customer_name, draft.masked_phone)

    def _show_cover(self) -> None:
        cover, form = self.cover, self.page.form
        if cover is None:
            form.set_cover(self.tr("Гарантия: станет известна после проверки серийного номера."), expired=False)
            return
        line = self.tr("Куплен {0}, гарантия {1}, последний день {2}").format(
            _date(cover.purchased), self.tr("%n мес.", "", cover.months),
            _date(cover.last_day))
        if cover.expired:
            form.set_cover(line + " — " + self.tr("ГАРАНТИЯ ИСТЕКЛА. Принять можно только в платный ремонт "
                                               "с согласия клиента."), expired=True)
        else:
            form.set_cover(line + " — " + self.tr("гарантия действует."), expired=False)

    # --- the item check ------------------------------------------------------------------------

    def _on_serial_entered(self) -> None:
        serial, draft, service = self.page.form.serial.text().strip(), self.draft, self.service
        actor = self.page.require_actor()
        if draft is None or not serial or actor is None:
            return
        self.page.run(lambda: self._started_serial(actor, service.check_serial(actor, draft, serial)),
                      self._on_serial_checked, self._on_serial_refused)

    def _started_serial(self, actor: Actor, draft: IntakeDraft) -> tuple[IntakeDraft, CoverInfo]:
        return draft, self.service.cover(actor, draft)

    def _on_serial_checked(self, checked: tuple[IntakeDraft, CoverInfo]) -> None:
        self.draft, self.cover = checked
        form = self.page.form
        note = self.tr(" (разрешил менеджер: {0})").format(self.draft.serial_override) if self.draft.override_by else ""
        form.set_serial_verdict(self.tr("✔ Серийный номер {0} совпадает с заказом{1}").format(self.draft.serial, note),
                                ok=True)
        form.item.setText(self._item_text(self.draft))
        self._show_cover()
        detail = self.tr("Отметьте комплектность и внешний вид, запишите неисправность, снимите фото (F4), затем F9.")
        if self.cover.expired:
            detail = self.tr("Гарантия истекла: принять можно в платный ремонт с согласия клиента.") + " " + detail
            self.page.feedback.show_warning(self.tr("Серийный номер верный"), detail)
        else:
            self.page.feedback.show_ok(self.tr("Серийный номер верный"), detail)
        QTimer.singleShot(0, (form.checks["box"] if form.fault_text() else form.fault).setFocus)  # what is missing

    def _on_serial_refused(self, failure: Failure) -> None:
        """The reason in red; a serial the order does not know opens «Разрешение менеджера» at once (Esc: no)."""
        self.page.form.set_serial_verdict(
            self.tr("✖ {0}. Если товар верный, менеджер может разрешить приём: F6.").format(failure.message), ok=False)
        self.page.feedback.show_error(self.tr("Серийный номер не подходит"), failure.message)
        if getattr(failure.error, "code", "") in MISMATCH:
            self._override_reason = failure.message  # asked once the page is idle (this task has finished)

    def _on_idle(self) -> None:
        reason, self._override_reason = self._override_reason, ""
        if reason:
            QTimer.singleShot(0, lambda: self._ask_override(reason))  # outside the finished task's signal

    def ask_override(self) -> None:
        """F6: the manager allows a serial that does not match the order line, with a note."""
        draft, serial = self.draft, self.page.form.serial.text().strip()
        if draft is None or not serial:
            self.page.feedback.show_warning(self.tr("Нечего разрешать"), self.tr(
                "Сначала откройте заявку и отсканируйте серийный номер товара."))
            return
        self._ask_override(self.tr("Серийный номер {0} не совпадает с заказом {1}.").format(serial, draft.order))

    def _ask_override(self, reason: str) -> None:
        draft, serial, actor = self.draft, self.page.form.serial.text().strip(), self.page.actor
        if draft is None or not serial or actor is None or self.page.busy:
            return
        answer = ask_override(self.page, reason + " " + self.tr(
            "Менеджер может разрешить приём: пропуск, PIN и пометка, почему товар принимается."))
        if answer is None:
            return
        badge, pin, note = answer
        staff, service = self.page.ctx.services.staff, self.service

        def allowed() -> tuple[IntakeDraft, CoverInfo]:
            manager = staff.login_badge(badge, pin)  # the PIN checked and failures counted by the staff service
            return self._started_serial(actor, service.override_serial(actor, draft, serial, manager, note))

        self.page.run(allowed, self._on_serial_checked)

    # --- photos and acceptance -----------------------------------------------------------------

    def take_photos(self) -> None:
        if self.draft is None:
            self.page.feedback.show_warning(self.tr("Нет заявки"), self.tr("Сначала найдите или откройте заявку."))
            return
        dialog = PhotoDialog(self.page, self.camera_source)
        dialog.photo_taken.connect(self._on_photo)
        if dialog.source.unavailable_reason:
            self.page.form.set_camera_note(self.tr("Камера не найдена — товар можно принять без фото."))
        dialog.exec()
        dialog.deleteLater()
        QTimer.singleShot(0, self.focus_next)  # back where the intake goes on (the serial, else the fault)

    def _on_photo(self, photo: bytes) -> None:
        if not self.page.form.add_photo(photo):
            self.page.feedback.show_warning(self.tr("Фото достаточно"), self.tr("Больше снимков к заявке не добавить."))

    def accept(self) -> None:
        """F9: take the item in (one transaction); then the act and the label go to their printers."""
        draft, form, actor = self.draft, self.page.form, self.page.require_actor()
        if draft is None or actor is None:
            if actor is not None:
                self.page.feedback.show_warning(self.tr("Нет заявки"), self.tr("Сначала найдите или откройте заявку."))
            return
        if self.cover is not None and self.cover.expired and not form.paid_consent.isChecked():
            self.page.feedback.show_error(self.tr("Нужно согласие клиента"), self.tr(
                "Гарантия истекла. Отметьте «Клиент согласен на платный ремонт» или откажите в приёме."))
            return
        args = (form.checklist(), form.condition.text().strip(), form.fault_text(), list(form.photos),
                form.paid_consent.isChecked())
        service = self.service
        self.page.run(lambda: service.accept(actor, draft, *args), self._on_accepted)

    def _on_accepted(self, accepted: AcceptedClaim) -> None:
        page, number = self.page, accepted.claim.number
        documents = documents_for(page.ctx)
        printed = documents is not None and documents.print(accepted.act) is not None  # no printer: on screen
        if printed and documents is not None:
            documents.show(accepted.act)  # on screen as well: the clerk reads it with the customer
        self.last_label = accepted.label
        unlabelled = print_service_label(page, accepted.label)
        self.reset()
        page.show_results([], [])
        page.query.clear()
        done = self.tr("Акт приёма на экране: F11 — напечатать.")
        if printed:
            done = self.tr("Акт приёма напечатан в двух экземплярах: подпись клиента на обоих, один — клиенту.")
        title = self.tr("Принято в сервис: заявка {0}").format(number)
        if unlabelled is None:
            page.feedback.show_ok(title, done + " " + self.tr("Этикетка для коробки напечатана."))
        else:
            page.feedback.show_warning(title, done + " " + self.tr("Этикетка не напечатана: {0} F10 — напечатать её "
                                                               "ещё раз.").format(unlabelled))
        page.claim_accepted.emit(number)

    def reprint_label(self) -> None:
        """F10: the service box label of the last item taken in, again."""
        if self.last_label is None:
            self.page.feedback.show_warning(self.tr("Нечего печатать"),
                                            self.tr("На этом экране ещё ничего не принято."))
            return
        unlabelled = print_service_label(self.page, self.last_label)
        if unlabelled is None:
            self.page.feedback.show_ok(self.tr("Этикетка напечатана"), self.last_label.headline)
        else:
            self.page.feedback.show_error(self.tr("Этикетка не напечатана"), unlabelled)
