#!/usr/bin/env bash
# Prepares a fresh machine for Ikrar: the Debian libraries Qt needs (when missing and
# installable), a virtual environment in .venv and the locked Python packages.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# Libraries PySide6 loads at import time (offscreen) and to open a real window (xcb).
qt_debs="libglib2.0-0 libgl1 libxkbcommon0 libegl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
libxcb-render-util0 libxcb-shape0"
if command -v dpkg >/dev/null 2>&1; then
    missing=""
    for p in $qt_debs ${IKRAR_EXTRA_DEBS:-}; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        if [ -z "$sudo" ] || command -v sudo >/dev/null 2>&1; then
            echo "Installing Debian packages:$missing"
            $sudo apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
        else
            echo "Please install these Debian packages first:$missing" >&2
        fi
    fi
fi

# One lock for the app and the tests (requirements.lock: every package, pinned, with hashes;
# compiled from pyproject.toml with its test extras). The virtual environment ends up exactly
# the lock: a package not in it is removed, one missing or of another version is installed,
# every file checked against its hash. Only pip and setuptools, which the venv module puts in
# every virtual environment, stay beside it.
lock="requirements.lock"
py="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$py" -m venv .venv
stamp=".venv/.ikrar-installed"
want="$(sha256sum < "$lock" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    # The installer itself, at the version and with the hashes the lock gives it.
    uv_pin=".venv/.ikrar-uv.txt"
    awk '/^uv==/ { p = 1 } p { print; if ($0 !~ /\\$/) exit }' "$lock" > "$uv_pin"
    .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps \
        -r "$uv_pin"
    # The camera's Qt add-on (README, "Pindai dengan Kamera") is the user's choice, not in the
    # lock: when installed it is kept, at the version of the Qt the lock has.
    addons=""
    if compgen -G ".venv/lib/python*/site-packages/[Pp][Yy][Ss]ide6_[Aa]ddons-*.dist-info" \
            >/dev/null; then
        addons="PySide6-Addons==$(sed -n 's/^pyside6-essentials==\([^ ]*\).*/\1/p' "$lock")"
    fi
    # The dependencies only: the app runs from this folder (main.py), so it needs no
    # installing itself, and an editable install would add an import hook to every start.
    # Compiled bytecode up front: the first start of the app is as fast as every later one.
    VIRTUAL_ENV="$here/.venv" .venv/bin/uv pip sync -q --require-hashes --compile-bytecode \
        --python .venv/bin/python "$lock"
    if [ -n "$addons" ]; then
        VIRTUAL_ENV="$here/.venv" .venv/bin/uv pip install -q --compile-bytecode \
            --python .venv/bin/python "$addons"
    fi
    .venv/bin/python -m compileall -q -j 0 .venv/lib/python*/site-packages >/dev/null || true
    rm -f .venv/.ikrar-installed-*  # the stamps of the unlocked installs before
    echo "$want" > "$stamp"
fi
# The app's own modules, compiled too (even where PYTHONDONTWRITEBYTECODE is set).
.venv/bin/python -m compileall -q -j 0 main.py events pledges ui >/dev/null || true
