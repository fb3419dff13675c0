"""Plain data for events and attendees; the store reads and writes these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from events.categories import Category
from events.ids import format_nip


# An enumeration with labels, shaped like events.categories.Category: other values, one style.
class EventKind(StrEnum):
    IKRAR_NETRALITAS = "ikrar_netralitas"
    SOSIALISASI_ANTI_KORUPSI = "sosialisasi_anti_korupsi"
    PAKTA_INTEGRITAS = "pakta_integritas"
    OTHER = "lainnya"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    EventKind.IKRAR_NETRALITAS: "Ikrar Netralitas ASN",
    EventKind.SOSIALISASI_ANTI_KORUPSI: "Sosialisasi Anti Korupsi",
    EventKind.PAKTA_INTEGRITAS: "Pakta Integritas",
    EventKind.OTHER: "Lainnya",
}


class Source(StrEnum):
    """How an attendee came onto the roster."""

    IMPORT = "import"
    MANUAL = "manual"
    WALK_IN = "walk_in"


@dataclass
class Official:
    """A named official on a document: the presiding or the witnessing one."""

    name: str = ""
    title: str = ""
    nip: str = ""  # digits only

    def is_empty(self) -> bool:
        return not (self.name or self.title or self.nip)


@dataclass
class Contact:
    """The letterhead's contact lines under the institution and unit (kop surat): "Jalan ...
    Telepon (021) ... Kode Pos ...", then "Laman ... Pos-el ..."; empty ones are left out."""

    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""

    def lines(self) -> list[str]:
        """The contact as the letterhead prints it: the address with telephone and postcode on
        one line, the website and e-mail on the next; empty parts left out."""
        first = [part for part in (
            self.address.strip(),
            f"Telepon {self.phone.strip()}" if self.phone.strip() else "",
            f"Kode Pos {self.postcode.strip()}" if self.postcode.strip() else "") if part]
        second = [part for part in (
            f"Laman {self.website.strip()}" if self.website.strip() else "",
            f"Pos-el {self.email.strip()}" if self.email.strip() else "") if part]
        return [line for line in (", ".join(first), ", ".join(second)) if line]

    def is_empty(self) -> bool:
        return not self.lines()


@dataclass
class Speaker:
    """A narasumber of a socialization event."""

    name: str = ""
    title: str = ""
    institution: str = ""


class Stored:
    """A record the store gives back with its database id (an Event, an Attendee)."""

    id: int | None  # a dataclass field of the subclass
    name: str

    @property
    def stored_id(self) -> int:
        """The database id; ValueError for a record that was never stored."""
        if self.id is None:
            raise ValueError(f"{type(self).__name__} {self.name!r} is not stored yet: it has no id")
        return self.id


@dataclass
class Event(Stored):
    name: str
    event_date: date
    kind: EventKind = EventKind.IKRAR_NETRALITAS
    start_time: time | None = None
    end_time: time | None = None
    venue: str = ""
    city: str = ""
    organizer_unit: str = ""
    institution: str = ""
    logo: bytes | None = None
    letter_number: str = ""
    letter_date: date | None = None
    presiding: Official = field(default_factory=Official)
    witness: Official = field(default_factory=Official)
    speakers: list[Speaker] = field(default_factory=list)
    agenda: str = ""
    is_demo: bool = False
    archived_at: datetime | None = None
    id: int | None = None
    uid: str = ""  # random, stable across databases; given by the store
    time_zone: str = "WIB"  # WIB, WITA or WIT (events.dates.ZONES): every time is shown in it
    letterhead: Contact = field(default_factory=Contact)  # the kop surat's contact lines
    # The documents' numbers: a pattern with {n} for the running number, e.g.
    # "800/{n:03d}/Kesbangpol/2026", and the first running number (the Berita Acara's; the
    # signed statements take the ones after it). Empty: numbers are written in by hand.
    number_scheme: str = ""
    number_start: int = 1

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def to_dict(self) -> dict[str, Any]:
        """The event as the command line's JSON answers show it (the logo only as has_logo)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": str(self.kind),
            "date": self.event_date.isoformat(),
            "start_time": self.start_time.strftime("%H:%M") if self.start_time else None,
            "end_time": self.end_time.strftime("%H:%M") if self.end_time else None,
            "time_zone": self.time_zone,
            "address": self.letterhead.address,
            "postcode": self.letterhead.postcode,
            "phone": self.letterhead.phone,
            "email": self.letterhead.email,
            "website": self.letterhead.website,
            "number_scheme": self.number_scheme,
            "number_start": self.number_start,
            "venue": self.venue,
            "city": self.city,
            "organizer_unit": self.organizer_unit,
            "institution": self.institution,
            "has_logo": self.logo is not None,
            "letter_number": self.letter_number,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "presiding": {"name": self.presiding.name, "title": self.presiding.title,
                          "nip": format_nip(self.presiding.nip)},
            "witness": {"name": self.witness.name, "title": self.witness.title,
                        "nip": format_nip(self.witness.nip)},
            "speakers": [{"name": s.name, "title": s.title, "institution": s.institution}
                         for s in self.speakers],
            "agenda": self.agenda,
            "is_demo": self.is_demo,
            "archived": self.archived,
        }


@dataclass
class Attendee(Stored):
    """One person on an event's roster.

    Attributes:
        nip: 18 digits (NIP PNS or NI PPPK), or None.
        nik: 16 digits, for people without a NIP, or None.
        golongan: pangkat/golongan as written, e.g. "III/a" or "Penata Muda (III/a)".
        invited: on the organizer's roster (False for walk-ins).
        token: the random code printed as a QR on the invitation (never the NIP).
    """

    # Plain text fields with empty defaults, as in Event: other data, the same dataclass style.
    name: str
    category: Category
    nip: str | None = None
    nik: str | None = None
    golongan: str = ""
    jabatan: str = ""
    unit: str = ""
    phone: str = ""
    institution: str = ""
    source: Source = Source.MANUAL
    invited: bool = True
    note: str = ""
    event_id: int | None = None
    id: int | None = None
    token: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The attendee as the command line's JSON answers show it (no token, no note)."""
        return {
            "id": self.id,
            "name": self.name,
            "category": str(self.category),
            "category_label": self.category.label,
            "nip": format_nip(self.nip) if self.nip else None,
            "nik": self.nik,
            "golongan": self.golongan,
            "jabatan": self.jabatan,
            "unit": self.unit,
            "phone": self.phone,
            "institution": self.institution,
            "source": str(self.source),
            "invited": self.invited,
        }



def affiliation(attendee: Attendee) -> str:
    """Where the person comes from, as a document names it in one line: the unit (unit kerja),
    or for a guest the institution (PWI, Kejaksaan Negeri...); the other one when that is
    empty; runs of spaces collapsed. Certificates and invitation cards print this."""
    first, second = attendee.unit, attendee.institution
    if attendee.category is Category.TAMU:
        first, second = second, first
    return " ".join((first.strip() or second.strip()).split())
