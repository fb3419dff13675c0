"""Starting the desktop app: Qt application, language, database, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QProcess,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from ui import settings as opts
from ui import texts
from ui.settings import Settings

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"

log = logging.getLogger(__name__)


def install_translation(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own translations for ``language`` ("id" needs none of ours)."""
    texts.LANGUAGE = language
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if language == "id"
                               else QLocale.Language.English))
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    # Qt ships no Indonesian catalogue of its own texts (buttons, the file dialog): ours
    # (resources/translations/qtbase_id.ts) stands in where Qt has none.
    if qt.load(f"qtbase_{language}", qt_dir) or qt.load(f"qtbase_{language}", str(TRANSLATIONS)):
        app.installTranslator(qt)
        installed.append(qt)
    if language != "id":
        ours = QTranslator(app)
        if ours.load(f"ikrar_{language}", str(TRANSLATIONS)):
            app.installTranslator(ours)
            installed.append(ours)
    return installed


def restart_command(argv: list[str], executable: str, frozen: bool) -> tuple[str, list[str]]:
    """The program and arguments that start Ikrar again as it was started, but without
    ``--lang`` (which would override the language just chosen)."""
    args, skip = [], False
    for arg in argv[1:]:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            args.append(arg)
    if frozen:  # a bundled app: the executable is Ikrar itself
        return executable, args
    return executable, [argv[0], *args]


def restart_app() -> bool:
    """Start a new Ikrar with this one's arguments and end this one's event loop (its
    windows are already closed). False, and nothing ended, when the new one did not start."""
    program, args = restart_command(sys.argv, sys.executable, getattr(sys, "frozen", False))
    started, _pid = QProcess.startDetached(program, args)  # in this working directory
    if not started:
        log.error("restart failed: %s %s", program, args)
        return False
    log.info("restarting: %s %s", program, args)
    QCoreApplication.quit()
    return True


def open_store_interactively(db: str | None, dialogs, create: bool = True):
    """Open the database, explaining plainly (and changing nothing) when it cannot be used.
    ``create``: a SQLite file that does not exist yet is created (the default location, the
    file chosen in the settings, ``--create``); a ``--db`` typed on the command line is not."""
    from events.store import Store, StoreError
    from ui.texts import store_error_text

    try:
        store = Store.open(db, create=create)
    except StoreError as error:
        log.warning("database %s could not be opened: %s", _safe_location(db), error.code)
        dialogs.error(None, QApplication.translate("App", "Basis data"),
                      QApplication.translate(
                          "App", "Ikrar tidak dapat membuka basis data.\n\n{0}\n\nBerkas itu "
                          "tidak diubah. Pilih berkas lain dengan --db, atau hubungi admin."
                      ).format(store_error_text(error)))
        return None
    log.info("database opened: %s (%s)", store.location, store.engine.dialect.name)
    return store


def _safe_location(db: str | None) -> str:
    """Where a database is, for the log: a URL without its password."""
    if not db:
        return "(default file)"
    if "://" not in str(db):
        return str(db)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(str(db)).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable URL)"


class CrashReporter:
    """``sys.excepthook`` for the desktop app: an error nobody caught is written, with its
    traceback, to the log, and the user is told in plain words where that log is. The app runs
    on (Qt carries on after a slot raised), so the desk is not lost mid-event.

    Attributes:
        dialogs: the dialog service that shows the message; log_path: the log file (None when
            there is none).
    """

    def __init__(self, dialogs, log_path: Path | None):
        self.dialogs = dialogs
        self.log_path = log_path
        self._showing = False  # an error while the message is up is logged, not shown again

    def __call__(self, kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("unexpected error", exc_info=(kind, error, trace))
        if self._showing:
            return
        self._showing = True
        try:
            self.dialogs.error(None, QApplication.translate("App", "Kesalahan"),
                               self.message(kind, error))
        except Exception:  # the message box itself failed: the log has the error
            log.exception("the error message could not be shown")
        finally:
            self._showing = False

    def message(self, kind, error) -> str:
        text = QApplication.translate(
            "App", "Terjadi kesalahan yang tidak terduga: {0}\n\nIkrar tetap berjalan; data "
            "yang sudah tersimpan aman. Bila kesalahan ini berulang, hubungi admin."
        ).format(f"{kind.__name__}: {error}")
        if self.log_path is None:
            return text + "\n\n" + QApplication.translate(
                "App", "Rinciannya tidak dapat dicatat (folder log tidak dapat ditulisi).")
        return text + "\n\n" + QApplication.translate(
            "App", "Rinciannya tercatat di berkas log:\n{0}").format(str(self.log_path))


def install_excepthook(dialogs, log_path: Path | None) -> CrashReporter:
    """Make uncaught errors go to the log and to a message box (see CrashReporter)."""
    hook = CrashReporter(dialogs, log_path)
    sys.excepthook = hook
    return hook


def run_gui(args) -> int:
    from events.logs import setup_logging

    log_path = setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Ikrar")
    app.setOrganizationName("Ikrar")
    from ui.worker import GuiThreadCollector

    collector = GuiThreadCollector(app)  # cycles freed on this thread, never on a worker
    try:
        return _run_window(app, args, log_path)
    finally:
        collector.stop()


def _run_window(app: QCoreApplication, args, log_path) -> int:
    """The main window, opened on the database chosen; runs until it is closed."""
    settings = Settings()
    language = args.lang or settings.get(opts.LANGUAGE)
    install_translation(app, language)

    from events.store import StoreError
    from ui.main_window import MainWindow
    from ui.services import DialogService

    dialogs = DialogService(settings)
    install_excepthook(dialogs, log_path)
    log.info("Ikrar started (desktop app, language %s, log %s)", language, log_path)
    store = open_store_interactively(args.db or settings.database_url() or None, dialogs,
                                     create=not args.db or getattr(args, "create", False))
    if store is None:
        return 1
    window = MainWindow(store, settings, dialogs)
    event_id = int(args.event) if args.event and str(args.event).isdigit() else None
    if args.event and event_id is None:
        try:
            event_id = store.find_event(args.event).id
        except StoreError:
            event_id = None
    if event_id is None:
        event_id = settings.get(opts.LAST_EVENT) or None
    if event_id:
        try:
            event = store.get_event(event_id)
        except StoreError:
            event = None
        if event is not None and not event.archived:
            window.open_event(event_id)
            if getattr(args, "desk", False):  # a laptop that is the desk all day
                QTimer.singleShot(0, window, lambda: window.open_desk(event_id))
    window.show()
    return app.exec()
