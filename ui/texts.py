"""User-visible names for the domain's codes, through Qt's translation.

The domain speaks in stable codes (categories, event kinds, problem codes) with Indonesian
defaults; here each gets its translatable text. The source language is Indonesian.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from events.categories import Category
from events.model import EventKind


def _t(text: str) -> str:
    return QCoreApplication.translate("Texts", text)


def category_label(category: Category | str) -> str:
    labels = {
        Category.ESELON_II: _t("Eselon II (JPT Pratama)"),
        Category.ESELON_III: _t("Eselon III (Administrator)"),
        Category.ESELON_IV: _t("Eselon IV (Pengawas)"),
        Category.FUNGSIONAL: _t("Fungsional"),
        Category.PELAKSANA: _t("Pelaksana/Staf"),
        Category.PPPK: _t("PPPK"),
        Category.NON_ASN: _t("Non-ASN"),
        Category.TAMU: _t("Tamu"),
    }
    return labels[Category(category)]


def kind_label(kind: EventKind | str) -> str:
    labels = {
        EventKind.IKRAR_NETRALITAS: _t("Ikrar Netralitas ASN"),
        EventKind.SOSIALISASI_ANTI_KORUPSI: _t("Sosialisasi Anti Korupsi"),
        EventKind.PAKTA_INTEGRITAS: _t("Pakta Integritas"),
        EventKind.OTHER: _t("Lainnya"),
    }
    return labels[EventKind(kind)]


def problem_text(code: str, params: dict | None = None, default: str = "") -> str:
    """The message for a problem code in the UI's language; ``default`` when the code is new."""
    texts = {
        # identity numbers
        "nip_length": _t("NIP harus 18 angka, tertulis {length} angka"),
        "nip_not_digits": _t("NIP hanya boleh berisi angka (boleh dipisah spasi atau titik)"),
        "nip_excel_number": _t("NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya "
                               "hilang; ketik ulang sebagai teks"),
        "nip_birth_date": _t("Tanggal lahir pada NIP tidak mungkin ({value})"),
        "nip_tmt": _t("Bulan TMT pada NIP tidak mungkin ({value})"),
        "nip_sex": _t("Digit jenis kelamin pada NIP harus 1 atau 2, tertulis {value}"),
        "nip_too_young": _t("TMT pada NIP ({value}) sebelum pegawai berusia 18 tahun"),
        "nik_length": _t("NIK harus 16 angka, tertulis {length} angka"),
        "nik_birth_date": _t("Tanggal lahir pada NIK tidak mungkin ({value})"),
        "phone_invalid": _t("Nomor HP tidak dikenali: {value}"),
        "phone_leading_zero": _t("Nomor HP kehilangan angka 0 di depan; dibaca sebagai {value}"),
        # forms
        "required": _t("Wajib diisi"),
        "end_before_start": _t("Jam selesai harus setelah jam mulai"),
        # database
        "corrupt": _t("Berkas basis data rusak atau bukan basis data Ikrar: {detail}"),
        "foreign": _t("Berkas ini basis data program lain, bukan milik Ikrar (berisi tabel "
                      "{detail}); berkas tidak diubah"),
        "locked": _t("Basis data sedang dipakai proses lain; coba lagi sebentar"),
        "disk_full": _t("Penyimpanan penuh; data tidak tersimpan. Kosongkan ruang disk lalu "
                        "coba lagi"),
        "read_only": _t("Basis data hanya bisa dibaca; data tidak tersimpan"),
        "io": _t("Gagal menulis ke basis data: {detail}"),
        "duplicate_nip": _t("NIP {value} sudah terdaftar pada acara ini"),
        "duplicate_nik": _t("NIK {value} sudah terdaftar pada acara ini"),
        "not_found": _t("Data tidak ditemukan ({detail})"),
        "unreachable": _t("Basis data tidak dapat dibuka: {detail}"),
        "newer_schema": _t("Basis data dibuat oleh versi Ikrar yang lebih baru ({detail}); "
                           "perbarui aplikasi"),
    }
    text = texts.get(code)
    if text is None:
        return default or code
    try:
        return text.format(**(params or {}))
    except (KeyError, IndexError):
        return default or text


def store_error_text(error) -> str:
    """The message for an events.store.StoreError."""
    return problem_text(error.code, {"detail": error.detail, "value": error.value},
                        error.message)


LANGUAGE = "id"  # set once by ui.app at start-up


def display_date(day, long: bool = True) -> str:
    """A date for the screen: Indonesian by the official pattern, or English."""
    if day is None:
        return ""
    if LANGUAGE == "id":
        from pledges.dates import format_date, format_long_date

        return format_long_date(day) if long else format_date(day)
    return day.strftime("%A, %d %B %Y" if long else "%d %B %Y").replace(" 0", " ")
