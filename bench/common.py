"""What the benchmarks share: the repository on the import path (import this module before
any of Ikrar's), a fresh event with invented attendees, and the figures they print.

A benchmark runs as ``.venv/bin/python bench/bench_x.py``: its own folder is on the import
path then, so ``import common`` finds this file.
"""

from __future__ import annotations

import datetime
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from events.model import Attendee, Event  # noqa: E402
from events.store import Store  # noqa: E402
from roster_data import attendees  # noqa: E402


def bench_event(store: Store, people: int = 0, name: str = "Bench",
                **fields: Any) -> tuple[Event, list[Attendee]]:
    """A new event dated today in ``store`` (``fields``: more of the event's fields), with
    ``people`` invented attendees."""
    event = store.create_event(Event(name=name, event_date=datetime.date.today(), **fields))
    added = store.add_attendees(event.id, attendees(people)) if people else []
    return event, added


def quantile_ms(seconds: list[float], q: float) -> float:
    """The ``q`` quantile (0 to 1) of the timings, in milliseconds (the nearest sample)."""
    ms = sorted(s * 1000 for s in seconds)
    return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))]


def figures(name: str, seconds: list[float], width: int = 36, number: str = "7.3f") -> str:
    """One line: the median, 99th percentile and largest of the timings, in milliseconds
    (``width``: the name's column; ``number``: each figure's format)."""
    ms = sorted(s * 1000 for s in seconds)
    median, p99 = statistics.median(ms), quantile_ms(seconds, 0.99)
    return (f"  {name:<{width}} median {median:{number}} ms   p99 {p99:{number}} ms   "
            f"max {ms[-1]:{number}} ms   (n={len(ms)})")
