"""Attendee categories against DOMAIN.md ("Who attends: roster categories")."""

import pytest

from events.categories import Category, category_from_jabatan, keyword_category, parse_eselon

C = Category


# --- parse_eselon --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "category"),
    [
        ("III.a", C.ESELON_III),
        ("III/b", C.ESELON_III),
        ("IIIa", C.ESELON_III),
        ("3", C.ESELON_III),
        ("3a", C.ESELON_III),
        ("IV", C.ESELON_IV),
        ("IV.b", C.ESELON_IV),
        ("iv/a", C.ESELON_IV),
        ("II.b", C.ESELON_II),
        ("II", C.ESELON_II),
        ("Eselon II", C.ESELON_II),
        ("Eselon II.b", C.ESELON_II),
        ("eselon 4", C.ESELON_IV),
        ("Esl. III", C.ESELON_III),
        ("V", C.PELAKSANA),
        ("Non-ASN", C.NON_ASN),
        ("non asn", C.NON_ASN),
        ("NON ASN", C.NON_ASN),
        ("Honorer", C.NON_ASN),
        ("Tenaga Harian Lepas", C.NON_ASN),
        ("PPPK", C.PPPK),
        ("P3K", C.PPPK),
        ("Tamu", C.TAMU),
        ("Forkopimda", C.TAMU),
        ("Fungsional", C.FUNGSIONAL),
        ("Pelaksana", C.PELAKSANA),
        ("Staf", C.PELAKSANA),
        ("Fungsional Umum", C.PELAKSANA),  # the old name of Pelaksana, not Fungsional
        ("JFU", C.PELAKSANA),
        ("JPT Pratama", C.ESELON_II),
        ("Administrator", C.ESELON_III),
        ("Pengawas", C.ESELON_IV),
        (3, C.ESELON_III),
        (3.0, C.ESELON_III),
        (2, C.ESELON_II),
        (4, C.ESELON_IV),
        ("4.0", C.ESELON_IV),
    ],
)
def test_parse_eselon(cell, category):
    assert parse_eselon(cell) is category


@pytest.mark.parametrize(
    "cell", ["", "  ", None, "-", "–", "Eselon I", "I", 1, 6, 3.5, float("nan"), True, "xyz"]
)
def test_parse_eselon_nothing_usable(cell):
    assert parse_eselon(cell) is None


@pytest.mark.parametrize("category", list(Category))
def test_parse_eselon_reads_its_own_labels(category):
    assert parse_eselon(category.label) is category


# --- labels, order ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "label"),
    [
        (C.ESELON_II, "Eselon II (JPT Pratama)"),
        (C.ESELON_III, "Eselon III (Administrator)"),
        (C.ESELON_IV, "Eselon IV (Pengawas)"),
        (C.FUNGSIONAL, "Fungsional"),
        (C.PPPK, "PPPK"),
        (C.NON_ASN, "Non-ASN"),
        (C.TAMU, "Tamu"),
    ],
)
def test_labels_show_both_vocabularies(category, label):
    assert category.label == label


def test_pelaksana_label_names_pelaksana():
    assert "Pelaksana" in C.PELAKSANA.label


def test_labels_are_distinct():
    assert len({c.label for c in Category}) == len(Category)


def test_document_order():
    expected = [
        C.ESELON_II,
        C.ESELON_III,
        C.ESELON_IV,
        C.FUNGSIONAL,
        C.PELAKSANA,
        C.PPPK,
        C.NON_ASN,
        C.TAMU,
    ]
    shuffled = [C.TAMU, C.PELAKSANA, C.ESELON_IV, C.NON_ASN, C.ESELON_II, C.PPPK, C.FUNGSIONAL,
                C.ESELON_III]
    assert sorted(shuffled, key=lambda c: c.order) == expected
    assert [c.order for c in expected] == sorted({c.order for c in expected})


@pytest.mark.parametrize(
    ("category", "needs"),
    [(C.ESELON_II, True), (C.FUNGSIONAL, True), (C.PELAKSANA, True), (C.PPPK, True),
     (C.NON_ASN, False), (C.TAMU, False)],
)
def test_needs_nip(category, needs):
    assert category.needs_nip is needs


