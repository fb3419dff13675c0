"""Text that is safe to keep, print and hand to a spreadsheet.

- Control characters (a stray byte from a CSV, ``_x0001_`` in an .xlsx) and invisible ones
  (zero-width spaces and joiners, bidirectional overrides, soft hyphens, byte order marks)
  have no place in a name: they break exports and hide what is written. :func:`clean` removes
  them, and the roster import reports it.
- A run of eight or more digits in a name, whatever separates them (spaces, dots, ``_``,
  zero-width spaces), is an identity or phone number typed into the wrong field:
  :func:`hide_numbers` hides it on every public document, :func:`number_run` finds it at import.
- A value that begins with ``=``, ``+``, ``-`` or ``@`` is a formula to a spreadsheet:
  :func:`csv_text` gives it an apostrophe (CSV); the .xlsx writer stores it as text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FORMULA_START", "HIDDEN", "clean", "csv_text", "hide_numbers", "is_formula",
           "number_run"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HIDDEN = "[disembunyikan]"

# Invisible characters that are not control characters (category Cf and a few others).
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f" \
             "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068" \
             "\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
_SEPARATORS = r"[\s.,:;/|_\-" + "".join(_INVISIBLE) + r"]*"
_NUMBER_RUN = re.compile(r"\d(?:" + _SEPARATORS + r"\d){7,}")


def _unwanted(char: str) -> bool:
    if char in _INVISIBLE:
        return True
    category = unicodedata.category(char)
    # Cc: control characters (tab and newline included: a name is one line); Cs: lone
    # surrogates; Co/Cn: private use and unassigned code points.
    return category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char != "\u00a0")


def clean(text: str) -> tuple[str, bool]:
    """``text`` without control and invisible characters (a tab or line break becomes a
    space), and whether anything was removed."""
    if text.isascii() and text.isprintable():
        return text, False
    out = []
    changed = False
    for char in text:
        if char in "\t\n\r\x0b\x0c":
            out.append(" ")
            changed = True
        elif _unwanted(char):
            changed = True
        else:
            out.append(char)
    return "".join(out), changed


def number_run(text: str) -> str | None:
    """The first run of eight or more digits in ``text`` (separators allowed), or None."""
    found = _NUMBER_RUN.search(text or "")
    return found.group(0) if found else None


def hide_numbers(text: str) -> str:
    """``text`` with each run of eight or more digits replaced by :data:`HIDDEN`."""
    return _NUMBER_RUN.sub(HIDDEN, text or "")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` as a formula."""
    return text.startswith(FORMULA_START)


def csv_text(text: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection): a leading = + - @ gets an
    apostrophe, which Excel and LibreOffice show as text."""
    return "'" + text if is_formula(text) else text
