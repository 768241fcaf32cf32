"""The pickup point as every document header shows it: this counter's point (code, name, address, time zone),
never another point's, and an empty code while the counter is not configured yet (documents still print)."""

from __future__ import annotations

from desktop.db.engine import Database
from desktop.documents.model import PointInfo
from desktop.services.point_info import counter_point_info, point_info
from tests.support.factories import make_point


def test_headers_show_this_counters_point_not_another(db: Database) -> None:
    with db.write() as s:
        make_point(s, code="0077", local=False, timezone="Asia/Yekaterinburg")
        make_point(s, code="0042", timezone="Asia/Novosibirsk")
    expected = PointInfo("0042", "ПВЗ 0042", "ул. Тверская, 1", "Asia/Novosibirsk")
    with db.read() as s:
        assert point_info(s) == expected
    assert counter_point_info(db) == expected


def test_an_unconfigured_counter_prints_headers_with_an_empty_code(db: Database) -> None:
    with db.write() as s:
        make_point(s, code="0077", local=False)
    assert counter_point_info(db) == PointInfo("") == PointInfo("", "", "", "")
