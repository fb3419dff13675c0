"""The organizer's seal key (pledges/keys.py): made once, stored only encrypted, unlocked with the
passphrase; what the organizer is told for a wrong passphrase, a short one, a damaged key or no
key; the public half exported and recognised elsewhere."""

from __future__ import annotations

import base64
import json
import time
from datetime import date

import pytest
import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

import main
from events.categories import Category
from events.model import Attendee, Event
from events.store import Store
from pledges import keys
from pledges.audit import verify_chain
from pledges.demo import synthetic_signature
from pledges.keys import (
    SealKeyError,
    add_public_key,
    create_key,
    export_public_key,
    fingerprint_of,
    format_fingerprint,
    key_info,
    known_public_keys,
    list_keys,
    read_public_key_file,
    unlock,
)
from pledges.seal import seals_of
from pledges.signatures import sign
from pledges.texts import use_template
from pledges.verify import verify_seal

PASS = "kata-sandi-uji"


def _stored_private(store) -> str:
    with store.connection() as conn:
        return conn.exec_driver_sql("SELECT private_key FROM seal_keys").scalar()


def _set_private(store, value) -> None:
    with store.transaction() as conn:
        conn.execute(sa.text("UPDATE seal_keys SET private_key = :v"), {"v": value})


def test_create_then_unlock_gives_the_same_key(store):
    made = create_key(store, PASS, "Kesbangpol Kota Bekasi")
    opened = unlock(store, PASS)
    assert opened.fingerprint == made.fingerprint == fingerprint_of(opened.public_raw)
    assert opened.public_raw == made.public_raw
    assert len(opened.fingerprint) == 16
    assert opened.display == format_fingerprint(opened.fingerprint)
    assert len(opened.display) == 19 and opened.display.count("-") == 3
    # The unlocked key signs what the stored public key verifies.
    known = known_public_keys(store)
    known[opened.fingerprint].verify(opened.sign(b"data"), b"data")
    info = key_info(store)
    assert (info.fingerprint, info.label, info.has_private) == (
        made.fingerprint, "Kesbangpol Kota Bekasi", True)
    # The self-signed certificate PDF readers show names the organizer and the key.
    subject = opened.certificate.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == \
        "Kesbangpol Kota Bekasi"
    assert made.fingerprint in subject.get_attributes_for_oid(
        NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value
    assert opened.certificate.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw) == opened.public_raw
    opened.certificate.public_key().verify(opened.certificate.signature,
                                           opened.certificate.tbs_certificate_bytes)


def test_the_private_key_is_stored_only_encrypted(store):
    made = create_key(store, PASS)
    stored = base64.b64decode(_stored_private(store))
    private_raw = made.private.private_bytes(serialization.Encoding.Raw,
                                             serialization.PrivateFormat.Raw,
                                             serialization.NoEncryption())
    assert private_raw not in stored
    assert PASS.encode() not in stored


def test_key_creation_is_in_the_installation_audit_trail(store):
    made = create_key(store, PASS, actor="Rina")
    report = verify_chain(store, 0)
    assert report.intact
    assert report.actions.get("key_created") == 1
    from events.audit import entries

    with store.connection() as conn:
        last = entries(conn, 0)[-1].content
    assert last["action"] == "key_created" and last["by"] == "Rina"
    assert last["data"]["fingerprint"] == made.fingerprint
    assert base64.b64decode(last["data"]["public_key"]) == made.public_raw


