"""Attendee categories: position levels in both the old Eselon words and today's Jabatan words."""

from __future__ import annotations

import re
from enum import StrEnum


class Category(StrEnum):
    """The category an attendee is registered under, in the order documents list them."""

    ESELON_II = "eselon_2"
    ESELON_III = "eselon_3"
    ESELON_IV = "eselon_4"
    FUNGSIONAL = "fungsional"
    PELAKSANA = "pelaksana"
    PPPK = "pppk"
    NON_ASN = "non_asn"
    TAMU = "tamu"

    @property
    def label(self) -> str:
        """The Indonesian label with both vocabularies, e.g. "Eselon III (Administrator)"."""
        return LABELS[self]

    @property
    def order(self) -> int:
        return ORDER[self]

    @property
    def needs_nip(self) -> bool:
        """Civil servants (PNS, PPPK) are identified by NIP; others by NIK or nothing."""
        return self not in (Category.NON_ASN, Category.TAMU)


LABELS: dict[Category, str] = {
    Category.ESELON_II: "Eselon II (JPT Pratama)",
    Category.ESELON_III: "Eselon III (Administrator)",
    Category.ESELON_IV: "Eselon IV (Pengawas)",
    Category.FUNGSIONAL: "Fungsional",
    Category.PELAKSANA: "Pelaksana/Staf",
    Category.PPPK: "PPPK",
    Category.NON_ASN: "Non-ASN",
    Category.TAMU: "Tamu",
}
ORDER: dict[Category, int] = {c: i for i, c in enumerate(Category)}

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
_ESELON_LEVEL = {2: Category.ESELON_II, 3: Category.ESELON_III, 4: Category.ESELON_IV,
                 5: Category.PELAKSANA}
# "III.a", "III/b", "IV", "3", "3a", "Eselon II.b", "eselon 4"
_ESELON_RE = re.compile(r"^(?:eselon|esl\.?)?\s*(IV|V|III|II|I|[1-5])\s*(?:[./\-\s]?\s*[ab])?$",
                        re.IGNORECASE)

# Keyword rules on an Eselon/Jabatan/Status text, checked in order (lower-case, spaces folded).
_KEYWORDS: list[tuple[str, Category]] = [
    (r"\bpppk\b|p3k|perjanjian kerja", Category.PPPK),
    (r"non[\s\-]?asn|honorer|thl\b|tenaga harian|kontrak|outsourc|\bptt\b|tkk\b", Category.NON_ASN),
    (r"\btamu\b|undangan eksternal|forkopimda|\bpwi\b|\bormas\b|wartawan|jurnalis",
     Category.TAMU),
    (r"\bjpt\b|pimpinan tinggi", Category.ESELON_II),
    # Only the level itself: "Administrator Database", "Pengawas Sekolah" or "Badan Pengawas
    # Pemilu" are not structural positions.
    (r"^(jabatan |pejabat )?administrator$|\b(jabatan|pejabat) administrator\b",
     Category.ESELON_III),
    (r"^(jabatan |pejabat )?pengawas$|\b(jabatan|pejabat) pengawas\b", Category.ESELON_IV),
    (r"\bfungsional\b(?! umum)|\bjft\b|\bahli\b|terampil|\bmahir\b|penyelia|\bguru\b|dokter|"
     r"\bperawat\b|\bbidan\b|auditor|penyuluh|pranata|analis kebijakan|arsiparis|pustakawan|"
     r"widyaiswara|pengawas sekolah", Category.FUNGSIONAL),
    (r"pelaksana|\bstaf+\b|pengadministrasi|pengelola|pengolah|pengemudi|pramu|operator|"
     r"\bjfu\b|fungsional umum", Category.PELAKSANA),
    # Weak guest words last: "Pengelola Media Sosial" is staff, not the press.
    (r"eksternal|\bmedia\b", Category.TAMU),
]

# Structural position titles that imply an echelon when no Eselon column says it.
_JABATAN_RULES: list[tuple[str, Category]] = [
    (r"^(sekretaris daerah|sekda|asisten (sekda|sekretaris daerah|daerah|pemerintahan|"
     r"perekonomian|ekonomi|administrasi|kesejahteraan|pembangunan|umum|i{1,3}|iv|[1-4])\b|"
     r"staf ahli|kepala (dinas|badan)|inspektur\b(?! pembantu)|direktur (utama )?rsud|"
     r"sekretaris dprd|kepala satuan polisi|kasatpol|"
     r"kepala pelaksana (harian )?(bpbd|badan penanggulangan))", Category.ESELON_II),
    (r"^(kepala (bidang|bagian|kantor)|sekretaris (dinas|badan|kecamatan|inspektorat)|"
     r"camat|inspektur pembantu|irban|kabid|kabag)", Category.ESELON_III),
    (r"^(kepala (seksi|sub ?bagian|subbagian|sub ?bidang|subbidang|upt|uptd|puskesmas)|lurah|"
     r"sekretaris (kelurahan|lurah)|kasie?\b|kasub+ag|kasub+id)", Category.ESELON_IV),
]
# Acting or interim holders keep the position's level: "Plt. Kepala Dinas", "Pj. Sekda".
_ACTING_RE = re.compile(r"^(plt|plh|pj|pjs|pelaksana tugas|pelaksana harian|penjabat)\b\.?\s*")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def parse_eselon(text: str | None) -> Category | None:
    """Read a category from an Eselon (or status) cell: "III.a", "III/b", "3", "IV", "Non-ASN"..."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw or raw in {"-", "–"}:
        return None
    if isinstance(text, (int, float)) or re.fullmatch(r"\d+(\.0+)?", raw):
        try:
            number = float(raw)
        except ValueError:  # True/False from a spreadsheet
            return None
        return _ESELON_LEVEL.get(int(number)) if number.is_integer() else None  # NaN, 3.5
    m = _ESELON_RE.match(raw)
    if m:
        token = m.group(1).upper()
        level = int(token) if token.isdigit() else _ROMAN[token]
        return _ESELON_LEVEL.get(level)
    folded = _fold(raw)
    for value in Category:
        if folded in (value.value.replace("_", " "), value.label.lower()):
            return value
    return keyword_category(folded)


def keyword_category(text: str | None) -> Category | None:
    """The category named by words in a status or Jabatan text, or None."""
    if not text:
        return None
    folded = _fold(str(text))
    for pattern, category in _KEYWORDS:
        if re.search(pattern, folded):
            return category
    return None


def category_from_jabatan(jabatan: str | None) -> Category | None:
    """Guess the category from a position title ("Kepala Seksi Pelayanan" -> Eselon IV)."""
    if not jabatan:
        return None
    folded = _ACTING_RE.sub("", _fold(str(jabatan)))
    for pattern, category in _JABATAN_RULES:
        if re.search(pattern, folded):
            return category
    return keyword_category(folded)
