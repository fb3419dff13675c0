"""Backups from the window: automatic while an event is open, on request, at closing, and a
restore that keeps what it replaces."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from events.checkins import Desk, active_checkins
from pledges.backup import generations
from ui import settings as opts


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """These tests run backups on worker threads; the window each one leaves is collected here,
    on the GUI thread, once the window is closed (set up first, torn down last), not by a
    later test's worker, which would free its QObjects off their thread."""
    yield
    gc.collect()


def test_automatic_backups_start_once_an_event_is_open(qtbot, main_window, settings, tmp_path,
                                                       event_with_roster):
    folder = tmp_path / "flashdisk"
    settings.set(opts.BACKUP_FOLDER, str(folder))
    backups = main_window.backups
    backups.on_timer()  # no event open yet: nothing
    assert not folder.exists() and backups.timer is None
    main_window.open_event(event_with_roster.id)
    assert backups.timer is not None and backups.timer.isActive()
    with qtbot.wait_signal(backups.status, timeout=20_000) as said:
        backups.on_timer()
    assert said.args[0].startswith("Cadangan ikrar-cadangan-")
    assert len(generations(folder)) == 1
    assert "Cadangan" in main_window.statusBar().currentMessage()


def test_back_up_now_asks_for_a_folder_the_first_time(qtbot, main_window, settings, tmp_path,
                                                      dialogs, monkeypatch):
    folder = tmp_path / "usb"
    monkeypatch.setattr(dialogs, "choose_folder", lambda *a, **k: str(folder), raising=False)
    with qtbot.wait_signal(main_window.backups.status, timeout=20_000):
        main_window.backups.backup_now(main_window)
    qtbot.wait_until(lambda: bool(dialogs.messages), timeout=5000)
    assert settings.get(opts.BACKUP_FOLDER) == str(folder)
    assert dialogs.messages[-1][0] == "info" and "diperiksa" in dialogs.messages[-1][2]
    assert len(generations(folder)) == 1


def test_restore_keeps_what_it_replaces(qtbot, main_window, settings, tmp_path, dialogs, store,
                                        event_with_roster):
    from pledges.backup import backup

    settings.set(opts.BACKUP_FOLDER, str(tmp_path / "cadangan"))
    morning = backup(main_window.store, tmp_path / "pagi.sqlite").path
    someone = store.list_attendees(event_with_roster.id)[0]
    Desk(store, event_with_roster.id, "Meja 1").check_in(someone.id)
    dialogs.file_path = str(morning)
    dialogs.answers.append(True)
    assert main_window.backups.restore(main_window)
    assert "Dipulihkan: 1 acara" in dialogs.messages[-1][2]
    from events.store import Store

    back = Store.open(store.location, create=False)
    try:
        assert not active_checkins(back, event_with_roster.id)  # as it was in the morning
    finally:
        back.close()
    kept = [p for p in Path(tmp_path / "cadangan").iterdir()
            if p.name.startswith("ikrar-sebelum-pulih-")]
    assert len(kept) == 1
    previous = Store.open(kept[0], create=False)
    try:
        assert someone.id in active_checkins(previous, event_with_roster.id)
    finally:
        previous.close()
