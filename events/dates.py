"""Dates as Indonesian official documents write them: "Kamis, 2 November 2023".

An explicit pattern, not a locale's "full" format (those add a leading zero).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

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


def format_date(day: date) -> str:
    """ "2 November 2023" """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_long_date(day: date) -> str:
    """ "Kamis, 2 November 2023" """
    return f"{DAYS[day.weekday()]}, {format_date(day)}"


def place_and_date(city: str, day: date) -> str:
    """ "Bekasi, 2 November 2023" (no final full stop)."""
    return f"{city}, {format_date(day)}" if city else format_date(day)


def clock(value: time) -> str:
    """ "08.00": the time as Indonesian documents write it."""
    return f"{value.hour:02d}.{value.minute:02d}"


def time_range(event: Event) -> str:
    """ "08.00 – 11.00", "08.00 – selesai", or "" (times only: events have no time zone)."""
    if event.start_time is None:
        return ""
    end = clock(event.end_time) if event.end_time else "selesai"
    return f"{clock(event.start_time)} – {end}"


_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def zone_name(moment: datetime) -> str:
    """WIB / WITA / WIT for Indonesia's offsets, else "UTC+hh:mm"; "" for a naive time."""
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if minutes % 60 == 0 and minutes // 60 in _ZONES:
        return _ZONES[minutes // 60]
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def stamp(moment: datetime) -> str:
    """ "02-11-2024 08.42 WIB": a moment as verification and audit screens show it."""
    zone = zone_name(moment)
    return moment.strftime("%d-%m-%Y %H.%M") + (f" {zone}" if zone else "")


def format_moment_date(moment: datetime) -> str:
    """ "2 November 2024": the day of a moment."""
    return format_date(moment.date())
