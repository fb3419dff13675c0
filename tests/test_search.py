"""The desk search (events/search.py): normalisation, matching, ranking and updates. No Qt."""

from __future__ import annotations

import random
import time

import pytest

from events.categories import Category
from events.model import Attendee
from events.search import SearchIndex, fold, name_words

NIP_BUDI = "198609262015051001"
NIP_SITI = "199001012018012003"


def person(pid: int, name: str, unit: str = "", nip: str | None = None, nik: str | None = None,
           institution: str = "", category: Category = Category.PELAKSANA) -> Attendee:
    return Attendee(name, category, nip=nip, nik=nik, unit=unit, institution=institution, id=pid)


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex([
        person(1, "Dr. H. Budi Santoso, M.Si.", "Dinas Pendidikan", nip=NIP_BUDI),
        person(2, "Hj. Siti Rahayu, S.Sos.", "Dinas Kesehatan", nip=NIP_SITI),
        person(3, "Désy Ratnasari, S.E.", "Bagian Hukum Setda"),
        person(4, "Irfan Hakim, S.T., M.T.", "Dinas Pekerjaan Umum"),
        person(5, "Ir. Agus Budiman", "Inspektorat"),
        person(6, "Santoso Wibowo", "Kecamatan Rawalumbu"),
        person(7, "Agus Santoso Budi", "Dinas Pendidikan"),
        person(8, "Hesti Purnamasari", "Bappeda", nik="3275014509900003"),
        person(9, "Rina Jaksa, S.H.", institution="Kejaksaan Negeri Bekasi",
               category=Category.TAMU),
        person(10, "Muhammad Ma'ruf", "Badan Pendapatan Daerah"),
    ])


def names(found: list[Attendee]) -> list[str]:
    return [a.name for a in found]


def ids(found: list[Attendee]) -> list[int]:
    return [a.id for a in found]


# -- titles ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("Dr. H. Budi Santoso, M.Si.", ["budi", "santoso"]),
    ("Prof. Dr. Ir. H. Ahmad Yani, M.Sc., Ph.D.", ["ahmad", "yani"]),
    ("Drs. H. M. Yusuf, S.Sos., M.Si.", ["m", "yusuf"]),
    ("Hj.Siti Aminah", ["siti", "aminah"]),
    ("Dra Sri Wahyuni MM", ["sri", "wahyuni"]),
    ("Budi Santoso SE MM", ["budi", "santoso"]),
    ("Rina Jaksa, S.H., M.H.", ["rina", "jaksa"]),
    ("Siti Nur-Aini, A.Md.Kep.", ["siti", "nur", "aini"]),
    ("dr. Budi, Sp.PD-KGEH", ["budi"]),
    ("Ns. Rina Wati, S.Kep., Ners", ["rina", "wati"]),
    ("Ahmad Fauzi, Lc., MPA", ["ahmad", "fauzi"]),
    ("Irfan Hakim", ["irfan", "hakim"]),  # "Ir" inside "Irfan" is a name
    ("Ir. Irfan Hakim", ["irfan", "hakim"]),
    ("Hadi Harsono", ["hadi", "harsono"]),  # "H..." words are names
    ("Budi H. Santoso", ["budi", "h", "santoso"]),  # an initial in the middle stays
    ("Moh. Ali Akbar", ["moh", "ali", "akbar"]),
    ("Désy Ma'ruf", ["desy", "maruf"]),
    ("H.", ["h"]),  # nothing but a title: keep it rather than nothing
])
def test_name_words_drop_titles(name, expected):
    assert name_words(name) == expected


def test_titles_are_not_words(index):
    assert ids(index.search("m")) == [10]  # "M.Si." and "M.T." are titles
    assert ids(index.search("si")) == [2]  # S.Si-like parts of "S.Sos." are not matched
    assert 5 not in ids(index.search("ir"))  # "Ir." is a title, "Irfan" is a name
    assert ids(index.search("ir")) == [4]
    assert ids(index.search("hj")) == []


def test_typed_title_before_a_name_is_skipped(index):
    assert ids(index.search("dr budi")) == ids(index.search("budi"))
    assert ids(index.search("hj siti")) == [2]
    # the last word may be a name being typed: "h" finds Hesti, Hakim, then (Bagian) Hukum
    assert ids(index.search("h")) == [8, 4, 3]


# -- matching -------------------------------------------------------------------------------------

