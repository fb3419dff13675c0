"""The main window: the start screen with the events, and an event's roster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from events.store import Store, StoreError
from ui import settings as opts
from ui.event_list import EventListPage
from ui.roster_page import RosterPage
from ui.screen_fit import fitting_size
from ui.seal_keys import SealKeys
from ui.services import DialogService
from ui.settings import Settings
from ui.stored import shown, stored_id
from ui.texts import store_error_text

if TYPE_CHECKING:
    from events.model import Event
    from ui.dashboard import DashboardWindow
    from ui.desk_page import DeskPage
    from ui.desk_session import KioskLock
    from ui.signing_page import SigningPage
    from ui.signing_station import SigningStationPage


DEFAULT_SIZE = QSize(1180, 760)


class MainWindow(QMainWindow):
    """Attributes:
        store: the open database.
        events_page: the start screen.
        roster_page: the roster of the open event.
    """

    def __init__(self, store: Store, settings: Settings | None = None,
                 dialogs: DialogService | None = None):
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.dialogs = dialogs or DialogService()
        self.setWindowTitle(self.tr("Ikrar"))
        self.resize(fitting_size(self, DEFAULT_SIZE))
        geometry = self.settings.get(opts.MAIN_GEOMETRY)
        if geometry and not geometry.isEmpty():
            self.restoreGeometry(geometry)

        self.stack = QStackedWidget()
        self.events_page = EventListPage()
        self.roster_page = RosterPage(store, self.dialogs)
        self.seal_keys = SealKeys(store, self.dialogs, self)
        self.roster_page.seal_keys = self.seal_keys
        self.stack.addWidget(self.events_page)
        self.stack.addWidget(self.roster_page)
        self.setCentralWidget(self.stack)

        self.events_page.open_requested.connect(self.open_event)
        self.events_page.new_requested.connect(self.on_new_event)
        self.events_page.edit_requested.connect(self.edit_event)
        self.events_page.archive_requested.connect(self.on_archive)
        self.events_page.demo_requested.connect(self.on_demo)
        self.events_page.show_archived_changed.connect(self.on_show_archived)
        self.roster_page.back_requested.connect(self.show_events)
        self.roster_page.edit_event_requested.connect(self.edit_event)
        self.roster_page.import_requested.connect(self.on_import)
        self.roster_page.desk_requested.connect(self.open_desk)
        self.roster_page.sign_requested.connect(self.on_roster_sign)
        self.roster_page.station_requested.connect(self.open_station)
        self.desk_page: DeskPage | None = None  # built on first use
        self.kiosk_lock: KioskLock | None = None  # with the desk
        self._before_kiosk = Qt.WindowState.WindowNoState
        self._pin_lock: KioskLock | None = None  # the organizer's PIN (kiosk, station)
        self.signing_page: SigningPage | None = None
        self.station_page: SigningStationPage | None = None
        self._signing_return: QWidget | None = None  # the page to show again after signing
        self._station_return: QWidget | None = None
        self.dashboard: DashboardWindow | None = None

        from ui.backups import Backups

        self.backups = Backups(store, self.settings, self.dialogs, self)
        self.backups.status.connect(self.on_backup_status)
        self._build_menus()
        self.db_label = QLabel(self.tr("Basis data: {0}").format(store.location))
        self.statusBar().addPermanentWidget(self.db_label)
        self.events_page.show_archived.setChecked(self.settings.get(opts.SHOW_ARCHIVED))
        self.refresh_events()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Berkas"))
        new_action = QAction(self.tr("Acara &Baru\u2026"), self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(self.on_new_event)
        events_action = QAction(self.tr("&Semua Acara"), self)
        events_action.triggered.connect(self.show_events)
        demo_action = QAction(self.tr("Buka Acara &Demo"), self)
        demo_action.triggered.connect(self.on_demo)
        backup_action = QAction(self.tr("&Cadangkan Sekarang\u2026"), self)
        backup_action.triggered.connect(self.on_backup_now)
        backup_folder_action = QAction(self.tr("&Folder Cadangan\u2026"), self)
        backup_folder_action.triggered.connect(self.on_backup_folder)
        restore_action = QAction(self.tr("&Pulihkan dari Cadangan\u2026"), self)
        restore_action.triggered.connect(self.on_restore)
        quit_action = QAction(self.tr("&Keluar"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (new_action, events_action, demo_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (backup_action, backup_folder_action, restore_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.documents_menu = self.menuBar().addMenu(self.tr("&Dokumen"))
        self.documents_menu.aboutToShow.connect(self.on_documents_menu)
        settings_menu = self.menuBar().addMenu(self.tr("&Pengaturan"))
        language_action = QAction(self.tr("&Bahasa\u2026"), self)
        language_action.triggered.connect(self.on_language)
        settings_menu.addAction(language_action)
        database_action = QAction(self.tr("Basis &Data\u2026"), self)
        database_action.triggered.connect(self.on_database)
        settings_menu.addAction(database_action)
        keys_action = QAction(self.tr("&Kunci Segel…"), self)
        keys_action.triggered.connect(self.on_seal_keys)
        settings_menu.addAction(keys_action)
        help_menu = self.menuBar().addMenu(self.tr("Ba&ntuan"))
        about_action = QAction(self.tr("&Tentang Ikrar"), self)
        about_action.triggered.connect(self.on_about)
        help_menu.addAction(about_action)

    # -- pages ------------------------------------------------------------------------------

    def refresh_events(self, select_id: int | None = None) -> None:
        show_archived = self.settings.get(opts.SHOW_ARCHIVED)
        try:
            events = self.store.list_events(include_archived=show_archived)
            hidden = not events and not show_archived and bool(
                self.store.list_events(include_archived=True))
        except StoreError as error:
            self.dialogs.error(self, self.tr("Acara"), store_error_text(error))
            return
        self.events_page.set_events(events, select_id, archived_hidden=hidden)

    # -- documents ----------------------------------------------------------------------------

    def current_event_id(self) -> int | None:
        """The event whose roster, desk or station is shown, if any."""
        page = self.stack.currentWidget()
        event = getattr(page, "shown_event", None)
        return event.id if event is not None else None

    def documents(self):
        if getattr(self, "_documents", None) is None:
            from ui.documents import Documents

            def selected_attendee():
                person = self.roster_page.selected() \
                    if self.stack.currentWidget() is self.roster_page else None
                return person.id if person is not None else None

            self._documents = Documents(self, self.store, self.dialogs, self.current_event_id,
                                        selected_attendee, self.seal_keys)
        return self._documents

    @Slot()
    def on_documents_menu(self) -> None:
        """Filled when opened (the document builders load only when needed)."""
        menu = self.documents_menu
        menu.clear()
        if self.current_event_id() is None:
            hint = menu.addAction(self.tr("Buka sebuah acara dulu"))
            hint.setEnabled(False)
        else:
            self.documents().fill_menu(menu)
            menu.addSeparator()
            phone_action = menu.addAction(self.tr("Tanda Tangan lewat Ponsel\u2026"))
            phone_action.triggered.connect(self.on_phone)
            audit_action = menu.addAction(self.tr("Jejak Audit Acara\u2026"))
            audit_action.triggered.connect(self.on_audit)
        menu.addSeparator()
        verify = menu.addAction(self.tr("Periksa Keaslian Surat Pernyataan\u2026"))
        verify.triggered.connect(self.on_verify)

    @Slot()
    def on_verify(self):
        """Dokumen -> Periksa Keaslian Surat Pernyataan: a certificate file, an image or QR text."""
        from ui.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.store, self.dialogs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def on_audit(self):
        """Dokumen -> Jejak Audit Acara: is the trail intact, and what it holds."""
        from ui.audit_dialog import AuditDialog

        event_id = self.current_event_id()
        if event_id is None:
            return None
        dialog = AuditDialog(self.store, event_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def on_phone(self):
        """Dokumen -> Tanda Tangan lewat Ponsel: the phone signing service for the event open;
        each check-in at the desk then shows that person's own signing QR in its window."""
        from ui.phone_window import PhoneWindow

        event_id = self.current_event_id()
        if event_id is None:
            return None
        window = getattr(self, "phone_window", None)
        if window is not None and window.event_id != event_id:
            window.close()
            window = None
        if window is None:
            self.seal_keys.ask_at_start(self, self.store.get_event(event_id))
            window = self.phone_window = PhoneWindow(self.store, event_id,
                                                     self.seal_keys.current, self)
            self._desk_page().checked_in.connect(window.show_link_for)
            window.signed_record.connect(self.roster_page.show_signature)
        window.show()
        window.raise_()
        return window

    @Slot()
    def on_seal_keys(self):
        from ui.seal_keys import KeyDialog

        dialog = KeyDialog(self.seal_keys, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _organizer_of(self, event_id: int) -> str:
        try:
            event = self.store.get_event(event_id)
        except StoreError:
            return ""
        return event.organizer_unit or event.institution

    # -- the desk -----------------------------------------------------------------------------

    def _desk_page(self) -> DeskPage:
        if self.desk_page is None:
            from ui.desk_page import DeskPage

            page = self.desk_page = DeskPage(self.store, self.dialogs,
                                             journal=self._offline_journal)
            self.kiosk_lock = self._lock()
            self.stack.addWidget(page)
            page.back_requested.connect(self.leave_desk)
            page.dashboard_requested.connect(self.on_dashboard)
            page.kiosk_requested.connect(self.set_kiosk)
            page.walk_in_requested.connect(self.on_walk_in)
            page.session_change_requested.connect(self.on_desk_session)
            page.sign_after_box.setChecked(self.settings.get(opts.SIGN_AFTER_CHECKIN))
            page.seal_bar.bind(self.seal_keys)
            page.sign_after_box.toggled.connect(self.on_sign_after_toggled)
            page.checked_in.connect(self.on_desk_checked_in)
            page.station_requested.connect(self.on_desk_station)
        return self.desk_page

    def _offline_journal(self):
        """The desk's offline journal, beside the settings (only the user can read it)."""
        from events.offline import Journal

        return Journal(opts.offline_journal_path(self.settings))

    def desk_session_dialog(self):
        from ui.desk_session import DeskSessionDialog

        return DeskSessionDialog(self.settings, self)

    @Slot(int)
    def open_desk(self, event_id: int) -> bool:
        """Ask which desk and operator (once per session), then show the desk."""
        page = self._desk_page()
        if not getattr(self, "_desk_named", False):
            dialog = self.desk_session_dialog()
            accepted = dialog.exec()
            dialog.deleteLater()
            if not accepted:
                return False
            self._desk_named = True
        try:
            event = self.store.get_event(event_id)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Meja Registrasi"), store_error_text(error))
            return False
        # The seal key's passphrase now, before the first scan: never in the middle of the queue.
        self.seal_keys.ask_at_start(self, event)
        try:
            page.open_desk(event, self.settings.get(opts.DESK_NAME),
                           self.settings.get(opts.OPERATOR))
        except StoreError as error:
            self.dialogs.error(self, self.tr("Meja Registrasi"), store_error_text(error))
            return False
        self._show_desk(page)
        return True

    def _show_page(self, page: QWidget, title: str) -> None:
        self.stack.setCurrentWidget(page)
        self.setWindowTitle(title)

    def _show_desk(self, desk: DeskPage) -> None:
        """The desk (again), titled with its event."""
        self._show_page(desk, self.tr("Meja Registrasi — {0}").format(
            shown(desk.shown_event, "desk").name))

    @Slot()
    def on_desk_session(self) -> None:
        dialog = self.desk_session_dialog()
        if dialog.exec():
            self._desk_page().set_session(dialog.desk_name, dialog.operator_name)
        dialog.deleteLater()

    @Slot()
    def leave_desk(self) -> None:
        page = self._desk_page()
        page.close_desk()
        event_id = stored_id(shown(page.shown_event, "desk"))
        self.open_event(event_id)  # the roster again, with walk-ins registered at the desk

    @Slot()
    def on_walk_in(self) -> None:
        from events.checkins import Method
        from ui.walk_in_dialog import WalkInDialog

        page = self._desk_page()
        # Offline, the dialog looks at the desk's copy of the roster and writes to its journal.
        desk = page.offline_desk() if page.offline and page.can_work_offline() else shown(
            page.desk, "desk")
        dialog = WalkInDialog(desk, self)
        if dialog.exec():
            if dialog.existing is not None:
                page.check_in(dialog.existing, Method.SEARCH)
            elif dialog.person is not None:
                page.add_walk_in(dialog.person, shown(dialog.checkin, "walk-in check-in"))
        dialog.deleteLater()

    @Slot()
    def on_dashboard(self) -> None:
        from ui.dashboard import DashboardWindow

        event = shown(self._desk_page().shown_event, "desk")
        if self.dashboard is not None and self.dashboard.event_id == event.id:
            self.dashboard.show()
            self.dashboard.raise_()
            return
        if self.dashboard is not None:
            self.dashboard.close()
            self.dashboard.deleteLater()
        dashboard = self.dashboard = DashboardWindow(self.store, event, self)
        screens = self.screen().virtualSiblings()
        if len(screens) > 1:  # a second screen: show it there, full screen
            other = next(s for s in screens if s is not self.screen())
            dashboard.move(other.availableGeometry().topLeft())
            dashboard.fit_type_to(other.geometry().size())
            dashboard.showFullScreen()
        else:
            dashboard.show()

    # -- signing ------------------------------------------------------------------------------

    def _signing_page(self) -> SigningPage:
        if self.signing_page is None:
            from ui.signing_page import SigningPage

            page = self.signing_page = SigningPage(self.store, self.dialogs)
            page.seal_key = self.seal_keys.current
            self.stack.addWidget(page)
            page.done.connect(self.on_signing_finished)
            page.cancelled.connect(self.on_signing_finished)
        return self.signing_page

    def _ensure_seal_key(self, event: Event) -> None:
        """Signatures are sealed: unlock (or create) the organizer's seal key first."""
        self.seal_keys.ensure(self, label=event.organizer_unit or event.institution)

    def open_signing(self, event_id: int, attendee_id: int, place: str, operator: str,
                     return_to) -> bool:
        """Show the signing screen for one attendee; afterwards ``return_to`` again."""
        try:
            event = self.store.get_event(event_id)
            person = self.store.get_attendee(attendee_id)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Tanda Tangan"), store_error_text(error))
            return False
        page = self._signing_page()
        if return_to is not self.desk_page:
            # From the roster, an operator's choice: the key may be asked. From the desk the
            # queue goes on: the key was asked when the desk opened, and its bar offers it.
            self._ensure_seal_key(event)
        self._signing_return = return_to
        page.start(event, person, place, operator)  # without a pledge text it says so there
        self._show_page(page, self.tr("Tanda Tangan Ikrar — {0}").format(event.name))
        return True

    @Slot(bool)
    def on_sign_after_toggled(self, on: bool) -> None:
        self.settings.set(opts.SIGN_AFTER_CHECKIN, on)

    @Slot(int)
    def on_desk_checked_in(self, attendee_id: int) -> None:
        """Right after a committed check-in, the person signs (when the desk asks for it)."""
        page = self._desk_page()
        if page.sign_after_box.isChecked():
            desk = shown(page.desk, "desk")
            self.open_signing(stored_id(shown(page.shown_event, "desk")), attendee_id, desk.desk,
                              desk.operator, page)

    @Slot(int)
    def on_roster_sign(self, attendee_id: int) -> None:
        """Sign later, from the roster."""
        event = shown(self.roster_page.shown_event, "roster")
        self.open_signing(stored_id(event), attendee_id, self.settings.get(opts.DESK_NAME),
                          self.settings.get(opts.OPERATOR), self.roster_page)

    @Slot()
    def on_signing_finished(self) -> None:
        page = self._signing_page()
        back, desk = self._signing_return, self.desk_page
        self._signing_return = None
        if back is desk and desk is not None:
            self._show_desk(desk)
            if page.record is not None:
                desk.show_signed(shown(page.attendee, "signer").name)
            else:
                desk.search.setFocus()
            return
        event_id = page.shown_event.id if page.shown_event is not None else None
        if event_id is not None and self.open_event(event_id) and page.record is not None:
            self.roster_page.select_attendee(stored_id(shown(page.attendee, "signer")))
        elif event_id is None:
            self.show_events()

    def _lock(self) -> KioskLock:
        """The organizer's PIN, asked to leave kiosk mode and the signing station."""
        if self._pin_lock is None:
            from ui.desk_session import KioskLock

            self._pin_lock = KioskLock(self.settings, self.dialogs, self)
        return self._pin_lock

    def _station_page(self) -> SigningStationPage:
        if self.station_page is None:
            from ui.signing_station import SigningStationPage

            page = self.station_page = SigningStationPage(self.store, self.dialogs)
            page.signing.seal_key = self.seal_keys.current
            page.seal_bar.bind(self.seal_keys)
            self.stack.addWidget(page)
            page.back_requested.connect(self.leave_station)
            page.leave_guard = lambda: self._lock().unlock(self)
        return self.station_page

    @Slot(int)
    def open_station(self, event_id: int, return_to=None) -> bool:
        """Make this laptop a signing station: ask the station's name, then take signatures."""
        name = self.dialogs.ask_text(
            self, self.tr("Stasiun Tanda Tangan"),
            self.tr("Nama stasiun ini (tercatat pada setiap tanda tangan):"),
            self.settings.get(opts.STATION_NAME))
        if name is None:
            return False
        name = " ".join(name.split()) or opts.STATION_NAME.default
        # reading the event as open_signing does; what each opens differs
        self.settings.set(opts.STATION_NAME, name)
        try:
            event = self.store.get_event(event_id)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Stasiun Tanda Tangan"), store_error_text(error))
            return False
        if not self._lock().has_pin() and not self._lock().set_up(self):
            return False  # leaving the station will need the PIN: it is made first
        page = self._station_page()
        # Asked as the station opens, before anyone scans (a key offered when there is none).
        self.seal_keys.ask_at_start(self, event, offer_new=True)
        if not page.open_station(event, name, self.settings.get(opts.OPERATOR)):
            return False
        self._station_return = return_to or self.roster_page
        self._show_page(page, self.tr("Stasiun Tanda Tangan — {0}").format(event.name))
        return True

    @Slot()
    def on_desk_station(self) -> None:
        page = self._desk_page()
        self.open_station(stored_id(shown(page.shown_event, "desk")), page)

    @Slot()
    def leave_station(self) -> None:
        event_id = stored_id(shown(self._station_page().shown_event, "station"))
        back, desk = self._station_return, self.desk_page
        self._station_return = None
        if back is not None and back is desk and desk is not None:
            self._show_desk(desk)
            desk.search.setFocus()
        else:
            self.open_event(event_id)

    @Slot(bool)
    def set_kiosk(self, on: bool) -> bool:
        """Kiosk mode: full screen, the desk only; leaving it needs the organizer's PIN."""
        page = self._desk_page()
        kiosk_lock = shown(self.kiosk_lock, "desk")
        if on == page.kiosk:
            return True
        if on and not kiosk_lock.has_pin() and not kiosk_lock.set_up(self):
            return False
        if not on and not kiosk_lock.unlock(self):
            return False
        page.set_kiosk(on)
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        if on:
            # Leaving kiosk mode returns the window to how it was (maximised or not).
            self._before_kiosk = self.windowState() & ~Qt.WindowState.WindowFullScreen
            self.showFullScreen()
        elif self._before_kiosk & Qt.WindowState.WindowMaximized:
            self.showMaximized()
        else:
            self.showNormal()
        return True

    @Slot()
    def show_events(self) -> None:
        current = self.roster_page.shown_event.id if self.roster_page.shown_event else None
        self.refresh_events(current)
        self._show_page(self.events_page, self.tr("Ikrar"))

    @Slot(int)
    def open_event(self, event_id: int) -> bool:
        try:
            event = self.store.get_event(event_id)
            self.roster_page.place = self.settings.get(opts.DESK_NAME)
            self.roster_page.operator = self.settings.get(opts.OPERATOR)
            self.roster_page.show_event(event)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Buka Acara"), store_error_text(error))
            return False
        self._show_page(self.roster_page, self.tr("{0} \u2014 Ikrar").format(event.name))
        self.settings.set(opts.LAST_EVENT, event_id)
        self.backups.event_open = True  # automatic backups from now on (with a folder)
        self.backups.arm()
        return True

    # -- actions ----------------------------------------------------------------------------

    def event_dialog(self, event=None):
        from ui.event_dialog import EventDialog  # loaded on first use: faster start-up

        return EventDialog(event, self, self.dialogs)

    @Slot()
    def on_new_event(self) -> None:
        dialog = self.event_dialog()
        if dialog.exec():
            self.save_new_event(dialog.result_event)

    def save_new_event(self, event) -> int | None:
        try:
            created = self.store.create_event(event)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Acara Baru"), store_error_text(error))
            return None
        created_id = stored_id(created)
        self.open_event(created_id)
        return created_id

    @Slot(int)
    def edit_event(self, event_id: int) -> None:
        try:
            event = self.store.get_event(event_id)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Ubah Acara"), store_error_text(error))
            return
        dialog = self.event_dialog(event)
        if dialog.exec():
            self.save_event(dialog.result_event)

    def save_event(self, event) -> bool:
        try:
            self.store.update_event(event)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Ubah Acara"), store_error_text(error))
            return False
        if self.stack.currentWidget() is self.roster_page:
            self.roster_page.shown_event = event
            self.roster_page._show_header()
            self.setWindowTitle(self.tr("{0} \u2014 Ikrar").format(event.name))
        else:
            self.refresh_events(event.id)
        return True

    @Slot(int, bool)
    def on_archive(self, event_id: int, archive: bool) -> None:
        if archive:
            question = self.tr("Arsipkan acara ini? Acara yang diarsipkan tidak tampil di daftar "
                               "dan daftar pesertanya tidak dapat diubah. Data tetap tersimpan.")
            if not self.dialogs.confirm(self, self.tr("Arsipkan Acara"), question):
                return
        try:
            self.store.set_archived(event_id, archive)
            key = self.seal_keys.key
            if archive and key is not None:  # closing the event: its trail's head signed
                from pledges.audit import checkpoint

                checkpoint(self.store, key, event_id)
        except StoreError as error:
            self.dialogs.error(self, self.tr("Arsipkan Acara"), store_error_text(error))
            return
        self.refresh_events(event_id)

    @Slot(bool)
    def on_show_archived(self, show: bool) -> None:
        self.settings.set(opts.SHOW_ARCHIVED, show)
        self.refresh_events()

    @Slot()
    def on_demo(self) -> None:
        from events.demo import open_demo
        from pledges.demo import complete_demo

        try:
            event = open_demo(self.store)
            complete_demo(self.store, event)  # its pledge text and some signatures
        except StoreError as error:
            self.dialogs.error(self, self.tr("Acara Demo"), store_error_text(error))
            return
        self.open_event(stored_id(event))

    @Slot(int)
    def on_import(self, event_id: int) -> None:
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.store, event_id, self, self.dialogs, self.settings)
        shown = self.roster_page.shown_event
        if wizard.exec() and shown is not None and shown.id == event_id:
            self.roster_page.reload()

    @Slot()
    def on_language(self) -> None:
        from ui.settings_dialog import LanguageDialog

        if self.desk_page is not None and self.desk_page.kiosk:
            return  # no settings in kiosk mode (the menu is hidden too)

        dialog = LanguageDialog(self.settings, self)
        if dialog.exec() and dialog.changed and self.dialogs.confirm(
                self, self.tr("Bahasa"),
                self.tr("Bahasa baru dipakai setelah Ikrar dibuka ulang. Mulai ulang Ikrar "
                        "sekarang, atau pakai bahasa baru saat Ikrar dibuka berikutnya?"),
                yes=self.tr("Mulai Ulang Sekarang"), no=self.tr("Saat Dibuka Berikutnya")):
            self.restart()

    def restart(self) -> bool:
        """Close this window (as the user would: a kiosk still asks its PIN) and start Ikrar
        again with the same arguments. False when the window stayed open or the restart
        failed (then this Ikrar ends and the new language is used next time)."""
        from ui.app import restart_app

        if not self.close():
            return False
        if restart_app():
            return True
        self.dialogs.error(None, self.tr("Bahasa"), self.tr(
            "Ikrar tidak dapat dibuka ulang otomatis. Buka Ikrar kembali untuk memakai "
            "bahasa baru."))
        return False

    @Slot()
    def on_database(self) -> None:
        """Choose this laptop's file or a PostgreSQL server (used from the next start)."""
        from ui.settings_dialog import DatabaseDialog

        if self.desk_page is not None and self.desk_page.kiosk:
            return
        dialog = DatabaseDialog(self.settings, self.store.location, self)
        if dialog.exec() and dialog.changed:
            self.dialogs.info(self, self.tr("Basis Data"), self.tr(
                "Basis data baru dipakai setelah Ikrar dibuka ulang."))

    # Bound slots, not lambdas: a lambda holding the window would make it cyclic garbage.
    @Slot(str)
    def on_backup_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 60_000)

    @Slot()
    def on_backup_now(self) -> None:
        self.backups.backup_now(self)

    @Slot()
    def on_backup_folder(self) -> None:
        self.backups.choose_folder(self)

    @Slot()
    def on_restore(self) -> None:
        """Restore the database from a backup, then start again on it."""
        if self.desk_page is not None and self.desk_page.kiosk:
            return
        if self.backups.restore(self):
            self.restart()

    @Slot()
    def on_about(self) -> None:
        self.dialogs.info(self, self.tr("Tentang Ikrar"), self.tr(
            "Ikrar: registrasi peserta, pembacaan dan penandatanganan ikrar, serta dokumen resmi "
            "untuk acara pemerintah daerah.\n\nBasis data: {0}").format(self.store.location))

    def closeEvent(self, event) -> None:
        if self.desk_page is not None and self.desk_page.kiosk \
                and not shown(self.kiosk_lock, "desk").unlock(self):
            event.ignore()  # kiosk mode: closing the app needs the PIN too
            return
        if self.station_page is not None and self.stack.currentWidget() is self.station_page \
                and not self._lock().unlock(self):
            event.ignore()  # so does closing it at the signing station
            return
        if self.desk_page is not None:
            self.desk_page.close_desk()
        if self.station_page is not None:
            self.station_page.close_station()
        if getattr(self, "phone_window", None) is not None:
            self.phone_window.stop_service()
        if not self.isFullScreen():
            self.settings.set(opts.MAIN_GEOMETRY, self.saveGeometry())
        self.backups.stop()
        self.backups.at_close()
        super().closeEvent(event)
