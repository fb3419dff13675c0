"""Dates and times as Indonesian official documents write them: "Kamis, 2 November 2023",
"pukul 08.42 WIB".

An explicit pattern, not a locale's "full" format (those add a leading zero).

Every event has its time zone: WIB (Asia/Jakarta, UTC+7, the default), WITA (Asia/Makassar,
UTC+8) or WIT (Asia/Jayapura, UTC+9). Moments are stored with the offset of the machine that
recorded them (the instant is exact); every screen and document shows them in the event's zone,
with its name, never in the zone of the computer that happens to show them.

The current moment comes from :func:`current_moment`, which tests (and a desk that must be
shown on another day) replace with :func:`set_clock`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, tzinfo
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from events.model import Event

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]

# Indonesia's three zones, by the names everyone uses, and the zone database's names for them.
ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
DEFAULT_ZONE = "WIB"
ZONE_OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9}  # hours east of UTC (no daylight saving)


# -- days ------------------------------------------------------------------------------------


def format_date(day: date) -> str:
    """ "2 November 2023" """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_long_date(day: date) -> str:
    """ "Kamis, 2 November 2023" """
    return f"{DAYS[day.weekday()]}, {format_date(day)}"


def place_and_date(city: str, day: date) -> str:
    """ "Bekasi, 2 November 2023" (no final full stop)."""
    return f"{city}, {format_date(day)}" if city else format_date(day)


# -- zones -----------------------------------------------------------------------------------


def check_zone(zone: str) -> str:
    """The zone's name ("WIB", "WITA", "WIT"), upper-cased; ValueError for any other."""
    name = (zone or "").strip().upper()
    if name not in ZONES:
        raise ValueError(f"zona waktu {zone!r}: pilih WIB, WITA atau WIT")
    return name


@cache
def zone_info(zone: str) -> tzinfo:
    """The tzinfo of WIB, WITA or WIT (ValueError for another name)."""
    return ZoneInfo(ZONES[check_zone(zone)])


def zone_of(event: Event | str | None) -> str:
    """An event's zone name (an event, a zone name, or None for the default, WIB)."""
    if event is None:
        return DEFAULT_ZONE
    zone = event if isinstance(event, str) else getattr(event, "time_zone", "")
    return check_zone(zone or DEFAULT_ZONE)


def in_zone(moment: datetime, zone: Event | str | None) -> datetime:
    """The same instant on the event's clock (a naive moment is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone_info(zone_of(zone)))


def day_in_zone(moment: datetime, zone: Event | str | None) -> date:
    """The date of a moment on the event's clock: 23.30 UTC is the next day in WIB."""
    return in_zone(moment, zone).date()


# -- the current moment ----------------------------------------------------------------------


def _system_clock() -> datetime:
    return datetime.now(UTC)


_source: Callable[[], datetime] = _system_clock


def current_moment() -> datetime:
    """Now, as an aware datetime (from the clock :func:`set_clock` gave, else the system's)."""
    return _source()


def set_clock(source: Callable[[], datetime] | None) -> Callable[[], datetime]:
    """Take the current moment from ``source`` (None: the system clock again); the previous
    source. Every "now" of the domain (check-ins, signatures, the desk's day) follows it."""
    global _source
    previous = _source
    _source = source or _system_clock
    return previous


@contextmanager
def fixed_clock(moment: datetime) -> Iterator[None]:
    """Within the block, it is ``moment`` (aware)."""
    if moment.tzinfo is None:
        raise ValueError("fixed_clock needs an aware datetime")
    previous = set_clock(lambda: moment)
    try:
        yield
    finally:
        set_clock(previous)


def today(zone: Event | str | None) -> date:
    """Today's date on the event's clock."""
    return day_in_zone(current_moment(), zone)


# -- times -----------------------------------------------------------------------------------


def clock(value: time | datetime, zone: Event | str | None = None) -> str:
    """ "08.00": the time as Indonesian documents write it. A moment (a datetime) is shown on
    the event's clock, ``zone``; a time of day (an event's start) is shown as it is."""
    if isinstance(value, datetime):
        value = in_zone(value, zone).time()
    return f"{value.hour:02d}.{value.minute:02d}"


def clock_seconds(moment: datetime, zone: Event | str | None) -> str:
    """ "08.42.10": a moment on the event's clock, to the second."""
    local = in_zone(moment, zone)
    return f"{local.hour:02d}.{local.minute:02d}.{local.second:02d}"


def at_time(moment: datetime, zone: Event | str | None) -> str:
    """ "08.42 WIB": a moment on the event's clock, with the zone's name."""
    return f"{clock(moment, zone)} {zone_of(zone)}"


def time_range(event: Event) -> str:
    """ "08.00 – 11.00 WIB", "08.00 WIB – selesai", or "" when the event has no start time."""
    if event.start_time is None:
        return ""
    zone = zone_of(event)
    if event.end_time is None:
        return f"{clock(event.start_time)} {zone} – selesai"
    return f"{clock(event.start_time)} – {clock(event.end_time)} {zone}"


_OFFSET_NAMES = {hours * 60: name for name, hours in ZONE_OFFSETS.items()}


def zone_name(moment: datetime, zone: Event | str | None = None) -> str:
    """The name of the zone a moment is shown in: the event's (``zone``) when given; else, from
    the moment's own offset, WIB / WITA / WIT, "UTC", "UTC+hh:mm", or "" for a naive time."""
    if zone is not None:
        return zone_of(zone)
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if minutes in _OFFSET_NAMES:
        return _OFFSET_NAMES[minutes]
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def stamp(moment: datetime, zone: Event | str | None = None) -> str:
    """ "02-11-2024 08.42 WIB": a moment as verification and audit screens show it, on the
    event's clock when ``zone`` is given, else on the moment's own offset."""
    if zone is not None:
        moment = in_zone(moment, zone)
    name = zone_name(moment, zone)
    return moment.strftime("%d-%m-%Y %H.%M") + (f" {name}" if name else "")


def format_moment_date(moment: datetime, zone: Event | str | None = None) -> str:
    """ "2 November 2024": the day of a moment (on the event's clock when ``zone`` is given)."""
    return format_date(in_zone(moment, zone).date() if zone is not None else moment.date())


def moment_text(moment: datetime, event: Event | str | None) -> str:
    """ "pukul 08.42 WIB" on the event's day; "3 Desember 2026 pukul 08.42 WIB" on another
    (``event`` an Event: its date is the event's day; a zone name: no day is the event's)."""
    local = in_zone(moment, event)
    when = f"pukul {clock(local)} {zone_of(event)}"
    event_day = getattr(event, "event_date", None)
    if event_day is not None and local.date() == event_day:
        return when
    return f"{format_date(local.date())} {when}"


# -- the event's day -------------------------------------------------------------------------


def outside_event_day(event: Event, moment: datetime | None = None) -> date | None:
    """The date (on the event's clock) of ``moment`` (default now) when it is not the event's
    date; None on the event's day."""
    day = day_in_zone(moment or current_moment(), event)
    return None if day == event.event_date else day


def outside_day_text(day: date, event_date: date) -> str:
    """ "Hari ini (Kamis, 3 Desember 2026) bukan tanggal acara (Selasa, 1 Desember 2026)" """
    return (f"Hari ini ({format_long_date(day)}) bukan tanggal acara "
            f"({format_long_date(event_date)})")
