"""requirements.lock, what scripts/bootstrap.sh installs, holds every pin of pyproject.toml:
a pin changed in one place only would leave the lock installing the old version."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        found = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#\\]+)", line)
        if found:
            pins[_name(found[1])] = found[2]
    return pins


def test_the_lock_pins_every_requirement_of_pyproject_at_its_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _pins(project["dependencies"] + project["optional-dependencies"]["test"])
    locked = _pins((ROOT / "requirements.lock").read_text().splitlines())
    assert len(wanted) == len(project["dependencies"]) + len(
        project["optional-dependencies"]["test"]), "every requirement is pinned with =="
    assert {name: locked.get(name) for name in wanted} == wanted
    assert len(locked) > len(wanted)  # what they pull in is pinned too


def test_the_environment_the_tests_run_in_is_exactly_the_lock():
    """bootstrap syncs .venv to the lock: every installed distribution is locked, at its
    locked version, and nothing locked is missing (the camera's optional Qt add-on aside)."""
    from importlib import metadata

    locked = _pins((ROOT / "requirements.lock").read_text().splitlines())
    installed = {_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for extra in ("pip", "setuptools", "pyside6-addons"):  # the venv's own; optional camera
        installed.pop(extra, None)
    assert installed == locked
