"""The headless command line: what a script reading --json, or a person reading the text, sees.

Every command gets --db in tmp_path, so no test touches the user's own database.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import main
from events.categories import Category
from events.model import Attendee
from events.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
NIP_A = "198609262015051001"


def create(cli, *extra: str, name: str = "Ikrar Netralitas ASN", date: str = "2023-11-02"):
    code, data, err = cli("event", "create", "--name", name, "--date", date, *extra, "--json")
    assert code == 0, (data, err)
    return data


def test_event_create_prints_the_new_event(cli, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    data = create(
        cli, "--kind", "sosialisasi_anti_korupsi", "--start", "08:00", "--end", "11:30",
        "--venue", "Balai Patriot", "--city", "Kota Bekasi", "--organizer-unit", "Kesbangpol",
        "--institution", "Pemerintah Kota Bekasi", "--letter-number", "005/7262-Kesbangpol",
        "--letter-date", "2023-10-26", "--agenda", "Pembukaan; Ikrar; Penutup",
        "--presiding-name", "Pj. Wali Kota", "--presiding-title", "Penjabat Wali Kota",
        "--presiding-nip", "19660801.198803.1.001",
        "--witness-name", "Sekda", "--witness-nip", "19860926 201505 1 001",
        "--speaker", "Zainal, S.H.|Kasi Intel|Kejaksaan Negeri",
        "--speaker", "Ani|Inspektur", "--logo", str(logo),
    )

    assert isinstance(data["id"], int)
    assert data["name"] == "Ikrar Netralitas ASN"
    assert data["kind"] == "sosialisasi_anti_korupsi"
    assert data["date"] == "2023-11-02"
    assert (data["start_time"], data["end_time"]) == ("08:00", "11:30")
    assert data["venue"] == "Balai Patriot"
    assert data["letter_date"] == "2023-10-26"
    assert data["has_logo"] is True
    assert data["presiding"] == {"name": "Pj. Wali Kota", "title": "Penjabat Wali Kota",
                                 "nip": "19660801 198803 1 001"}
    assert data["witness"]["nip"] == "19860926 201505 1 001"
    assert data["speakers"] == [
        {"name": "Zainal, S.H.", "title": "Kasi Intel", "institution": "Kejaksaan Negeri"},
        {"name": "Ani", "title": "Inspektur", "institution": ""},
    ]
    assert data["archived"] is False and data["is_demo"] is False

    code, shown, _ = cli("event", "show", str(data["id"]), "--json")
    assert code == 0
    assert {k: v for k, v in shown.items() if k != "by_category"} == data


def test_event_create_in_text_mode(cli):
    code, out, _ = cli("event", "create", "--name", "Pakta Integritas", "--date", "2024-01-05")
    assert code == 0
    assert out.startswith("Acara dibuat: #1 Pakta Integritas")


def test_end_before_start_is_refused_with_a_json_error(cli):
    code, data, _ = cli("event", "create", "--name", "Ikrar", "--date", "2024-01-05",
                        "--start", "10:00", "--end", "09:00", "--json")
    assert code == 1
    assert data["error"]["code"] == "invalid_event"
    assert "end_time" in data["error"]["message"]
    assert [p["field"] for p in data["problems"]] == ["end_time"]
    assert data["problems"][0]["code"] == "end_before_start"
    assert cli("event", "list", "--all", "--json")[1] == {"events": []}


def test_blank_name_and_bad_nip_are_refused(cli):
    code, data, _ = cli("event", "create", "--name", "   ", "--date", "2024-01-05",
                        "--witness-nip", "19860926 201513 1 001", "--json")
    assert code == 1
    assert [(p["field"], p["code"]) for p in data["problems"]] == [
        ("name", "required"), ("witness_nip", "nip_tmt")]


def test_missing_name_is_a_usage_error_in_json(db_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main.main(["--db", str(db_path), "--create",
                   "event", "create", "--date", "2024-01-05", "--json"])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["error"]["code"] == "usage"
    assert "--name" in data["error"]["message"]
    assert "--name" in err  # the usage text is still there for a person
    assert not db_path.exists()


def test_bad_date_is_a_usage_error(db_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main.main(["--db", str(db_path), "--create", "event", "create", "--name", "X", "--date",
                   "2 November 2023"])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "YYYY-MM-DD" in err


def test_event_list(cli):
    assert cli("event", "list", "--json")[1] == {"events": []}
    code, out, _ = cli("event", "list")
    assert (code, out.strip()) == (0, "Belum ada acara.")

    old = create(cli, name="Lama", date="2023-01-01")
    new = create(cli, name="Baru", date="2024-06-01")
    code, data, _ = cli("event", "list", "--json")
    assert code == 0
    assert [(e["id"], e["name"], e["date"]) for e in data["events"]] == [
        (new["id"], "Baru", "2024-06-01"), (old["id"], "Lama", "2023-01-01")]

    code, out, _ = cli("event", "list")
    assert out.splitlines()[0].split() == [f"#{new['id']}", "2024-06-01", "Baru"]


def test_event_show_counts_by_category(cli, db_path):
    event = create(cli)
    store = Store.open(db_path)
    try:
        store.add_attendees(event["id"], [
            Attendee("Agus", Category.ESELON_II, nip=NIP_A),
            Attendee("Rina", Category.TAMU), Attendee("Sri", Category.TAMU),
        ])
    finally:
        store.close()

    code, data, _ = cli("event", "show", "Ikrar Netralitas ASN", "--json")
    assert code == 0
    assert data["id"] == event["id"]
    assert data["by_category"] == {str(c): 0 for c in Category} | {"eselon_2": 1, "tamu": 2}

    code, out, _ = cli("event", "show", str(event["id"]))
    assert "Eselon II (JPT Pratama): 1" in out
    assert "Tamu: 2" in out


def test_event_archive_hides_it_from_the_list(cli):
    keep = create(cli, name="Tetap")
    gone = create(cli, name="Diarsipkan")

    code, data, _ = cli("event", "archive", "Diarsipkan", "--json")
    assert code == 0
    assert data["id"] == gone["id"] and data["archived"] is True
    assert [e["id"] for e in cli("event", "list", "--json")[1]["events"]] == [keep["id"]]
    listed = cli("event", "list", "--all", "--json")[1]["events"]
    assert {e["id"]: e["archived"] for e in listed} == {keep["id"]: False, gone["id"]: True}
    assert "[arsip]" in cli("event", "list", "--all")[1]

    code, data, _ = cli("event", "archive", str(gone["id"]), "--undo", "--json")
    assert code == 0 and data["archived"] is False
    assert len(cli("event", "list", "--json")[1]["events"]) == 2


def test_demo_twice_gives_the_same_event(cli):
    code, first, _ = cli("demo", "--json")
    assert code == 0
    assert isinstance(first["id"], int)
    assert first["is_demo"] is True
    code, second, _ = cli("demo", "--json")
    assert code == 0
    assert second["id"] == first["id"]
    assert len(cli("event", "list", "--json")[1]["events"]) == 1
    code, out, _ = cli("demo")
    assert out.startswith(f"Acara demo: #{first['id']} DEMO")


def test_roster_list_shows_attendees_with_their_category(cli):
    demo = cli("demo", "--json")[1]
    code, data, _ = cli("roster", "list", str(demo["id"]), "--json")
    assert code == 0
    assert data["event_id"] == demo["id"]
    people = data["attendees"]
    shown = cli("event", "show", str(demo["id"]), "--json")[1]
    assert len(people) == sum(shown["by_category"].values())
    orders = [Category(p["category"]).order for p in people]
    assert orders == sorted(orders)
    assert {p["category"] for p in people} == {str(c) for c in Category}
    first = people[0]
    assert first["category"] == "eselon_2"
    assert first["category_label"] == "Eselon II (JPT Pratama)"
    assert len(first["nip"].split()) == 4  # shown grouped, 8-6-1-3
    assert isinstance(first["id"], int)
    guests = [p for p in people if p["category"] == "tamu"]
    assert all(p["nip"] is None and p["institution"] for p in guests)


def test_roster_list_of_an_empty_event(cli):
    event = create(cli)
    assert cli("roster", "list", str(event["id"]), "--json")[1] == {
        "event_id": event["id"], "attendees": []}
    assert cli("roster", "list", str(event["id"]))[1].strip() == "Belum ada peserta."


@pytest.mark.parametrize("command", [["event", "show"], ["event", "archive"],
                                     ["roster", "list"]])
def test_an_unknown_event_fails_clearly(cli, command):
    code, data, _ = cli(*command, "Acara Hantu", "--json")
    assert code == 1
    assert data["error"]["code"] == "not_found"
    assert "Acara Hantu" in data["error"]["message"]

    code, out, err = cli(*command, "404")
    assert code == 1
    assert out == ""
    assert err.startswith("Gagal: Data tidak ditemukan")
    assert "404" in err


def test_a_corrupt_database_fails_with_code_corrupt(db_path, capsys):
    garbage = random.Random(3).randbytes(2048)
    db_path.write_bytes(garbage)
    assert main.main(["--db", str(db_path), "--create", "event", "list", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["error"]["code"] == "corrupt"
    assert data["error"]["message"]
    assert db_path.read_bytes() == garbage


def test_a_newer_database_fails_with_code_newer_schema(cli, db_path):
    create(cli)
    store = Store.open(db_path)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    store.close()
    code, data, _ = cli("event", "list", "--json")
    assert code == 1
    assert data["error"]["code"] == "newer_schema"


def test_reading_the_command_line_loads_no_database_crypto_or_pdf_library():
    """Every start, the window's too, parses the command line first: the parser (with the
    export kinds it offers) must not pull in what only commands need, or start-up slows."""
    code = ("import sys, main; main.parse_args(['export', '1', '--what', 'minutes', '--out', "
            "'x.pdf']); heavy = ('sqlalchemy', 'cryptography', 'reportlab', 'openpyxl', "
            "'psycopg', 'PySide6'); print([m for m in heavy if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_main_py_in_a_real_process_without_qt(tmp_path):
    """``python main.py ... --json`` as a script would run it, with PySide6 unimportable."""
    blocker = tmp_path / "no_qt"
    (blocker / "PySide6").mkdir(parents=True)
    (blocker / "PySide6" / "__init__.py").write_text(
        "raise ImportError('PySide6 is blocked for this test')\n")
    path = [str(blocker), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path),
           "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONDONTWRITEBYTECODE": "1"}
    db = tmp_path / "sub.sqlite"
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db), "--create", "event", "create", "--name",
         "Ikrar Netralitas ASN", "--date", "2024-11-02", "--start", "08:00", "--json"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data["id"], int)
    assert (data["name"], data["date"], data["start_time"]) == (
        "Ikrar Netralitas ASN", "2024-11-02", "08:00")
    assert not (tmp_path / "xdg").exists()  # the user's data folder was not touched

    store = Store.open(db)
    try:
        assert [e.name for e in store.list_events()] == ["Ikrar Netralitas ASN"]
    finally:
        store.close()


def test_invitations_command_writes_one_card_per_attendee(tmp_path, capsys):
    import json

    import main

    db = str(tmp_path / "inv.sqlite")
    assert main.main(["--db", db, "--create", "demo", "--json"]) == 0
    event_id = json.loads(capsys.readouterr().out)["id"]
    out = tmp_path / "undangan.pdf"
    assert main.main(["--db", db, "--create", "invitations", str(event_id), "--out", str(out),
                      "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["cards"] == 104 and out.read_bytes().startswith(b"%PDF")
    assert main.main(["--db", db, "invitations", str(event_id), "--out",
                      str(tmp_path / "missing" / "x.pdf"), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "write_failed"


@pytest.mark.parametrize("what, name, magic", [
    ("attendance", "dh.xlsx", b"PK"), ("attendance-pdf", "dh.pdf", b"%PDF"),
    ("attendance-blank", "kosong.pdf", b"%PDF"), ("minutes", "ba.pdf", b"%PDF"),
    ("public", "publik.pdf", b"%PDF"), ("public-csv", "publik.csv", b"\xef\xbb\xbf"),
    ("certificates", "sertifikat.pdf", b"%PDF")])
def test_export_command_writes_each_document(tmp_path, capsys, what, name, magic, passphrase):
    import json

    import main

    db = str(tmp_path / "docs.sqlite")
    assert main.main(["--db", db, "--create", "key", "create", "--json"]) == 0
    capsys.readouterr()
    assert main.main(["--db", db, "--create", "demo", "--json"]) == 0
    event_id = json.loads(capsys.readouterr().out)["id"]
    out = tmp_path / name
    args = ["--db", db, "--create",
            "export", str(event_id), "--what", what, "--out", str(out), "--json"]
    if what == "certificates":
        args.append("--combined")
    assert main.main(args) == 0
    assert json.loads(capsys.readouterr().out)["files"] == [str(out)]
    assert out.read_bytes().startswith(magic)


def test_export_of_certificates_to_a_folder_writes_one_file_per_signer(tmp_path, capsys,
                                                                      monkeypatch):
    import json

    import main

    db = str(tmp_path / "docs.sqlite")
    main.main(["--db", db, "--create", "demo", "--json"])
    event_id = json.loads(capsys.readouterr().out)["id"]
    args = ["--db", db, "--create", "export", str(event_id), "--what", "certificates", "--out",
            str(tmp_path / "sertifikat"), "--json"]
    # The demo comes with its own demo key: its certificates need nothing typed.
    monkeypatch.delenv("IKRAR_KEY_PASSPHRASE", raising=False)
    assert main.main(args) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert len(files) == 12 and all(f.endswith(".pdf") for f in files)
    assert main.main(["--db", db, "--create", "verify", files[0], "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["status"] == "authentic" and verdict["visible_text_checked"]
    assert verdict["record"]["event_name"].startswith("DEMO")
    assert main.main(["--db", db, "--create", "audit", "verify", str(event_id), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "intact"
    assert main.main(["--db", db, "--create", "audit", "show", str(event_id), "--json"]) == 0
    actions = [e["action"] for e in json.loads(capsys.readouterr().out)["entries"]]
    assert actions.count("sealed") == 13  # 12 and the witness
    # The head signed after sealing, and again with the export.
    assert actions[-3:] == ["checkpoint", "export", "checkpoint"]


def test_export_of_certificates_takes_the_windows_scopes(tmp_path, capsys, passphrase):
    """--attendee: one person's certificate; --last-minutes: those who signed lately."""
    import json

    import main

    db = str(tmp_path / "docs.sqlite")
    assert main.main(["--db", db, "--create", "key", "create", "--json"]) == 0
    capsys.readouterr()
    assert main.main(["--db", db, "--create", "demo", "--json"]) == 0
    event_id = json.loads(capsys.readouterr().out)["id"]
    main.main(["--db", db, "--create", "signature", "list", str(event_id), "--json"])
    signed = json.loads(capsys.readouterr().out)["signed"]
    someone = next(s for s in signed if s["role"] == "attendee")["attendee_id"]
    base = ["--db", db, "--create", "export", str(event_id), "--what", "certificates", "--json"]
    assert main.main([*base, "--out", str(tmp_path / "one"), "--attendee", str(someone)]) == 0
    assert len(json.loads(capsys.readouterr().out)["files"]) == 1
    assert main.main([*base, "--out", str(tmp_path / "all"), "--last-minutes", "100000"]) == 0
    assert len(json.loads(capsys.readouterr().out)["files"]) == 12
    with pytest.raises(SystemExit) as refused:  # one scope at a time
        main.main([*base, "--out", str(tmp_path / "x"), "--attendee", "1", "--last-minutes", "5"])
    assert refused.value.code == 2


