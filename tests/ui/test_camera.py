"""The camera's message speaks to desk staff; the missing package is named only in the log."""

from __future__ import annotations

import importlib.util
import logging

import ui.camera

STAFF_MESSAGE = "Kamera tidak tersedia di komputer ini; gunakan pemindai USB atau ketik nama."


def _without(monkeypatch, missing_module: str) -> None:
    real = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        return None if name == missing_module else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


def test_missing_qt_multimedia_tells_staff_what_to_do_and_logs_the_package(
    qapp, monkeypatch, caplog
):
    _without(monkeypatch, "PySide6.QtMultimedia")
    monkeypatch.setattr(importlib.util, "find_spec", _chain(importlib.util.find_spec))
    with caplog.at_level(logging.WARNING, logger="ui.camera"):
        message = ui.camera.camera_problem()
    assert message == STAFF_MESSAGE
    assert "PySide6" not in message and "pip" not in message
    assert "PySide6-Addons" in caplog.text


def test_missing_decoder_tells_staff_the_same_and_logs_the_package(qapp, monkeypatch, caplog):
    _without(monkeypatch, "zxingcpp")
    with caplog.at_level(logging.WARNING, logger="ui.camera"):
        message = ui.camera.camera_problem()
    assert message == STAFF_MESSAGE
    assert "zxing" in caplog.text


def _chain(find_spec):
    """Pretend the decoder is installed, so the Qt Multimedia check is the one that speaks."""

    def chained(name, *args, **kwargs):
        if name == "zxingcpp":
            return object()
        return find_spec(name, *args, **kwargs)

    return chained
