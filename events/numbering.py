"""The numbers an event's documents carry, from its numbering scheme (the office's agenda
number): a pattern such as ``800/{n:03d}/Kesbangpol/2026`` set once per event, and a first
running number. The Berita Acara takes the first number; the signed statements (Surat
Pernyataan, Pakta Integritas) the ones after it, in the order they were signed.

Only ``{n}`` and ``{n:0Kd}`` (zero-padded to K digits) are placeholders; every other character
is kept as written."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"\{n(?::(0?)(\d{1,2})d)?\}")


def scheme_ok(scheme: str) -> bool:
    """Whether ``scheme`` can number documents: empty (nothing is numbered), or holding
    ``{n}`` / ``{n:03d}`` and no other braces."""
    if not scheme.strip():
        return True
    rest = _PLACEHOLDER.sub("", scheme)
    return bool(_PLACEHOLDER.search(scheme)) and "{" not in rest and "}" not in rest


def format_number(scheme: str, n: int) -> str:
    """``scheme`` with the running number ``n`` written in: ``"800/017/Kesbangpol/2026"``."""

    def put(match: re.Match[str]) -> str:
        zero, width = match.group(1), match.group(2)
        return str(n).zfill(int(width)) if zero and width else str(n)

    return _PLACEHOLDER.sub(put, scheme.strip())


def document_number(scheme: str, start: int, index: int = 0) -> str | None:
    """The number of the ``index``-th document of the event (0: the Berita Acara, 1, 2, ...: the
    signed statements in signing order), or None when the event has no (usable) scheme."""
    if not scheme.strip() or not scheme_ok(scheme):
        return None
    return format_number(scheme, start + index)