ROSTER_CSV = (
    "No,Nama,NIP,Jabatan,Unit Kerja\n"
    "1,Agus Salim,198609262015051001,Kepala Bidang Data,Diskominfo\n"
    "2,Rina Wati,19870101 201001 2 002,Kepala Seksi Umum,Setda\n"
    "3,Budi,12345,Staf,Setda\n"
)


def test_roster_import_checks_with_dry_run_then_imports_the_good_rows(cli, tmp_path):
    event = create(cli)
    roster = tmp_path / "undangan.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")

    code, data, _ = cli("roster", "import", str(event["id"]), str(roster), "--dry-run", "--json")
    assert code == 0
    assert {k: v for k, v in data.items() if k not in ("problems", "sheets")} == {
        "event_id": event["id"], "dry_run": True, "imported": 0, "importable": 2,
        "error_rows": 1, "by_category": {"eselon_3": 1, "eselon_4": 1},
        "sha256": hashlib.sha256(ROSTER_CSV.encode("utf-8")).hexdigest(),
        "already_imported": False, "problems_file": None}
    assert [(p["row"], p["code"], p["severity"], p["column"], p["value"])
            for p in data["problems"]] == [(4, "nip_length", "error", "C", "12345")]
    [sheet] = data["sheets"]
    assert (sheet["name"], sheet["header_row"], sheet["data_rows"]) == ("undangan", 1, 3)
    assert sheet["headers"] == ["No", "Nama", "NIP", "Jabatan", "Unit Kerja"]
    assert cli("roster", "list", str(event["id"]), "--json")[1]["attendees"] == []

    code, out, err = cli("roster", "import", "Ikrar Netralitas ASN", str(roster))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "File: undangan.csv (CSV, utf-8, pemisah ',')",
        "  Lembar undangan: judul kolom baris 1, data baris 2-4, 3 orang",
        "Siap diimpor: 2 orang",
        "  Eselon III (Administrator): 1",
        "  Eselon IV (Pengawas): 1",
        "Ditolak (galat): 1 baris; dengan peringatan: 0 baris",
        "  [GALAT] undangan baris 4, kolom C (NIP): NIP harus 18 angka, tertulis 5 angka",
        "Diimpor: 2 peserta.",
    ]
    listed = cli("roster", "list", str(event["id"]), "--json")[1]["attendees"]
    assert sorted(a["name"] for a in listed) == ["Agus Salim", "Rina Wati"]
    assert all(a["source"] == "import" for a in listed)


