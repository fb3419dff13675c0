#!/usr/bin/env bash
# Runs the whole test suite (lint, layer contracts, pytest), installing what it needs first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
IKRAR_EXTRA_DEBS="poppler-utils" bash scripts/bootstrap.sh  # pdftotext/pdftoppm read PDFs
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
# Two workers (pytest-xdist), one per core; "-n0" after them runs everything in this process.
exec .venv/bin/python -m pytest -n 2 "$@"
