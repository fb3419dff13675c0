#!/usr/bin/env bash
# Type-checks the code with mypy (settings in pyproject.toml, [tool.mypy]: the domain packages
# events/ and pledges/ strictly, ui/ and main.py with mypy's defaults). Arguments go to mypy,
# e.g. `scripts/typecheck.sh events` for one package. Installs what it needs first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/bootstrap.sh >&2
exec .venv/bin/mypy "$@"