def test_roster_import_of_nothing_new_fails_with_the_plan_in_the_answer(cli, tmp_path):
    event = create(cli)
    first = tmp_path / "undangan-lama.csv"
    first.write_text(ROSTER_CSV, encoding="utf-8")
    assert cli("roster", "import", str(event["id"]), str(first), "--json")[1]["imported"] == 2
    roster = tmp_path / "undangan.csv"  # the same people in a file that is not the same
    roster.write_text(ROSTER_CSV + "\n", encoding="utf-8")

    code, data, _ = cli("roster", "import", str(event["id"]), str(roster), "--json")
    assert code == 1
    assert data["error"]["code"] == "nothing_imported"
    assert data["error"]["message"].endswith("\nTidak ada baris yang dapat diimpor.")
    assert "Siap diimpor: 0 orang" in data["error"]["message"]
    assert (data["event_id"], data["dry_run"], data["imported"], data["importable"],
            data["error_rows"], data["by_category"]) == (event["id"], False, 0, 0, 3, {})
    assert [p["code"] for p in data["problems"]] == [
        "nip_duplicate_event", "nip_duplicate_event", "nip_length"]
    assert len(data["sheets"]) == 1

    code, out, err = cli("roster", "import", str(event["id"]), str(roster))
    assert (code, out) == (1, "")
    assert err.startswith("Gagal: File: undangan.csv")
    assert err.endswith("Tidak ada baris yang dapat diimpor.\n")
    assert len(cli("roster", "list", str(event["id"]), "--json")[1]["attendees"]) == 2


