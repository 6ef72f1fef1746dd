"""Recruiter logins for the pages under ``/ui/``: users (``medalist user create|delete``),
sign-in with a KDF-hashed password, and browser sessions that each carry a CSRF token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from enrichment.model import utcnow
from medalist.passwords import MAX_LENGTH, MIN_LENGTH, dummy_hash, hash_password, verify_password
from medalist.services import Sessions
from medalist.services.errors import Conflict, InvalidRequest, NotFound
from storage.models import MAX_KEY_LENGTH
from storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class WebSession:
    """A signed-in browser: the cookie value (only here, when it starts), whose it is, and
    the token its forms must send back."""

    token: str
    user: str
    csrf_token: str
    expires_at: datetime


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_KEY_LENGTH or any(c.isspace() for c in name):
        raise InvalidRequest(
            f"a user name is 1 to {MAX_KEY_LENGTH} characters without spaces", field="name"
        )
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidRequest(
            f"the password is too short: use at least {MIN_LENGTH} characters", field="password"
        )
    if len(password) > MAX_LENGTH:
        raise InvalidRequest(
            f"the password is too long: at most {MAX_LENGTH} characters", field="password"
        )


def create(sessions: Sessions, name: str, password: str, *, replace: bool = False) -> str:
    """A new user ``name``; with ``replace`` an existing one gets the new password (and is
    signed out everywhere). Returns the name stored."""
    name = _name(name)
    check_password(password)
    hashed = hash_password(password)
    with UnitOfWork(sessions) as uow:
        existing = uow.users.get(name)
        if existing is not None and not replace:
            raise Conflict(
                f"a user named {name!r} exists; delete it or pass --replace to set a new password",
                code="user_exists",
            )
        if existing is not None:
            uow.users.set_password(existing, hashed)
        else:
            uow.users.add(name, hashed)
        uow.commit()
    return name


def delete(sessions: Sessions, name: str) -> None:
    """Delete user ``name`` and sign them out everywhere."""
    with UnitOfWork(sessions) as uow:
        if not uow.users.delete(name.strip()):
            raise NotFound(
                f"no user named {name!r} (see 'medalist user list')", code="user_not_found"
            )
        uow.commit()


def listed(sessions: Sessions) -> list[tuple[str, datetime, datetime | None]]:
    """``(name, created_at, last_login_at)`` of every user."""
    with UnitOfWork(sessions) as uow:
        return [(u.name, u.created_at, u.last_login_at) for u in uow.users.list()]


def sign_in(
    sessions: Sessions,
    name: str,
    password: str,
    *,
    lifetime: timedelta,
    now: datetime | None = None,
) -> WebSession | None:
    """A new session when ``password`` is ``name``'s, else None (the same time either way)."""
    now = now or utcnow()
    if len(password) > MAX_LENGTH:
        return None
    with UnitOfWork(sessions) as uow:
        user = uow.users.get(name.strip()) if name.strip() else None
        if not verify_password(password, user.password_hash if user else dummy_hash()):
            return None
        if user is None:  # pragma: no cover - the dummy hash matches no password
            return None
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        uow.users.purge_expired(now)
        uow.users.start_session(user, token, csrf, expires_at=now + lifetime, now=now)
        uow.commit()
        return WebSession(token=token, user=user.name, csrf_token=csrf, expires_at=now + lifetime)


def session_for(sessions: Sessions, token: str) -> WebSession | None:
    """The live session of cookie ``token`` (its ``token`` is the one given), or None."""
    if not token or len(token) > 200:
        return None
    with UnitOfWork(sessions) as uow:
        row = uow.users.live_session(token)
        if row is None:
            return None
        return WebSession(
            token=token, user=row.user.name, csrf_token=row.csrf_token, expires_at=row.expires_at
        )


def sign_out(sessions: Sessions, token: str) -> None:
    with UnitOfWork(sessions) as uow:
        uow.users.end_session(token)
        uow.commit()
