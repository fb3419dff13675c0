"""Marking the domain's user-visible texts for translation without importing Qt.

The domain speaks Indonesian (the source language). A text that the UI shows is marked where it
is defined with :func:`QT_TRANSLATE_NOOP`, which returns the text unchanged; ``pyside6-lupdate``
reads the marker and puts the text in the translation catalogue under its context, and ui/
translates it with ``QCoreApplication.translate(context, text)`` before filling in parameters.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name lupdate reads)
    """Mark ``text`` for translation under ``context``; returns it unchanged."""
    return text
