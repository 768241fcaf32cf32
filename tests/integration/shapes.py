"""Server-shaped dicts (the API contract's snapshot and change payloads) for tests."""

from __future__ import annotations

from typing import Any

from tests.support.factories import TEST_CODE_PARAMS


def point_dict(code: str = "0042") -> dict[str, Any]:
    return {"code": code, "name": f"ПВЗ {code}", "city": "Москва", "address": "ул. Тверская, 1",
            "hours": "10:00–21:00", "timezone": "Europe/Moscow", "storage_days": 7,
            "id_check_threshold_kopecks": 10_000_000, "code_hash_params": TEST_CODE_PARAMS.encode()}


def order_dict(number: str, status: str = "in_transit", point_code: str = "0042", boxes: int = 1,
               total: int = 349_900, phone: str = "+79161234567") -> dict[str, Any]:
    return {
        "number": number, "point_code": point_code, "kind": "retail", "status": status, "total_kopecks": total,
        "prepaid": True, "boxes_total": boxes, "legal_entity_name": None,
        "created_at": "2026-11-21T09:00:00+00:00", "storage_until": None, "pickup_code_hash": None,
        "customer": {"external_id": f"C-{phone}", "full_name": "Иванов Иван", "phone": phone,
                     "email": "ivanov@example.ru"},
        "lines": [{"sku": f"SKU-{number}", "name": "Смартфон", "quantity": 1, "price_kopecks": total,
                   "serial": None}],
        "boxes": [{"barcode": f"B{point_code}{number}{n:02d}", "seq_no": n, "size_class": "M",
                   "weight_grams": 900, "shipment": None} for n in range(1, boxes + 1)],
    }
