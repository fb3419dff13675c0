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
