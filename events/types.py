"""Column types that keep their meaning on every database engine."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from events.dates import current_moment


class AwareDateTime(sa.types.TypeDecorator[datetime]):
    """A moment in time with its UTC offset, e.g. a check-in at 08:42:10+07:00.

    PostgreSQL keeps it as ``timestamptz`` (the instant; read back in this machine's local
    zone, like every desk of one venue); elsewhere it is an ISO 8601 string with the offset,
    so the local time the desk saw is kept exactly. Naive datetimes are refused.
    """

    impl = sa.String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(sa.TIMESTAMP(timezone=True))
        return dialect.type_descriptor(sa.String(40))

    def process_bind_param(self, value: datetime | None,
                           dialect: sa.Dialect) -> datetime | str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("AwareDateTime needs a datetime with a UTC offset")
        if dialect.name == "postgresql":
            return value
        return value.isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return value
        if isinstance(value, datetime):
            # timestamptz comes back in the server session's zone (often UTC): show it as the
            # desks' local clock, which is what a stored text keeps on SQLite.
            return value.astimezone()
        return datetime.fromisoformat(value)


def now() -> datetime:
    """The current moment with this machine's UTC offset, as moments are stored (the instant
    is what counts: screens and documents show it in the event's zone, events.dates). It
    follows the clock events.dates.set_clock gives."""
    return current_moment().astimezone()
