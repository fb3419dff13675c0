"""Recognising scans among keystrokes, invitation codes, and the kiosk PIN."""

from events.scan import ScanDetector, check_pin, hash_pin, parse_token, qr_payload, valid_pin

TOKEN = "ABCDEFGHJKLMN234"


def type_text(detector: ScanDetector, text: str, start: float, gap: float) -> float:
    t = start
    for ch in text:
        detector.key(ch, t)
        t += gap
    return t


def test_a_scanner_burst_ending_in_enter_is_recognised():
    detector = ScanDetector()
    end = type_text(detector, qr_payload(TOKEN), 0, 4)
    assert detector.enter(end) == TOKEN


def test_a_scan_after_half_typed_search_text_is_still_recognised():
    detector = ScanDetector()
    t = type_text(detector, "bud", 0, 150)
    end = type_text(detector, qr_payload(TOKEN), t + 50, 3)
    assert detector.enter(end) == TOKEN


def test_caps_lock_inverted_case_is_recognised():
    detector = ScanDetector()
    end = type_text(detector, qr_payload(TOKEN).lower(), 0, 4)
    assert detector.enter(end) == TOKEN


def test_a_typed_name_is_not_a_scan():
    detector = ScanDetector()
    end = type_text(detector, "budi santoso", 0, 120)
    assert detector.enter(end) is None


def test_a_wrong_length_code_is_not_a_scan():
    detector = ScanDetector()
    end = type_text(detector, "IKR-ABCDEFGH", 0, 4)
    assert detector.enter(end) is None


def test_enter_resets_so_the_next_scan_stands_alone():
    detector = ScanDetector()
    end = type_text(detector, qr_payload(TOKEN), 0, 4)
    assert detector.enter(end) == TOKEN
    assert detector.enter(end + 10) is None
    assert detector.pending() == ""


def test_characters_left_long_ago_do_not_join_a_later_code():
    detector = ScanDetector(idle_ms=500)
    type_text(detector, "IKR-ABCDEFGH", 0, 4)
    end = type_text(detector, "JKLMN234", 5000, 4)  # a person typing the rest much later
    assert detector.enter(end) is None


def test_parse_token_accepts_prefix_and_any_case_and_rejects_others():
    assert parse_token("IKR-" + TOKEN) == TOKEN
    assert parse_token(" ikr-" + TOKEN.lower() + " ") == TOKEN
    assert parse_token(TOKEN) == TOKEN
    assert parse_token("IKR-ABC") is None
    assert parse_token("198303242009051003") is None  # a NIP is never a token


def test_pin_is_stored_hashed_and_checked():
    stored = hash_pin("482913")
    assert "482913" not in stored
    assert check_pin("482913", stored)
    assert not check_pin("482914", stored)
    assert not check_pin("482913", "garbage")
    assert hash_pin("482913") != stored  # salted


def test_pin_rules():
    assert valid_pin("1234") and valid_pin("12345678")
    assert not valid_pin("123") and not valid_pin("123456789") and not valid_pin("12a4")
