"""Warranty intake at the counter: start, serial check and the manager's override, the cover, acceptance."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import select

from desktop.db.claim_models import Claim
from desktop.db.models import AuditEntry, OutboxEvent
from desktop.documents.model import DocumentKind
from desktop.services.warranty import WarrantyService
from protocol.claims import ClaimStatus, WarrantyCover
from tests.unit.handover_env import count, outbox, refused
from tests.unit.warranty_env import JPEG, SERIAL, Env, make_env


@pytest.fixture
def env(db, clock, tmp_path) -> Env:
    return make_env(db, clock, tmp_path / "data")


def test_a_new_claim_for_a_purchased_order_is_accepted_in_one_transaction(env):
    order = env.purchased()
    result = env.accept(order, photos=[JPEG])
    number = result.claim.number
    assert number.startswith("W0042") and len(number) == 11
    assert result.claim.status == ClaimStatus.ACCEPTED and result.claim.cover == WarrantyCover.IN_WARRANTY
    events = [(t, p) for t, p in outbox(env.db) if t == "claim.accepted"]
    assert len(events) == 1
    payload = events[0][1]
    assert payload["claim"] == number and payload["serial"] == SERIAL and payload["prefiled"] is False
    assert payload["label"] == f"SL{number}" and payload["checklist"] == ["box", "cable", "scratches"]
    assert payload["photos"] == [hashlib.sha256(JPEG).hexdigest()]
    files = list((env.data_dir / "claims" / number).iterdir())
    assert [f.read_bytes() for f in files] == [JPEG]
    assert count(env.db, AuditEntry, AuditEntry.action == "claim.accepted", AuditEntry.subject == number) == 1
    assert result.act.kind is DocumentKind.CLAIM_INTAKE_ACT and result.label.data == f"SL{number}"