# --- category_from_jabatan -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jabatan", "category"),
    [
        ("Kepala Dinas Pendidikan", C.ESELON_II),
        ("Kepala Badan Kesatuan Bangsa dan Politik", C.ESELON_II),
        ("Sekretaris Daerah", C.ESELON_II),
        ("Sekda Kota Bekasi", C.ESELON_II),
        ("Asisten Pemerintahan dan Kesejahteraan Rakyat", C.ESELON_II),
        ("Staf Ahli Wali Kota Bidang Hukum", C.ESELON_II),
        ("Inspektur", C.ESELON_II),
        ("Sekretaris DPRD", C.ESELON_II),
        ("Kepala Satuan Polisi Pamong Praja", C.ESELON_II),
        ("Kepala Pelaksana BPBD", C.ESELON_II),
        ("Direktur RSUD Kota Bekasi", C.ESELON_II),
        ("Plt. Kepala Dinas Kesehatan", C.ESELON_II),
        ("Pelaksana Tugas Kepala Dinas Sosial", C.ESELON_II),
        ("Pj. Sekretaris Daerah", C.ESELON_II),
        ("Kepala Bidang Pendapatan", C.ESELON_III),
        ("Kepala Bagian Umum", C.ESELON_III),
        ("Camat Bekasi Timur", C.ESELON_III),
        ("Sekretaris Dinas Kesehatan", C.ESELON_III),
        ("Sekretaris Kecamatan", C.ESELON_III),
        ("Inspektur Pembantu Wilayah I", C.ESELON_III),
        ("Kabid Anggaran", C.ESELON_III),
        ("Kepala Seksi Pelayanan", C.ESELON_IV),
        ("Kepala Sub Bagian Keuangan", C.ESELON_IV),
        ("Kepala Subbagian Umum dan Kepegawaian", C.ESELON_IV),
        ("Kepala Sub Bidang Perencanaan", C.ESELON_IV),
        ("Kepala UPTD Pendidikan", C.ESELON_IV),
        ("Kepala Puskesmas", C.ESELON_IV),
        ("Lurah Margahayu", C.ESELON_IV),
        ("Sekretaris Kelurahan", C.ESELON_IV),
        ("Kasi Pemerintahan", C.ESELON_IV),
        ("Kasubbag Umum", C.ESELON_IV),
        ("Analis Kebijakan Ahli Muda", C.FUNGSIONAL),
        ("Pranata Komputer Terampil", C.FUNGSIONAL),
        ("Auditor Ahli Pertama", C.FUNGSIONAL),
        ("Guru", C.FUNGSIONAL),
        ("Perawat Terampil", C.FUNGSIONAL),
        ("Bidan Pelaksana", C.FUNGSIONAL),
        ("Pengawas Sekolah Ahli Madya", C.FUNGSIONAL),
        ("Asisten Apoteker Terampil", C.FUNGSIONAL),
        ("Pengadministrasi Umum", C.PELAKSANA),
        ("Staf", C.PELAKSANA),
        ("Staf Bidang Pendapatan", C.PELAKSANA),
        ("Pengelola Keuangan", C.PELAKSANA),
        ("Pengelola Sistem Informasi", C.PELAKSANA),
        ("Pengelola Media Sosial", C.PELAKSANA),
        ("Pengemudi", C.PELAKSANA),
        ("Ketua PWI Kota Bekasi", C.TAMU),
        ("Wartawan", C.TAMU),
        ("Honorer", C.NON_ASN),
        ("PPPK", C.PPPK),
    ],
)
def test_category_from_jabatan(jabatan, category):
    assert category_from_jabatan(jabatan) is category


@pytest.mark.parametrize(
    ("jabatan", "not_this"),
    [
        ("Pengawas Pemilu", C.ESELON_IV),
        ("Ketua Badan Pengawas Pemilihan Umum", C.ESELON_IV),
        ("Pengawas Ketenagakerjaan", C.ESELON_IV),
        ("Administrator Database", C.ESELON_III),
        ("Administrator Jaringan", C.ESELON_III),
        ("Direktur Utama PT Maju Jaya", C.ESELON_II),
        ("Direktur Utama Perumda Air Minum", C.ESELON_II),
        ("Asisten Apoteker Terampil", C.ESELON_II),
        ("Kasir", C.ESELON_IV),
        ("Kepala UPTD Pendidikan", C.ESELON_III),
        ("Staf Bidang Pendapatan", C.FUNGSIONAL),  # "bidang" is not "bidan"
        ("Teknisi Perawatan Gedung", C.FUNGSIONAL),  # "perawatan" is not "perawat"
        ("Pengelola Sistem Informasi", C.TAMU),  # "informasi" holds "ormas"
        ("Analis Transformasi Digital", C.TAMU),
        ("Pengelola Media Sosial", C.TAMU),
        ("Pelaksana Tugas Kepala Dinas", C.PELAKSANA),  # Plt. of an Eselon II post
        ("Kepala Pelaksana BPBD", C.PELAKSANA),
        ("Fungsional Umum", C.FUNGSIONAL),
    ],
)
def test_category_from_jabatan_false_positives(jabatan, not_this):
    assert category_from_jabatan(jabatan) is not not_this


@pytest.mark.parametrize("jabatan", [None, "", "Ketua RT 03", "Kepala Desa", "Pengawas Pemilu"])
def test_category_from_jabatan_unknown(jabatan):
    assert category_from_jabatan(jabatan) is None


# --- keyword_category ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Honorer", C.NON_ASN),
        ("Non ASN", C.NON_ASN),
        ("THL", C.NON_ASN),
        ("Pegawai Pemerintah dengan Perjanjian Kerja", C.PPPK),
        ("P3K", C.PPPK),
        ("Tamu Undangan", C.TAMU),
        ("Forkopimda", C.TAMU),
        ("Media", C.TAMU),
        ("Ormas", C.TAMU),
        ("JPT Pratama", C.ESELON_II),
        ("Pejabat Administrator", C.ESELON_III),
        ("Jabatan Pengawas", C.ESELON_IV),
        ("JFT", C.FUNGSIONAL),
        ("Pengolah Data", C.PELAKSANA),
    ],
)
def test_keyword_category(text, category):
    assert keyword_category(text) is category


@pytest.mark.parametrize("text", [None, "", "Informasi", "Sistem Informasi", "Pengawas Pemilu"])
def test_keyword_category_nothing(text):
    assert keyword_category(text) is None
