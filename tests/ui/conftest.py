"""Fixtures for the widget tests: offscreen Qt, a scripted dialog service, settings on a tmp file.

The store fixture (a migrated SQLite file under tmp_path) comes from tests/conftest.py.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A test that starts the whole app (main.main([])) logs here, not in the user's log folder.
os.environ.setdefault("IKRAR_LOG_DIR", tempfile.mkdtemp(prefix="ikrar-test-log-"))

from collections import deque  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, QThreadPool  # noqa: E402
from uihelpers import sample_event, sample_people, show_main_window  # noqa: E402

from events.model import Event  # noqa: E402
from events.store import Store  # noqa: E402
from ui.services import DialogService  # noqa: E402
from ui.settings import Settings  # noqa: E402

QUICK_POLL_MS = 40

class ScriptedDialogs(DialogService):
    """Answers like a user would, from a script; records every message shown.

    Attributes:
        messages: (kind, title, text) of every error and info box, in order.
        questions: (title, text) of every confirmation asked.
        answers: the answers confirm() gives, first in first out; asking with none left fails.
        file_path: what open_file() and save_file() return (None: the user cancelled).
    """

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.questions: list[tuple[str, str]] = []
        self.buttons: list[tuple[str, str]] = []  # the (yes, no) texts asked with, "" = Ya/Tidak
        self.answers: deque[bool] = deque()
        self.file_path: str | None = None
        self.file_requests: list[tuple[str, str, str]] = []
        self.texts: deque[str | None] = deque()  # what ask_text()/ask_secret() answer
        self.prompts: list[tuple[str, str]] = []
        self.notes: list[str] = []  # what ask_passphrase() explained above the field
        self.new_keys: deque[tuple[str, str] | None] = deque()  # ask_new_key(); empty: cancel
        self.choices: deque[str] = deque()  # save_discard_or_cancel(): "save", "discard"...

    def confirm(self, parent, title: str, text: str, *, yes: str = "", no: str = "") -> bool:
        self.questions.append((title, text))
        self.buttons.append((yes, no))
        assert self.answers, f"unexpected confirmation asked: {title}: {text}"
        return self.answers.popleft()

    def save_discard_or_cancel(self, parent, title: str, text: str) -> str:
        self.questions.append((title, text))
        assert self.choices, f"unexpected question: {title}: {text}"
        return self.choices.popleft()

    def error(self, parent, title: str, text: str) -> None:
        self.messages.append(("error", title, text))

    def info(self, parent, title: str, text: str) -> None:
        self.messages.append(("info", title, text))

    def open_file(self, parent, title: str, directory: str, filters: str,
                  kind: str | None = None) -> str | None:
        self.file_requests.append((title, directory, filters))
        return self.file_path

    def save_file(self, parent, title: str, directory: str, filters: str,
                  kind: str | None = None) -> str | None:
        self.file_requests.append((title, directory, filters))
        return self.file_path

    def ask_text(self, parent, title: str, label: str, text: str = "") -> str | None:
        self.prompts.append((title, label))
        assert self.texts, f"unexpected question: {title}: {label}"
        return self.texts.popleft()

    def ask_secret(self, parent, title: str, label: str) -> str | None:
        return self.ask_text(parent, title, label)

    def ask_passphrase(self, parent, title: str, label: str, note: str) -> str | None:
        self.notes.append(note)
        return self.ask_text(parent, title, label)

    def ask_new_key(self, parent, label: str = "") -> tuple[str, str] | None:
        self.prompts.append(("new key", label))
        return self.new_keys.popleft() if self.new_keys else None

    def errors(self) -> list[str]:
        return [text for kind, _title, text in self.messages if kind == "error"]


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def _quick_polls(monkeypatch) -> None:
    """Pages look for other desks' work every few milliseconds, not every second, so a test
    waits for what another desk did no longer than it must."""
    from ui import dashboard, live_poll

    monkeypatch.setattr(live_poll, "POLL_MS", QUICK_POLL_MS)
    monkeypatch.setattr(dashboard, "REFRESH_MS", QUICK_POLL_MS)


@pytest.fixture(autouse=True)
def _cycles_collected_on_the_gui_thread(qapp) -> Iterator[None]:
    """As in the app (ui/app.py): Python's cycle collector runs on the GUI thread only, never
    on a worker, where freeing the GUI thread's QObjects crashes Qt."""
    import gc

    from ui.worker import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield
    collector.stop()
    collector.deleteLater()
    gc.collect()


@pytest.fixture(autouse=True)
def _no_task_left_running() -> Iterator[None]:
    """No background task of one test may run on into the next one."""
    yield
    assert QThreadPool.globalInstance().waitForDone(5000), "a background task did not finish"


@pytest.fixture
def modal(monkeypatch, qtbot) -> Callable:
    """Replace ``cls.exec`` so the app's own code opens the real dialog, and ``driver(dialog)``
    plays the user; exec returns the dialog's result as Qt's would. A dialog the driver left
    open is rejected (as closing its window would), so nothing hangs.

    Returns the list of dialogs opened, to inspect afterwards.
    """
    opened: list = []

    def install(cls, driver: Callable) -> list:
        def fake_exec(self) -> int:
            if self.parent() is None:  # else its window owns and deletes it
                qtbot.add_widget(self)
            opened.append(self)
            self.show()
            qtbot.waitExposed(self)
            driver(self)
            if self.isVisible():
                self.reject()
            return self.result()

        monkeypatch.setattr(cls, "exec", fake_exec)
        return opened

    return install


@pytest.fixture
def event_with_roster(store: Store) -> Event:
    """A saved event with six attendees in four categories (one name with accents)."""
    event = store.create_event(sample_event())
    store.add_attendees(event.id, sample_people())
    return store.get_event(event.id)


@pytest.fixture
def pledged(store: Store, event_with_roster: Event) -> Event:
    """The event with roster, its pledge text chosen (netralitas ASN 2024)."""
    from pledges.texts import use_template

    use_template(store, event_with_roster.id, "netralitas_asn_2024")
    return event_with_roster


@pytest.fixture
def main_window(qtbot, store: Store, dialogs: ScriptedDialogs, settings: Settings):
    """The main window, shown, at Meja 2 with operator Rina (the desk/operator dialog is
    tested on its own); its desk and station are closed afterwards."""
    from ui import settings as opts

    settings.set(opts.DESK_NAME, "Meja 2")
    settings.set(opts.OPERATOR, "Rina")
    win = show_main_window(qtbot, store, settings, dialogs, (1180, 760))
    win._desk_named = True
    yield win
    if win.desk_page is not None:
        win.desk_page.kiosk = False  # the test is over: let the window close without a PIN
        win.desk_page.close_desk()
    if win.station_page is not None:
        win.stack.setCurrentWidget(win.roster_page)  # likewise the station's PIN
        win.station_page.close_station()
