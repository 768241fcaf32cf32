"""The point's overflow zone comes from the import feed and reaches the counters in the snapshot and the change feed."""

from __future__ import annotations

from tests.backend.conftest import BOTH_DBS, Server, point_feed

ZONE = {"code": "CZ0001", "label": "Z-00-01", "size_class": "XL", "capacity": 10, "active": True, "overflow": True}


@BOTH_DBS
def test_overflow_cells_reach_the_snapshot_and_the_change_feed(server: Server) -> None:
    feed = point_feed(orders=1)
    feed["cells"].append(ZONE)
    assert server.import_feed(feed)["imported"]["cells"] == 2
    device = server.enrol()
    cells = {c["code"]: c for c in device.snapshot().json()["cells"]}
    assert cells["CZ0001"] == ZONE
    assert cells["CA0101"]["overflow"] is False  # a feed that does not say is a regular cell
    upserts = {c["payload"]["code"]: c["payload"] for c in device.all_changes() if c["type"] == "cell.upsert"}
    assert upserts["CZ0001"]["overflow"] is True and upserts["CA0101"]["overflow"] is False
    feed["cells"][1] = {**ZONE, "overflow": False}  # the zone is given back to regular use
    server.import_feed(feed)
    cells = {c["code"]: c for c in device.snapshot().json()["cells"]}
    assert cells["CZ0001"]["overflow"] is False


def test_a_box_placed_in_the_overflow_zone_is_applied(server: Server) -> None:
    feed = point_feed(orders=1)
    feed["cells"].append(ZONE)
    server.import_feed(feed)
    device = server.enrol()
    order = device.snapshot().json()["orders"][0]
    box = order["boxes"][0]["barcode"]
    assert device.send("box.received", {"session": "s1", "box": box, "order": order["number"]})["status"] == "applied"
    placed = device.send("box.placed", {"box": box, "order": order["number"], "cell": "CZ0001", "previous_cell": None})
    assert placed["status"] == "applied"
    stored = next(o for o in device.snapshot().json()["orders"] if o["number"] == order["number"])
    assert stored["boxes"][0]["cell"] == "CZ0001"
