"""What both forms of the Daftar Hadir (pledges.documents.attendance_xlsx and
attendance_pdf) show: the lines of who came by category, the counts, the title block's details,
the footer official, and the logo at a given height. See attendance_xlsx for the choices."""


from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from events.categories import Category
from events.dates import clock, day_in_zone, format_date, format_long_date, time_range
from events.model import Attendee, Event, Official
from pledges.documents.record import EventRecord
from pledges.documents.toolkit import Progress
from pledges.strokes import Stroke, draw_on_canvas, line_width

__all__ = [
    "SHEET_ABSENT",
    "SHEET_MAIN",
    "SHEET_SUMMARY",
    "PersonLine",
    "Tally",
    "responsible_official",
    "signature_label",
    "time_heading",
    "time_range",
]


SHEET_MAIN = "Daftar Hadir"
SHEET_ABSENT = "Tidak Hadir"
SHEET_SUMMARY = "Rekap"
TITLE = "DAFTAR HADIR"
WALK_IN_NOTE = "(tanpa undangan)"
DOTS = "." * 22


# --- what every format shares ----------------------------------------------------------------




def event_details(event: Event) -> list[tuple[str, str]]:
    return [("Hari/Tanggal", format_long_date(event.event_date)),
            ("Waktu", time_range(event)),
            ("Tempat", event.venue)]


def time_heading(event: Event) -> str:
    """ "Jam Hadir (WIB)": the check-in times' column, naming the event's zone."""
    return f"Jam Hadir ({event.time_zone})"


def signature_label(number: int) -> str:
    """The number written in a signature cell, as on paper: "1. ......"."""
    return f"{number}. {DOTS}"


def responsible_official(event: Event) -> Official:
    """Who signs the footer: the witnessing official, else the presiding one (may be empty)."""
    return event.witness if not event.witness.is_empty() else event.presiding


def unit_of(person: Attendee) -> str:
    """The "Unit Kerja" column: the unit, the institution only when there is no unit. Not
    :func:`events.model.affiliation`, which puts a guest's institution first: this column is
    the unit kerja, and the printed lists keep what they have always shown."""
    return person.unit or person.institution


def category_text(person: Attendee) -> str:
    label = person.category.label
    return label if person.invited else f"{label} {WALK_IN_NOTE}"


@dataclass(frozen=True)
class PersonLine:
    """One person's row, the same in every format."""

    number: int
    person: Attendee
    time: str  # "HH.MM" of the check-in on the event's clock, or ""
    strokes: list[Stroke] | None  # the current, intact signature's strokes
    pad: tuple[int, int]
    broken: bool = False  # a stored signature that no longer matches its hash
    other_day: date | None = None  # the check-in's date when not the event's (event's clock)

    @property
    def note(self) -> str:
        """ "hadir 3 Desember 2026, di luar tanggal acara" for a check-in on another day than
        the event's; "" otherwise."""
        if self.other_day is None:
            return ""
        return f"hadir {format_date(self.other_day)}, di luar tanggal acara"

    @property
    def time_and_day(self) -> str:
        """ "08.42", or "00.30, 3 Desember 2026 (di luar tanggal acara)": the time with the
        mark of another day, in one cell."""
        if self.other_day is None:
            return self.time
        return f"{self.time}, {format_date(self.other_day)} (di luar tanggal acara)"

    @property
    def right(self) -> bool:
        """Even numbers sign in the right half."""
        return self.number % 2 == 0


def person_lines(record: EventRecord, groups: list[tuple[Category, list[Attendee]]],
                 with_checkins: bool = True) -> list[tuple[Category, list[PersonLine]]]:
    out = []
    number = 0
    for category, people in groups:
        rows = []
        for person in people:
            number += 1
            time, other_day, strokes, pad, broken = "", None, None, (1, 1), False
            if with_checkins:
                checkin = record.checkin_of(person)
                if checkin is not None:
                    time = clock(checkin.checked_in_at, record.event)
                    day = day_in_zone(checkin.checked_in_at, record.event)
                    other_day = day if day != record.event.event_date else None
                signature = record.signature_of(person)
                if signature is not None:
                    if signature.intact:
                        strokes = signature.strokes
                        pad = (signature.pad_width, signature.pad_height)
                    else:
                        broken = True
            rows.append(PersonLine(number, person, time, strokes, pad, broken, other_day))
        out.append((category, rows))
    return out


@dataclass(frozen=True)
class Tally:
    label: str
    invited: int
    present: int
    missing: int
    walk_ins: int
    signed: int

    @property
    def came(self) -> int:
        return self.present + self.walk_ins


SUMMARY_HEADINGS = ("No", "Kategori", "Diundang", "Hadir", "Tidak Hadir", "Tanpa Undangan",
                    "Jumlah Hadir", "Menandatangani")


def category_tallies(record: EventRecord) -> tuple[list[Tally], Tally]:
    """Per category (every category, in order) and the totals; from record.counts."""
    signed: dict[Category, int] = dict.fromkeys(Category, 0)
    for person in record.attendees:
        if person.id in record.signatures:
            signed[person.category] += 1
    rows = []
    for category in Category:
        c = record.counts.by_category.get(category)
        if c is None:
            rows.append(Tally(category.label, 0, 0, 0, 0, signed[category]))
        else:
            rows.append(Tally(category.label, c.invited, c.present, c.missing, c.walk_ins,
                               signed[category]))
    total = record.counts
    return rows, Tally("Jumlah", total.invited, total.present, total.missing, total.walk_ins,
                        sum(signed.values()))


def tally_values(t: Tally) -> tuple[int, int, int, int, int, int]:
    return (t.invited, t.present, t.missing, t.walk_ins, t.came, t.signed)


def report_progress(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def ink_fit(strokes: Sequence[Sequence[Sequence[float]]], pad_w: float, pad_h: float, w: float,
            h: float, max_zoom: float = 2.5) -> tuple[float, float, float]:
    """(scale, ox, oy) mapping pad points (y down) into a w x h box so that the ink's bounding
    box (grown by half the widest pen) is centred and as large as fits: a pad point (px, py)
    lands at (ox + px * scale, oy + py * scale). Pen widths stay proportional (they follow the
    pad's width times the scale). A small scribble is enlarged at most ``max_zoom`` times as much
    as the whole pad would be."""
    xs = [point[0] for stroke in strokes for point in stroke]
    ys = [point[1] for stroke in strokes for point in stroke]
    if xs:
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    else:
        x0, y0, x1, y1 = 0.0, 0.0, float(pad_w), float(pad_h)
    margin = line_width(1.0, pad_w) / 2
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    bw, bh = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
    scale = min(w / bw, h / bh, max_zoom * min(w / pad_w, h / pad_h))
    return scale, (w - bw * scale) / 2 - x0 * scale, (h - bh * scale) / 2 - y0 * scale


def draw_fitted_signature(c: Canvas, strokes: Sequence[Stroke], pad_w: float, pad_h: float,
                          x: float, y: float, w: float, h: float) -> None:
    """The signature as vector paths, its ink fitted into the box (x, y, w, h) (PDF points,
    origin bottom-left), through :func:`pledges.strokes.draw_on_canvas`."""
    scale, ox, oy = ink_fit(strokes, pad_w, pad_h, w, h)
    # draw_on_canvas fits the whole pad into its box: give it the box the pad fills at this
    # scale, placed so that the ink lands in ours.
    draw_on_canvas(c, strokes, pad_w, pad_h, x + ox, y + h - oy - pad_h * scale,
                   pad_w * scale, pad_h * scale)
