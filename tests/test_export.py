"""The one export path (pledges/documents/export.py) and the exporters' registry: sealing what is
pending, the scopes, atomic writing, the audit entry, cancelling, and the record read in one
transaction. No Qt."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

import pytest

from events import audit
from events.checkins import Desk, Method
from events.demo import open_demo
from events.types import now
from pledges.demo import complete_demo
from pledges.documents import collect, record
from pledges.documents.certificates import CertificateError
from pledges.documents.export import (
    EVERYONE,
    ExportCancelled,
    LastMinutes,
    OnePerson,
    SealKeyNeeded,
    build,
    export,
    seal_if_needed,
)
from pledges.documents.registry import EXPORTERS, KINDS, exporter
from pledges.keys import create_key
from pledges.seal import seals_of


@pytest.fixture
def demo(store):
    """The demo event with its signatures not sealed yet (as made before a key was unlocked)."""
    event = open_demo(store)
    complete_demo(store, event, seal=False)
    return store, event.id


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _exports(store, event_id) -> list[dict]:
    with store.connection() as conn:
        return [json.loads(e.body)["data"] for e in audit.entries(conn, event_id)
                if json.loads(e.body)["action"] == "export"]


def test_the_registry_lists_every_kind_the_command_line_and_menu_offer():
    assert KINDS == ("certificates", "attendance", "attendance-pdf", "attendance-blank",
                     "minutes", "public", "public-csv")
    assert [e.suffix for e in EXPORTERS.values()] == [
        "Surat_Pernyataan.pdf", "Daftar_Hadir.xlsx", "Daftar_Hadir.pdf", "Daftar_Hadir_Kosong.pdf",
        "Berita_Acara.pdf", "Daftar_Publik.pdf", "Daftar_Publik.csv"]
    assert [e.kind for e in EXPORTERS.values() if e.per_person] == ["certificates"]
    assert exporter("public-csv").extension == ".csv"
    with pytest.raises(KeyError):
        exporter("nothing")


@pytest.mark.parametrize("kind, magic", [("attendance", b"PK"), ("attendance-pdf", b"%PDF"),
                                         ("attendance-blank", b"%PDF"), ("minutes", b"%PDF"),
                                         ("public", b"%PDF"), ("public-csv", b"\xef\xbb\xbf")])
def test_a_document_is_written_and_entered_in_the_audit_trail(demo, tmp_path, kind, magic):
    store, event_id = demo
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / f"doc{exporter(kind).extension}"
    result = export(store, event_id, kind, out)
    data = out.read_bytes()
    assert data.startswith(magic)
    assert result.files == [str(out)] and result.kind == kind and result.sealed == 0
    entries = _exports(store, event_id)
    if kind == "minutes":  # the figures it states, and its revision
        assert entries[0].pop("revision") == 1 and len(entries[0].pop("figures")) == 64
    assert entries == [
        {"what": kind, "files": [[out.name, hashlib.sha256(data).hexdigest()]]}]
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_certificates_need_the_key_while_signatures_wait_for_their_seal(demo, tmp_path):
    store, event_id = demo
    out = tmp_path / "sertifikat.pdf"
    with pytest.raises(SealKeyNeeded) as raised:
        export(store, event_id, "certificates", out)
    pending = len(collect(store, event_id).signatures) + 1  # and the witness's
    assert raised.value.pending == pending and not out.exists()
    assert _exports(store, event_id) == []
    # The other documents carry no seal: they are made without the key.
    export(store, event_id, "minutes", tmp_path / "ba.pdf")
    key = create_key(store, "kata-sandi-uji")
    result = export(store, event_id, "certificates", out, key=key)
    assert result.sealed == pending and len(seals_of(store, event_id)) == pending
    assert out.read_bytes().startswith(b"%PDF")
    assert seal_if_needed(store, event_id, "certificates") == 0  # nothing pending any more


def test_one_file_per_person_in_a_folder(demo, tmp_path):
    store, event_id = demo
    key = create_key(store, "kata-sandi-uji")
    folder = tmp_path / "sertifikat"
    result = export(store, event_id, "certificates", folder, key=key, combined=False)
    assert len(result.files) == len(collect(store, event_id).signatures)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.rsplit("/", 1)[-1] for p in result.files)
    [entry] = _exports(store, event_id)
    assert entry["what"] == "certificates" and len(entry["files"]) == len(result.files)


def test_scopes_choose_whose_certificates(demo):
    store, event_id = demo
    seal_if_needed(store, event_id, "certificates", create_key(store, "kata-sandi-uji"))
    record_ = collect(store, event_id)
    signed = [a.id for a in record_.attendees if a.id in record_.signatures]
    assert EVERYONE.ids(record_, now()) is None
    assert OnePerson(signed[1]).ids(record_, now()) == [signed[1]]
    unsigned = next(a.id for a in record_.attendees if a.id not in record_.signatures)
    assert OnePerson(unsigned).ids(record_, now()) == []
    assert OnePerson(None).ids(record_, now()) == []
    assert LastMinutes(15).ids(record_, now()) == signed  # in document order
    assert LastMinutes(15).ids(record_, now() + timedelta(hours=1)) == []
    _, one = build(store, event_id, "certificates", scope=OnePerson(signed[0]))
    _, everyone = build(store, event_id, "certificates")
    assert (pages(one), pages(everyone)) == (1, len(signed))
    with pytest.raises(CertificateError):
        build(store, event_id, "certificates", scope=OnePerson(unsigned))


def test_a_list_document_refuses_a_scope(demo, tmp_path):
    store, event_id = demo
    with pytest.raises(ValueError, match="semua peserta"):
        export(store, event_id, "minutes", tmp_path / "ba.pdf", scope=LastMinutes(5))
    assert not (tmp_path / "ba.pdf").exists()


def test_cancelling_writes_nothing_and_records_nothing(demo, tmp_path):
    store, event_id = demo
    (tmp_path / "out").mkdir()
    seen = []

    def progress(done, total):
        seen.append(done)

    with pytest.raises(ExportCancelled):
        export(store, event_id, "attendance", tmp_path / "out" / "dh.xlsx",
               progress=progress, cancelled=lambda: bool(seen))
    assert seen and list((tmp_path / "out").iterdir()) == [] and _exports(store, event_id) == []


def test_the_signer_turns_the_bytes_written(demo, tmp_path):
    store, event_id = demo
    out = tmp_path / "daftar.pdf"
    export(store, event_id, "public", out, sign=lambda data: data + b"%signed\n")
    assert out.read_bytes().endswith(b"%signed\n")


@pytest.mark.sqlite_only
def test_the_record_is_read_in_one_transaction(demo, monkeypatch):
    """A check-in another desk commits while the record is being read shows nowhere in it:
    not in the list of who came, not in the counts."""
    store, event_id = demo
    before = collect(store, event_id)
    newcomer = next(a for a in before.attendees if a.id not in before.checkins)
    read_signatures = record.current_signatures

    def signatures_then_a_check_in(store_, event_id_):
        found = read_signatures(store_, event_id_)
        Desk(store, event_id, "Meja 9").check_in(newcomer.id, Method.SEARCH)
        return found

    monkeypatch.setattr(record, "current_signatures", signatures_then_a_check_in)
    during = collect(store, event_id)
    assert newcomer.id not in during.checkins
    assert during.counts.present_total == before.counts.present_total
    monkeypatch.undo()
    after = collect(store, event_id)
    assert newcomer.id in after.checkins
    assert after.counts.present_total == before.counts.present_total + 1

