"""An attendee's category from the words of a row: an Eselon or Kategori cell, a section heading,
the Jabatan."""

from __future__ import annotations

import re
from functools import lru_cache

from events.categories import Category, category_from_jabatan, parse_eselon
from events.roster_import.cells import WS

_ENUM = re.compile(r"^\s*(?:[a-z]|[ivx]+|\d{1,2})\s*[.)]\s*", re.IGNORECASE)

_ESELON_ANY = re.compile(r"\beselon\s*(iv|iii|ii|v|[2-5])\b", re.IGNORECASE)

_ROMAN_LEVEL = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "2": 2, "3": 3, "4": 4, "5": 5}

_LEVEL_CATEGORY = {2: Category.ESELON_II, 3: Category.ESELON_III, 4: Category.ESELON_IV,
                   5: Category.PELAKSANA}

# Category-cell words that name no category but are not a mistake either.
_NEUTRAL = frozenset({"pns", "asn", "cpns", "internal", "noneselon", "non eselon", "nonstruktural",
                      "non struktural", "struktural", "pegawai", "peserta"})

_ALIASES = {"jft": Category.FUNGSIONAL, "jf": Category.FUNGSIONAL, "jfu": Category.PELAKSANA,
            "staf": Category.PELAKSANA, "staff": Category.PELAKSANA, "honor": Category.NON_ASN,
            "undangan": Category.TAMU, "eksternal": Category.TAMU}


@lru_cache(maxsize=4096)
def explicit_category(text: str) -> tuple[Category | None, bool]:
    """(category, recognised) of an Eselon/Kategori cell; recognised=False means a warning."""
    folded = WS.sub(" ", text.strip().lower())
    if folded in _NEUTRAL or folded.replace(" ", "") in _NEUTRAL:
        return None, True
    if folded in _ALIASES:
        return _ALIASES[folded], True
    cat = parse_eselon(text)
    if cat is None:
        m = _ESELON_ANY.search(folded)
        if m:
            cat = _LEVEL_CATEGORY[_ROMAN_LEVEL[m.group(1)]]
    return cat, cat is not None


@lru_cache(maxsize=4096)
def jabatan_category(text: str) -> Category | None:
    return category_from_jabatan(text)


@lru_cache(maxsize=1024)
def heading_category(text: str) -> Category | None:
    stripped = _ENUM.sub("", text)
    m = _ESELON_ANY.search(stripped)
    if m:
        return _LEVEL_CATEGORY[_ROMAN_LEVEL[m.group(1).lower()]]
    cat, _ = explicit_category(stripped)
    return cat
