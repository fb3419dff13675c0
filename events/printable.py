"""Text as the documents print it: normalised when it comes in, refused when it cannot be drawn.

A name or a position is printed on certificates, attendance lists and minutes, and sealed as it
is printed (pledges/seal.py). So what is stored must be exactly what a page shows:

- :func:`normalise`: Unicode NFC; characters nobody sees (zero-width spaces and joiners, the
  byte order mark, direction marks and embeddings, control and private-use characters) removed;
  full-width Latin letters and digits (U+FF01-FF5E) turned into the ordinary ones; runs of
  spaces collapsed. What was removed or turned is reported, so the person importing knows.
- :func:`unprintable`: the characters the bundled fonts (DejaVu Sans, drawn by reportlab,
  which neither shapes joined scripts nor orders right-to-left text) cannot draw as a reader
  would write them: right-to-left scripts (Arabic, Hebrew...), scripts whose letters join or
  reorder (Javanese, Devanagari, Thai...), and anything the font has no glyph for (most
  emoji). A field holding one is refused with the reason, rather than printed wrongly.

No Qt here; the font's character map is read once, on first use.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

__all__ = ["char_names", "normalise", "unprintable"]

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# Characters removed as invisible: format (Cf: ZWSP, ZWJ, ZWNJ, BOM, LRM/RLM, bidi embeddings
# and isolates, soft hyphen), control (Cc), private use (Co), surrogates (Cs), unassigned (Cn).
_INVISIBLE = frozenset({"Cf", "Cc", "Co", "Cs", "Cn"})
# Scripts reportlab cannot draw correctly: right-to-left, joined, or reordered letters.
_COMPLEX_SCRIPTS = (
    "ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO", "SAMARITAN", "MANDAIC", "DEVANAGARI",
    "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM",
    "SINHALA", "THAI", "LAO", "TIBETAN", "MYANMAR", "KHMER", "JAVANESE", "BALINESE",
    "SUNDANESE", "BUGINESE", "BATAK", "MONGOLIAN", "REJANG", "MAKASAR",
)
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI",
                            "PDF", "PDI", "FSI"})

_cmap: frozenset[int] | None = None
_lock = threading.Lock()


def _font_characters() -> frozenset[int]:
    """The code points every bundled face has a glyph for."""
    global _cmap
    with _lock:
        if _cmap is None:
            from reportlab.pdfbase.ttfonts import TTFontFile

            covered: set[int] | None = None
            for name in FONT_FILES:
                chars = set(TTFontFile(str(FONT_DIR / name)).charToGlyph)
                covered = chars if covered is None else covered & chars
            _cmap = frozenset(covered or ())
        return _cmap


def char_names(chars: list[str]) -> str:
    """"U+200B ZERO WIDTH SPACE, U+FEFF ZERO WIDTH NO-BREAK SPACE": for a problem's message."""
    seen = list(dict.fromkeys(chars))
    shown = [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in seen[:4]]
    return ", ".join(shown) + (f" (+{len(seen) - 4})" if len(seen) > 4 else "")


def normalise(text: str) -> tuple[str, list[str]]:
    """(the text as it will be stored and printed, the characters removed or turned)."""
    text = text or ""
    if text.isascii() and text.isprintable():  # most of a roster: nothing to do but spaces
        return " ".join(text.split()), []
    text = unicodedata.normalize("NFC", text)
    changed: list[str] = []
    kept: list[str] = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII: the ordinary letter or digit
            changed.append(ch)
            kept.append(chr(code - 0xFEE0))
        elif ch in "\t\n\r\x0b\x0c\x85\u2028\u2029":
            kept.append(" ")
        elif unicodedata.category(ch) in _INVISIBLE:
            changed.append(ch)
        else:
            kept.append(ch)
    return " ".join("".join(kept).split()), changed


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` the documents cannot draw correctly (see the module doc)."""
    if text.isascii():  # the bundled fonts draw every printable ASCII character
        return []
    covered = _font_characters()
    bad = []
    for ch in text:
        if ch == " ":
            continue
        name = unicodedata.name(ch, "")
        if (ord(ch) not in covered or unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT
                or name.startswith(_COMPLEX_SCRIPTS)):
            bad.append(ch)
    return bad
