"""Reading a PDF back in tests with poppler-utils: its text and its words' positions."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


def pdf_text(pdf: bytes, path: Path, *extra: str) -> str:
    """Write ``pdf`` to ``path`` and return what pdftotext reads (``extra``: its options)."""
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True,
                          check=True, text=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(x0, y0, x1, y1, word) in points from the page's top left corner."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path),
                           "-"], check=True, capture_output=True, text=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(html)]
