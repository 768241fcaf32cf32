"""Club day end to end: two counter cores, the real backend on 127.0.0.1 (SQLite and PostgreSQL).

The same card activated on both PCs → one active, the other a conflict shown to the manager in Russian;
one phone, two cards → the second rejected; +190 once per customer; one welcome SMS per activation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from backend import models as server
from backend.sms.models import SmsOutbox
from desktop.db.models import BonusLedgerEntry, ClubCard, Customer, ManagerAlert, OutboxEvent
from desktop.services.club import ClubService
from desktop.sync.reasons import describe_alert
from protocol import ean13
from protocol.errors import DomainError
from tests.backend.conftest import POSTGRES, PgCluster, pg_cluster  # noqa: F401 (the PostgreSQL fixture)
from tests.integration.counter import CounterPC, assert_exactly_once, feed, order_no
from tests.integration.live import FaultProxy, LiveBackend
from tests.integration.shapes import order_dict

CARD1, CARD2 = (ean13.complete(f"20042{7_000_000 + n:07d}") for n in (1, 2))


def phone(n: int) -> str:
    """The phone of order n's customer in the integration feed."""
    return f"+7916{n:07d}"


@pytest.fixture(params=["sqlite", POSTGRES])
def live(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveBackend]:
    backend = LiveBackend(tmp_path)
    if request.param == "postgres":
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        backend.db_url = cluster.url(cluster.create_database())
    backend.start()
    backend.import_feed(feed(orders=4, cards=3))
    yield backend
    backend.stop()


@pytest.fixture
def pcs(live: LiveBackend, tmp_path: Path) -> Iterator[tuple[CounterPC, CounterPC]]:
    proxy = FaultProxy(live.url).start()
    first, second = CounterPC(live, proxy, tmp_path / "pc1"), CounterPC(live, proxy, tmp_path / "pc2")
    first.receive(1, 2, 3)  # the customers' 6,000 ₽ orders arrive: each qualifies for a card
    sync(first, second)
    yield first, second
    proxy.stop()


def sync(*pcs: CounterPC) -> None:
    for pc in pcs:
        pc.engine.sync_once()


def activate(pc: CounterPC, card: str, n: int) -> None:
    ClubService(pc.db).activate(pc.actor(), card, "1111", "Москва", phone(n))


def server_club_sms(live: LiveBackend) -> list[str]:
    with live.app.state.db.read() as s:
        return list(s.scalars(select(SmsOutbox.phone).where(SmsOutbox.purpose == "club")))


def server_welcome_bonuses(live: LiveBackend) -> int:
    with live.app.state.db.read() as s:
        query = select(func.count()).select_from(server.BonusEntry).where(server.BonusEntry.reason == "activation")
        return int(s.scalar(query) or 0)


def server_card(live: LiveBackend, number: str) -> tuple[str, str | None]:
    with live.app.state.db.read() as s:
        card = s.scalars(select(server.ClubCard).where(server.ClubCard.number == number)).one()
        holder = s.get(server.Customer, card.customer_id) if card.customer_id else None
        return card.status, holder.phone if holder else None


def local_card(pc: CounterPC, number: str) -> tuple[str, str | None]:
    with pc.db.read() as s:
        card = s.scalars(select(ClubCard).where(ClubCard.number == number)).one()
        holder = s.get(Customer, card.customer_id) if card.customer_id else None
        return card.status, holder.phone if holder else None


def local_ledger(pc: CounterPC) -> list[tuple[str, str]]:
    with pc.db.read() as s:
        rows = s.execute(select(BonusLedgerEntry.reason, BonusLedgerEntry.status).order_by(BonusLedgerEntry.id))
        return [(r, st) for r, st in rows]


def manager_texts(pc: CounterPC) -> list[str]:
    with pc.db.read() as s:
        return [describe_alert(a.kind, a.message, a.details) for a in s.scalars(select(ManagerAlert))]


def assert_drained(live: LiveBackend, *pcs: CounterPC) -> None:
    for pc in pcs:
        assert_exactly_once(live, pc)


def assert_russian(texts: list[str]) -> None:
    assert texts
    for text in texts:
        assert re.search("[а-яА-Я]", text) and not re.search(r"\b[a-z]+_[a-z_]+\b", text), text