def test_word_start_not_substring(index):
    # "Santoso Wibowo" starts with it; then both with Santoso second, alphabetically
    assert ids(index.search("santo")) == [6, 7, 1]
    assert index.search("antoso") == []  # not the start of a word


def test_several_words_any_order(index):
    assert ids(index.search("bud san")) == [1, 7]
    assert ids(index.search("san bud")) == [1, 7]
    assert ids(index.search("santoso budi")) == [1, 7]
    assert index.search("budi xyz") == []


def test_each_typed_word_needs_its_own_word(index):
    assert ids(index.search("bu bud")) == []  # nobody has two words starting with "bu"
    assert ids(index.search("agu bu")) == [5, 7]
    assert ids(index.search("santoso s")) == []


def test_case_and_accents(index):
    assert ids(index.search("DES")) == [3]
    assert ids(index.search("désy")) == [3]
    assert ids(index.search("desy")) == [3]
    assert ids(index.search("ma'ruf")) == [10]
    assert ids(index.search("maruf")) == [10]


@pytest.mark.parametrize("text", ["Ma'ruf", "Ma\u2019ruf", "Ma\u2018ruf", "Ma`ruf",
                                  "Ma\u02bcruf", "MA'RUF", "Maruf", "Ma\u0301'ruf"])
def test_fold_drops_case_accents_and_every_apostrophe(text):
    assert fold(text) == "maruf"


def test_fold_keeps_other_punctuation_and_digits():
    assert fold("Désy-Ma'ruf, S.E. 1986") == "desy-maruf, s.e. 1986"


def test_nip_with_spaces_and_dots(index):
    assert ids(index.search("19860926 201505 1 001")) == [1]
    assert ids(index.search("19860926.201505.1.001")) == [1]
    assert ids(index.search("2015 0510")) == [1]  # digits inside the NIP
    assert ids(index.search("450990")) == [8]  # a NIK too
    assert ids(index.search("198")) == []  # fewer than 4 digits: no NIP search


def test_nip_prefix_ranked_before_substring():
    index = SearchIndex([
        person(1, "Anton", nip="199001012018011001"),
        person(2, "Bima", nip="198501012010011990"),
        person(3, "Citra", nip="199002022018012002"),
    ])
    assert ids(index.search("1990")) == [1, 3, 2]


def test_unit_and_institution(index):
    assert ids(index.search("pendidikan")) == [7, 1]  # alphabetical: Agus before Budi
    assert ids(index.search("dinas pend")) == [7, 1]
    assert ids(index.search("kejaksaan")) == [9]
    assert ids(index.search("budi pendidikan")) == [7, 1]  # name and unit words together
    assert ids(index.search("bud kes")) == []


def test_empty_query_finds_nobody(index):
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search(".,-") == []


def test_limit(index):
    assert len(index.search("s", limit=2)) == 2
    assert len(index.search("s", limit=None)) == len(index.search("s", limit=100))


# -- ranking --------------------------------------------------------------------------------------

def test_ranking_name_start_then_later_words_then_units():
    index = SearchIndex([
        person(1, "Sinta Dewi", "Dinas Sosial"),
        person(2, "Agus Sinaga", "Inspektorat"),
        person(3, "Budi Utomo Sinarto", "Inspektorat"),
        person(4, "Ahmad Yani", "Kecamatan Sindangsari"),
        person(5, "Dr. Silvia Ardi, M.Si.", "Inspektorat"),
        person(6, "Abdul Sinaga", "Bappeda"),
    ])
    # names starting with "si" (alphabetical), then "si" as second word (alphabetical),
    # third word, and the unit match last
    assert ids(index.search("si")) == [5, 1, 6, 2, 3, 4]


def test_ranking_full_name_start_then_earlier_words_then_typed_order():
    index = SearchIndex([
        person(1, "Santoso Budiman"),
        person(2, "Budi Santoso"),
        person(3, "Agus Budi Santoso"),
        person(4, "Budi Agus Santoso"),
    ])
    # 2 starts with what was typed; then by the sum of word positions: 1 (1+0), 4 (0+2), 3 (1+2)
    assert ids(index.search("budi san")) == [2, 1, 4, 3]
    # 2 and 1 both use words 0 and 1: the one in typed order first
    assert ids(index.search("bud san")) == [2, 1, 4, 3]
    assert ids(index.search("san bud")) == [1, 2, 4, 3]