ROSTER_WITHOUT_IDS_CSV = (
    "No,Nama,NIP,Jabatan,Unit Kerja\n"
    "1,Agus Salim,19800101 200501 1 001,Kepala Bidang Mutasi,BKPSDM\n"
    "2,Siti Aminah,,Tenaga Honorer,Setda\n"
    "3,\"Dr. H. Joko Susilo, M.Si.\",,Tokoh Masyarakat,LPMK Sukamaju\n"
)


def test_roster_import_of_the_same_file_twice_adds_nobody_and_says_why(cli, tmp_path):
    event = create(cli)
    roster = tmp_path / "undangan.csv"
    roster.write_text(ROSTER_WITHOUT_IDS_CSV, encoding="utf-8")
    code, data, _ = cli("roster", "import", str(event["id"]), str(roster), "--json")
    assert (code, data["imported"], data["already_imported"]) == (0, 3, False)

    code, data, _ = cli("roster", "import", str(event["id"]), str(roster), "--json")
    assert code == 1
    assert data["error"]["code"] == "already_imported"
    assert data["error"]["message"].endswith(
        "\nFile ini sudah pernah diimpor; tidak ada peserta baru.")
    assert (data["imported"], data["importable"], data["already_imported"]) == (0, 0, True)
    assert [(p["row"], p["code"], p["severity"]) for p in data["problems"]] == [
        (None, "file_already_imported", "warning"),
        (2, "nip_duplicate_event", "error"),
        (3, "name_duplicate_event", "error"),
        (4, "category_guessed", "warning"),
        (4, "name_duplicate_event", "error"),
    ]
    assert data["problems"][0]["message"].startswith(
        "File yang sama persis (undangan.csv) sudah diimpor ke acara ini pada ")
    assert len(cli("roster", "list", str(event["id"]), "--json")[1]["attendees"]) == 3

    code, out, err = cli("roster", "import", str(event["id"]), str(roster))
    assert (code, out) == (1, "")
    assert "  [PERINGATAN] undangan.csv: File yang sama persis (undangan.csv)" in err
    assert "  [GALAT] undangan baris 3, kolom B (Nama): Nama yang sama tanpa NIP/NIK sudah " \
           "terdaftar di acara ini (Setda); baris ini tidak diimpor" in err


