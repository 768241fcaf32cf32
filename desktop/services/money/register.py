"""The point's cash register for the money services: the one the app configured, or mode `none` without one."""

from __future__ import annotations

from desktop.db.engine import Database
from desktop.fiscal.model import FiscalMode
from desktop.fiscal.service import FiscalService
from desktop.services.base import Clock


def fiscal_service(db: Database, clock: Clock, fiscal: FiscalService | None) -> FiscalService:
    """The register service the caller was given, or the `none` mode one (no register at this point)."""
    return fiscal if fiscal is not None else FiscalService(db, clock, FiscalMode.NONE, None)
