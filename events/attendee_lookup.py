"""Finding a person at the desk: by invitation code, NIP/NIK or name, and the roster entries
that look like a walk-in about to be registered. Refusals are
:class:`events.checkin_records.CheckInError`.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

import sqlalchemy as sa

from events import ids, scan, schema
from events.checkin_records import CheckInError, attendees_where
from events.model import Attendee
from events.search import name_words, words
from events.store import Store

__all__ = ["TOKEN_PREFIX", "AmbiguousAttendee", "find_by_name", "find_by_nip", "find_by_token",
           "names_similar", "normalize_name", "similar_attendees"]

_A = schema.attendees

TOKEN_PREFIX = scan.PREFIX  # the invitation QR holds "IKR-" + token


class AmbiguousAttendee(CheckInError):
    """A name matches several people; ``candidates`` are they (at most a few dozen)."""

    def __init__(self, text: str, candidates: list[Attendee], total: int):
        self.candidates = candidates
        self.total = total
        shown = "; ".join(_label(a) for a in candidates[:10])
        more = f"; dan {total - 10} lainnya" if total > 10 else ""
        super().__init__("ambiguous",
                         f"Nama \"{text}\" cocok dengan {total} peserta: {shown}{more}", text)


def _label(a: Attendee) -> str:
    place = a.unit or a.institution
    return f"{a.name} ({place})" if place else a.name


def find_by_token(store: Store, event_id: int, code: str) -> Attendee:
    """The attendee whose invitation this is: the token or the QR payload "IKR-" + token, in
    any case, spaces ignored. A token of another event is refused, not looked up there."""
    token = "".join(str(code).split()).upper()
    token = token.removeprefix(TOKEN_PREFIX)
    if not token:
        raise CheckInError("attendee_not_found", "kode undangan kosong")
    found = attendees_where(store, _A.c.token == token)
    if not found:  # a token stored in lower case by some other route
        found = attendees_where(store, sa.func.upper(_A.c.token) == token)
    if not found:
        raise CheckInError("attendee_not_found", f"kode undangan {token}")
    person = found[0]
    if person.event_id != event_id:
        raise CheckInError("wrong_event", f"kode {token}, acara #{person.event_id}")
    return person


def find_by_nip(store: Store, event_id: int, nip: str) -> Attendee:
    """The attendee with this NIP (spaces, dots and dashes ignored); 16 digits also try the NIK."""
    digits = ids.digits(nip)
    if not digits:
        raise CheckInError("attendee_not_found", f"NIP {nip!r}")
    column = _A.c.nik if len(digits) == 16 else _A.c.nip
    found = attendees_where(store, _A.c.event_id == event_id, column == digits)
    if not found and len(digits) == 16:
        found = attendees_where(store, _A.c.event_id == event_id, _A.c.nip == digits)
    if not found:
        raise CheckInError("attendee_not_found", f"NIP/NIK {digits}")
    return found[0]


def find_by_name(store: Store, event_id: int, text: str) -> Attendee:
    """The one attendee this name text means.

    Compared without academic titles, case or accents. A name equal to the text wins; otherwise
    every word of the text must start a word of the name ("bud san" finds "Dr. H. Budi Santoso,
    M.Si."). No match: ``attendee_not_found``; several: :class:`AmbiguousAttendee`.
    """
    words = normalize_name(text).split()
    if not words:
        raise CheckInError("attendee_not_found", f"nama {text!r}")
    people = store.list_attendees(event_id)
    wanted = " ".join(words)
    exact = [a for a in people if normalize_name(a.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [
        a for a in people
        if all(any(w.startswith(t) for w in normalize_name(a.name).split()) for t in words)
    ]
    if not matches:
        raise CheckInError("attendee_not_found", f"nama {text!r}")
    if len(matches) > 1:
        raise AmbiguousAttendee(text, matches[:50], len(matches))
    return matches[0]


# -- names: titles, accents, similarity ---------------------------------------------------------

@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """A name for comparison, as the desk search sees it: without academic and religious titles,
    accents, case or punctuation ("Dr. H. Budi Santoso, M.Si." -> "budi santoso"; "Ma'ruf" ->
    "maruf"). The rules are :func:`events.search.name_words`, so one list of titles serves both.
    """
    return " ".join(name_words(str(name)))


def _normalize_unit(unit: str) -> str:
    return " ".join(words(str(unit or "")))


def _abbreviates(short: str, full: str) -> bool:
    return len(short) < len(full) and full.startswith(short)


def names_similar(a: str, b: str) -> bool:
    """Two normalised names that probably mean one person: equal, the same words in another
    order, a typo or two ("Santoso"/"Santosa"), or initials ("M. Rizki"/"Muhammad Rizki")."""
    if a == b:
        return True
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    if sorted(wa) == sorted(wb):
        return True
    if len(wa) == len(wb) and len(wa) > 1:
        pairs = list(zip(wa, wb, strict=True))
        if all(x == y or _abbreviates(x, y) or _abbreviates(y, x) for x, y in pairs) and any(
            x == y and len(x) >= 3 for x, y in pairs
        ):
            return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85
            and matcher.ratio() >= 0.85)


def similar_attendees(store: Store, event_id: int, name: str, unit: str = "",
                      nip: str | None = None, nik: str | None = None) -> list[Attendee]:
    """Roster entries that look like this person, to offer before registering a walk-in.

    The same NIP (or NIK) anywhere on the roster first; then a very similar name (titles, case
    and accents ignored) in the same unit, or in any unit when ``unit`` is empty.
    """
    nip_digits = ids.digits(nip or "")
    nik_digits = ids.digits(nik or "")
    wanted = normalize_name(name)
    wanted_unit = _normalize_unit(unit)
    with store.connection() as conn:
        rows = conn.execute(
            sa.select(_A.c.id, _A.c.name, _A.c.unit, _A.c.nip, _A.c.nik)
            .where(_A.c.event_id == event_id)
        ).all()
    same_id: list[int] = []
    scored: list[tuple[float, int]] = []
    units: dict[str, str] = {}
    for pk, other, other_unit, other_nip, other_nik in rows:
        if (nip_digits and other_nip == nip_digits) or (nik_digits and other_nik == nik_digits):
            same_id.append(pk)
            continue
        if not wanted:
            continue
        if wanted_unit:
            folded = units.get(other_unit)
            if folded is None:
                folded = units[other_unit] = _normalize_unit(other_unit)
            if folded != wanted_unit:
                continue
        candidate = normalize_name(other)
        if names_similar(wanted, candidate):
            scored.append((-SequenceMatcher(None, wanted, candidate).ratio(), pk))
    found_ids = same_id + [pk for _, pk in sorted(scored)]
    if not found_ids:
        return []
    by_id = {a.id: a for a in attendees_where(store, _A.c.id.in_(found_ids))}
    return [by_id[i] for i in found_ids if i in by_id]
