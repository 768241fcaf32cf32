"""An event's payload read into its typed event, each field checked against the JSON type its event class declares
(backend/ingest.py `check`, 500 events a batch): the checks are built once per event class from its type hints."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from typing import Any, Union

from protocol import events as ev

Check = Callable[[Any], bool]


def validate(event_type: str, payload: dict[str, Any]) -> ev.Event:
    """`parse_event` plus a check of each field's JSON type; ValueError says what is wrong."""
    event = ev.parse_event(event_type, payload)
    for name, check in _checks(event_type):
        value = getattr(event, name)
        if not check(value):
            raise ValueError(f"{event_type}.{name}: unexpected value {value!r}")
    return event


@functools.cache
def _checks(event_type: str) -> tuple[tuple[str, Check], ...]:
    """(field, check) in field order, built at the type's first event."""
    cls = ev.EVENT_TYPES[event_type]
    hints = typing.get_type_hints(cls, vars(ev))
    return tuple((name, checker(hints[name])) for name in ev.field_names(cls))


def checker(hint: Any) -> Check:
    """Whether a value is of the JSON type `hint` names: an int is not a bool, a list's items are checked, a dict
    is any object; `X | None` takes None too."""
    if hint is Any:
        return lambda value: True
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [checker(arg) for arg in typing.get_args(hint)]
        return lambda value: any(check(value) for check in options)
    if hint is type(None):
        return lambda value: value is None
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        each = checker(item)
        return lambda value: isinstance(value, list) and all(each(v) for v in value)
    if origin is dict:
        return lambda value: isinstance(value, dict)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    return lambda value: isinstance(value, hint)
