"""A truck's status pulled from the server (desktop/cache_import.py `upsert_shipment`): the server's word is the
truth — received once its receiving is closed or every box is in, receiving again after an undone scan on another
PC — except while this PC is the one receiving it: a session of it open here keeps it «receiving», and its close not
yet sent keeps it «received»."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update

from desktop.cache_import import upsert_shipment
from desktop.db.engine import Database
from desktop.db.models import OutboxEvent, Shipment
from desktop.services.receiving import ReceivingService
from protocol.states import OutboxStatus
from tests.support.factories import actor_for, make_order, make_point, make_shipment, make_staff

TRUCK = "R0000001"


@pytest.fixture
def clerk(db: Database) -> Any:
    with db.write() as s:
        point = make_point(s, code="0042")
        make_order(s, point, shipment=make_shipment(s, point, number=TRUCK), number="500000001", boxes=2)
        return actor_for(make_staff(s, point))


def pulled(db: Database, status: str, number: str = TRUCK) -> str:
    """The server's shipment.upsert of the truck arrives; the truck's status in the cache after it."""
    with db.write() as s:
        upsert_shipment(s, {"number": number, "point_code": "0042", "status": status, "expected_at": None,
                            "carrier": None})
    with db.read() as s:
        return s.scalars(select(Shipment.status).where(Shipment.number == number)).one()


def test_a_truck_nobody_receives_here_follows_the_server_both_ways(db: Database, clerk: Any) -> None:
    assert pulled(db, "receiving") == "receiving"
    assert pulled(db, "received") == "received"  # every box in, received on the other PC
    assert pulled(db, "receiving") == "receiving"  # a scan undone there: a box is expected again


def test_a_new_truck_takes_the_status_it_is_pulled_with(db: Database, clerk: Any) -> None:
    assert pulled(db, "receiving", "R0000002") == "receiving"
    with db.write() as s:
        upsert_shipment(s, {"number": "R0000003", "point_code": "0042", "expected_at": None, "carrier": None})
    with db.read() as s:
        assert s.scalars(select(Shipment.status).where(Shipment.number == "R0000003")).one() == "in_transit"


def test_while_its_session_is_open_here_the_truck_stays_receiving(db: Database, clerk: Any) -> None:
    svc = ReceivingService(db)
    session = svc.open_session(clerk, TRUCK)
    assert pulled(db, "received") == "receiving"  # the other PC's boxes are in; this clerk is still at it
    svc.close(clerk, session)
    assert pulled(db, "receiving") == "received"  # the close is not sent yet: this PC's word is newer
    with db.write() as s:
        s.execute(update(OutboxEvent).values(status=OutboxStatus.APPLIED))
    assert pulled(db, "receiving") == "receiving"  # sent: the server's word again
