"""The discrepancy summary as the server receives it and as it reads back: the exact JSON form of every list, a
summary stored by an earlier version (without the newer lists and names) read back blank rather than refused, and
which lists make an act «with discrepancies»."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from desktop.documents.model import PointInfo
from desktop.services.receiving.summary import (
    CancelledBox,
    DamagedBox,
    DiscrepancySummary,
    ElsewhereBox,
    ForeignBox,
    MissingBox,
    OtherShipmentBox,
)

OPENED, CLOSED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC), datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
POINT = PointInfo("0042", "ПВЗ 0042", "ул. Тверская, 1", "Europe/Moscow")
BOX = "B004250000000101"
CLEAN = DiscrepancySummary(session="s-1", shipment="R0000001", point=POINT, opened_at=OPENED, closed_at=CLOSED,
                           opened_by="Петрова Анна", closed_by="Иванов Пётр", staff=("Иванов Пётр", "Петрова Анна"),
                           expected=3, received=3)
FULL = replace(
    CLEAN, received=1,
    missing=(MissingBox("B004250000000201", "500000002", "2 из 3"),),
    surplus=("B004250000000901",),
    foreign=(ForeignBox("B007750000000301", "0077"),),
    cancelled=(CancelledBox("B004250000000401", "500000004"),),
    damaged=(DamagedBox(BOX, "500000001", "вмятина"),),
    other_shipment=(OtherShipmentBox("B004250000000501", "500000005", "R0000009"),),
    elsewhere=(ElsewhereBox("B004250000000601", "500000006"),),
)


def test_the_json_form_names_every_box_with_its_order_point_shipment_or_note():
    assert FULL.as_dict() == {
        "session": "s-1", "shipment": "R0000001", "point": "0042",
        "opened_at": "2026-11-24T09:00:00+00:00", "closed_at": "2026-11-24T10:30:00+00:00",
        "opened_by": "Петрова Анна", "closed_by": "Иванов Пётр", "staff": ["Иванов Пётр", "Петрова Анна"],
        "counts": {"expected": 3, "received": 1, "missing": 1, "surplus": 1, "foreign": 1, "cancelled": 1,
                   "other_shipment": 1, "elsewhere": 1},
        "missing": [{"box": "B004250000000201", "order": "500000002", "box_no": "2 из 3"}],
        "surplus": ["B004250000000901"],
        "foreign": [{"box": "B007750000000301", "point": "0077"}],
        "cancelled": [{"box": "B004250000000401", "order": "500000004"}],
        "damaged": [{"box": BOX, "order": "500000001", "note": "вмятина"}],
        "other_shipment": [{"box": "B004250000000501", "order": "500000005", "shipment": "R0000009"}],
        "elsewhere": [{"box": "B004250000000601", "order": "500000006"}],
    }


def test_the_json_form_reads_back_to_the_same_summary_with_the_points_name_or_its_code_alone():
    assert DiscrepancySummary.from_dict(FULL.as_dict(), POINT) == FULL
    assert DiscrepancySummary.from_dict(FULL.as_dict()) == replace(FULL, point=PointInfo("0042"))


def test_a_summary_stored_by_an_earlier_version_reads_back_blank_where_it_said_nothing():
    oldest = {"session": "s-1", "opened_at": OPENED.isoformat(), "closed_at": CLOSED.isoformat()}
    assert DiscrepancySummary.from_dict(oldest) == DiscrepancySummary(
        session="s-1", shipment=None, point=PointInfo(""), opened_at=OPENED, closed_at=CLOSED, opened_by="",
        closed_by="", staff=(), expected=0, received=0)


def test_boxes_stored_without_their_order_point_shipment_or_note_read_back_blank():
    bare = {**CLEAN.as_dict(), "missing": [{"box": "B1"}], "foreign": [{"box": "B2"}], "cancelled": [{"box": "B3"}],
            "damaged": [{"box": "B4"}], "other_shipment": [{"box": "B5"}], "elsewhere": [{"box": "B6"}]}
    back = DiscrepancySummary.from_dict(bare, POINT)
    assert (back.missing, back.foreign, back.cancelled) == (
        (MissingBox("B1", "", ""),), (ForeignBox("B2", ""),), (CancelledBox("B3", ""),))
    assert (back.damaged, back.other_shipment, back.elsewhere) == (
        (DamagedBox("B4", "", ""),), (OtherShipmentBox("B5", "", ""),), (ElsewhereBox("B6", ""),))


def test_a_foreign_box_names_the_order_its_label_carries():
    assert ForeignBox("B007750000000301", "0077").order == "500000003"


@pytest.mark.parametrize("listed", ["missing", "surplus", "foreign", "cancelled", "damaged", "other_shipment",
                                    "elsewhere"])
def test_any_one_list_makes_the_act_one_with_discrepancies(listed):
    assert not CLEAN.has_discrepancies
    assert replace(CLEAN, **{listed: getattr(FULL, listed)}).has_discrepancies


def test_the_act_names_who_opened_who_closed_and_everyone_who_scanned_but_no_blank_name(db, clock):
    """Three clerks share a truck: the act names the opener, the closer and, once each and sorted, all three; a
    staff member the server sent without a name is left out of the list rather than shown blank."""
    from desktop.services.receiving import ReceivingService
    from tests.support.factories import actor_for, box_barcode, make_order, make_point, make_shipment, make_staff

    with db.write() as s:
        point = make_point(s, code="0042")
        truck = make_shipment(s, point, number="R0000001")
        for number in ("500000001", "500000002"):
            make_order(s, point, shipment=truck, number=number)
        opener, scanner, closer, blank = (actor_for(make_staff(s, point, full_name=name))
                                          for name in ("Петрова Анна", "Зайцев Олег", "Иванов Пётр", ""))
    svc = ReceivingService(db, clock)
    uid = svc.open_session(opener, "R0000001")
    svc.scan_box(scanner, uid, box_barcode("0042", "500000001", 1))
    svc.scan_box(blank, uid, box_barcode("0042", "500000002", 1))
    summary = svc.close(closer, uid)
    assert (summary.opened_by, summary.closed_by) == (opener.full_name, closer.full_name)
    assert summary.staff == tuple(sorted({opener.full_name, scanner.full_name, closer.full_name}))


def test_missing_boxes_are_listed_by_order_number_then_box_number(db, clock):
    from desktop.services.receiving import ReceivingService
    from tests.support.factories import actor_for, make_order, make_point, make_shipment, make_staff

    with db.write() as s:
        point = make_point(s, code="0042")
        truck = make_shipment(s, point, number="R0000001")
        make_order(s, point, shipment=truck, number="500000002")
        make_order(s, point, shipment=truck, number="500000001", boxes=2)
        clerk = actor_for(make_staff(s, point))
    svc = ReceivingService(db, clock)
    missing = svc.close(clerk, svc.open_session(clerk, "R0000001")).missing
    assert [(m.order, m.box[-2:]) for m in missing] == [("500000001", "01"), ("500000001", "02"), ("500000002", "01")]
