"""User-visible names for the domain's codes, through Qt's translation.

The domain speaks in stable codes (categories, event kinds, problem codes) with Indonesian
defaults; here each gets its translatable text. The source language is Indonesian.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from events.categories import Category
from events.model import EventKind


# Category and event-kind names repeat Category.label and EventKind.label word for word; they
# stay written here (so that lupdate finds them) until events/categories.py and events/model.py
# mark their labels with QT_TRANSLATE_NOOP like the messages below.
def category_label(category: Category | str) -> str:
    labels = {
        Category.ESELON_II: QCoreApplication.translate("Texts", "Eselon II (JPT Pratama)"),
        Category.ESELON_III: QCoreApplication.translate("Texts", "Eselon III (Administrator)"),
        Category.ESELON_IV: QCoreApplication.translate("Texts", "Eselon IV (Pengawas)"),
        Category.FUNGSIONAL: QCoreApplication.translate("Texts", "Fungsional"),
        Category.PELAKSANA: QCoreApplication.translate("Texts", "Pelaksana/Staf"),
        Category.PPPK: QCoreApplication.translate("Texts", "PPPK"),
        Category.NON_ASN: QCoreApplication.translate("Texts", "Non-ASN"),
        Category.TAMU: QCoreApplication.translate("Texts", "Tamu"),
    }
    return labels[Category(category)]


def method_label(method: str) -> str:
    """How a check-in was made (events.checkins.Method), in a few words; a code from a newer
    version as recorded."""
    labels = {
        "search": QCoreApplication.translate("Texts", "dicari di meja"),
        "scan": QCoreApplication.translate("Texts", "pindai QR"),
        "camera": QCoreApplication.translate("Texts", "pindai kamera"),
        "walk_in": QCoreApplication.translate("Texts", "tanpa undangan"),
        "signing": QCoreApplication.translate("Texts", "tanda tangan"),
        "cli": QCoreApplication.translate("Texts", "baris perintah"),
    }
    return labels.get(method, method)


def template_label(key: str) -> str:
    """A pledge template's name (pledges.texts.TEMPLATE_LABELS) in the UI's language."""
    from pledges.texts import TEMPLATE_LABELS

    text = TEMPLATE_LABELS.get(key)
    return QCoreApplication.translate("Texts", text) if text else key


def kind_label(kind: EventKind | str) -> str:
    labels = {
        EventKind.IKRAR_NETRALITAS: QCoreApplication.translate("Texts", "Ikrar Netralitas ASN"),
        EventKind.SOSIALISASI_ANTI_KORUPSI: QCoreApplication.translate(
            "Texts", "Sosialisasi Anti Korupsi"
        ),
        EventKind.PAKTA_INTEGRITAS: QCoreApplication.translate("Texts", "Pakta Integritas"),
        EventKind.OTHER: QCoreApplication.translate("Texts", "Lainnya"),
    }
    return labels[EventKind(kind)]


# The domain's messages live in the domain, marked there with QT_TRANSLATE_NOOP("Texts", ...)
# so that pyside6-lupdate collects them (see events/i18n.py); here a code is looked up in its
# dict and the Indonesian text translated, then filled in. Modules are named, not imported, so
# that showing a problem does not load every domain module.

# Problem codes shown next to a form field or in the import review; no code is in two of these.
PROBLEM_MESSAGES = (
    "events.ids:MESSAGES",
    "events.validation:FIELD_MESSAGES",
    "events.store:DB_MESSAGES",
    "events.roster_import:MESSAGES",
)

def messages(name: str) -> Mapping[str, str]:
    """A domain message dict by its "module:NAME"."""
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


def domain_text(source: Mapping[str, str], code: str, params: Mapping | None = None,
                default: str = "") -> str:
    """The message for ``code`` from a domain dict, in the UI's language, filled in.

    ``default`` (else the code) when the dict has no such code; the untranslated text, or
    ``default``, when the parameters do not fit it.
    """
    text = source.get(code)
    if text is None:
        return default or code
    text = QCoreApplication.translate("Texts", text)
    try:
        return text.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return default or text


def problem_text(code: str, params: Mapping | None = None, default: str = "") -> str:
    """The message for a problem code in the UI's language; ``default`` when the code is new."""
    for name in PROBLEM_MESSAGES:
        source = messages(name)
        if code in source:
            return domain_text(source, code, params, default)
    return default or code


def error_text(error: Exception) -> str:
    """The message of a domain error (StoreError and its kin, PadesError) in the UI's
    language; its own (Indonesian) message for a code the UI does not know."""
    default = getattr(error, "message", "") or str(error)
    code = getattr(error, "code", "")
    params = getattr(error, "params", None) or {  # StoreError's; PadesError has none
        "detail": getattr(error, "detail", ""), "value": getattr(error, "value", "")}
    for cls in type(error).__mro__:  # each domain error class names its messages
        source = cls.__dict__.get("messages")
        if source is not None and code in source:
            return domain_text(source, code, params, default)
    return default


def store_error_text(error) -> str:
    """The message for an events.store.StoreError (or any domain error, see error_text)."""
    return error_text(error)


LANGUAGE = "id"  # set once by ui.app at start-up


def display_date(day, long: bool = True) -> str:
    """A date for the screen: Indonesian by the official pattern, or English."""
    if day is None:
        return ""
    if LANGUAGE == "id":
        from events.dates import format_date, format_long_date

        return format_long_date(day) if long else format_date(day)
    return day.strftime("%A, %d %B %Y" if long else "%d %B %Y").replace(" 0", " ")


def display_time(moment, event) -> str:
    """ "08.42 WIB": a moment on the event's clock (its zone), with the zone's name."""
    from events.dates import at_time

    return at_time(moment, event)


def display_at(moment, event) -> str:
    """ "pukul 08.42 WIB" on the event's day; "3 Desember 2026 pukul 08.42 WIB" on another day:
    a moment as a sentence tells it ("tersimpan {0}")."""
    from events.dates import day_in_zone

    day = day_in_zone(moment, event)
    shown = display_time(moment, event)
    if event is not None and day != event.event_date:
        return QCoreApplication.translate("Texts", "{0} pukul {1}").format(
            display_date(day, long=False), shown)
    return QCoreApplication.translate("Texts", "pukul {0}").format(shown)


def display_moment(moment, event) -> str:
    """ "08.42 WIB" on the event's day; "3 Desember 2026 08.42 WIB" on another day (the event's
    clock decides which day it was)."""
    from events.dates import day_in_zone

    day = day_in_zone(moment, event)
    shown = display_time(moment, event)
    if event is not None and day != event.event_date:
        return f"{display_date(day, long=False)} {shown}"
    return shown
