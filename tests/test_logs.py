"""events.logs: the log file, and no NIP, NIK or phone number in it, however written."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from events import logs


@pytest.mark.parametrize(("written", "placeholder"), [
    ("198609262015051001", "[NIP]"),
    ("19860926 201505 1 001", "[NIP]"),
    ("19860926.201505.1.001", "[NIP]"),
    ("19860926-201505-1-001", "[NIP]"),
    ("3201012345670001", "[NIK]"),
    ("3201 0123 4567 0001", "[NIK]"),
    ("32.01.01.234567.0001", "[NIK]"),
    ("081234567890", "[TELEPON]"),
    ("0812-3456-7890", "[TELEPON]"),
    ("0812 3456 789", "[TELEPON]"),
    ("+6281234567890", "[TELEPON]"),
    ("+62 812 3456 7890", "[TELEPON]"),
    ("62.812.3456.7890", "[TELEPON]"),
])
def test_nip_nik_and_phone_numbers_are_masked_however_written(written, placeholder):
    assert logs.mask(f"nomor {written} tidak ditemukan") == f"nomor {placeholder} tidak ditemukan"
    assert logs.mask(f"({written});") == f"({placeholder});"


@pytest.mark.parametrize("text", [
    "check-in failed: unreachable (attendee 1234, event 7)",
    "2024-01-02 08:00:00 Meja Registrasi 10",
    "hash 3f2a9c0d81b7e6a4c5d2f1e0b9a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0",
    "token ABCDEFGH23456789",
    "versi 0.8.1, 12345 baris",
])
def test_other_numbers_stay(text):
    assert logs.mask(text) == text


def test_every_record_is_masked_in_the_file_arguments_and_tracebacks_too(tmp_path):
    logs.stop_logging()
    try:
        path = logs.setup_logging(tmp_path)
        assert path == tmp_path / "ikrar.log" and logs.setup_logging(tmp_path / "x") == path
        log = logging.getLogger("ikrar.test")
        log.info("opened for %s, phone %s", "19860926 201505 1 001", "0812-3456-7890")
        try:
            raise ValueError("NIK 3201012345670001 sudah terdaftar")
        except ValueError:
            log.exception("import failed")
        log.debug("not written at INFO")
    finally:
        logs.stop_logging()
    text = path.read_text(encoding="utf-8")
    assert "INFO ikrar.test: opened for [NIP], phone [TELEPON]" in text
    assert "ERROR ikrar.test: import failed" in text
    assert "Traceback (most recent call last)" in text
    assert "ValueError: NIK [NIK] sudah terdaftar" in text
    assert "3201012345670001" not in text and "201505" not in text
    assert "not written" not in text


def test_an_unwritable_folder_means_no_log_not_a_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    logs.stop_logging()
    try:
        assert logs.setup_logging(blocker / "sub") is None
        assert logs.log_file() is None
    finally:
        logs.stop_logging()


def test_the_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path / "logs"))
    assert logs.log_folder() == tmp_path / "logs"


def test_importing_it_loads_no_qt():
    code = ("import sys, events.logs; events.logs.log_folder(); "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_alembic_plugin_chatter_stays_out_but_migrations_are_logged(tmp_path):
    logs.stop_logging()
    try:
        path = logs.setup_logging(tmp_path)
        logging.getLogger("alembic.runtime.plugins").info("setup plugin x")
        logging.getLogger("alembic.runtime.migration").info("Running upgrade 0003 -> 0004")
    finally:
        logs.stop_logging()
    text = path.read_text(encoding="utf-8")
    assert "setup plugin" not in text and "Running upgrade 0003 -> 0004" in text
