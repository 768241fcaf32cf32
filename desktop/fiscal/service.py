"""FiscalService: receipts and shift documents through the point's cash register (ATOL driver v10's web server).

Every document is a `fiscal_receipts` row keyed by its `ref` (idempotency: the same ref is one receipt, printed
at most once). The row is committed `pending` with its task and uuid BEFORE the register is asked; the register
is then asked by that uuid first (it may have printed it before a crash) and sent the task only when it does not
know it — under the same uuid, which the web server refuses to queue twice. A register error leaves the row
`failed` (nothing printed) and raises FiscalError; the clerk's retry sends the task again under a fresh uuid.
Mode `none` records each document as `not_fiscal` and renders its slip without a register.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.fiscal_models import FISCAL_ERROR_MAX, FiscalReceipt
from desktop.fiscal import slip
from desktop.fiscal.client import AtolClient, TaskResult
from desktop.fiscal.errors import DENIED_IN_CLOSED_SHIFT, DENIED_IN_OPENED_SHIFT, FiscalError, register_error
from desktop.fiscal.model import (
    DEFAULT_URL,
    RECEIPT_KINDS,
    FiscalMode,
    FiscalReceiptView,
    ReceiptDraft,
    ReceiptKind,
    ReceiptStatus,
    RegisterStatus,
)
from desktop.fiscal.tasks import DEVICE_STATUS_TASK, SHIFT_STATUS_TASK, receipt_task, shift_task, task_total
from desktop.fiscal.views import view_of
from desktop.services.base import Actor, Clock, Service, new_uid, utc_now

log = logging.getLogger(__name__)


class FiscalService(Service):
    """Receipts, X/Z reports and the register's shift; one per app (the services share it)."""

    def __init__(self, db: Database, clock: Clock = utc_now, mode: FiscalMode | str = FiscalMode.NONE,
                 url: str | None = None, transport: AtolClient | None = None) -> None:
        super().__init__(db, clock)
        self.mode = FiscalMode(mode)
        self.url = url or DEFAULT_URL
        self.client = transport or AtolClient(self.url)

    @property
    def fiscal(self) -> bool:
        """True when documents are printed on a register (mode `atol`)."""
        return self.mode is FiscalMode.ATOL

    # --- receipts --------------------------------------------------------------------------------

    def issue(self, actor: Actor | None, draft: ReceiptDraft, ref: str) -> FiscalReceiptView:
        """Print the draft's receipt once for `ref` (a done one is returned as it is); FiscalError on a register
        error. A register whose shift is closed gets it opened (the draft's cashier) and the receipt once more."""
        uuid, status, task = self._claim(actor, ref, ReceiptKind(draft.kind), receipt_task(draft))
        if status == ReceiptStatus.PENDING:
            try:
                self._drive(uuid, task)
            except FiscalError as exc:
                if exc.register_code != DENIED_IN_CLOSED_SHIFT:
                    raise
                self._document(actor, ReceiptKind.OPEN_SHIFT, draft.cashier)
                uuid, _, task = self._claim(actor, ref, ReceiptKind(draft.kind), task)
                self._drive(uuid, task)
        return self.receipt(uuid)

    def reconcile(self) -> list[FiscalReceiptView]:
        """At start: ask the register about every pending document by its uuid (printed → done; unknown → sent
        again under the same uuid). Unreachable register: the rows stay pending for the next try."""
        if not self.fiscal:
            return []
        with self.reading() as session:
            rows = [(r.uuid, r.task) for r in session.scalars(
                select(FiscalReceipt).where(FiscalReceipt.status == ReceiptStatus.PENDING).order_by(FiscalReceipt.id))]
        for uuid, task in rows:
            try:
                self._drive(uuid, task)
            except FiscalError as exc:
                log.warning("fiscal: receipt %s not reconciled: %s", uuid, exc.code)
                if exc.code == "fiscal.server_offline":
                    break
        return [self.receipt(uuid) for uuid, _ in rows]

    def receipt(self, uuid: str) -> FiscalReceiptView:
        """A recorded document by its uuid, with its slip's text."""
        with self.reading() as session:
            row = session.scalars(select(FiscalReceipt).where(FiscalReceipt.uuid == uuid)).first()
            if row is None:
                raise FiscalError("fiscal.unknown_receipt", retryable=False, uuid=uuid)
            return view_of(session, row)

    def find(self, ref: str) -> FiscalReceiptView | None:
        """The document recorded under `ref`, or None."""
        with self.reading() as session:
            row = session.scalars(select(FiscalReceipt).where(FiscalReceipt.ref == ref)).first()
            return view_of(session, row) if row is not None else None

    # --- the shift -------------------------------------------------------------------------------

    def open_shift(self, actor: Actor) -> None:
        """Open the register's shift with the app's shift (nothing when it is open; an expired one is closed with
        its Z report first). Mode none: nothing."""
        if not self.fiscal:
            return
        state = self.shift_state()
        if state == "opened":
            return
        if state == "expired":
            self._document(actor, ReceiptKind.CLOSE_SHIFT, actor.full_name)
        try:
            self._document(actor, ReceiptKind.OPEN_SHIFT, actor.full_name)
        except FiscalError as exc:
            if exc.register_code != DENIED_IN_OPENED_SHIFT:  # opened meanwhile (another program): as wanted
                raise

    def x_report(self, actor: Actor) -> str:
        """Print an X report (no reset) and return its text with this counter's totals since the last Z."""
        return self.receipt(self._document(actor, ReceiptKind.REPORT_X, actor.full_name)).text

    def close_shift(self, actor: Actor) -> str:
        """Close the register's shift with its Z report and return the report's text (a Z whose reply was lost is
        found by asking first; a register whose shift is already closed prints nothing: the totals are recorded as
        not fiscal)."""
        settled = [v for v in self.reconcile() if v.kind == ReceiptKind.CLOSE_SHIFT and v.status == ReceiptStatus.DONE]
        if settled:  # the Z whose reply was lost: printed after all
            return settled[-1].text
        local = self.fiscal and self.shift_state() == "closed"
        return self.receipt(self._document(actor, ReceiptKind.CLOSE_SHIFT, actor.full_name, local=local)).text

    def shift_state(self) -> str:
        """The register's shift: `closed`, `opened` or `expired` (over 24 h)."""
        outcome = self.client.run(new_uid(), [SHIFT_STATUS_TASK])[0]
        if not outcome.ready:
            raise register_error(outcome.error_code, outcome.error_description)
        return str(((outcome.result or {}).get("shiftStatus") or {}).get("state", "closed"))

    def register_status(self) -> RegisterStatus:
        """Ask the register for its paper, cover and shift; FiscalError when it cannot be reached."""
        outcome = self.client.run(new_uid(), [DEVICE_STATUS_TASK])[0]
        if not outcome.ready:
            raise register_error(outcome.error_code, outcome.error_description)
        status = (outcome.result or {}).get("deviceStatus") or {}
        return RegisterStatus(bool(status.get("paperPresent")), bool(status.get("coverOpened")),
                              str(status.get("shift", "closed")))

    # --- the row's life --------------------------------------------------------------------------

    def _document(self, actor: Actor | None, kind: ReceiptKind, cashier: str, local: bool = False) -> str:
        uuid, status, task = self._claim(actor, f"{kind}:{new_uid()}", kind, shift_task(kind, cashier), local)
        if status == ReceiptStatus.PENDING:
            self._drive(uuid, task)
        return uuid

    def _claim(self, actor: Actor | None, ref: str, kind: ReceiptKind, task: dict[str, Any],
               local: bool = False) -> tuple[str, str, dict[str, Any]]:
        """The row of `ref` (a failed one gets a fresh uuid and the new task), committed before any printing."""
        with self.action(actor) as act:
            row = act.session.scalars(select(FiscalReceipt).where(FiscalReceipt.ref == ref)).first()
            if row is not None and row.status != ReceiptStatus.FAILED:
                return row.uuid, row.status, row.task
            if row is None:
                row = FiscalReceipt(ref=ref, kind=kind, created_at=act.now, staff_id=actor.staff_id if actor else None)
                act.session.add(row)
            fiscal = self.fiscal and not local
            row.uuid, row.task, row.total_kopecks, row.result, row.error = new_uid(), task, task_total(task), None, None
            row.status = ReceiptStatus.PENDING if fiscal else ReceiptStatus.NOT_FISCAL
            row.done_at = None if fiscal else act.now
            if fiscal or kind in RECEIPT_KINDS:  # a shift without a register leaves no «document» in the journal
                act.audit("fiscal.pending" if fiscal else "fiscal.not_fiscal", ref, uuid=row.uuid, kind=str(kind),
                          total=row.total_kopecks)
            return row.uuid, row.status, task

    def _drive(self, uuid: str, task: dict[str, Any]) -> TaskResult:
        """Ask the register about `uuid`; send the task under it when unknown; record the outcome."""
        found = self.client.results(uuid)
        if found is None:
            self.client.submit(uuid, [task])
        found = self.client.wait(uuid)
        if not found:
            raise FiscalError("fiscal.bad_reply", retryable=True, detail="request vanished")
        outcome = found[0]
        self._record(uuid, outcome)
        if not outcome.ready:
            raise register_error(outcome.error_code, outcome.error_description)
        return outcome

    def _record(self, uuid: str, outcome: TaskResult) -> None:
        with self.action(None) as act:
            row = act.session.scalars(select(FiscalReceipt).where(FiscalReceipt.uuid == uuid)).one()
            row.result = outcome.result
            if outcome.ready:
                params = (outcome.result or {}).get("fiscalParams") or {}
                row.status, row.error = ReceiptStatus.DONE, None
                row.done_at = slip.parse_moment(params.get("fiscalDocumentDateTime")) or act.now
                act.audit("fiscal.done", row.ref, uuid=uuid, document=params.get("fiscalDocumentNumber"))
            else:
                row.status = ReceiptStatus.FAILED
                row.error = f"{outcome.error_code}: {outcome.error_description}"[:FISCAL_ERROR_MAX]
                act.audit("fiscal.failed", row.ref, uuid=uuid, error=outcome.error_code)