def test_name_matches_before_nip_before_unit():
    index = SearchIndex([
        person(1, "Andi 2024", "Unit 2024a"),
        person(2, "Bayu", "Bagian 2024", nip="198001012024011001"),
        person(3, "Cici", "Bagian 2024"),
    ])
    assert ids(index.search("2024")) == [1, 2, 3]


# -- updates --------------------------------------------------------------------------------------

def test_add_remove_update(index):
    index.add(person(11, "Budi Wirawan, S.Kom.", "Diskominfo", nip="199203042019031002"))
    assert 11 in ids(index.search("budi"))
    assert ids(index.search("wira")) == [11]
    assert ids(index.search("1992 0304")) == [11]
    assert ids(index.search("diskom")) == [11]
    index.update(person(11, "Budi Wirahadi", "Sekretariat DPRD", nip="199203042019031002"))
    assert ids(index.search("wirawan")) == []
    assert ids(index.search("wirah")) == [11]
    assert ids(index.search("diskom")) == []
    assert ids(index.search("dprd")) == [11]
    index.remove(11)
    assert 11 not in ids(index.search("budi"))
    assert index.search("wira") == []
    assert index.search("19920304") == []
    index.remove(11)  # unknown: ignored
    assert len(index) == 10


def test_update_keeps_roster_order(index):
    index.update(person(1, "Budi Santosa", "Dinas Pendidikan"))
    assert [a.id for a in index.attendees()] == list(range(1, 11))
    assert index.get(1).name == "Budi Santosa"
    assert ids(index.search("santosa")) == [1]


def test_add_known_id_updates(index):
    index.add(person(3, "Desi Ratna", "Bagian Hukum Setda"))
    assert len(index) == 10
    assert ids(index.search("desi")) == [3]
    assert index.search("desy") == []


def test_attendee_without_id_is_refused():
    with pytest.raises(ValueError):
        SearchIndex([Attendee("Tanpa Id", Category.TAMU)])


# -- 10,000 people --------------------------------------------------------------------------------

FIRST = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Galih", "Hesti", "Indra", "Joko",
         "Muhammad", "Siti", "Sri", "Nur", "Ahmad", "Rina", "Désy", "Yusuf", "Putu", "Ketut"]
LAST = ["Santoso", "Wibowo", "Kurniawan", "Utami", "Hidayat", "Suryadi", "Anggraini",
        "Panjaitan", "Sembiring", "Nasution", "Hakim", "Mahendra", "Lestari", "Saputra"]
BEFORE = ["", "", "", "Dr. ", "Drs. ", "H. ", "Hj. ", "Ir. ", "Dr. H. "]
AFTER = ["", "", ", S.Sos.", ", S.E., M.M.", ", S.Kom.", ", M.Si.", ", S.Pd.", ", A.Md."]
UNITS = ["Dinas Pendidikan", "Dinas Kesehatan", "Inspektorat", "Kecamatan Rawalumbu",
         "Bagian Hukum Setda", "Dinas Komunikasi dan Informatika"]


def big_roster(n: int) -> list[Attendee]:
    rng = random.Random(3)
    return [
        person(i, f"{rng.choice(BEFORE)}{rng.choice(FIRST)} {rng.choice(LAST)}"
                  f"{rng.choice(AFTER)}", rng.choice(UNITS), nip=f"19{i:016d}")
        for i in range(1, n + 1)
    ]


def test_ten_thousand_people():
    roster = big_roster(10_000)
    roster.append(person(20_000, "Dr. H. Budi Santoso, M.Si.", "Dinas Pendidikan",
                         nip=NIP_BUDI))
    index = SearchIndex(roster)
    found = index.search("bud san", limit=None)
    expected = [a for a in roster if name_words(a.name) == ["budi", "santoso"]]
    assert len(found) == len(expected) > 1
    assert index.search("bud san", limit=10) == found[:10]
    assert ids(index.search("19860926 2015")) == [20_000]
    assert {a.unit for a in index.search("inspektorat", limit=None)} == {"Inspektorat"}
    assert len(index.search("des", limit=None)) == sum(1 for a in roster if "Désy" in a.name)
    # every keystroke is quick even with Python's overhead on a slow test machine
    queries = ["s", "si", "sit", "siti", "siti n", "siti nu", "d", "di", "din", "dinas",
               "1", "19", "198", "1986", "h", "hj"]
    worst = 0.0
    for text in queries:
        started = time.perf_counter()
        index.search(text)
        worst = max(worst, time.perf_counter() - started)
    assert worst < 0.05
