"""The register's shift follows the app's: opened with it, closed with the Z report; a register that fails never
loses the app's shift (ShiftRegisterError carries its result and the register's part is retried alone); the
manager's X report."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.fiscal_models import FiscalReceipt
from desktop.db.models import Shift
from desktop.errors import AccessDenied
from desktop.fiscal.drafts import sell_draft
from desktop.fiscal.errors import ShiftRegisterError
from desktop.fiscal.model import FiscalMode, goods_line
from desktop.services.base import Role
from desktop.services.staff import StaffService
from protocol.money import rub
from protocol.money_rules import Tender, TenderLine
from tests.support.factories import FAST_HASHER, actor_for, make_point, make_staff
from tests.support.fiscal import CASHIER, atol_service, cash_draft, fake_server


@pytest.fixture
def team(db):
    with db.write() as s:
        point = make_point(s)
        clerk = actor_for(make_staff(s, point, Role.CLERK, full_name=CASHIER))
        manager = actor_for(make_staff(s, point, Role.MANAGER, full_name="Петров Пётр"))
    return clerk, manager


@pytest.fixture
def fake(clock):
    server = fake_server(clock)
    yield server
    server.stop()


@pytest.fixture
def staff(db, clock, fake):
    return StaffService(db, clock, hasher=FAST_HASHER, fiscal=atol_service(db, clock, fake.url))


def _pair_of(text, label):
    (line,) = [line for line in text.splitlines() if line.startswith(label)]
    return line[len(label):].strip()


def _shift_open(db, staff_id):
    with db.read() as s:
        return s.scalar(select(Shift.closed_at).where(Shift.staff_id == staff_id)) is None


def test_the_register_shift_opens_with_the_app_shift_and_closes_with_the_z_report(staff, fake, team, db):
    clerk, _ = team
    on_shift = staff.open_shift(clerk)
    assert on_shift.shift_id is not None and fake.register.shift == "opened"
    assert CASHIER in fake.register.printed("openShift")[0]
    staff.fiscal.issue(on_shift, cash_draft(), "sell:h-1")
    staff.close_shift(on_shift)
    assert fake.register.shift == "closed"
    (z_paper,) = fake.register.printed("closeShift")
    assert "Чеков за смену" in z_paper and CASHIER in z_paper
    with db.read() as s:
        kinds = s.scalars(select(FiscalReceipt.kind).order_by(FiscalReceipt.id)).all()
    assert kinds == ["openShift", "sell", "closeShift"]


def test_a_register_open_since_the_previous_shift_is_kept_open(staff, fake, team):
    fake.register.shift = "opened"
    staff.open_shift(team[0])
    assert fake.register.printed("openShift") == [] and fake.register.shift == "opened"


def test_an_expired_register_shift_gets_its_z_report_before_the_new_shift(staff, fake, team):
    fake.register.shift = "expired"
    staff.open_shift(team[0])
    assert len(fake.register.printed("closeShift")) == 1 and len(fake.register.printed("openShift")) == 1
    assert fake.register.shift == "opened"


def test_a_register_failing_at_open_keeps_the_app_shift_and_the_retry_opens_it(staff, fake, team, db):
    clerk, _ = team
    fake.register.paper = False
    with pytest.raises(ShiftRegisterError) as caught:
        staff.open_shift(clerk)
    error = caught.value
    assert error.code == "fiscal.shift_open_failed" and error.retryable
    assert "Смена в программе открыта" in str(error) and "чековая лента" in str(error)
    assert error.result.shift_id is not None and _shift_open(db, clerk.staff_id)
    fake.register.paper = True
    staff.open_register_shift(error.result)
    assert fake.register.shift == "opened"


def test_a_z_report_that_fails_keeps_the_closed_shift_and_its_report_then_is_retried(staff, fake, team, db):
    clerk, _ = team
    on_shift = staff.open_shift(clerk)
    fake.register.device_online = False
    with pytest.raises(ShiftRegisterError) as caught:
        staff.close_shift(on_shift)
    assert caught.value.code == "fiscal.z_report_failed" and "Z-отчёт на кассе не напечатан" in str(caught.value)
    assert caught.value.result.key and not _shift_open(db, clerk.staff_id)
    fake.register.device_online = True
    assert "Z-ОТЧЁТ" in staff.z_report(on_shift) and fake.register.shift == "closed"


def test_the_x_report_is_the_managers_and_shows_the_shift_totals(staff, fake, team):
    clerk, manager = team
    on_shift = staff.open_shift(clerk)
    staff.fiscal.issue(on_shift, cash_draft(1_299_000), "sell:h-1")
    change = sell_draft([goods_line("Чехол", 500_000)], [TenderLine(Tender.CASH, 500_000, 1_000_000, 500_000)],
                        CASHIER)
    staff.fiscal.issue(on_shift, change, "sell:h-2")
    with pytest.raises(AccessDenied):
        staff.x_report(clerk)
    text = staff.x_report(manager)
    assert "X-ОТЧЁТ" in text and "Приход" in text
    assert _pair_of(text, "Приход") == rub(1_799_000) and _pair_of(text, "НАЛИЧНЫМИ") == rub(1_799_000)  # no change
    assert len(fake.register.printed("reportX")) == 1 and fake.register.shift == "opened"


def test_without_a_register_the_shift_works_and_the_z_text_is_not_fiscal(db, clock, team):
    clerk, _ = team
    staff = StaffService(db, clock, hasher=FAST_HASHER)  # fiscal=None: mode none
    assert staff.fiscal.mode is FiscalMode.NONE
    on_shift = staff.open_shift(clerk)
    staff.fiscal.issue(on_shift, cash_draft(), "sell:h-1")
    staff.close_shift(on_shift)
    assert "НЕ ФИСКАЛЬНЫЙ ДОКУМЕНТ" in staff.z_report(on_shift)


def test_a_z_report_on_a_register_whose_shift_is_closed_prints_nothing(db, clock, fake, team):
    clerk, _ = team
    fiscal = atol_service(db, clock, fake.url)
    text = fiscal.close_shift(clerk)
    assert fake.register.tape == [] and "НЕ ФИСКАЛЬНЫЙ ДОКУМЕНТ" in text


def test_a_z_report_whose_reply_was_lost_is_found_not_printed_again(staff, fake, team, db):
    clerk, _ = team
    on_shift = staff.open_shift(clerk)
    fake.register.lose_next_reply = True
    with pytest.raises(ShiftRegisterError) as caught:
        staff.close_shift(on_shift)
    assert caught.value.code == "fiscal.z_report_failed" and fake.register.shift == "closed"
    text = staff.z_report(on_shift)
    assert "Z-ОТЧЁТ" in text and "ФД №" in text and len(fake.register.printed("closeShift")) == 1
    with db.read() as s:
        rows = s.execute(select(FiscalReceipt.kind, FiscalReceipt.status).order_by(FiscalReceipt.id)).all()
    assert [tuple(r) for r in rows] == [("openShift", "done"), ("closeShift", "done")]


def test_a_register_shift_opened_meanwhile_by_another_program_is_taken_as_open(db, clock, fake, team):
    clerk, _ = team
    fiscal = atol_service(db, clock, fake.url)
    real_state = fiscal.shift_state
    fiscal.shift_state = lambda: "closed"  # what the register said a moment before the other program opened it
    fake.register.shift = "opened"
    fiscal.open_shift(clerk)
    assert real_state() == "opened" and fake.register.printed("openShift") == []