def test_wrong_passphrase_is_told_and_nothing_is_sealed(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "k.sqlite")
    monkeypatch.setenv("IKRAR_KEY_PASSPHRASE", PASS)
    assert main.main(["--db", db, "key", "create", "--json"]) == 0
    assert main.main(["--db", db, "demo", "--json"]) == 0
    capsys.readouterr()
    store = Store.open(db)
    try:
        event_id = store.list_events()[0].id
        with pytest.raises(SealKeyError) as caught:
            unlock(store, "kata-sandi-lain")
        assert caught.value.code == "wrong_passphrase"
        assert caught.value.message == "Kata sandi kunci segel salah"
        monkeypatch.setenv("IKRAR_KEY_PASSPHRASE", "kata-sandi-lain")
        assert main.main(["--db", db, "seal", str(event_id), "--json"]) == 1
        error = json.loads(capsys.readouterr().out)["error"]
        assert error["code"] == "wrong_passphrase"
        assert seals_of(store, event_id) == {}
        # The right one seals them.
        monkeypatch.setenv("IKRAR_KEY_PASSPHRASE", PASS)
        assert main.main(["--db", db, "seal", str(event_id), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["sealed"] == len(seals_of(store, event_id)) > 0
    finally:
        store.close()


@pytest.mark.parametrize("passphrase", ["", "1234567", "       "[:7], None])
def test_a_short_passphrase_is_refused_and_no_key_is_made(store, passphrase):
    with pytest.raises(SealKeyError) as caught:
        create_key(store, passphrase)
    assert caught.value.code == "weak_passphrase"
    assert caught.value.message == "Kata sandi kunci segel minimal 8 karakter"
    assert list_keys(store) == []
    assert verify_chain(store, 0).actions.get("key_created") is None


def test_eight_characters_are_enough(store):
    create_key(store, "12345678")
    assert unlock(store, "12345678").fingerprint == key_info(store).fingerprint


@pytest.mark.parametrize("garbage", [
    "this is not base64 !!",
    base64.b64encode(b"\x00" * 300).decode(),
    base64.b64encode(b"random garbage that is not a PKCS#12 container").decode(),
    "",
])
def test_a_corrupt_stored_key_is_told_apart_from_a_wrong_passphrase(store, garbage):
    create_key(store, PASS)
    _set_private(store, garbage)
    with pytest.raises(SealKeyError) as caught:
        unlock(store, PASS)
    assert caught.value.code == "corrupt_key"
    assert caught.value.message.startswith("Kunci segel tersimpan rusak")


def test_a_truncated_stored_key_is_corrupt(store):
    create_key(store, PASS)
    prefix, log2, salt, container = _stored_private(store).split("$")
    short = base64.b64encode(base64.b64decode(container)[:-40]).decode()
    _set_private(store, "$".join((prefix, log2, salt, short)))
    with pytest.raises(SealKeyError) as caught:
        unlock(store, PASS)
    assert caught.value.code == "corrupt_key"


def test_a_stored_key_of_another_public_key_is_corrupt(store):
    create_key(store, PASS)
    with store.transaction() as conn:
        conn.execute(sa.text("UPDATE seal_keys SET public_key = :v"), {"v": b"\x01" * 32})
    with pytest.raises(SealKeyError) as caught:
        unlock(store, PASS)
    assert caught.value.code == "corrupt_key"


def test_no_key_yet(store):
    assert key_info(store) is None and list_keys(store) == []
    for attempt in (lambda: unlock(store, PASS),
                    lambda: export_public_key(store, store.location + ".pem")):
        with pytest.raises(SealKeyError) as caught:
            attempt()
        assert caught.value.code == "no_key"
        assert caught.value.message == "Belum ada kunci segel; buat kunci segel dulu"


def test_a_wrong_passphrase_costs_as_much_as_the_right_one(store, monkeypatch):
    """Every guess runs scrypt (2^17, r=8): at least 0.2 s here, for a wrong passphrase as for
    the right one; and the container inside is locked by the derived 256-bit secret, so its
    cheap integrity check (2,048 rounds) tells nothing about a guessed passphrase."""
    monkeypatch.undo()  # the suite lowers it (tests/conftest.py); this test keeps the real one
    assert keys.SCRYPT_LOG2 == 17
    create_key(store, PASS)
    stored = _stored_private(store)
    prefix, log2, salt, container = stored.split("$")
    assert (prefix, log2) == ("IKS1", "17")
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(base64.b64decode(container), PASS.encode())
    for guess in ("salah-satu", PASS + "x"):
        started = time.perf_counter()
        with pytest.raises(SealKeyError) as caught:
            unlock(store, guess)
        assert caught.value.code == "wrong_passphrase"
        assert time.perf_counter() - started >= 0.2
    started = time.perf_counter()
    assert unlock(store, PASS).fingerprint == key_info(store).fingerprint
    assert time.perf_counter() - started >= 0.2


def test_a_key_stored_in_the_earlier_form_opens_and_is_stored_again(store):
    """A container whose password is the passphrase itself (as stored before) still opens with
    it, and is then stored in the current form; the key and its seals are the same."""
    made = create_key(store, PASS)
    encryption = (serialization.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(1000)
                  .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
                  .hmac_hash(hashes.SHA256()).build(PASS.encode()))
    old = pkcs12.serialize_key_and_certificates(made.fingerprint.encode(), made.private,
                                                made.certificate, None, encryption)
    _set_private(store, base64.b64encode(old).decode())
    with pytest.raises(SealKeyError) as caught:
        unlock(store, "bukan-sandinya")
    assert caught.value.code == "wrong_passphrase"
    assert _stored_private(store) == base64.b64encode(old).decode()
    opened = unlock(store, PASS)
    assert opened.public_raw == made.public_raw
    assert _stored_private(store).startswith("IKS1$")
    assert unlock(store, PASS).sign(b"x") == made.sign(b"x")


def test_the_newest_key_seals_and_an_older_one_still_unlocks_by_fingerprint(store):
    first = create_key(store, PASS)
    second = create_key(store, "kata-sandi-kedua")
    assert key_info(store).fingerprint == second.fingerprint
    assert unlock(store, "kata-sandi-kedua").fingerprint == second.fingerprint
    assert unlock(store, PASS, first.display).fingerprint == first.fingerprint
    assert set(known_public_keys(store)) == {first.fingerprint, second.fingerprint}


# -- the public half ------------------------------------------------------------------------------


def test_public_key_export_then_another_installation_verifies(tmp_path):
    here = Store.open(tmp_path / "here.sqlite")
    there = Store.open(tmp_path / "there.sqlite")
    try:
        made = create_key(here, PASS)
        event = here.create_event(Event(name="Ikrar", event_date=date(2024, 2, 1)))
        person = here.add_attendees(event.id, [Attendee("Ani", Category.TAMU)])[0]
        use_template(here, event.id, "netralitas_asn_2024")
        signature = sign(here, event.id, person.id, synthetic_signature(1, 600, 300), 600, 300,
                         seal_key=made)
        sealed = seals_of(here, event.id)[signature.id]
        pem = tmp_path / "kunci.pem"
        assert export_public_key(here, pem) == made.fingerprint
        assert pem.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
        assert read_public_key_file(pem)[0] == made.fingerprint

        assert verify_seal(sealed, known_public_keys(there)).status == "unknown_key"
        assert add_public_key(there, pem, "Kota Bekasi") == made.fingerprint
        assert add_public_key(there, pem) == made.fingerprint  # twice: still one key
        assert [(k.fingerprint, k.has_private) for k in list_keys(there)] == [
            (made.fingerprint, False)]
        assert verify_seal(sealed, known_public_keys(there)).status == "authentic"
        # A public key alone cannot seal.
        assert key_info(there) is None
        with pytest.raises(SealKeyError) as caught:
            unlock(there, PASS, made.fingerprint)
        assert caught.value.code == "public_only"
        with pytest.raises(SealKeyError) as caught:
            unlock(there, PASS)
        assert caught.value.code == "no_key"
    finally:
        here.close()
        there.close()


def test_a_raw_32_byte_public_key_file_is_read(tmp_path):
    from tests.sealing import fixed_key

    path = tmp_path / "raw.key"
    path.write_bytes(fixed_key().public_raw)
    assert read_public_key_file(path)[0] == fixed_key().fingerprint


def test_what_is_not_an_ed25519_public_key_is_refused(tmp_path):
    rsa_pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key() \
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    cases = {"rsa.pem": rsa_pem, "text.pem": b"hello", "empty.pem": b""}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(SealKeyError) as caught:
            read_public_key_file(tmp_path / name)
        assert caught.value.code == "bad_public_key", name
        assert caught.value.message.startswith("Berkas ini bukan kunci publik Ikrar")
    with pytest.raises(SealKeyError) as caught:
        read_public_key_file(tmp_path / "missing.pem")
    assert caught.value.code == "unreadable_file"


def test_key_commands(tmp_path, capsys, passphrase):
    db = str(tmp_path / "cli.sqlite")
    assert main.main(["--db", db, "key", "create", "--label", "Kesbangpol", "--json"]) == 0
    fingerprint = json.loads(capsys.readouterr().out)["fingerprint"]
    assert main.main(["--db", db, "key", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["keys"]
    assert [(k["fingerprint"], k["label"], k["can_seal"], k["sealing"]) for k in listed] == [
        (fingerprint, "Kesbangpol", True, True)]
    pem = tmp_path / "pub.pem"
    assert main.main(["--db", db, "key", "export", "--out", str(pem), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fingerprint"] == fingerprint
    other = str(tmp_path / "other.sqlite")
    assert main.main(["--db", other, "key", "import", str(pem), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fingerprint"] == fingerprint
    assert main.main(["--db", other, "key", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["keys"]
    assert [(k["can_seal"], k["sealing"]) for k in listed] == [(False, False)]


def test_x509_certificate_is_valid_ten_years(store):
    made = create_key(store, PASS)
    certificate: x509.Certificate = made.certificate
    span = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert 3650 <= span.days <= 3656
