"""Shared fixtures. Every database lives under pytest's tmp_path, never in the user's data dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from events.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's SQLite database goes (not created yet)."""
    return tmp_path / "ikrar.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A freshly migrated store on a file in tmp_path, closed after the test."""
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch):
    """Seal keys derive their encryption key with 600,000 PBKDF2 rounds (a quarter second);
    tests that make many keys use 1,000. tests/test_keys.py checks the real setting."""
    from pledges import keys

    monkeypatch.setattr(keys, "KDF_ROUNDS", 1000)


@pytest.fixture
def passphrase(monkeypatch) -> str:
    """The seal key's passphrase, as the headless commands read it."""
    monkeypatch.setenv("IKRAR_KEY_PASSPHRASE", "kata-sandi-uji")
    return "kata-sandi-uji"
