"""API keys for the CRM: stored as the SHA-256 of the key, never the key itself.

A key is 32 random bytes (``secrets.token_urlsafe``), so a plain SHA-256 is enough: there is
nothing to guess that a slow password hash would protect. The lookup is by digest and the
digest is compared once more with :func:`hmac.compare_digest`.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import ApiKeyRow
from storage.repositories._common import utcnow


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiKeyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> ApiKeyRow | None:
        return self.session.scalar(select(ApiKeyRow).where(ApiKeyRow.name == name))

    def add(self, name: str, key: str, now: datetime | None = None) -> ApiKeyRow:
        """Store a new key under ``name`` (the caller checks the name is free)."""
        row = ApiKeyRow(
            name=name, key_hash=key_digest(key), prefix=key[:12], created_at=now or utcnow()
        )
        self.session.add(row)
        self.session.flush()
        return row

    def revoke(self, name: str, now: datetime | None = None) -> bool:
        """Revoke the active key ``name``; False when there is none."""
        result = self.session.execute(
            update(ApiKeyRow)
            .where(ApiKeyRow.name == name, ApiKeyRow.revoked_at.is_(None))
            .values(revoked_at=now or utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    def list(self) -> list[ApiKeyRow]:
        return list(self.session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.name)))

    def verify(self, key: str) -> ApiKeyRow | None:
        """The active key row matching ``key``, or None."""
        digest = key_digest(key)
        row = self.session.scalar(
            select(ApiKeyRow).where(ApiKeyRow.key_hash == digest, ApiKeyRow.revoked_at.is_(None))
        )
        if row is None or not hmac.compare_digest(row.key_hash, digest):
            return None
        return row
