"""Recognising an invitation scan among keystrokes, and the kiosk PIN.

A USB barcode scanner is a keyboard: it types the QR's text quickly and presses Enter, into
whatever field has the focus. The desk recognises a scan by its form ("IKR-" and a 16-character
token), not by the field, so a scan works wherever the cursor is.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

PREFIX = "IKR-"
_SCAN_RE = re.compile(re.escape(PREFIX) + r"([A-Z2-7]{16})$", re.IGNORECASE)
_TOKEN_RE = re.compile(r"^(?:" + re.escape(PREFIX) + r")?([A-Z2-7]{16})$", re.IGNORECASE)


def qr_payload(token: str) -> str:
    """What an invitation's QR code holds."""
    return PREFIX + token


def parse_token(text: str) -> str | None:
    """The token in a scanned or typed code ("IKR-ABCD...", "abcd..."), upper-cased, or None."""
    match = _TOKEN_RE.match(text.strip())
    return match.group(1).upper() if match else None


class ScanDetector:
    """Collects typed characters and says, at Enter, whether they ended with a scanned code.

    Characters more than ``idle_ms`` apart start a new burst, so a half-typed name never joins
    a later scan. Times are in milliseconds from any monotonic clock.
    """

    def __init__(self, idle_ms: float = 1000.0):
        self.idle_ms = idle_ms
        self._chars: list[str] = []
        self._last: float | None = None

    def key(self, text: str, t_ms: float) -> None:
        if self._last is not None and t_ms - self._last > self.idle_ms:
            self._chars.clear()
        self._chars.append(text)
        self._last = t_ms
        if len(self._chars) > 64:
            del self._chars[:-64]

    def enter(self, t_ms: float) -> str | None:
        """At Enter: the token when the burst ends with a scan, else None. Resets the burst."""
        stale = self._last is not None and t_ms - self._last > self.idle_ms
        text = "" if stale else "".join(self._chars)
        self.reset()
        match = _SCAN_RE.search(text)
        return match.group(1).upper() if match else None

    def pending(self) -> str:
        return "".join(self._chars)

    def reset(self) -> None:
        self._chars.clear()
        self._last = None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """A PIN stored as 'salt$hash' (PBKDF2-SHA256), never in clear."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, 100_000)
    return salt.hex() + "$" + digest.hex()


def check_pin(pin: str, stored: str) -> bool:
    try:
        salt_hex, digest_hex = stored.split("$", 1)
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, 100_000)
    return hmac.compare_digest(digest.hex(), digest_hex)


def valid_pin(pin: str) -> bool:
    """A kiosk PIN is 4 to 8 digits."""
    return pin.isdigit() and 4 <= len(pin) <= 8
