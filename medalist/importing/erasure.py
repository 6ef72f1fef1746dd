"""Keyed hashes that stop an erased person from being imported again.

``medalist erase`` (the privacy issue) deletes a person and keeps only these digests of their
``external_id`` and e-mails; the import skips, and reports, anyone whose digest is stored.

The key is a constant for now (:data:`ERASURE_KEY`); the privacy issue moves it into the
settings. Changing it makes the stored digests unrecognisable, so it must then stay fixed.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

ERASURE_KEY = b"medalist-erasure-v1"


def erasure_digest(kind: str, value: str, key: bytes = ERASURE_KEY) -> str:
    """HMAC-SHA256 of a normalised ``external_id`` or e-mail (case-folded, trimmed)."""
    normalised = value.strip().casefold() if kind == "email" else value.strip()
    message = f"{kind}:{normalised}".encode()
    return "hmac-sha256:" + hmac.new(key, message, hashlib.sha256).hexdigest()


def erasure_digests(
    external_id: str, emails: Iterable[str] = (), key: bytes = ERASURE_KEY
) -> list[tuple[str, str]]:
    """``(kind, digest)`` pairs for a person: their ``external_id`` and each e-mail."""
    pairs = [("external_id", erasure_digest("external_id", external_id, key))]
    pairs.extend(("email", erasure_digest("email", e, key)) for e in emails if e.strip())
    return pairs
