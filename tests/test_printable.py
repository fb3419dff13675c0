"""Names as documents print them (events/printable.py): normalised at import and in the form
(NFC, invisible characters removed and reported, full-width letters turned), scripts the bundled
fonts cannot draw refused with the reason; and genuine certificates with hard names (long,
titled, apostrophes, accents, emoji the font draws) wrap whole and verify as ASLI."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from events.categories import Category
from events.model import Attendee
from events.printable import normalise, unprintable
from events.roster_import import plan_import
from events.validation import attendee_problems
from tests.test_roster_import import TODAY, make_xlsx

INVISIBLE = {
    "zero-width space": "Budi\u200b Santoso",
    "BOM": "\ufeffBudi Santoso",
    "zero-width joiner": "Budi Sant\u200doso",
    "zero-width non-joiner": "Budi\u200c Santoso",
    "left-to-right mark": "\u200eBudi Santoso",
    "right-to-left override": "\u202eBudi Santoso\u202c",
    "soft hyphen": "Budi San\u00adtoso",
    "a control character": "Budi\x07 Santoso",
}


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_invisible_characters_are_removed_and_reported(name):
    clean, removed = normalise(INVISIBLE[name])
    assert clean == "Budi Santoso" and removed
    assert unprintable(clean) == []


def test_nfc_and_full_width():
    assert normalise("Jose\u0301")[0] == "Jos\u00e9" == unicodedata.normalize("NFC", "José")
    assert normalise("\uff22\uff35\uff24\uff29 \uff33\uff21\uff2e\uff34\uff2f\uff33\uff2f")[0] \
        == "BUDI SANTOSO"


@pytest.mark.parametrize("text", ["محمد عبدالله", "שלום", "ꦧꦸꦣꦶ", "बुधि", "สมชาย",
                                  "\U0001f9d1\u200d\U0001f4bb\U0001fae0"])
def test_scripts_the_fonts_cannot_draw_are_unprintable(text):
    assert unprintable(normalise(text)[0])


def test_the_form_normalises_and_refuses(tmp_path):
    problems, normal = attendee_problems(Attendee("\ufeffSiti\u200b Aminah", Category.PELAKSANA,
                                                  jabatan="Staf\u200d Umum"))
    assert problems == [] and (normal.name, normal.jabatan) == ("Siti Aminah", "Staf Umum")
    problems, _ = attendee_problems(Attendee("محمد", Category.TAMU))
    assert [(p.field, p.code) for p in problems] == [("name", "unprintable")]
    assert "ARABIC LETTER MEEM" in problems[0].message
    assert problems[0].message.startswith("Berisi huruf yang tidak dapat dicetak")


def test_roster_import_normalises_warns_and_refuses(tmp_path: Path):
    path = make_xlsx(tmp_path / "undangan.xlsx", {"Undangan": [
        ["No", "Nama", "Jabatan", "Unit Kerja"],
        [1, "\ufeffBudi\u200b Santoso", "Kepala\u00a0Bidang", "Kesbangpol"],
        [2, "\uff33\uff49\uff54\uff49", "Staf", "Dinas"],
        [3, "محمد", "Tamu", "Ormas"],
        [4, "Rina ꦫꦶꦤ", "Staf", "Dinas"],
    ]})
    plan = plan_import(path, today=TODAY)
    names = [r.attendee.name for r in plan.good]
    assert names == ["Budi Santoso", "Siti"]
    by_row = {}
    for p in plan.problems:
        by_row.setdefault(p.row, []).append((p.code, p.severity.value))
    assert ("text_cleaned", "warning") in by_row[2] and ("text_cleaned", "warning") in by_row[3]
    assert ("text_unprintable", "error") in by_row[4]
    assert ("text_unprintable", "error") in by_row[5]


# -- genuine certificates with hard names ----------------------------------------------------

HARD_NAMES = [
    "Prof. Dr. Ir. Raden Mas Bambang Sutrisno Wicaksono Hadiningrat Kusumawardhani, S.H., M.H.,"
    " M.Si., M.Kn., Ph.D.",
    "Dr. H. Muhammad Al-Fatih bin Abdurrahman Sulaiman Wijayakusuma Prawiranegara, "
    "S.Pd.I., M.Pd., M.A.",
    "A" * 60 + "bcdefghijklmnop",  # a long unbroken word
    "Nur'aini O'Connor", "Zoë Łukasz-Nguyễn", "Made Wirawan \U0001f600", "Ni Luh Putu Ayu",
    "I Gusti Ngurah Rai", "Siti", "J.", "Tjokorda Gde Raka Sukawati", "Ṭāhir Ḥusayn",
    "Ярослав", "Ἀλέξανδρος", "ĆĘŁŃÓŚŹŻ ąęłńóśźż", "Ȃñđŕé Ñúñēž", "Übermaß Größe",
    # 150 characters, the longest a roster holds here
    ("Prof. Dr. Ir. H. Raden Mas Muhammad Bambang Sutrisno Wicaksono Hadiningrat Kusumawardhani "
     "Prawiranegara Wijayakusuma, S.H., M.H., M.Si., M.Kn., Ph.D.")[:150],
    ("Dra. Hj. Nur'aini O'Connor-Ḥusayn Łukasz-Nguyễn Ἀλέξανδρος Ярослав Übermaß Ñúñez "
     "Øystein Þór Đorđe Wirawan Sukawati Raka, S.Pd.I., M.Pd., M.A., M.Kn.")[:150],
]


def _hard_names(count: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    pool = ["Budi", "Siti", "Ani", "Rahmat", "Dewi", "Ayu", "Putu", "Made", "Wayan", "Nyoman",
            "Ketut", "Agus", "Sri", "Nur'aini", "O'Brien", "Zoë", "Łukasz", "Nguyễn", "Ḥusayn",
            "Ярослав", "Ἀλέξανδρος", "Müller", "José", "Ñúñez", "Ça", "Øystein", "Ærø", "Þór",
            "Đorđe", "\U0001f600"]
    titles = ["Dr.", "Prof.", "Ir.", "H.", "Hj.", "Drs.", "R.", "dr."]
    degrees = ["S.E.", "S.H.", "M.M.", "M.Si.", "S.Kom.", "M.Kn.", "Ph.D.", "S.Pd.I."]
    names = list(HARD_NAMES)
    while len(names) < count:
        words = [rng.choice(pool) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.4:
            words.insert(0, rng.choice(titles))
        name = " ".join(words)
        if rng.random() < 0.5:
            name += ", " + ", ".join(rng.sample(degrees, rng.randint(1, 4)))
        names.append(name[:150].rstrip(" ,"))
    return names[:count]


def genuine_certificates(count: int, seed: int = 13) -> list[tuple[str, bytes]]:
    """``count`` signed certificates, one a person, with generated hard names; their
    positions and units long too."""
    from pledges.documents.certificates import build_certificates
    from pledges.pades import pdf_signer
    from tests.sealing import fixed_key, seal_all
    from tests.test_certificates import make_record

    sign = pdf_signer(fixed_key())
    out = []
    for name in _hard_names(count, seed):
        record = make_record()
        record.attendees[0] = replace(record.attendees[0], name=name,
                                      jabatan="Kepala Sub Bagian " + name[:60])
        record.seals.clear()
        seal_all(record)
        out.append((name, sign(build_certificates(record, [1]))))
    return out


def test_hard_names_are_printable():
    assert all(not unprintable(name) for name in _hard_names(200))
    assert max(map(len, _hard_names(200))) <= 150


def test_genuine_certificates_with_hard_names_are_authentic(tmp_path):
    from pledges.verify import verify_file
    from tests.sealing import fixed_key

    keys = {fixed_key().fingerprint: fixed_key().private.public_key()}
    altered = []
    for index, (name, pdf) in enumerate(genuine_certificates(40)):
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(pdf)
        verdict = verify_file(path, keys)[0]
        if verdict.status != "authentic" or verdict.record.attendee_name != name:
            altered.append((name, verdict.status, verdict.field))
        assert b"\xe2\x80\xa6" not in pdf  # no ellipsis anywhere (never cut)
    assert altered == []


def test_a_long_name_is_wrapped_whole_on_the_page(tmp_path):
    import pypdfium2 as pdfium

    from pledges.documents.certificates import build_certificates
    from tests.pdfs import flat
    from tests.sealing import seal_all
    from tests.test_certificates import make_record

    record = make_record()
    record.attendees[0] = replace(record.attendees[0], name=HARD_NAMES[0])
    record.seals.clear()
    document = pdfium.PdfDocument(build_certificates(seal_all(record), [1]))
    try:
        text = flat(document[0].get_textpage().get_text_bounded())
    finally:
        document.close()
    assert text.count(HARD_NAMES[0]) == 2  # the identity row and the signer's block
    assert "\u2026" not in text
