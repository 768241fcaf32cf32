"""Fiscal receipts in the counter's cache: one row per receipt or shift document sent to the cash register.

A row is written `pending` (with its task) and committed before the register is asked, so a crash between the
print and the record is found at the next start and settled by asking the register by the row's uuid.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.models import Base

FISCAL_ERROR_MAX = 500


class FiscalReceipt(Base):
    __tablename__ = "fiscal_receipts"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)  # the web server's request uuid
    ref: Mapped[str] = mapped_column(String(80), unique=True)  # the idempotency key: `sell:{handover uid}`, …
    kind: Mapped[str] = mapped_column(String(16))  # ReceiptKind
    status: Mapped[str] = mapped_column(String(12), index=True)  # ReceiptStatus
    total_kopecks: Mapped[int] = mapped_column(Integer, default=0)
    task: Mapped[dict] = mapped_column()  # the ATOL JSON task sent (or that would be sent)
    result: Mapped[dict | None] = mapped_column()  # the task's result JSON (fiscalParams …)
    error: Mapped[str | None] = mapped_column(String(FISCAL_ERROR_MAX))
    staff_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(index=True)
    done_at: Mapped[datetime | None]
