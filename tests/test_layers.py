"""The domain (events/, pledges/) runs without a screen: it never imports Qt or ui/, and events/
never imports pledges/. Checked twice: statically over the source, and by importing the domain in
a fresh interpreter where PySide6 cannot be imported at all."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN = {
    "events": {"PySide6", "ui", "pledges"},
    "pledges": {"PySide6", "ui"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module name an import statement (or import_module/__import__ call with a literal
    name) in ``source`` asks for, relative imports resolved against ``module``."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name:
                found.add(name)
            found.update(f"{name}.{alias.name}" if name else alias.name for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            found.add(node.args[0].value)
    return found


def forbidden_imports(layer: str) -> list[str]:
    problems = []
    for path in sorted((REPO_ROOT / layer).rglob("*.py")):
        module = _module_name(path)
        names = imported_modules(path.read_text(encoding="utf-8"), module,
                                 path.name == "__init__.py")
        for name in sorted(names):
            if name.split(".")[0] in FORBIDDEN[layer]:
                problems.append(f"{path.relative_to(REPO_ROOT)} imports {name}")
    return problems


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_domain_source_never_imports_qt_or_ui(layer):
    assert (REPO_ROOT / layer / "__init__.py").exists()
    assert forbidden_imports(layer) == []


def test_the_source_walk_sees_the_domain_modules():
    files = {p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "events").rglob("*.py")}
    assert {"events/store.py", "events/validation.py", "events/demo.py",
            "events/migrations/versions/0001_events_and_roster.py"} <= files


@pytest.mark.parametrize("source, expected", [
    ("import PySide6.QtCore", "PySide6.QtCore"),
    ("from PySide6 import QtWidgets", "PySide6"),
    ("from ui.widgets import Thing", "ui.widgets"),
    ("from .. import ui", "ui"),
    ("from ..pledges import seal", "pledges"),
    ("import importlib\nimportlib.import_module('PySide6.QtGui')", "PySide6.QtGui"),
    ("def late():\n    import ui.app\n", "ui.app"),
])
def test_the_import_scan_catches_forbidden_imports(source, expected):
    assert expected in imported_modules(source, "events.store")


def test_the_domain_imports_with_pyside6_unavailable(tmp_path):
    """A fresh interpreter where PySide6, ui and pledges raise on import still loads the domain."""
    blocker = tmp_path / "blocked"
    for name in ("PySide6", "ui", "pledges"):
        (blocker / name).mkdir(parents=True)
        (blocker / name / "__init__.py").write_text(
            f"raise ImportError('{name} must not be imported by the domain')\n")
    code = "\n".join([
        "import sys",
        "try:",
        "    import PySide6",
        "except ImportError:",
        "    pass",
        "else:",
        "    sys.exit('the PySide6 blocker did not work')",
        "sys.modules.pop('PySide6', None)",
        "import events.store, events.demo, events.validation",
        "from events.store import Store",
        "store = Store.open(sys.argv[1])",
        "from events.demo import open_demo",
        "open_demo(store)",
        "store.close()",
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui', 'pledges'))",
        "sys.exit(f'imported: {bad}' if bad else 0)",
    ])
    # cwd is outside the repository, so only PYTHONPATH decides what "ui" and "pledges" are.
    path = [str(blocker), str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "demo.sqlite")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
