"""Importing a roster again: the same file is recognised, and people without NIP/NIK who are
already on the event's roster are not added a second time. The problem list as a CSV."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date
from pathlib import Path

import pytest

from events.categories import Category
from events.model import Attendee, Event
from events.roster_import import (
    FILE_ALREADY_IMPORTED,
    ImportPlan,
    Severity,
    plan_for_event,
    plan_import,
    problems_csv,
    write_problems_csv,
)
from events.roster_import.problems import (
    NAME_DUPLICATE_EVENT,
    NAME_DUPLICATE_FILE,
    NIP_DUPLICATE_EVENT,
)

TODAY = date(2025, 6, 1)

ROSTER = (
    "No,Nama,NIP,Jabatan,Unit Kerja\n"
    "1,Agus Salim,19800101 200501 1 001,Kepala Bidang Mutasi,BKPSDM\n"
    "2,Siti Aminah,,Tenaga Honorer,Setda\n"
    "3,Joko Susilo,,Tenaga Honorer,Dinas Kesehatan\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def plan_of(tmp_path: Path, *rows: str) -> ImportPlan:
    """The plan of a CSV with the usual header and these rows."""
    header = "No,Nama,NIP,Jabatan,Unit Kerja\n"
    return plan_import(write(tmp_path / "undangan.csv", header + "".join(rows)), today=TODAY)


def honorer(name: str, unit: str) -> Attendee:
    return Attendee(name=name, category=Category.NON_ASN, unit=unit)


def test_a_person_without_ids_on_the_roster_is_matched_by_folded_name_unit_and_category(
        tmp_path: Path) -> None:
    roster = write(tmp_path / "undangan.csv", ROSTER)
    plan = plan_import(roster, today=TODAY, existing_people=[
        honorer("SITI AMINAH, S.E.", "  setda "),  # titles, case and spaces do not matter
        honorer("Joko Susilo", "Dinas Pendidikan"),  # another unit: another person
        Attendee(name="Agus Salim", category=Category.ESELON_III, unit="BKPSDM"),
    ])
    assert [(p.row, p.code, p.severity, p.column, p.value) for p in plan.problems
            if p.code == NAME_DUPLICATE_EVENT] == [
        (3, NAME_DUPLICATE_EVENT, Severity.ERROR, "B", "Siti Aminah")]
    assert [p.message for p in plan.problems if p.code == NAME_DUPLICATE_EVENT] == [
        "Nama yang sama tanpa NIP/NIK sudah terdaftar di acara ini (Setda); baris ini tidak "
        "diimpor"]
    # Agus has a NIP in the file: his NIP decides, not his name.
    assert sorted(a.name for a in plan.good_attendees()) == ["Agus Salim", "Joko Susilo"]


def test_the_same_name_in_another_category_is_another_person(tmp_path: Path) -> None:
    roster = write(tmp_path / "undangan.csv", ROSTER)
    plan = plan_import(roster, today=TODAY, existing_people=[
        Attendee(name="Siti Aminah", category=Category.TAMU, institution="Setda")])
    assert NAME_DUPLICATE_EVENT not in {p.code for p in plan.problems}
    assert len(plan.good) == 3


def test_within_the_file_the_same_person_is_found_by_the_same_rule(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, "1,Siti Aminah,,Tenaga Honorer,Setda\n",
                   "2,\"SITI AMINAH, S.E.\",,Tenaga Honorer,SETDA\n")
    assert [(p.row, p.code, p.severity) for p in plan.problems] == [
        (3, NAME_DUPLICATE_FILE, Severity.WARNING)]
    assert len(plan.good) == 2  # a warning: two people may share a name


@pytest.fixture
def event_id(store) -> int:
    return store.create_event(Event(name="Ikrar Netralitas ASN", event_date=TODAY)).stored_id


def test_the_same_file_again_is_said_first_and_adds_nobody(store, event_id: int,
                                                           tmp_path: Path) -> None:
    roster = write(tmp_path / "undangan.csv", ROSTER)
    first = plan_for_event(store, event_id, roster, today=TODAY)
    assert first.sha256 == hashlib.sha256(ROSTER.encode()).hexdigest()
    assert first.earlier_import is None and not first.to_dict()["already_imported"]
    store.add_attendees(event_id, first.good_attendees(), source_file="undangan.csv",
                        file_sha256=first.sha256)
    assert set(store.imported_files(event_id)) == {first.sha256}

    again = plan_for_event(store, event_id, roster, today=TODAY)
    assert again.good == []
    assert [(p.sheet, p.row, p.code, p.severity) for p in again.problems] == [
        ("undangan.csv", None, FILE_ALREADY_IMPORTED, Severity.WARNING),
        ("undangan", 2, NIP_DUPLICATE_EVENT, Severity.ERROR),
        ("undangan", 3, NAME_DUPLICATE_EVENT, Severity.ERROR),
        ("undangan", 4, NAME_DUPLICATE_EVENT, Severity.ERROR),
    ]
    assert again.problems[0].message.startswith(
        "File yang sama persis (undangan.csv) sudah diimpor ke acara ini pada ")
    # when, on the event's clock: "pada 02-12-2026 09.15 WIB"
    assert re.search(r"pada \d\d-\d\d-\d{4} \d\d\.\d\d WIB", again.problems[0].message)
    assert again.to_dict()["already_imported"] is True
    assert "[PERINGATAN] undangan.csv: File yang sama persis" in again.summary()


def test_a_changed_file_is_not_the_same_file_but_its_known_people_stay_out(
        store, event_id: int, tmp_path: Path) -> None:
    roster = write(tmp_path / "undangan.csv", ROSTER)
    plan = plan_for_event(store, event_id, roster, today=TODAY)
    store.add_attendees(event_id, plan.good_attendees(), source_file="undangan.csv",
                        file_sha256=plan.sha256)
    # A plain add (no file) is not an import: it names no file.
    store.add_attendees(event_id, [honorer("Rina", "Setda")])
    assert len(store.imported_files(event_id)) == 1

    revised = write(tmp_path / "undangan-revisi.csv",
                    ROSTER + "4,Rina,,Tenaga Honorer,Setda\n5,Dewi Lestari,,Tenaga Honorer,Setda\n")
    plan = plan_for_event(store, event_id, revised, today=TODAY)
    assert plan.earlier_import is None
    assert [a.name for a in plan.good_attendees()] == ["Dewi Lestari"]


def test_the_problem_list_as_a_csv_for_the_office(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, "1,Budi,12345,Staf,Setda\n", "2,,,Staf,Setda\n")
    data = problems_csv(plan.problems)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    assert data.decode("utf-8-sig").split("\r\n") == [
        "Lembar,Baris,Kolom,Isi sel,Masalah",
        'undangan,2,C,12345,"NIP harus 18 angka, tertulis 5 angka"',
        "undangan,3,B,,Nama kosong; baris tidak diimpor",
        "",
    ]
    assert problems_csv([]).decode("utf-8-sig") == "Lembar,Baris,Kolom,Isi sel,Masalah\r\n"


def test_the_problem_list_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch) -> None:
    roster = write(tmp_path / "undangan.csv", "No,Nama,NIP\n1,Budi,12345\n")
    plan = plan_import(roster, today=TODAY)
    target = tmp_path / "masalah.csv"
    target.write_bytes(b"the list sent last week")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_problems_csv(target, plan.problems)
    assert target.read_bytes() == b"the list sent last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["masalah.csv", "undangan.csv"]

    monkeypatch.undo()
    write_problems_csv(target, plan.problems)
    assert target.read_bytes() == problems_csv(plan.problems)
