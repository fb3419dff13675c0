#!/usr/bin/env bash
# Runs Ikrar, installing what it needs on first use. Arguments go to main.py.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/scripts/bootstrap.sh" >&2
exec "$here/.venv/bin/python" "$here/main.py" "$@"
