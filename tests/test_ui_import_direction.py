"""Imports among ui/ modules run one way where two of them were once a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ui"


def _ui_imports(name: str) -> set[str]:
    """The ui.* modules a ui module imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse((UI / f"{name}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("ui."))
    return found


def test_the_dialog_service_does_not_import_the_seal_keys():
    assert "ui.seal_keys" not in _ui_imports("services")
    assert "ui.seal_keys" not in _ui_imports("key_create_dialog")
    assert "ui.services" not in _ui_imports("key_create_dialog")
    assert "ui.services" in _ui_imports("seal_keys")  # the one direction