def test_roster_import_writes_the_problem_list_for_the_office(cli, tmp_path):
    event = create(cli)
    roster = tmp_path / "undangan.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    problems = tmp_path / "masalah.csv"
    code, data, _ = cli("roster", "import", str(event["id"]), str(roster), "--dry-run",
                        "--problems", str(problems), "--json")
    assert (code, data["problems_file"]) == (0, str(problems))
    assert problems.read_bytes().decode("utf-8-sig").splitlines() == [
        "Lembar,Baris,Kolom,Isi sel,Masalah",
        "undangan,4,C,12345,\"NIP harus 18 angka, tertulis 5 angka\"",
    ]

    code, data, _ = cli("roster", "import", str(event["id"]), str(roster), "--dry-run",
                        "--problems", str(tmp_path / "tidak-ada" / "masalah.csv"), "--json")
    assert (code, data["error"]["code"]) == (1, "write_failed")


def test_roster_import_refuses_a_missing_file_and_an_archived_event(cli, tmp_path):
    event = create(cli)
    code, data, _ = cli("roster", "import", str(event["id"]), str(tmp_path / "hilang.xlsx"),
                        "--json")
    assert code == 1
    assert set(data) == {"error"} and data["error"]["code"] == "file_not_found"

    roster = tmp_path / "undangan.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    assert cli("event", "archive", str(event["id"]), "--json")[0] == 0
    code, data, _ = cli("roster", "import", str(event["id"]), str(roster), "--json")
    assert code == 1
    assert data == {"error": {
        "code": "event_archived",
        "message": f"Acara #{event['id']} diarsipkan; keluarkan dari arsip dulu untuk mengubah "
                   "daftar pesertanya."}}
    assert cli("roster", "list", str(event["id"]), "--json")[1]["attendees"] == []


