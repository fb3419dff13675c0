"""Starting the desktop app: Qt application, language, database, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ui import settings as opts
from ui import texts
from ui.settings import Settings

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def install_translation(app: QApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own translations for ``language`` ("id" needs none of ours)."""
    texts.LANGUAGE = language
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if language == "id"
                               else QLocale.Language.English))
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if language != "id":
        ours = QTranslator(app)
        if ours.load(f"ikrar_{language}", str(TRANSLATIONS)):
            app.installTranslator(ours)
            installed.append(ours)
    return installed


def open_store_interactively(db: str | None, dialogs):
    """Open the database, explaining plainly (and changing nothing) when it cannot be used."""
    from events.store import Store, StoreError
    from ui.texts import store_error_text

    try:
        return Store.open(db)
    except StoreError as error:
        dialogs.error(None, QApplication.translate("App", "Basis data"),
                      QApplication.translate(
                          "App", "Ikrar tidak dapat membuka basis data.\n\n{0}\n\nBerkas itu "
                          "tidak diubah. Pilih berkas lain dengan --db, atau hubungi admin."
                      ).format(store_error_text(error)))
        return None


def run_gui(args) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Ikrar")
    app.setOrganizationName("Ikrar")
    settings = Settings()
    language = args.lang or settings.get(opts.LANGUAGE)
    install_translation(app, language)

    from events.store import StoreError
    from ui.main_window import MainWindow
    from ui.services import DialogService

    dialogs = DialogService()
    store = open_store_interactively(args.db or settings.get(opts.DATABASE) or None, dialogs)
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
    window.show()
    return app.exec()
