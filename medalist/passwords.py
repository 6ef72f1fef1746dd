"""Password hashing for recruiter logins: scrypt (RFC 7914) from the standard library.

A hash is stored as ``scrypt$<n>$<r>$<p>$<salt b64>$<key b64>`` so the cost can be raised
later and old hashes still verify. The default cost (n=2**15, r=8, p=1: 32 MiB, ~0.1 s) is
the OWASP password-storage recommendation for scrypt.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

N, R, P = 2**15, 8, 1
KEY_BYTES = 32
SALT_BYTES = 16
MIN_LENGTH = 8
MAX_LENGTH = 1024


def _kdf(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r + 2**20,
        dklen=KEY_BYTES,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _kdf(password, salt, n, r, p)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _kdf(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@functools.cache
def dummy_hash() -> str:
    """Verified against when a login names no such user, so a wrong name costs as long as a
    wrong password (the answer's timing does not tell which names exist)."""
    return hash_password(secrets.token_urlsafe(16))
