"""The cash register the money services use (desktop.services.money.register): the app's own when it has one, else a
`none`-mode service that records receipts in this cache on the services' clock and prints nothing."""

from __future__ import annotations

from desktop.fiscal.model import FiscalMode
from desktop.fiscal.service import FiscalService
from desktop.services.money.certificate_service import CertificateService
from desktop.services.money.register import fiscal_service


def test_the_register_the_app_configured_is_the_one_used(db, clock):
    configured = FiscalService(db, clock, FiscalMode.ATOL, "http://127.0.0.1:16732")
    assert fiscal_service(db, clock, configured) is configured
    assert CertificateService(db, clock, configured).fiscal is configured  # a certificate sale's receipt too


def test_without_a_register_receipts_are_recorded_here_on_the_services_clock(db, clock):
    register = fiscal_service(db, clock, None)
    assert (register.mode, register.fiscal, register.db, register.clock()) == (FiscalMode.NONE, False, db, clock())
    clock.advance(hours=3)
    assert register.clock() == clock()
