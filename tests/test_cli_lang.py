"""``--lang en``: every command answers in English, text and the JSON "message" fields alike;
without it the answers stay Indonesian. JSON keys and status codes are the same in both."""

from __future__ import annotations

import json

import pytest

import main

ROSTER_CSV = (
    "No,Nama,NIP,Jabatan,Unit Kerja\n"
    "1,Agus Salim,198609262015051001,Kepala Bidang Data,Diskominfo\n"
    "2,Rina Wati,19870101 201001 2 002,Kepala Seksi Umum,Setda\n"
    "3,Budi,12345,Staf,Setda\n"
)

# Words only the Indonesian answers hold (whole words, any case).
INDONESIAN = {"acara", "peserta", "hadir", "berkas", "dibuat", "tanggal", "tempat", "waktu",
              "baris", "lembar", "diimpor", "ditolak", "galat", "peringatan", "orang", "versi",
              "butir", "terkunci", "belum", "sudah", "saksi", "tanda", "tangan", "kunci",
              "segel", "cadangan", "jejak", "entri", "utuh", "halaman", "diubah", "asli",
              "disegel", "dikenali", "disimpan", "gagal", "tidak", "ada", "dari", "dengan",
              "pukul", "dibatalkan", "undangan", "ditulis", "detik", "pilihan", "templat",
              "tanpa", "atau", "yang", "harus", "diperlukan"}


def indonesian_words(text: str) -> set[str]:
    import re

    return {w for w in re.findall(r"[a-z]+", text.lower())} & INDONESIAN


@pytest.fixture
def world(tmp_path, monkeypatch, capsys):
    """A database with a seal key, an event with a roster (one checked in), and the demo event
    (signed and sealed); ``run(lang, *args)`` runs a command and returns (code, stdout+stderr).
    """
    monkeypatch.setenv("IKRAR_KEY_PASSPHRASE", "kata-sandi-uji-bahasa")
    db = tmp_path / "ikrar.sqlite"

    def run(lang: str | None, *args: str) -> tuple[int, str]:
        lang_args = ["--lang", lang] if lang else []
        code = main.main(["--db", str(db), "--create", *lang_args, *args])
        out, err = capsys.readouterr()
        return code, out + err

    def data(*args: str) -> dict:
        code = main.main(["--db", str(db), "--create", *args, "--json"])
        out = capsys.readouterr().out
        assert code == 0, out
        return json.loads(out)

    data("key", "create")
    event = data("event", "create", "--name", "Rapat Koordinasi", "--date", "2023-11-02",
                 "--venue", "Aula")
    roster = tmp_path / "invited.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    data("roster", "import", str(event["id"]), str(roster))
    data("checkin", str(event["id"]), "--nip", "198609262015051001", "--desk", "Meja 1")
    demo = data("demo")
    certificates = tmp_path / "certificates"
    data("export", str(demo["id"]), "--what", "certificates", "--out", str(certificates))
    # A second list: the same rows and one more person (a file not imported before).
    more = tmp_path / "more.csv"
    more.write_text(ROSTER_CSV + "4,Sari Dewi,199001012015012003,Analis,Setda\n",
                    encoding="utf-8")
    names = {"event": str(event["id"]), "demo": str(demo["id"]), "roster": str(more),
             "tmp": str(tmp_path),
             "certificate": str(sorted(certificates.iterdir())[0])}
    return run, names


