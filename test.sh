#!/usr/bin/env bash
# Runs the whole test suite (lint, layer contracts, types, pytest), installing what it needs first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
# pdftotext/pdftoppm read PDFs; Xvfb, openbox, xdotool and imagemagick run the real-window tests;
# chromium (headless) runs the phone page's browser tests; LibreOffice (Calc, Draw) opens the
# workbook and the PDFs as an office does
IKRAR_EXTRA_DEBS="poppler-utils xvfb xauth xdotool openbox imagemagick chromium libreoffice-calc-nogui libreoffice-draw-nogui" bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy  # types: [tool.mypy] in pyproject.toml
# Two workers (pytest-xdist), one per core; "-n0" after them runs everything in this process.
exec .venv/bin/python -m pytest -n 2 "$@"
