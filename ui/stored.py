"""What a page takes as given while it shows something: the database ids of what the store gave
it, and the event, desk or person it was opened on."""

from __future__ import annotations

from typing import TypeVar

from events.model import Attendee, Event

T = TypeVar("T")


def stored_id(item: Event | Attendee) -> int:
    """The database id of an event or attendee read from the store (which always sets it)."""
    if item.id is None:
        raise ValueError(f"{type(item).__name__} {item.name!r} is not stored yet")
    return item.id


def shown(value: T | None, what: str) -> T:
    """``value``, which a page sets when it opens (its event, desk or person); a slot that runs
    before it would be a programming error, and says which thing was missing."""
    if value is None:
        raise RuntimeError(f"no {what} is open")
    return value