class Terminal:
    """stdin as a terminal, and getpass answering from ``answers`` while noting each prompt."""

    def __init__(self, monkeypatch, *answers: str):
        self.answers = list(answers)
        self.prompts: list[str] = []
        monkeypatch.setattr(sys, "stdin", self)
        monkeypatch.setattr("getpass.getpass", self.getpass)

    def isatty(self) -> bool:
        return True

    def getpass(self, prompt: str = "Password: ") -> str:
        self.prompts.append(prompt)
        return self.answers.pop(0)


class Pipe:
    """stdin from a pipe: no terminal to ask on."""

    def isatty(self) -> bool:
        return False


def test_key_create_asks_the_passphrase_twice_on_a_terminal(cli, monkeypatch):
    monkeypatch.delenv("IKRAR_KEY_PASSPHRASE", raising=False)
    terminal = Terminal(monkeypatch, "kata-sandi-uji", "kata-sandi-beda")
    code, data, _ = cli("key", "create", "--json")
    assert code == 1
    assert data == {"error": {"code": "passphrase_mismatch",
                              "message": "Kedua kata sandi tidak sama"}}
    assert terminal.prompts == ["Kata sandi kunci segel: ", "Ulangi kata sandi: "]
    assert cli("key", "list", "--json")[1] == {"keys": []}

    terminal = Terminal(monkeypatch, "kata-sandi-uji", "kata-sandi-uji")
    code, data, _ = cli("key", "create", "--json")
    assert code == 0 and data["fingerprint"]
    assert terminal.prompts == ["Kata sandi kunci segel: ", "Ulangi kata sandi: "]
    # Unlocking asks once.
    demo = cli("demo", "--json")[1]
    terminal = Terminal(monkeypatch, "kata-sandi-uji")
    code, data, _ = cli("seal", str(demo["id"]), "--json")
    assert code == 0 and data["sealed"] > 0  # with a key of one's own, the demo waits for it
    assert terminal.prompts == ["Kata sandi kunci segel: "]


def test_without_a_terminal_the_passphrase_must_come_from_the_environment(cli, monkeypatch):
    monkeypatch.delenv("IKRAR_KEY_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", Pipe())
    code, data, _ = cli("key", "create", "--json")
    assert code == 1
    assert data == {"error": {
        "code": "passphrase_required",
        "message": "Kata sandi kunci segel diperlukan: isi IKRAR_KEY_PASSPHRASE atau jalankan "
                   "dari terminal"}}
    code, out, err = cli("key", "create")
    assert (code, out) == (1, "")
    assert err.startswith("Gagal: Kata sandi kunci segel diperlukan")