def test_welcome_sms_reaches_the_customer_once_after_the_activation(live: LiveBackend,
                                                                    pcs: tuple[CounterPC, CounterPC]) -> None:
    first, second = pcs
    activate(first, CARD1, 1)
    with first.db.read() as s:
        queued = list(s.scalars(select(OutboxEvent.type).where(OutboxEvent.status == "pending")
                                .order_by(OutboxEvent.device_seq)))
    assert queued == ["club.card_activated", "sms.requested"]
    sync(first, second, first)
    assert server_club_sms(live) == [phone(1)]
    assert server_card(live, CARD1) == ("active", phone(1)) and server_welcome_bonuses(live) == 1
    assert local_card(first, CARD1) == ("active", phone(1)) == local_card(second, CARD1)
    assert local_ledger(first) == [("activation", "confirmed")] and manager_texts(first) == []
    assert_drained(live, first, second)


def test_the_same_card_on_two_pcs_one_wins_the_other_is_a_conflict_in_russian(
        live: LiveBackend, pcs: tuple[CounterPC, CounterPC]) -> None:
    first, second = pcs
    activate(first, CARD1, 1)  # both clerks hand out the same card before either PC syncs
    activate(second, CARD1, 2)
    sync(first, second, first)
    assert server_card(live, CARD1) == ("active", phone(1))
    assert server_welcome_bonuses(live) == 1 and server_club_sms(live) == [phone(1)]
    assert local_card(first, CARD1) == ("active", phone(1)) == local_card(second, CARD1)
    assert local_ledger(first) == [("activation", "confirmed")]
    # the second PC's own credit is rejected; the winner's, from the server's bonus.entry feed, is confirmed
    assert local_ledger(second) == [("activation", "rejected"), ("activation", "confirmed")]
    texts = manager_texts(second)
    assert_russian(texts)
    assert any("карта уже активирована" in t for t in texts), texts
    assert manager_texts(first) == []
    # the losing customer may still get another card: the phone is free on both sides
    activate(second, CARD2, 2)
    sync(second, first)
    assert server_card(live, CARD2) == ("active", phone(2)) and server_welcome_bonuses(live) == 2
    assert sorted(server_club_sms(live)) == [phone(1), phone(2)]
    assert_drained(live, first, second)


def test_one_phone_two_cards_the_second_is_rejected_and_190_credited_once(
        live: LiveBackend, pcs: tuple[CounterPC, CounterPC]) -> None:
    first, second = pcs
    activate(first, CARD1, 1)
    activate(second, CARD2, 1)  # offline race: the second PC does not know of the first card yet
    sync(first, second, first)
    assert server_card(live, CARD1) == ("active", phone(1)) and server_card(live, CARD2) == ("stock", None)
    assert server_welcome_bonuses(live) == 1 and server_club_sms(live) == [phone(1)]
    assert local_ledger(second) == [("activation", "rejected"), ("activation", "confirmed")]  # + the server's +190
    texts = manager_texts(second)
    assert_russian(texts)
    assert any("уже есть активная карта" in t and CARD1 in t for t in texts), texts
    # once synced, the counter refuses a second card for this phone at once, in Russian
    with pytest.raises(DomainError) as err:
        activate(first, CARD2, 1)
    assert err.value.params["why"] == "phone_has_card" and "уже есть клубная карта" in str(err.value)
    assert_drained(live, first, second)


def test_a_shared_phones_card_goes_to_the_same_customer_on_both_sides(
        live: LiveBackend, pcs: tuple[CounterPC, CounterPC]) -> None:
    first, second = pcs
    # order 4's customer (not arrived, so not qualifying) shares phone(4) with a second customer, imported after
    # it, whose 6,000 ₽ order 5 arrives: the card is the qualifying customer's, on the counter as on the server
    extra = feed(orders=0, cards=0)
    extra["orders"] = [order_dict(order_no(5), point_code="0042", total=600_000, phone=phone(4))]
    extra["orders"][0]["customer"].update(external_id="C-second-of-phone-4", full_name="Петрова Анна")
    live.import_feed(extra)
    sync(first, second)
    first.receive(5)
    activate(first, CARD1, 4)
    sync(first, second, first)

    def holder(db: object, card_model: object, customer_model: object) -> str | None:
        with db.read() as s:  # type: ignore[attr-defined]
            card = s.scalars(select(card_model).where(card_model.number == CARD1)).one()  # type: ignore[attr-defined]
            return s.get(customer_model, card.customer_id).external_id

    assert holder(live.app.state.db, server.ClubCard, server.Customer) == "C-second-of-phone-4"
    assert holder(first.db, ClubCard, Customer) == "C-second-of-phone-4" == holder(second.db, ClubCard, Customer)
    assert_drained(live, first, second)
