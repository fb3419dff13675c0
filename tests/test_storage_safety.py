"""Where the data lives, said honestly: a mistyped path creates nothing, an empty file is not
set up behind the user's back, the files are the owner's alone, and a full disk, a read-only
medium or an unwritable folder each get their own message, for reads and writes, with no file
left behind that claims an export.

The full-disk and read-only cases run on a real small filesystem: a tmpfs mounted in a private
mount namespace (``unshare --user --map-root-user --mount``), which needs no privileges where
the kernel allows unprivileged user namespaces; elsewhere they are skipped with that reason.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import main
from events.files import read_limited
from events.logs import setup_logging, stop_logging
from events.store import Store, StoreError

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, capsys) -> tuple[int, dict]:
    code = main.main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- opening

def test_a_mistyped_db_path_creates_nothing_and_says_so(tmp_path, capsys):
    wrong = tmp_path / "salah" / "ketik.sqlite"
    code, answer = run("--db", str(wrong), "event", "list", capsys=capsys)
    assert code == 1
    assert answer["error"]["code"] == "missing"
    assert "tidak ada" in answer["error"]["message"] and "--create" in answer["error"]["message"]
    assert not wrong.parent.exists()  # not even its folder

    code, answer = run("--db", str(wrong), "--create", "event", "list", capsys=capsys)
    assert code == 0 and answer == {"events": []}
    assert wrong.is_file()


def test_an_empty_file_is_not_set_up_behind_the_users_back(tmp_path, capsys):
    empty = tmp_path / "kosong.sqlite"
    empty.write_bytes(b"")
    code, answer = run("--db", str(empty), "event", "list", capsys=capsys)
    assert code == 1 and answer["error"]["code"] == "empty_file"
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kosong.sqlite"]  # no -wal, no -shm


def test_pulling_from_a_mistyped_file_creates_nothing(tmp_path, capsys):
    here = tmp_path / "laptop.sqlite"
    Store.open(here).close()
    wrong = tmp_path / "tidak-ada" / "server.sqlite"
    code, answer = run("--db", str(here), "event", "pull", "1", "--from", str(wrong),
                       capsys=capsys)
    assert code == 1 and answer["error"]["code"] == "missing"
    assert not wrong.parent.exists()
    # Pushing to a new file is making a database: only when asked.
    code, answer = run("--db", str(here), "event", "push", "1", "--to", str(wrong),
                       capsys=capsys)
    assert code == 1 and answer["error"]["code"] == "missing"
    assert not wrong.parent.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_database_its_companions_and_its_folder_are_the_owners_only(tmp_path):
    old = os.umask(0o022)  # the usual umask: files 0644, folders 0755
    try:
        path = tmp_path / "data" / "ikrar.sqlite"
        store = Store.open(path)
        store.list_events()  # the -wal and -shm exist now
        for name in ("ikrar.sqlite", "ikrar.sqlite-wal", "ikrar.sqlite-shm"):
            assert mode(path.parent / name) == 0o600, name
        assert mode(path.parent) == 0o700
        store.close()

        older = tmp_path / "lama.sqlite"  # made by an earlier version, readable by everyone
        shutil.copyfile(path, older)
        os.chmod(older, 0o644)
        Store.open(older).close()
        assert mode(older) == 0o600
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_log_is_the_owners_only(tmp_path):
    stop_logging()
    old = os.umask(0o022)
    try:
        log = setup_logging(tmp_path / "log")
        assert log is not None and mode(log) == 0o600 and mode(log.parent) == 0o700
    finally:
        stop_logging()
        os.umask(old)


def test_a_huge_number_as_an_id_is_not_found_not_an_overflow(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite")
    code, answer = run("--db", db, "--create", "event", "show", "9" * 30, capsys=capsys)
    assert code == 1 and answer["error"]["code"] == "not_found"
    with pytest.raises(SystemExit) as stop:
        main.main(["--db", db, "export", "1", "--what", "certificates", "--out", "x.pdf",
                   "--attendee", "9" * 30, "--json"])
    assert stop.value.code == 2
    assert "antara 1 dan" in json.loads(capsys.readouterr().out)["error"]["message"]


@pytest.mark.parametrize("out, expected", [("", "--out kosong"), (".", "adalah folder")])
def test_out_that_names_no_file_is_a_usage_error(tmp_path, capsys, out, expected):
    db = str(tmp_path / "a.sqlite")
    assert main.main(["--db", db, "--create", "demo", "--json"]) == 0
    capsys.readouterr()
    code, answer = run("--db", db, "export", "1", "--what", "attendance", "--out",
                       str(tmp_path) if out == "." else out, capsys=capsys)
    assert code == 2 and expected in answer["error"]["message"]


# --- bounded reads

@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("args, code", [
    (["roster", "import", "1", "/dev/zero"], "file_too_large"),
    (["key", "import", "/dev/zero"], "unreadable_file"),
    (["event", "create", "--name", "X", "--date", "2024-01-01", "--logo", "/dev/zero"],
     "logo_unreadable"),
    (["verify", "/dev/zero"], None),
])
def test_an_endless_file_is_refused_in_bounded_memory(tmp_path, args, code):
    """Each command in its own process under a 1 GB address-space limit: reading /dev/zero
    whole would end in MemoryError (a traceback) instead of the message."""
    db = tmp_path / "a.sqlite"
    Store.open(db).close()
    subprocess.run([sys.executable, "main.py", "--db", str(db), "event", "create", "--name",
                    "Acara", "--date", "2024-01-01"], cwd=ROOT, check=True,
                   capture_output=True)
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
    done = subprocess.run(
        [sys.executable, "-c", limit + "import sys, main; sys.exit(main.main(sys.argv[1:]))",
         "--db", str(db), *args, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in done.stderr, done.stderr
    answer = json.loads(done.stdout)
    if code is None:
        assert done.returncode == 1 and answer["status"] == "unreadable"
    else:
        assert done.returncode == 1 and answer["error"]["code"] == code


def test_read_limited_stops_at_the_limit(tmp_path):
    small = tmp_path / "kecil.bin"
    small.write_bytes(b"x" * 100)
    assert read_limited(small, 100) == b"x" * 100
    with pytest.raises(OSError, match="lebih besar"):
        read_limited(small, 99)


# --- a full disk, a read-only medium, on a real filesystem

SCENARIO = textwrap.dedent("""
    import json, os, subprocess, sys
    mnt, out = sys.argv[1], {}
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt], check=True)
    db = os.path.join(mnt, "ikrar.sqlite")

    def cli(*args):
        done = subprocess.run([sys.executable, "main.py", "--db", db, *args, "--json"],
                              capture_output=True, text=True)
        return {"rc": done.returncode, "answer": json.loads(done.stdout or "null"),
                "traceback": "Traceback" in done.stderr}

    cli("--create", "demo")
    present = cli("roster", "list", "1")
    with open(os.path.join(mnt, "isi"), "wb") as fill:  # fill the disk to the last byte
        try:
            while True:
                fill.write(b"x" * 65536)
                fill.flush()
        except OSError:
            pass
    os.sync()
    out["full_read"] = cli("event", "list")
    out["full_checkin"] = cli("checkin", "1", "--name", "Budi")
    out["full_export"] = cli("export", "1", "--what", "attendance", "--out",
                             os.path.join(mnt, "dh.xlsx"))
    out["full_backup"] = cli("backup", "--out", os.path.join(mnt, "cadangan.sqlite"))
    out["full_files"] = sorted(os.listdir(mnt))
    os.unlink(os.path.join(mnt, "isi"))
    subprocess.run(["mount", "-o", "remount,ro", mnt], check=True)
    out["ro_read"] = cli("event", "list")
    outside = os.path.join(sys.argv[2], "dh-ro.xlsx")
    out["ro_export"] = cli("export", "1", "--what", "attendance", "--out", outside)
    out["ro_export_file"] = os.path.exists(outside)
    print(json.dumps(out))
