"""Recruiter logins and their browser sessions.

The password arrives here already hashed (the KDF is the application's choice,
:mod:`medalist.passwords`). A session's cookie is 32 random bytes, so, like an API key, it is
stored as its SHA-256 and looked up by that digest; expired sessions are never returned.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import UserRow, WebSessionRow
from storage.repositories._common import utcnow


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> UserRow | None:
        return self.session.scalar(select(UserRow).where(UserRow.name == name))

    def add(self, name: str, password_hash: str, now: datetime | None = None) -> UserRow:
        """Store a new user (the caller checks the name is free)."""
        row = UserRow(name=name, password_hash=password_hash, created_at=now or utcnow())
        self.session.add(row)
        self.session.flush()
        return row

    def set_password(self, row: UserRow, password_hash: str) -> None:
        row.password_hash = password_hash
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
        self.session.flush()

    def delete(self, name: str) -> bool:
        """Delete the user and (by cascade) every session of theirs; False when none."""
        row = self.get(name)
        if row is None:
            return False
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
        self.session.delete(row)
        self.session.flush()
        return True

    def list(self) -> list[UserRow]:
        return list(self.session.scalars(select(UserRow).order_by(UserRow.name)))

    def start_session(
        self, user: UserRow, token: str, csrf_token: str, *, expires_at: datetime, now: datetime
    ) -> WebSessionRow:
        user.last_login_at = now
        row = WebSessionRow(
            token_hash=token_digest(token),
            user_id=user.id,
            csrf_token=csrf_token,
            created_at=now,
            expires_at=expires_at,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def live_session(self, token: str, now: datetime | None = None) -> WebSessionRow | None:
        """The unexpired session whose cookie is ``token``, or None."""
        digest = token_digest(token)
        row = self.session.scalar(
            select(WebSessionRow).where(
                WebSessionRow.token_hash == digest, WebSessionRow.expires_at > (now or utcnow())
            )
        )
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            return None
        return row

    def end_session(self, token: str) -> bool:
        result = self.session.execute(
            delete(WebSessionRow).where(WebSessionRow.token_hash == token_digest(token))
        )
        return bool(getattr(result, "rowcount", 0))

    def purge_expired(self, now: datetime | None = None) -> int:
        result = self.session.execute(
            delete(WebSessionRow).where(WebSessionRow.expires_at <= (now or utcnow()))
        )
        return int(getattr(result, "rowcount", 0) or 0)
