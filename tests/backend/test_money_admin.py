"""The retailer's money operations: a customer's return reverses its accrual (never more), the CLI's certificate
import / block / return, the money settings (validated, sent to every point in `point.upsert`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend import money_cli
from backend.app import create_app
from backend.config import Settings, money_from_env
from tests.backend.conftest import BOTH_DBS, Server, point_feed
from tests.backend.money_fixtures import (
    AT_PICKUP,
    PREPAID,
    TOTAL,
    balance,
    card,
    certificate,
    feed_items,
    hand_over,
    payment,
    points,
    ready,
    setup_points,
)


def _return(server: Server, number: str, reference: str = "RET-1", quantity: int = 1, sku: str = "SKU-1") -> Any:
    return server.admin("POST", f"/v1/admin/orders/{number}/customer-return",
                        json={"reference": reference, "lines": [{"sku": sku, "quantity": quantity}]})


@BOTH_DBS
def test_a_customer_return_reverses_the_accrual_of_the_goods_and_never_more(server: Server) -> None:
    device, there = setup_points(server)
    feed = point_feed(orders=1)
    order = feed["orders"][0]
    order.update(number="042999999", prepaid=True, boxes=[], boxes_total=1)
    order["customer"]["external_id"] = "C-MONEY"
    order["lines"] = [{"sku": "SKU-1", "name": "Кабель", "quantity": 4, "price_kopecks": 100_000, "serial": None}]
    server.import_feed({"point": feed["point"], "orders": [order]})
    assert _return(server, "000000000").status_code == 404
    assert _return(server, "042999999").json()["code"] == "order_not_handed_over"
    hand_over(device, "042999999", None)
    assert device.send("bonus.accrual", {"order": "042999999", "points": 4_000})["status"] == "applied"
    bads: list[dict[str, Any]] = [{"sku": "NOPE"}, {"quantity": 5}]
    for bad in bads:
        reply = _return(server, "042999999", sku=str(bad.get("sku", "SKU-1")), quantity=int(bad.get("quantity", 1)))
        assert (reply.status_code, reply.json()["code"]) == (422, "bad_lines")
    first = _return(server, "042999999", "RET-1", 3)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["order"], body["reference"], body["points_reversed"]) == ("042999999", "RET-1", 3_000)
    assert [(e["reason"], e["points"], e["event_id"]) for e in body["entries"]] == [("reversal", -3_000, None)]
    assert _return(server, "042999999", "RET-1", 3).json()["points_reversed"] == 3_000
    assert _return(server, "042999999", "RET-2", 4).json()["points_reversed"] == 1_000
    assert _return(server, "042999999", "RET-3", 1).json() == {
        "order": "042999999", "reference": "RET-3", "points_reversed": 0, "entries": []}
    assert balance(server) == 0
    for point in (device, there):
        assert [e["points"] for e in feed_items(point, "bonus.entry")] == [4_000, -3_000, -1_000]


@BOTH_DBS
def test_a_return_of_goods_paid_partly_with_points_reverses_only_what_accrued(server: Server) -> None:
    device, _ = setup_points(server)
    from tests.backend.money_fixtures import credit_points, redeem

    credit_points(server, 6_250)
    ready(device, AT_PICKUP)
    done = hand_over(device, AT_PICKUP, payment(TOTAL, points(6_250), card(TOTAL - 625_000)))
    redeem(device, AT_PICKUP, done["uid"], 6_250)
    device.send("bonus.accrual", {"order": AT_PICKUP, "points": 6_250})
    reply = _return(server, AT_PICKUP)
    assert reply.json()["points_reversed"] == 6_250
    assert balance(server) == 0


def _cli(*argv: str) -> int:
    return money_cli.run(list(argv))


def test_the_cli_imports_blocks_and_records_returns(server: Server, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    device, _ = setup_points(server)
    url = server.app.state.settings.database_url
    good = tmp_path / "certs.csv"
    good.write_text("number,pin,face_rub,expires_at\nGC000000000201,11112222,5000,\n"
                    "GC000000000202,33334444,,2027-12-31T21:00:00+00:00\n", encoding="utf-8")
    assert _cli("certificates-import", str(good), "--db", url) == 0
    assert (certificate(server, "GC000000000201").face_kopecks, certificate(server, "GC000000000202").expires_at
            is not None) == (500_000, True)
    bad = tmp_path / "bad.csv"
    bad.write_text("number,pin,face_rub,expires_at\nGC000000000203,99998888,пять,\n", encoding="utf-8")
    assert _cli("certificates-import", str(bad), "--db", url) == 2
    bad.write_text("number,pin,face_rub,expires_at\nGC000000000203,123,,\n", encoding="utf-8")
    assert _cli("certificates-import", str(bad), "--db", url) == 2
    assert _cli("certificate-block", "GC000000000201", "--db", url) == 0
    assert certificate(server, "GC000000000201").status == "blocked"
    assert _cli("certificate-block", "GC000000000299", "--db", url) == 2
    assert _cli("customer-return", PREPAID, "--reference", "R1", "--line", "SKU-1:1", "--db", url) == 2
    hand_over(device, PREPAID, None)
    device.send("bonus.accrual", {"order": PREPAID, "points": 12_500})
    assert _cli("customer-return", PREPAID, "--reference", "R1", "--line", "SKU-1:1", "--db", url) == 0
    assert balance(server) == 0
    assert _cli("certificates-import", str(tmp_path / "missing.csv"), "--db", url) == 2
    with pytest.raises(SystemExit):
        _cli("customer-return", PREPAID, "--reference", "R2", "--line", "SKU-1", "--db", url)
    printed = capsys.readouterr()
    assert not any(pin in printed.out + printed.err for pin in ("11112222", "33334444", "99998888"))
    assert "refused: order_not_handed_over" in printed.err and "bad_certificate_row" in printed.err


def test_the_money_settings_are_validated_and_sent_to_every_point(server: Server, settings: Settings) -> None:
    device, there = setup_points(server)
    assert device.point["money"] == {"points_share_percent": 50, "credit_accrues_points": False}
    assert feed_items(device, "point.upsert")[-1]["money"] == device.point["money"]
    changed = dataclasses.replace(settings, points_share_percent=30, credit_accrues_points=True)
    with TestClient(create_app(changed)):
        pass
    for point in (device, there):
        assert feed_items(point, "point.upsert")[-1]["money"] == {"points_share_percent": 30,
                                                                  "credit_accrues_points": True}
        assert point.snapshot().json()["point"]["money"]["points_share_percent"] == 30
    for share in (-1, 101, True):
        with pytest.raises(ValueError, match="points_share_percent"):
            dataclasses.replace(settings, points_share_percent=share)
    assert money_from_env({"PICKUP_POINTS_SHARE_PERCENT": "20", "PICKUP_CREDIT_ACCRUES_POINTS": "yes"}) == {
        "points_share_percent": 20, "credit_accrues_points": True}
    assert money_from_env({}) == {}
    for env in ({"PICKUP_POINTS_SHARE_PERCENT": "150"}, {"PICKUP_POINTS_SHARE_PERCENT": "ten"},
                {"PICKUP_CREDIT_ACCRUES_POINTS": "maybe"}):
        with pytest.raises(ValueError):
            money_from_env(env)


def test_the_share_and_the_credit_setting_change_the_rules(settings: Settings) -> None:
    from tests.backend.conftest import Server as TestServer
    from tests.backend.money_fixtures import CREDIT, cash

    changed = dataclasses.replace(settings, points_share_percent=10, credit_accrues_points=True)
    with TestClient(create_app(changed)) as client:
        server = TestServer(client, client.app)
        device, _ = setup_points(server)
        ready(device, AT_PICKUP)
        over = hand_over(device, AT_PICKUP, payment(TOTAL, points(1_251), cash(TOTAL - 125_100)))
        assert over["reason"] == "bad_tenders:points_over_share:1251>1250"
        ready(device, CREDIT)
        hand_over(device, CREDIT, None, agreement="KD-000123")
        assert device.send("bonus.accrual", {"order": CREDIT, "points": 12_500})["status"] == "applied"
