"""The console's fast paths give what the plain ones gave: journal details parsed by the C scanner read exactly as
json.loads reads them, and building rows with the garbage collector paused leaves it as it was."""

from __future__ import annotations

import gc
import json

import pytest

from desktop.services.manager.journal_report import _parsed, details_text
from desktop.services.manager.report import bulk_rows

DETAILS = [
    '{"box":"B004250000000101","cell":"A-01-03"}',
    '{"order":"500000001","result":"refused","lines":[1,2],"extra":{"a":1}}',
    ' {"order":"500000001"} ',  # blanks around: json.loads accepts them
    '"just a string"',
    "[1, 2]",
    "12",
    "null",
]
NOT_JSON = ['{"order":"500000001"} tail', "", "{", '{"a":1}{"b":2}', "1, 2"]


@pytest.mark.parametrize("details", DETAILS)
def test_details_parse_as_json_loads_does(details: str) -> None:
    assert _parsed(details) == json.loads(details)


@pytest.mark.parametrize("details", NOT_JSON)
def test_what_json_loads_refuses_is_refused_and_shown_raw(details: str) -> None:
    with pytest.raises(ValueError):
        json.loads(details)
    with pytest.raises(ValueError):
        _parsed(details)
    assert details_text(details) == details


def test_details_in_words() -> None:
    assert details_text(DETAILS[1]) == 'заказ: 500000001; итог: отказ; lines: [1, 2]; extra: {"a": 1}'
    assert details_text(DETAILS[2]) == "заказ: 500000001"
    assert details_text("[1, 2]") == "[1, 2]"


def test_the_collector_is_paused_while_rows_are_built_and_runs_again_after() -> None:
    assert gc.isenabled()
    with bulk_rows():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), bulk_rows():
        raise RuntimeError("a failing build")
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with bulk_rows():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
