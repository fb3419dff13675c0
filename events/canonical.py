"""The one canonical byte form of the records Ikrar hashes and signs.

RFC 8785 JSON for the values Ikrar keeps in records: objects with ASCII keys, strings, integers,
booleans, null and lists (no floats). For those, Python's ``json`` with sorted keys, no spaces and
UTF-8 text gives exactly the RFC 8785 bytes; the tests pin known records to known digests so that
the form can never drift between versions or platforms.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["canonical_json", "sha256_hex"]


def canonical_json(value: Any) -> bytes:
    """``value`` as canonical JSON bytes (floats are refused: they have no single form)."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _refuse_floats(value: object) -> None:
    if isinstance(value, float):
        raise TypeError("canonical records hold no floats")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("canonical record keys are strings")
            _refuse_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _refuse_floats(item)