def test_the_p12_password_comes_from_the_environment_or_the_terminal(cli, monkeypatch,
                                                                      passphrase, tmp_path):
    monkeypatch.delenv("IKRAR_P12_PASSPHRASE", raising=False)
    assert cli("key", "create", "--json")[0] == 0
    demo = cli("demo", "--json")[1]
    p12 = tmp_path / "org.p12"
    p12.write_bytes(b"not a PKCS#12 file")
    args = ("export", str(demo["id"]), "--what", "certificates", "--out",
            str(tmp_path / "sertifikat.pdf"), "--combined", "--p12", str(p12), "--json")
    monkeypatch.setattr(sys, "stdin", Pipe())
    code, data, _ = cli(*args)
    assert code == 1
    assert data == {"error": {
        "code": "passphrase_required",
        "message": "Kata sandi berkas .p12 diperlukan: isi IKRAR_P12_PASSPHRASE atau jalankan "
                   "dari terminal"}}

    terminal = Terminal(monkeypatch, "rahasia-p12")
    code, data, _ = cli(*args)
    assert terminal.prompts == ["Kata sandi berkas .p12: "]
    assert code == 1 and data["error"]["code"] == "p12_not_p12"
    assert not (tmp_path / "sertifikat.pdf").exists()


def test_a_server_that_cannot_be_reached_has_its_own_exit_code_and_a_plain_message(capsys):
    import json

    import main

    url = "postgresql://ikrar:Rahasia-123@127.0.0.1:9/ikrar"
    code = main.main(["--db", url, "event", "list", "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert code == 5 and answer["error"]["code"] == "unreachable"
    message = answer["error"]["message"]
    assert message.startswith("Basis data tidak dapat dibuka")
    assert "refused" not in message and "Rahasia-123" not in message  # the driver's words: log

    code = main.main(["--db", url, "--lang", "en", "event", "list"])
    _out, err = capsys.readouterr()
    assert code == 5
    assert err.startswith("Failed: The database cannot be opened")


def test_the_command_line_answers_in_english_with_lang_en(cli, tmp_path):
    event = create(cli)
    roster = tmp_path / "undangan.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    assert cli("roster", "import", str(event["id"]), str(roster), "--json")[0] == 0
    code, out, _ = cli("--lang", "en", "checkin", str(event["id"]), "--nip",
                       "198609262015051001", "--desk", "Meja 1")
    assert code == 0 and out.startswith("Checked in at ") and " at Meja 1: " in out
    code, out, _ = cli("--lang", "en", "checkin", str(event["id"]), "--nip",
                       "198609262015051001")
    assert code == 3 and out.startswith("Already checked in at ")


def test_a_certificate_exported_by_one_process_verifies_in_another(tmp_path):
    """As an organizer and an inspector meet it: each command its own process. The verifying
    process has signed nothing, so the signing library is not loaded there; a genuine certificate
    must still be ASLI there, and a changed byte in it DIUBAH."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"),
           "IKRAR_KEY_PASSPHRASE": "kata-sandi-uji-panjang", "QT_QPA_PLATFORM": "offscreen"}
    db = str(tmp_path / "acara.sqlite")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", "--db", db, *args], cwd=REPO_ROOT,
                              env=env, capture_output=True, text=True, timeout=180)

    assert run("--create", "key", "create", "--json").returncode == 0
    made = run("demo", "--json")
    assert made.returncode == 0, made.stderr
    event_id = str(json.loads(made.stdout)["id"])
    out = tmp_path / "sertifikat"
    exported = run("export", event_id, "--what", "certificates", "--out", str(out), "--json")
    assert exported.returncode == 0, exported.stderr
    pdf = sorted(out.glob("*.pdf"))[0]

    checked = run("verify", str(pdf), "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["status"] == "authentic"

    forged = tmp_path / "diubah.pdf"
    data = bytearray(pdf.read_bytes())
    at = data.index(b"/Producer")
    data[at + 1] = ord("p")  # one byte inside the signed range
    forged.write_bytes(bytes(data))
    changed = run("verify", str(forged))
    assert changed.returncode == 3, changed.stdout + changed.stderr
    assert "DIUBAH" in changed.stdout