# (command line with {placeholders}, a phrase the English answer holds); the pledge's own text
# and people's names are the event's data, in whatever language they were written: only the
# lines of the answer around them are checked (CHECKED).
COMMANDS = [
    (["event", "list"], "[demo]"),
    (["event", "create", "--name", "Apel Pagi", "--date", "2024-01-05"], "Event created: #"),
    (["event", "show", "{event}"], "Venue: Aula"),
    (["event", "edit", "{event}", "--zone", "WITA"], "time zone WITA"),
    (["event", "archive", "{event}"], "archived."),
    (["roster", "import", "{event}", "{roster}", "--dry-run"],
     "Refused (errors): 3 rows"),
    (["roster", "list", "{event}"], "Agus Salim"),
    (["checkin", "{event}", "--nip", "19870101 201001 2 002", "--desk", "Meja 2"],
     "Checked in at "),
    (["checkin", "{event}", "--nip", "198609262015051001"], "Already checked in at "),
    (["checkin-undo", "{event}", "--nip", "198609262015051001", "--reason", "wrong person"],
     "undone (wrong person)"),
    (["checkin", "{event}", "--nip", "999999999999999999"], "Failed: "),
    (["invitations", "{event}", "--out", "{tmp}/cards.pdf"], "invitations written to"),
    (["export", "{demo}", "--what", "attendance", "--out", "{tmp}/list.pdf"],
     "1 file written: "),
    (["export", "{demo}", "--what", "certificates", "--out", "{tmp}/all.pdf",
      "--combined", "--no-pades"], "1 file written: "),
    (["verify", "{certificate}"], "AUTHENTIC"),
    (["verify", "--code", "ABCDE-FGHIJ"], "UNREADABLE"),
    (["audit", "verify", "{demo}"], "Audit trail intact"),
    (["audit", "show", "{demo}"], "Event created"),
    (["audit", "checkpoint", "{demo}"], "Audit trail head signed"),
    (["pledge", "list"], "points)"),
    (["pledge", "show", "{demo}"], "locked, "),
    (["pledge", "show", "{event}"], "has no pledge text yet"),
    (["pledge", "use", "{event}", "no-such-text"], "Unknown template"),
    (["signature", "list", "{demo}"], "Witness: done"),
    (["signature", "render", "{demo}", "saksi", "--out", "{tmp}/witness.png"],
     "Signature of Witness written to"),
    (["key", "list"], "seal"),
    (["key", "export", "--out", "{tmp}/key.pem"], "saved in"),
    (["seal", "{demo}"], "signatures sealed with key"),
    (["backup", "--out", "{tmp}/backup.sqlite"], "Backup made and checked"),
]


CHECKED = {("pledge", "show", "{demo}"): slice(0, 1), ("signature", "list"): slice(-1, None)}


@pytest.mark.parametrize(("command", "english"), COMMANDS,
                         ids=[" ".join(c[:2]) for c, _ in COMMANDS])
def test_every_command_answers_in_english_with_lang_en(world, command, english):
    run, names = world
    args = [part.format(**names) for part in command]
    _code, text_en = run("en", *args)
    assert english in text_en, text_en
    lines = CHECKED.get(tuple(command[:3])) or CHECKED.get(tuple(command[:2])) or slice(None)
    checked = "\n".join(text_en.strip().splitlines()[lines])
    assert not indonesian_words(checked), (indonesian_words(checked), text_en)


@pytest.mark.parametrize(("command", "indonesian"), [
    (["event", "show", "{event}"], "Tempat: Aula"),
    (["checkin", "{event}", "--nip", "198609262015051001"], "Sudah hadir pukul "),
    (["audit", "verify", "{demo}"], "Jejak audit utuh"),
    (["verify", "{certificate}"], "ASLI"),
    (["pledge", "show", "{event}"], "belum memiliki teks ikrar"),
    (["roster", "import", "{event}", "{roster}", "--dry-run"], "Ditolak (galat)"),
])
def test_without_lang_the_answers_stay_indonesian(world, command, indonesian):
    run, names = world
    args = [part.format(**names) for part in command]
    code_id, text_id = run(None, *args)
    code_en, text_en = run("en", *args)
    assert indonesian in text_id, text_id
    assert code_id == code_en
    assert text_id != text_en


def test_json_messages_follow_the_language_and_keys_do_not(world):
    run, names = world
    answers = {}
    for lang in ("id", "en"):
        code, out = run(lang, "checkin", names["event"], "--nip", "198609262015051001",
                        "--json")
        assert code == 3
        answers[lang] = json.loads(out)
    assert answers["id"].keys() == answers["en"].keys()
    assert answers["id"]["status"] == answers["en"]["status"] == "already"
    assert answers["id"]["message"].startswith("Sudah hadir")
    assert answers["en"]["message"].startswith("Already checked in at ")

    for lang, word in (("id", "ASLI"), ("en", "AUTHENTIC")):
        code, out = run(lang, "verify", names["certificate"], "--json")
        answer = json.loads(out)
        assert answer["status"] == "authentic"
        assert answer["message"].startswith(word)
        assert all(page["message"].startswith(word) for page in answer["pages"])

    code, out = run("en", "roster", "import", names["event"], names["roster"], "--dry-run",
                    "--json")
    problems = json.loads(out)["problems"]
    assert problems and all(p["code"] for p in problems)
    code, out = run("en", "pledge", "use", names["event"], "no-such-text", "--json")
    error = json.loads(out)["error"]
    assert error["code"] == "unknown_template" and error["message"].startswith("Unknown")


def test_the_phone_page_messages_are_in_english_when_the_phone_asks_for_it():
    """The phone service answers a page that asked for English (?lang=en) from the app's
    catalogue: a spent link's message is English there, Indonesian otherwise."""
    from pledges.phone.links import MESSAGES
    from ui.cli.phone import english

    spent = MESSAGES["spent"]
    assert english("id", spent) == spent
    said = english("en", spent)
    assert said != spent and "sign" in said.lower()
