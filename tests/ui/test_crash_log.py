"""An error nobody caught, in the desktop app: written to the log with its traceback, and the
user told where that log is; the app runs on."""

from __future__ import annotations

import sys

import pytest

from events import logs
from ui.app import CrashReporter, install_excepthook, open_store_interactively


@pytest.fixture
def log_path(tmp_path):
    logs.stop_logging()
    path = logs.setup_logging(tmp_path / "log")
    yield path
    logs.stop_logging()


def _raise_in_a_slot():
    def on_checked_in():
        raise KeyError("NIP 198609262015051001 hilang")

    try:
        on_checked_in()
    except KeyError:
        return sys.exc_info()
    raise AssertionError("did not raise")


def test_the_hook_logs_the_traceback_masked_and_tells_where(dialogs, log_path):
    hook = CrashReporter(dialogs, log_path)
    hook(*_raise_in_a_slot())

    text = log_path.read_text(encoding="utf-8")
    assert "CRITICAL ui.app: unexpected error" in text
    assert "Traceback (most recent call last)" in text and "in on_checked_in" in text
    assert "KeyError: 'NIP [NIP] hilang'" in text and "198609262015051001" not in text
    [(kind, title, message)] = dialogs.messages
    assert (kind, title) == ("error", "Kesalahan")
    assert "Terjadi kesalahan yang tidak terduga" in message and "Ikrar tetap berjalan" in message
    assert str(log_path) in message


def test_without_a_log_file_the_message_says_so(dialogs):
    CrashReporter(dialogs, None)(*_raise_in_a_slot())
    [message] = dialogs.errors()
    assert "tidak dapat dicatat" in message


def test_an_error_while_the_message_is_up_is_logged_not_shown_twice(dialogs, log_path):
    hook = CrashReporter(dialogs, log_path)

    class Nested(type(dialogs)):
        def error(self, parent, title, text):
            super().error(parent, title, text)
            hook(*_raise_in_a_slot())  # the message box's own event loop ran into another

    hook.dialogs = Nested()
    hook(*_raise_in_a_slot())
    assert len(hook.dialogs.messages) == 1
    assert log_path.read_text(encoding="utf-8").count("unexpected error") == 2


def test_install_sets_sys_excepthook(dialogs, log_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    hook = install_excepthook(dialogs, log_path)
    assert sys.excepthook is hook


def test_opening_the_database_is_logged_without_a_password(dialogs, log_path, tmp_path):
    store = open_store_interactively(str(tmp_path / "ikrar.sqlite"), dialogs)
    store.close()
    assert open_store_interactively(
        "postgresql://panitia:rahasia@127.0.0.1:1/ikrar?connect_timeout=1", dialogs) is None
    text = log_path.read_text(encoding="utf-8")
    assert f"database opened: {tmp_path / 'ikrar.sqlite'} (sqlite)" in text
    assert "WARNING ui.app: database postgresql://panitia:***@127.0.0.1:1/ikrar" in text
    assert "rahasia" not in text
