"""User-visible names for the domain's codes, through Qt's translation.

The domain speaks in stable codes (categories, event kinds, problem codes) with Indonesian
defaults; here each gets its translatable text. The source language is Indonesian.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from events.categories import Category
from events.model import EventKind


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


def problem_text(code: str, params: dict | None = None, default: str = "") -> str:
    """The message for a problem code in the UI's language; ``default`` when the code is new."""
    texts = {
        # identity numbers
        "nip_length": QCoreApplication.translate(
            "Texts", "NIP harus 18 angka, tertulis {length} angka"
        ),
        "nip_not_digits": QCoreApplication.translate(
            "Texts", "NIP hanya boleh berisi angka (boleh dipisah spasi atau titik)"
        ),
        "nip_excel_number": QCoreApplication.translate(
            "Texts",
            "NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya "
            "hilang; ketik ulang sebagai teks",
        ),
        "nip_birth_date": QCoreApplication.translate(
            "Texts", "Tanggal lahir pada NIP tidak mungkin ({value})"
        ),
        "nip_tmt": QCoreApplication.translate(
            "Texts", "Bulan TMT pada NIP tidak mungkin ({value})"
        ),
        "nip_sex": QCoreApplication.translate(
            "Texts", "Digit jenis kelamin pada NIP harus 1 atau 2, tertulis {value}"
        ),
        "nip_too_young": QCoreApplication.translate(
            "Texts", "TMT pada NIP ({value}) sebelum pegawai berusia 18 tahun"
        ),
        "nik_length": QCoreApplication.translate(
            "Texts", "NIK harus 16 angka, tertulis {length} angka"
        ),
        "nik_birth_date": QCoreApplication.translate(
            "Texts", "Tanggal lahir pada NIK tidak mungkin ({value})"
        ),
        "phone_invalid": QCoreApplication.translate("Texts", "Nomor HP tidak dikenali: {value}"),
        "phone_leading_zero": QCoreApplication.translate(
            "Texts", "Nomor HP kehilangan angka 0 di depan; dibaca sebagai {value}"
        ),
        # forms
        "required": QCoreApplication.translate("Texts", "Wajib diisi"),
        "end_before_start": QCoreApplication.translate(
            "Texts", "Jam selesai harus setelah jam mulai"
        ),
        # database
        "corrupt": QCoreApplication.translate(
            "Texts", "Berkas basis data rusak atau bukan basis data Ikrar: {detail}"
        ),
        "foreign": QCoreApplication.translate(
            "Texts",
            "Berkas ini basis data program lain, bukan milik Ikrar (berisi tabel "
            "{detail}); berkas tidak diubah",
        ),
        "locked": QCoreApplication.translate(
            "Texts", "Basis data sedang dipakai proses lain; coba lagi sebentar"
        ),
        "disk_full": QCoreApplication.translate(
            "Texts", "Penyimpanan penuh; data tidak tersimpan. Kosongkan ruang disk lalu coba lagi"
        ),
        "read_only": QCoreApplication.translate(
            "Texts", "Basis data hanya bisa dibaca; data tidak tersimpan"
        ),
        "io": QCoreApplication.translate("Texts", "Gagal menulis ke basis data: {detail}"),
        "duplicate_nip": QCoreApplication.translate(
            "Texts", "NIP {value} sudah terdaftar pada acara ini"
        ),
        "duplicate_nik": QCoreApplication.translate(
            "Texts", "NIK {value} sudah terdaftar pada acara ini"
        ),
        "not_found": QCoreApplication.translate("Texts", "Data tidak ditemukan ({detail})"),
        "has_records": QCoreApplication.translate(
            "Texts",
            "{detail} sudah tercatat hadir atau menandatangani ikrar: datanya tidak dapat "
            "dihapus dari acara ini (bila datanya salah, ubahlah)",
        ),
        "unreachable": QCoreApplication.translate(
            "Texts", "Basis data tidak dapat dibuka: {detail}"
        ),
        "newer_schema": QCoreApplication.translate(
            "Texts",
            "Basis data dibuat oleh versi Ikrar yang lebih baru ({detail}); perbarui aplikasi",
        ),
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
    return problem_text(error.code, {"detail": error.detail, "value": error.value}, error.message)


LANGUAGE = "id"  # set once by ui.app at start-up


def display_date(day, long: bool = True) -> str:
    """A date for the screen: Indonesian by the official pattern, or English."""
    if day is None:
        return ""
    if LANGUAGE == "id":
        from events.dates import format_date, format_long_date

        return format_long_date(day) if long else format_date(day)
    return day.strftime("%A, %d %B %Y" if long else "%d %B %Y").replace(" 0", " ")