""")


def unshare_available() -> str | None:
    """None when a private mount namespace can be made here, else the reason it cannot."""
    if shutil.which("unshare") is None:
        return "no unshare command"
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                          capture_output=True, text=True)
    return None if done.returncode == 0 else f"no user namespaces: {done.stderr.strip()}"


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs in a mount namespace: Linux only")
def test_a_full_disk_and_a_read_only_medium_each_get_their_own_message(tmp_path):
    reason = unshare_available()
    if reason:
        pytest.skip(reason)
    mnt = tmp_path / "stick"
    mnt.mkdir()
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO)
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", sys.executable, str(script),
         str(mnt), str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    for name in ("full_read", "full_checkin", "full_export", "full_backup", "ro_read",
                 "ro_export"):
        assert not out[name]["traceback"], name
    # Reading on a full disk: its own message, not "disk I/O error".
    assert out["full_read"]["answer"]["error"]["code"] == "disk_full_read"
    assert "Penyimpanan penuh" in out["full_read"]["answer"]["error"]["message"]
    # A check-in fails already opening the database (SQLite cannot grow its -shm): said as a
    # full disk all the same, and nothing is recorded.
    assert out["full_checkin"]["answer"]["error"]["code"] in ("disk_full", "disk_full_read")
    assert out["full_export"]["rc"] == 1 and out["full_backup"]["rc"] == 1
    # Nothing half-written was left: no export, no backup, no temporary file.
    assert out["full_files"] == ["ikrar.sqlite", "ikrar.sqlite-shm", "ikrar.sqlite-wal", "isi"]
    # A read-only medium: reading works; an export says the database is read-only and leaves
    # no file that the audit trail would not name.
    assert out["ro_read"]["rc"] == 0 and out["ro_read"]["answer"]["events"]
    assert out["ro_export"]["answer"]["error"]["code"] == "read_only"
    assert not out["ro_export_file"]


def test_an_unwritable_folder_is_named_as_such(tmp_path, monkeypatch):
    """SQLite says only "unable to open database file" when it cannot make its -wal and -shm
    beside the database; the message names the folder. (Permissions do not bind root, so the
    folder's answer to os.access is what is simulated here.)"""
    path = tmp_path / "ikrar.sqlite"
    Store.open(path).close()
    real_access = os.access

    def access(where, how, *args, **kwargs):
        if Path(where) == tmp_path and how == os.W_OK:
            return False
        return real_access(where, how, *args, **kwargs)

    from events import database

    monkeypatch.setattr(database.os, "access", access)
    found = database.refine(StoreError("unreachable", "unable to open database file"), path,
                            writing=False)
    assert found.code == "folder_read_only" and str(tmp_path) in found.message


def test_an_image_declaring_a_billion_pixels_is_unreadable_not_a_crash(tmp_path, capsys):
    """A 200-byte PNG whose header says 30,000 x 30,000: a certificate photo to verify, and a
    logo on the documents, are refused from the header, before any pixel is decoded."""
    import struct
    import zlib

    from pledges.documents.letterhead import logo_png, read_logo

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0,
                                                             0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    path = tmp_path / "foto.png"
    path.write_bytes(bomb)
    code, answer = run("--db", str(tmp_path / "a.sqlite"), "--create", "verify", str(path),
                       capsys=capsys)
    assert code == 1 and answer["status"] == "unreadable"
    assert read_logo(bomb) is None and logo_png(bomb, 100) is None
