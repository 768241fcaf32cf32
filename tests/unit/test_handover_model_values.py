"""The handover's values: an accepted payment (either wire shape), the steps still missing, the goods left at the
point and a refusal as the clerk reads it. Pure values: no database.

DESIGN: a payment keeps its tenders (cash with what was handed over and the change, card, points, certificates);
«mixed» when more than one; what was handed over counts cash given and card, never points or certificates.
A handover is complete when verified, documents seen where needed, every box scanned and what is due paid.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.services.handover import (
    REFUSAL_REASONS,
    BoxCheck,
    HandoverResult,
    HandoverState,
    PaymentIntent,
    labels,
    refusal_text,
)
from desktop.services.order_card import LineInfo
from protocol.money_rules import Tender, TenderLine

CASH = TenderLine(Tender.CASH, 300_000, 500_000, 200_000)
CARD = TenderLine(Tender.CARD, 400_000)
POINTS = TenderLine(Tender.POINTS, 100_000)
CERT = TenderLine(Tender.CERTIFICATE, 200_000, certificate="GC-1")


def _state(**kw: object) -> HandoverState:
    base = HandoverState(
        uid="u", order_number="500000001", status="in_progress", kind="retail", prepaid=False,
        customer_name="C", masked_phone="+7", legal_entity_name=None, verified_by="code",
        needs_id_document=False, id_document_type=None, id_document_last4=None,
        needs_power_of_attorney=False, power_of_attorney=None,
        boxes=(BoxCheck("B1", 1, None, True),), lines=(LineInfo(1, "S", "N", 1, 1_000, None, 0, None),),
        due_kopecks=1_000, payment=PaymentIntent.of(1_000, [TenderLine(Tender.CARD, 1_000)]), attempts_left=5,
        locked=False)
    return replace(base, **kw)


def test_the_old_one_method_cash_payment_keeps_what_was_handed_over_and_the_change() -> None:
    cash = PaymentIntent("cash", 3_598_000, 3_600_000, 2_000)
    assert cash.tenders == (TenderLine(Tender.CASH, 3_598_000, 3_600_000, 2_000),)
    card = PaymentIntent("card", 1_000, 1_000, 0)
    assert card.tenders == (TenderLine(Tender.CARD, 1_000),)
    assert card.money_kopecks == 1_000 and card.points == 0
    kept = PaymentIntent("mixed", 1_000, 0, 0, (CARD,))  # tenders given: taken as they are
    assert kept.tenders == (CARD,)


def test_a_mixed_payment_counts_money_handed_over_and_the_change() -> None:
    paid = PaymentIntent.of(1_000_000, [POINTS, CERT, CASH, CARD], "r-1")
    assert (paid.method, paid.due_kopecks, paid.receipt) == ("mixed", 1_000_000, "r-1")
    assert paid.tendered_kopecks == 500_000 + 400_000  # cash given and card; no points, no certificate
    assert paid.change_kopecks == 200_000
    assert paid.points == 1_000 and paid.money_kopecks == 700_000
    assert PaymentIntent.of(300_000, [CASH]).method == "cash"


def test_the_wire_shape_round_trips_with_every_tender_field() -> None:
    paid = PaymentIntent.of(1_000_000, [POINTS, CERT, CASH, CARD], "r-1")
    wire = paid.wire()
    assert wire == {"due": 1_000_000, "receipt": "r-1", "tenders": [
        {"kind": "points", "amount": 100_000},
        {"kind": "certificate", "amount": 200_000, "certificate": "GC-1"},
        {"kind": "cash", "amount": 300_000, "tendered": 500_000, "change": 200_000},
        {"kind": "card", "amount": 400_000},
    ]}
    assert PaymentIntent.from_wire(wire) == paid
    old = PaymentIntent.from_wire({"method": "cash", "due": 300_000, "tendered": 500_000, "change": 200_000})
    assert old.tenders == (CASH,) and old.receipt is None and old.method == "cash"


def test_a_finished_handover_misses_nothing() -> None:
    assert _state().missing_steps == ()


@pytest.mark.parametrize(("change", "missing"), [
    ({"verified_by": None}, ("verify",)),
    ({"needs_id_document": True}, ("id_document",)),
    ({"kind": "credit", "due_kopecks": 0}, ("credit_agreement",)),
    ({"needs_power_of_attorney": True}, ("power_of_attorney",)),
    ({"boxes": (BoxCheck("B1", 1, None, True), BoxCheck("B2", 2, None, False))}, ("boxes",)),
    ({"payment": None}, ("payment",)),
    ({"due_kopecks": 2_000}, ("payment",)),  # paid before a change of the amount due
])
def test_each_missing_step_is_named(change: dict[str, object], missing: tuple[str, ...]) -> None:
    assert _state(**change).missing_steps == missing


def test_steps_done_are_not_missing() -> None:
    done = _state(needs_id_document=True, id_document_type="passport_rf", kind="credit", credit_agreement="KD-1",
                  due_kopecks=0, payment=None, needs_power_of_attorney=True, power_of_attorney="7")
    assert done.missing_steps == () and done.credit
    assert _state(due_kopecks=0, payment=None).missing_steps == ()  # nothing due: nothing to pay
    everything = _state(verified_by=None, needs_id_document=True, kind="credit", needs_power_of_attorney=True,
                        boxes=(BoxCheck("B1", 1, None, False),), payment=None)
    assert everything.missing_steps == ("verify", "id_document", "credit_agreement", "power_of_attorney", "boxes",
                                        "payment")


def test_only_the_refused_lines_of_a_partial_handover_stay_at_the_point() -> None:
    lines = (LineInfo(1, "A", "N", 1, 100, None, 0, None), LineInfo(2, "B", "M", 2, 100, None, 1, "defect"))
    before = _state(lines=lines)
    result = HandoverResult("u", "5", "partially_handed_over", 200, 100, None, 0, 0, (), before=before, kept_box="B1")
    assert result.left_at_point == (lines[1],)
    assert replace(result, kept_box=None).left_at_point == ()
    assert replace(result, before=None).left_at_point == ()


def test_a_refusal_reads_as_its_label_and_the_clerks_note() -> None:
    texts = labels(REFUSAL_REASONS)
    assert refusal_text("defect") == texts["defect"]
    assert refusal_text("other: scratched lid") == f"{texts['other']}: scratched lid"
    assert refusal_text("unknown_code") == "unknown_code"  # a reason of a newer version: shown as it came
    assert refusal_text("unknown_code: note") == "unknown_code: note"


def test_a_refund_reaching_the_cash_gives_it_back_and_keeps_the_change_as_handed() -> None:
    from desktop.services.handover.refunds import split_refund

    remaining, refunds = split_refund([CASH, CERT, POINTS], 350_000)
    assert refunds == [TenderLine(Tender.CASH, 50_000), CERT, POINTS]  # the certificate keeps its number
    assert remaining == [TenderLine(Tender.CASH, 250_000, 450_000, 200_000)]
    remaining, refunds = split_refund([CARD, CASH], 400_000)  # card before cash: the cash stays as it was
    assert (remaining, refunds) == ([CASH], [CARD])


def test_choices_are_translated_in_the_catalogues_handover_choices_context() -> None:
    """The .ts file holds the document types and refusal reasons under «HandoverChoices»: a text of another
    context with the same words must not be taken for them."""
    from desktop import translatable

    def english(context: str, text: str, *_: object) -> str:
        return f"EN[{text}]" if context == "HandoverChoices" else text

    translatable.use_translator(english)
    try:
        texts, defect = labels(REFUSAL_REASONS), REFUSAL_REASONS["defect"]
        assert texts["defect"] == f"EN[{defect}]"
        assert refusal_text("defect: cracked screen") == f"EN[{defect}]: cracked screen"
    finally:
        translatable.use_translator(None)


def test_points_go_back_in_whole_points_and_the_rest_from_the_next_tender() -> None:
    from desktop.services.handover.refunds import split_refund

    remaining, refunds = split_refund([POINTS, CASH], 30_050)  # 300 points and 50 kopecks
    assert refunds == [TenderLine(Tender.POINTS, 30_000), TenderLine(Tender.CASH, 50)]
    assert remaining == [TenderLine(Tender.POINTS, 70_000), TenderLine(Tender.CASH, 299_950, 499_950, 200_000)]


def test_a_refund_over_the_payment_is_a_programming_error_naming_the_amount() -> None:
    from desktop.services.handover.refunds import split_refund

    with pytest.raises(ValueError, match="refund 400001 exceeds the payment"):
        split_refund([CARD], 400_001)
