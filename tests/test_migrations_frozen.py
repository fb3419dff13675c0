"""Migrations are history: they import no live domain code whose later change would rewrite
what an old database is upgraded to (only column types, which are part of the schema)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from events import audit

VERSIONS = Path(__file__).resolve().parent.parent / "events" / "migrations" / "versions"
ALLOWED = {"events.types"}  # column types: the schema's vocabulary, not behaviour


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(VERSIONS.glob("0*.py")), ids=lambda p: p.name)
def test_a_migration_imports_no_live_domain_code(path):
    ours = {m for m in _imports(path) if m.split(".")[0] in ("events", "pledges", "ui")}
    assert ours <= ALLOWED


def _migration_0004():
    path = next(VERSIONS.glob("0004_*.py"))
    spec = importlib.util.spec_from_file_location("frozen_0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_frozen_attendee_digest_is_the_one_the_trail_checks_today():
    frozen = _migration_0004()
    records = [
        {"name": "Ani Ç. Sutomo", "category": "asn", "nip": "198609262015051001", "nik": None,
         "golongan": "III/a", "jabatan": "Analis", "unit": "Kesbangpol", "phone": "0812",
         "institution": None, "source": "import", "invited": 1, "note": "\u201ccatatan\u201d",
         "token": "AAAAAAAAAAAAAAAA", "id": 7},
        {"name": "Budi", "category": "tamu", "invited": 0, "token": "B"},
    ]
    for record in records:
        assert frozen._attendee_digest(record) == audit.attendee_digest(record)
    assert (frozen._GENESIS, frozen._FORMAT, frozen._INSTALLATION, frozen._INSTALLATION_UID) == (
        audit.GENESIS, audit.FORMAT, audit.INSTALLATION, audit.INSTALLATION_UID)
